//! `requestStats`: groups against the hand-counted requests of `dashboard_support`,
//! scoping, small-cell suppression for API clients (4 hidden, 5 shown, and a lone
//! small group taking the next smallest with it), and bad input.

use std::collections::HashMap;

use chrono::Duration;
use serde_json::{Value, json};

use crate::dashboard_support::{Spec, insert, six_requests};
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const STATS: &str = "query($filter: RequestFilter, $by: [RequestDimension!]!) {
    requestStats(filter: $filter, groupBy: $by) {
        categoryCode channel status level urgency gridId count { value suppressed } } }";

async fn stats(app: &TestApp, token: &str, filter: Value, by: Value) -> Value {
    let (_, body) = app
        .graphql_as(token, STATS, json!({ "filter": filter, "by": by }))
        .await;
    body
}

/// `key → count` with the keys of `fields` joined by '/'.
fn groups(body: &Value, fields: &[&str]) -> HashMap<String, Value> {
    body["data"]["requestStats"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"))
        .iter()
        .map(|group| {
            let key: Vec<String> = fields
                .iter()
                .map(|field| group[*field].as_str().unwrap_or("?").to_owned())
                .collect();
            (key.join("/"), group["count"].clone())
        })
        .collect()
}

fn shown(n: u64) -> Value {
    json!({ "value": n, "suppressed": false })
}

fn hidden() -> Value {
    json!({ "value": null, "suppressed": true })
}

#[tokio::test]
async fn staff_count_requests_by_category_and_grid_as_inserted() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let staff = app.staff_token().to_owned();
    let body = stats(
        &app,
        &staff,
        json!({ "areaId": gid("Street", 1) }),
        json!(["CATEGORY", "GRID"]),
    )
    .await;
    let expected: HashMap<String, Value> = [
        (format!("SANITATION/{}", gid("Grid", 1)), shown(2)),
        (format!("PROPERTY_REPAIR/{}", gid("Grid", 1)), shown(1)),
        (format!("PARKING/{}", gid("Grid", 4)), shown(2)),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        groups(&body, &["categoryCode", "gridId"]),
        expected,
        "{body:#}"
    );
    let first = &body["data"]["requestStats"][0];
    assert_eq!(first["channel"], Value::Null, "not grouped by channel");
}

#[tokio::test]
async fn a_street_admin_counts_their_street_only() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let street = app.token_for("street-r", &["STREET_ADMIN:street:1"]).await;
    // No area filter: F in street 2 is still not counted.
    let body = stats(&app, &street, Value::Null, json!(["STATUS", "LEVEL"])).await;
    let expected: HashMap<String, Value> = [
        ("SUBMITTED/GRID", shown(1)),
        ("ACCEPTED/BUILDING", shown(1)),
        ("CLOSED_RESOLVED/GRID", shown(2)),
        ("CLOSED_UNRESOLVED/COMMUNITY", shown(1)),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect();
    assert_eq!(groups(&body, &["status", "level"]), expected, "{body:#}");
    let other = app.token_for("street-r2", &["STREET_ADMIN:street:2"]).await;
    let body = stats(&app, &other, Value::Null, json!(["URGENCY"])).await;
    assert_eq!(groups(&body, &["urgency"])["NORMAL"], shown(1), "{body:#}");
}

#[tokio::test]
async fn an_api_client_sees_four_hidden_five_shown_and_no_lone_small_group() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let t = app.state.clock.now() - Duration::days(1);
    // SANITATION 5, PARKING 4, PROPERTY_REPAIR 1 in street 1.
    for _ in 0..3 {
        insert(&app, Spec::waiting("SANITATION", 1, t)).await;
    }
    for _ in 0..2 {
        insert(&app, Spec::waiting("PARKING", 4, t)).await;
    }
    let client = app
        .client_token("request-stats", &["aggregates:read"], |client| client)
        .await;
    let body = stats(&app, &client, Value::Null, json!(["CATEGORY"])).await;
    let expected: HashMap<String, Value> = [
        ("SANITATION", shown(5)),
        ("PARKING", hidden()),
        ("PROPERTY_REPAIR", hidden()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect();
    assert_eq!(groups(&body, &["categoryCode"]), expected, "{body:#}");

    // SANITATION 6, PARKING 5, PROPERTY_REPAIR 1: the lone small group would be the
    // total minus the others, so the next smallest is hidden with it.
    insert(&app, Spec::waiting("SANITATION", 1, t)).await;
    insert(&app, Spec::waiting("PARKING", 4, t)).await;
    let body = stats(&app, &client, Value::Null, json!(["CATEGORY"])).await;
    let expected: HashMap<String, Value> = [
        ("SANITATION", shown(6)),
        ("PARKING", hidden()),
        ("PROPERTY_REPAIR", hidden()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect();
    assert_eq!(groups(&body, &["categoryCode"]), expected, "{body:#}");
    let total = stats(&app, &client, Value::Null, json!([])).await;
    assert_eq!(
        total["data"]["requestStats"][0]["count"],
        shown(12),
        "{total:#}"
    );
}

#[tokio::test]
async fn bad_request_stats_are_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = app.staff_token().to_owned();
    let body = stats(&app, &staff, Value::Null, json!(["GRID", "GRID"])).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let body = stats(&app, &staff, Value::Null, json!(["WEATHER"])).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let reader = app
        .client_token("no-aggregates-r", &["territory:read"], |client| client)
        .await;
    let body = stats(&app, &reader, Value::Null, json!(["STATUS"])).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
}
