//! `dashboard`: every figure against a count made here from the rows themselves, the
//! on-time formula with an open overdue request, scoping, small-cell suppression and
//! bad input.

use chrono::{Duration, Months, NaiveDate};
use entity::{household, resident};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::harness::{TestApp, error_code};
use crate::requests_support::{Desk, gid};

/// The population figures that count people.
pub(crate) const PEOPLE: [&str; 5] = [
    "households",
    "residents",
    "elderly60",
    "elderly80",
    "children",
];

pub(crate) const POPULATION: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { population {
        households { value suppressed } residents { value suppressed }
        elderly60 { value suppressed } elderly80 { value suppressed }
        children { value suppressed } grids gridsOutsideStandard } } }";

const REQUESTS: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { requests {
        submitted openNow overdueNow
        responseRate { numerator denominator value }
        solvedRate { numerator denominator value }
        satisfactionRate { numerator denominator value }
        evaluationCoverage { numerator denominator }
        onTimeRate { numerator denominator value }
        escalationRate { numerator denominator }
        reworkRate { numerator } extensionRate { numerator }
        closedWithinCommunity { numerator denominator }
        yellowCards redCards medianHandlingHours p90HandlingHours
        breakdown(by: CATEGORY) { key submitted closed solved } } } }";

/// The period of every test: the week around the test clock's start.
pub(crate) fn period(app: &TestApp, area: &str) -> Value {
    let now = app.state.clock.now();
    json!({ "area": area, "from": now - Duration::days(3), "to": now + Duration::days(4) })
}

/// What the dashboard must say of the residents under `path` (counted here, in Rust).
pub(crate) async fn population_under(app: &TestApp, path: &str) -> Value {
    let today = app.state.clock.today();
    let born_by = |years: u32| today.checked_sub_months(Months::new(years * 12)).unwrap();
    let residents: Vec<NaiveDate> = resident::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.area_path.starts_with(path))
        .map(|row| row.birth_date)
        .collect();
    let households = household::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.path.starts_with(path))
        .count();
    let count = |keep: &dyn Fn(&NaiveDate) -> bool| residents.iter().filter(|d| keep(d)).count();
    json!({
        "households": households,
        "residents": residents.len(),
        "elderly60": count(&|d| *d <= born_by(60)),
        "elderly80": count(&|d| *d <= born_by(80)),
        "children": count(&|d| *d > born_by(18)),
    })
}

#[tokio::test]
async fn the_population_matches_the_rows_and_only_the_viewers_rows() {
    let desk = Desk::open().await;
    let app = &desk.app;
    let street = app.token_for("street", &["STREET_ADMIN:street:1"]).await;
    let (_, body) = app
        .graphql_as(&street, POPULATION, period(app, &gid("Street", 1)))
        .await;
    let shown = &body["data"]["dashboard"]["population"];
    // Street 1 is `1/1/`; a street admin lists its people, so nothing is suppressed.
    let expected = population_under(app, "1/1/").await;
    for key in PEOPLE {
        assert_eq!(shown[key]["value"], expected[key], "{key}: {body}");
        assert_eq!(shown[key]["suppressed"], false);
    }
    // 2 communities × 3 grids of 12 households: all under the 400–700 standard.
    assert_eq!(shown["grids"], 6);
    assert_eq!(shown["gridsOutsideStandard"], 6);

    // The district's dashboard, asked by the street admin, counts street 1 only.
    let (_, body) = app
        .graphql_as(&street, POPULATION, period(app, &gid("District", 1)))
        .await;
    assert_eq!(body["data"]["dashboard"]["population"], *shown);
    // Another street is out of scope: NOT_FOUND, no figure.
    let (_, body) = app
        .graphql_as(&street, POPULATION, period(app, &gid("Street", 2)))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(body["data"], Value::Null);
}

