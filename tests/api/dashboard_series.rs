//! `series`: buckets of Asia/Shanghai days, weeks and months against the hand-counted
//! requests of `dashboard_support` (C falls on the 14th in Shanghai, the 13th in UTC),
//! scoping, and bad input (from after to, unknown area, too many buckets, indicators
//! with no series).

use chrono::{Duration, TimeZone, Utc};
use serde_json::{Value, json};

use crate::dashboard_support::six_requests;
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const SERIES: &str = "query($area: ID!, $indicator: Indicator!, $bucket: BucketSize!,
    $from: DateTime!, $to: DateTime!) {
    series(areaId: $area, indicator: $indicator, bucket: $bucket, from: $from, to: $to) {
        date from to value { value numerator denominator } } }";

/// 2026-06-10 00:00 to 2026-06-16 00:00 in Shanghai.
fn week_of_the_fixture() -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    let from = Utc.with_ymd_and_hms(2026, 6, 9, 16, 0, 0).unwrap();
    (from, from + Duration::days(6))
}

async fn series(app: &TestApp, token: &str, area: &str, indicator: &str, bucket: &str) -> Value {
    let (from, to) = week_of_the_fixture();
    let variables = json!({ "area": area, "indicator": indicator, "bucket": bucket,
        "from": from, "to": to });
    let (_, body) = app.graphql_as(token, SERIES, variables).await;
    body
}

fn points(body: &Value) -> Vec<Value> {
    body["data"]["series"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"))
        .clone()
}

#[tokio::test]
async fn days_weeks_and_months_count_by_the_shanghai_calendar() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let staff = app.staff_token().to_owned();
    let community = gid("Community", 1);
    let days = points(&series(&app, &staff, &community, "REQUESTS_SUBMITTED", "DAY").await);
    let dates: Vec<&str> = days.iter().map(|p| p["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2026-06-10",
            "2026-06-11",
            "2026-06-12",
            "2026-06-13",
            "2026-06-14",
            "2026-06-15"
        ]
    );
    let counts: Vec<f64> = days
        .iter()
        .map(|p| p["value"]["value"].as_f64().unwrap())
        .collect();
    // A on the 10th, B on the 13th, C at 00:30 on the 14th (16:30 UTC on the 13th).
    assert_eq!(counts, [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]);
    assert_eq!(days[4]["from"], "2026-06-13T16:00:00+00:00");

    let on_time = points(&series(&app, &staff, &community, "ON_TIME_RATE", "DAY").await);
    let rates: Vec<Value> = on_time
        .iter()
        .map(|p| json!([p["value"]["numerator"], p["value"]["denominator"]]))
        .collect();
    // A on time; B closed late; C open and overdue counts against the 14th.
    assert_eq!(
        rates,
        [
            json!([1, 1]),
            json!([0, 0]),
            json!([0, 0]),
            json!([0, 1]),
            json!([0, 1]),
            json!([0, 0])
        ]
    );
    assert_eq!(on_time[1]["value"]["value"], Value::Null);

    let weeks = points(&series(&app, &staff, &community, "REQUESTS_SUBMITTED", "WEEK").await);
    assert_eq!(weeks.len(), 2, "{weeks:?}");
    assert_eq!(weeks[0]["date"], "2026-06-08", "the Monday before");
    assert_eq!(
        weeks[0]["from"], "2026-06-09T16:00:00+00:00",
        "cut to the range"
    );
    assert_eq!(weeks[0]["value"]["value"], 3.0);
    assert_eq!(weeks[1]["value"]["value"], 0.0);
    let months = points(&series(&app, &staff, &community, "REQUESTS_SUBMITTED", "MONTH").await);
    assert_eq!(months.len(), 1);
    assert_eq!(months[0]["date"], "2026-06-01");
    assert_eq!(months[0]["value"]["value"], 3.0);
}

#[tokio::test]
async fn a_series_counts_only_what_the_viewer_may_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    // The neighbouring grid's worker sees community 1 as context, and counts nothing.
    let worker = app.token_for("worker-s", &["GRID_WORKER:grid:2"]).await;
    let body = series(
        &app,
        &worker,
        &gid("Community", 1),
        "REQUESTS_SUBMITTED",
        "WEEK",
    )
    .await;
    let total: f64 = points(&body)
        .iter()
        .map(|p| p["value"]["value"].as_f64().unwrap())
        .sum();
    assert_eq!(total, 0.0, "{body:#}");
    // Street 2's admin: community 1 is out of scope.
    let other = app.token_for("street-s", &["STREET_ADMIN:street:2"]).await;
    let body = series(
        &app,
        &other,
        &gid("Community", 1),
        "REQUESTS_SUBMITTED",
        "DAY",
    )
    .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    // An API client of street 1 counts its street: A, B, C and D in the range.
    let client = app
        .client_token("series", &["aggregates:read"], |client| client)
        .await;
    let body = series(
        &app,
        &client,
        &gid("Street", 1),
        "REQUESTS_SUBMITTED",
        "MONTH",
    )
    .await;
    assert_eq!(points(&body)[0]["value"]["value"], 4.0, "{body:#}");
}

#[tokio::test]
async fn bad_series_are_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = app.staff_token().to_owned();
    let (from, to) = week_of_the_fixture();
    let ask = |area: String, indicator: &str, bucket: &str, from, to| json!({ "area": area, "indicator": indicator, "bucket": bucket, "from": from, "to": to });
    let long_ago = to - Duration::days(400);
    for (variables, code) in [
        (
            ask(gid("Community", 1), "REQUESTS_SUBMITTED", "DAY", to, from),
            "BAD_USER_INPUT",
        ),
        (
            ask(gid("Community", 1), "REQUESTS_SUBMITTED", "DAY", from, from),
            "BAD_USER_INPUT",
        ),
        (
            ask(gid("Community", 999), "REQUESTS_SUBMITTED", "DAY", from, to),
            "NOT_FOUND",
        ),
        (
            ask(
                gid("Community", 1),
                "REQUESTS_SUBMITTED",
                "DAY",
                long_ago,
                to,
            ),
            "BAD_USER_INPUT",
        ),
        (
            ask(gid("Community", 1), "REQUESTS_OPEN", "DAY", from, to),
            "BAD_USER_INPUT",
        ),
        (
            ask(gid("Community", 1), "RESIDENTS", "DAY", from, to),
            "BAD_USER_INPUT",
        ),
    ] {
        let (_, body) = app.graphql_as(&staff, SERIES, variables.clone()).await;
        assert_eq!(error_code(&body), code, "{variables}: {body:#}");
    }
    // 400 days by week is 58 buckets: fine.
    let variables = ask(
        gid("Community", 1),
        "REQUESTS_SUBMITTED",
        "WEEK",
        long_ago,
        to,
    );
    let (_, body) = app.graphql_as(&staff, SERIES, variables).await;
    assert_eq!(points(&body).len(), 58, "{body:#}");
}