#[tokio::test]
async fn small_groups_are_suppressed_for_an_api_client_and_shown_from_five() {
    let desk = Desk::open().await;
    let app = &desk.app;
    let client = app
        .client_token("dash", &["aggregates:read"], |client| client)
        .await;
    // Grid 1 (`1/1/1/1/`) is small enough for some groups to fall under five.
    let (_, body) = app
        .graphql_as(&client, POPULATION, period(app, &gid("Grid", 1)))
        .await;
    let shown = &body["data"]["dashboard"]["population"];
    assert!(shown.is_object(), "{body}");
    let truth = population_under(app, "1/1/1/1/").await;
    let mut suppressed = 0;
    for key in PEOPLE {
        let n = truth[key].as_u64().unwrap();
        if (1..5).contains(&n) {
            suppressed += 1;
            assert_eq!(
                shown[key],
                json!({ "value": null, "suppressed": true }),
                "{key}"
            );
        } else {
            assert_eq!(
                shown[key],
                json!({ "value": n, "suppressed": false }),
                "{key}"
            );
        }
    }
    assert!(
        suppressed > 0,
        "the fixture's grid 1 has a group under five: {truth}"
    );
    // The client reaches no resident itself, yet counts every one in its area.
    assert_eq!(shown["residents"]["value"], truth["residents"]);

    // The threshold is configurable: at 50, even the grid's households are hidden.
    let strict = app
        .another_instance(&[("SMALL_CELL_THRESHOLD", "50")])
        .await;
    let client = strict
        .client_token("dash2", &["aggregates:read"], |client| client)
        .await;
    let (_, body) = strict
        .graphql_as(&client, POPULATION, period(&strict, &gid("Grid", 1)))
        .await;
    let shown = &body["data"]["dashboard"]["population"];
    assert_eq!(shown["residents"]["suppressed"], true, "{body}");
    assert_eq!(
        shown["households"]["suppressed"], true,
        "12 households < 50"
    );

    // Outside its area (street 1): NOT_FOUND, like an unknown area.
    let client = client_in(app).await;
    for area in [gid("Street", 2), gid("Grid", 9999)] {
        let (_, body) = app
            .graphql_as(&client, POPULATION, period(app, &area))
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
    }

    // Without the scope: FORBIDDEN.
    let reader = app
        .client_token("reader", &["territory:read"], |client| client)
        .await;
    let (_, body) = app
        .graphql_as(&reader, POPULATION, period(app, &gid("Grid", 1)))
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
}

#[tokio::test]
async fn request_rates_follow_their_definitions() {
    let desk = Desk::open().await;
    let app = &desk.app;
    // 1: handled in time, closed, evaluated satisfied.
    let done = desk.in_progress("SANITATION").await;
    let resolved = desk.resolved(&done, "已清运").await;
    desk.closed_satisfied(&resolved).await;
    // 2: rejected at intake (a response, never closed).
    let rejected = desk.walk_in("SANITATION", "NORMAL").await;
    desk.advance(
        &desk.staff,
        "rejectRequest",
        &rejected,
        json!({ "reason": "重复" }),
    )
    .await;
    // 3: accepted and left to run past its deadline; 4: still waiting for acceptance.
    let late = desk.walk_in("PROPERTY_REPAIR", "NORMAL").await;
    desk.advance(&desk.staff, "acceptRequest", &late, json!({}))
        .await;
    desk.walk_in("SANITATION", "NORMAL").await;
    app.set_clock_hours_after_start(24 * 30);
    let variables = json!({ "area": gid("Community", 1),
        "from": app.state.clock.now() - Duration::days(40), "to": app.state.clock.now() });

    let (_, body) = app.graphql_as(&desk.staff, REQUESTS, variables).await;
    let figures = &body["data"]["dashboard"]["requests"];
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(figures["submitted"], 4);
    assert_eq!(figures["openNow"], 2, "the late one and the waiting one");
    assert_eq!(
        figures["overdueNow"], 2,
        "both past their deadline a month on"
    );
    assert_eq!(
        figures["responseRate"],
        json!({ "numerator": 3, "denominator": 4, "value": 0.75 })
    );
    assert_eq!(
        figures["solvedRate"],
        json!({ "numerator": 1, "denominator": 1, "value": 1.0 })
    );
    assert_eq!(
        figures["satisfactionRate"],
        json!({ "numerator": 1, "denominator": 1, "value": 1.0 })
    );
    assert_eq!(
        figures["evaluationCoverage"],
        json!({ "numerator": 1, "denominator": 1 })
    );
    // On time: the one closed in time, over the closed one and the two open overdue.
    assert_eq!(
        figures["onTimeRate"],
        json!({ "numerator": 1, "denominator": 3, "value": 0.3333 })
    );
    assert_eq!(figures["escalationRate"]["numerator"], 0);
    assert_eq!(
        figures["closedWithinCommunity"],
        json!({ "numerator": 1, "denominator": 1 })
    );
    // One closed request, handled within the test's first instant.
    assert_eq!(figures["medianHandlingHours"], 0.0);
    assert_eq!(figures["p90HandlingHours"], 0.0);
    assert_eq!(
        figures["breakdown"][0],
        json!({ "key": "SANITATION", "submitted": 3, "closed": 1, "solved": 1 })
    );
    assert_eq!(
        figures["breakdown"][1],
        json!({ "key": "PROPERTY_REPAIR", "submitted": 1, "closed": 0, "solved": 0 })
    );

    // The other grid's worker counts none of grid 1's requests.
    let (_, body) = app
        .graphql_as(
            &desk.other_worker,
            REQUESTS,
            json!({ "area": gid("Grid", 2), "from": app.state.clock.now() - Duration::days(40),
                    "to": app.state.clock.now() }),
        )
        .await;
    assert_eq!(
        body["data"]["dashboard"]["requests"]["submitted"], 0,
        "{body}"
    );
}

/// The period's requests by category, channel and level, as a dashboard shows them.
const BREAKDOWNS: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { requests {
        byCategory: breakdown(by: CATEGORY) { key submitted closed solved }
        byChannel: breakdown(by: CHANNEL) { key submitted closed solved }
        byLevel: breakdown(by: LEVEL) { key submitted closed solved } } } }";

#[tokio::test]
async fn the_three_breakdowns_match_the_requests_and_cost_one_statement_together() {
    let desk = Desk::open().await;
    let app = &desk.app;
    let submit = |channel: &str, category: &str| {
        let mut input = crate::requests_support::walk_in_input(category, "NORMAL");
        input["channel"] = json!(channel);
        input
    };
    let mut requests = Vec::new();
    for (channel, category) in [
        ("WALK_IN", "SANITATION"),
        ("WECHAT_GROUP", "SANITATION"),
        ("WECHAT_GROUP", "PROPERTY_REPAIR"),
    ] {
        let input = submit(channel, category);
        let submitted = desk.ok(&desk.staff, "submitRequest", input).await["request"].clone();
        requests.push((channel, category, submitted));
    }
    // The walk-in is closed resolved, at the grid worker's level.
    let working = desk.in_progress_from(&requests[0].2).await;
    let resolved = desk.resolved(&working, "已清运").await;
    requests[0].2 = desk.closed_satisfied(&resolved).await;
    assert_eq!(requests[0].2["status"], "CLOSED_RESOLVED");
    let variables = period(app, &gid("Community", 1));
    let body = app.data(BREAKDOWNS, variables.clone()).await;
    let figures = &body["dashboard"]["requests"];

    // Each grouping counted here from the requests as they now stand.
    let expected = |key_of: &dyn Fn(&(&str, &str, Value)) -> String| {
        let mut groups: Vec<(String, u64, u64)> = Vec::new();
        for request in &requests {
            let closed = u64::from(request.2["status"] == "CLOSED_RESOLVED");
            let key = key_of(request);
            match groups.iter_mut().find(|group| group.0 == key) {
                Some(group) => {
                    group.1 += 1;
                    group.2 += closed;
                }
                None => groups.push((key, 1, closed)),
            }
        }
        // Largest first, then by key.
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let rows: Vec<Value> = groups
            .into_iter()
            .map(|(key, submitted, closed)| {
                json!({ "key": key, "submitted": submitted, "closed": closed, "solved": closed })
            })
            .collect();
        Value::from(rows)
    };
    assert_eq!(
        figures["byCategory"],
        expected(&|request| request.1.to_owned())
    );
    assert_eq!(
        figures["byChannel"],
        expected(&|request| request.0.to_owned())
    );
    assert_eq!(
        figures["byLevel"],
        expected(&|request| request.2["level"].as_str().unwrap().to_owned())
    );
    assert_eq!(figures["byChannel"][0]["key"], "WECHAT_GROUP");

    // Asked together, the three groupings are read in the statement one of them costs.
    let one = BREAKDOWNS
        .replace(
            "byChannel: breakdown(by: CHANNEL) { key submitted closed solved }",
            "",
        )
        .replace(
            "byLevel: breakdown(by: LEVEL) { key submitted closed solved }",
            "",
        );
    let statements = |query: String| {
        let variables = variables.clone();
        async move {
            let before = app.statements();
            app.data(&query, variables).await;
            app.statements() - before
        }
    };
    assert_eq!(
        statements(BREAKDOWNS.to_owned()).await,
        statements(one).await
    );
}

#[tokio::test]
async fn bad_periods_and_areas_are_refused() {
    let desk = Desk::open().await;
    let app = &desk.app;
    let now = app.state.clock.now();
    for (area, from, to, code) in [
        (gid("Community", 1), now, now, "BAD_USER_INPUT"),
        (
            gid("Community", 1),
            now,
            now - Duration::days(1),
            "BAD_USER_INPUT",
        ),
        (
            gid("Community", 1),
            now - Duration::days(400),
            now,
            "BAD_USER_INPUT",
        ),
        (
            gid("Community", 9999),
            now - Duration::days(1),
            now,
            "NOT_FOUND",
        ),
        (
            gid("Resident", 1),
            now - Duration::days(1),
            now,
            "BAD_USER_INPUT",
        ),
    ] {
        let variables = json!({ "area": area, "from": from, "to": to });
        let (_, body) = app.graphql_as(&desk.staff, REQUESTS, variables).await;
        assert_eq!(error_code(&body), code, "{body}");
    }
}

async fn client_in(app: &TestApp) -> String {
    app.client_token("dash3", &["aggregates:read"], |client| client)
        .await
}
