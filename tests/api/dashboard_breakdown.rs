//! `breakdown`: request indicators per child area against the hand-counted requests of
//! `dashboard_support`, people counts against the rows, scoping (child areas out of
//! scope never appear), complementary suppression for API clients, a statement count
//! that does not grow with the child areas, and bad input.

use std::collections::HashMap;

use chrono::Months;
use entity::{household, resident};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::dashboard_support::{period, six_requests};
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const BREAKDOWN: &str = "query($area: ID!, $by: AreaLevel!, $indicators: [Indicator!]!,
    $from: DateTime!, $to: DateTime!) {
    breakdown(areaId: $area, by: $by, indicators: $indicators, from: $from, to: $to) {
        areaId name values { indicator value numerator denominator suppressed } } }";

async fn breakdown(app: &TestApp, token: &str, area: &str, by: &str, indicators: Value) -> Value {
    let mut variables = period(app);
    variables["area"] = json!(area);
    variables["by"] = json!(by);
    variables["indicators"] = indicators;
    let (_, body) = app.graphql_as(token, BREAKDOWN, variables).await;
    body
}

/// `areaId → indicator → value object` of a breakdown answer.
fn by_area(body: &Value) -> HashMap<String, HashMap<String, Value>> {
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    rows.iter()
        .map(|row| {
            let values = row["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|value| {
                    (
                        value["indicator"].as_str().unwrap().to_owned(),
                        value.clone(),
                    )
                })
                .collect();
            (row["areaId"].as_str().unwrap().to_owned(), values)
        })
        .collect()
}

fn rate(numerator: u64, denominator: u64, value: Value) -> Value {
    json!({ "numerator": numerator, "denominator": denominator, "value": value })
}

fn fraction(value: &Value) -> Value {
    json!({ "numerator": value["numerator"], "denominator": value["denominator"],
            "value": value["value"] })
}

#[tokio::test]
async fn request_indicators_per_community_match_the_hand_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let street = app.token_for("street-b", &["STREET_ADMIN:street:1"]).await;
    let indicators = json!([
        "REQUESTS_SUBMITTED",
        "REQUESTS_OPEN",
        "REQUESTS_OVERDUE",
        "RESPONSE_RATE",
        "SOLVED_RATE",
        "SATISFACTION_RATE",
        "EVALUATION_COVERAGE",
        "ON_TIME_RATE",
        "REWORK_RATE",
        "REPEAT_COMPLAINT_RATE",
        "CLOSED_BELOW_COMMUNITY",
        "CLOSED_WITHIN_COMMUNITY",
        "HOUSEHOLDS"
    ]);
    let body = breakdown(&app, &street, &gid("Street", 1), "COMMUNITY", indicators).await;
    let areas = by_area(&body);
    assert_eq!(areas.len(), 2, "{body:#}");
    let one = &areas[&gid("Community", 1)];
    assert_eq!(one["REQUESTS_SUBMITTED"]["value"], 3.0);
    assert_eq!(one["REQUESTS_OPEN"]["value"], 1.0);
    assert_eq!(one["REQUESTS_OVERDUE"]["value"], 1.0);
    assert_eq!(fraction(&one["RESPONSE_RATE"]), rate(3, 3, json!(1.0)));
    assert_eq!(fraction(&one["SOLVED_RATE"]), rate(1, 2, json!(0.5)));
    assert_eq!(fraction(&one["SATISFACTION_RATE"]), rate(1, 2, json!(0.5)));
    assert_eq!(
        fraction(&one["EVALUATION_COVERAGE"]),
        rate(2, 2, json!(1.0))
    );
    // A on time, over A and B closed plus C open and overdue.
    assert_eq!(fraction(&one["ON_TIME_RATE"]), rate(1, 3, json!(0.3333)));
    assert_eq!(fraction(&one["REWORK_RATE"]), rate(1, 3, json!(0.3333)));
    // B follows A about the same building and category within 30 days.
    assert_eq!(
        fraction(&one["REPEAT_COMPLAINT_RATE"]),
        rate(1, 3, json!(0.3333))
    );
    assert_eq!(
        fraction(&one["CLOSED_BELOW_COMMUNITY"]),
        rate(1, 2, json!(0.5))
    );
    assert_eq!(
        fraction(&one["CLOSED_WITHIN_COMMUNITY"]),
        rate(2, 2, json!(1.0))
    );
    // 3 grids × 2 buildings × 2 units × 3 households; a street admin sees them all.
    assert_eq!(one["HOUSEHOLDS"]["value"], 36.0);
    assert_eq!(one["HOUSEHOLDS"]["suppressed"], false);

    let two = &areas[&gid("Community", 2)];
    assert_eq!(
        two["REQUESTS_SUBMITTED"]["value"], 1.0,
        "E is before the period"
    );
    assert_eq!(two["REQUESTS_OPEN"]["value"], 1.0);
    assert_eq!(two["REQUESTS_OVERDUE"]["value"], 0.0);
    assert_eq!(fraction(&two["RESPONSE_RATE"]), rate(0, 1, json!(0.0)));
    assert_eq!(fraction(&two["SOLVED_RATE"]), rate(0, 0, Value::Null));
    assert_eq!(fraction(&two["ON_TIME_RATE"]), rate(0, 0, Value::Null));
    // D follows E (27 days before, outside the period) at the same place.
    assert_eq!(
        fraction(&two["REPEAT_COMPLAINT_RATE"]),
        rate(1, 1, json!(1.0))
    );
}

#[tokio::test]
async fn child_areas_out_of_scope_never_appear() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let submitted = json!(["REQUESTS_SUBMITTED"]);
    // District-wide staff see both streets: A–D in street 1, F in street 2.
    let staff = app.staff_token().to_owned();
    let body = breakdown(
        &app,
        &staff,
        &gid("District", 1),
        "STREET",
        submitted.clone(),
    )
    .await;
    let areas = by_area(&body);
    assert_eq!(areas.len(), 2, "{body:#}");
    assert_eq!(areas[&gid("Street", 1)]["REQUESTS_SUBMITTED"]["value"], 4.0);
    assert_eq!(areas[&gid("Street", 2)]["REQUESTS_SUBMITTED"]["value"], 1.0);
    // A street admin breaking the district down sees their street only.
    let street = app.token_for("street-c", &["STREET_ADMIN:street:1"]).await;
    let body = breakdown(
        &app,
        &street,
        &gid("District", 1),
        "STREET",
        submitted.clone(),
    )
    .await;
    let areas = by_area(&body);
    assert_eq!(areas.len(), 1, "{body:#}");
    assert_eq!(areas[&gid("Street", 1)]["REQUESTS_SUBMITTED"]["value"], 4.0);
    // The other street itself is NOT_FOUND, like an unknown one.
    for area in [gid("Street", 2), gid("Street", 999)] {
        let body = breakdown(&app, &street, &area, "GRID", submitted.clone()).await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    }
    // A grid worker breaking their community down by grid gets their grid alone.
    let worker = app.token_for("worker-c", &["GRID_WORKER:grid:1"]).await;
    let body = breakdown(&app, &worker, &gid("Community", 1), "GRID", submitted).await;
    let areas = by_area(&body);
    assert_eq!(areas.len(), 1, "{body:#}");
    assert_eq!(areas[&gid("Grid", 1)]["REQUESTS_SUBMITTED"]["value"], 3.0);
}

/// `grid path → indicator → count` of the residents and households, from the rows.
async fn people_per_grid(
    app: &TestApp,
    community: &str,
) -> HashMap<String, HashMap<&'static str, u64>> {
    let db = &app.state.db;
    let today = app.state.clock.today();
    let born_by = |years: u32| today.checked_sub_months(Months::new(years * 12)).unwrap();
    let grid_of = |path: &str| path.split('/').take(4).collect::<Vec<_>>().join("/") + "/";
    let mut counts: HashMap<String, HashMap<&'static str, u64>> = HashMap::new();
    for row in household::Entity::find().all(db).await.unwrap() {
        if row.path.starts_with(community) {
            *counts
                .entry(grid_of(&row.path))
                .or_default()
                .entry("HOUSEHOLDS")
                .or_default() += 1;
        }
    }
    for row in resident::Entity::find().all(db).await.unwrap() {
        if !row.area_path.starts_with(community) {
            continue;
        }
        let grid = counts.entry(grid_of(&row.area_path)).or_default();
        *grid.entry("RESIDENTS").or_default() += 1;
        if row.birth_date <= born_by(80) {
            *grid.entry("ELDERLY_80").or_default() += 1;
        }
        if row.birth_date > born_by(18) {
            *grid.entry("CHILDREN").or_default() += 1;
        }
    }
    counts
}

#[tokio::test]
async fn an_api_client_gets_small_child_counts_suppressed_in_pairs() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let client = app
        .client_token("breakdown", &["aggregates:read"], |client| client)
        .await;
    let indicators = ["HOUSEHOLDS", "RESIDENTS", "ELDERLY_80", "CHILDREN"];
    let body = breakdown(
        &app,
        &client,
        &gid("Community", 1),
        "GRID",
        json!(indicators),
    )
    .await;
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    assert_eq!(rows.len(), 3, "{body:#}");
    let truth = people_per_grid(&app, "1/1/1/").await;
    let mut small = 0;
    for (column, indicator) in indicators.iter().enumerate() {
        let mut hidden = 0;
        for (row, grid) in rows.iter().zip(1..) {
            let n = truth[&format!("1/1/1/{grid}/")]
                .get(indicator)
                .copied()
                .unwrap_or(0);
            let value = &row["values"][column];
            assert_eq!(value["indicator"], *indicator);
            if (1..5).contains(&n) {
                small += 1;
            }
            if value["suppressed"] == true {
                assert_eq!(value["value"], Value::Null);
                hidden += 1;
            } else {
                assert!(n == 0 || n >= 5, "{indicator} {grid}: {n} shown");
                assert_eq!(value["value"], json!(n as f64), "{indicator} {grid}");
            }
        }
        // One hidden grid alone would be the community's figure minus the others.
        assert!(hidden != 1, "{indicator}: {body:#}");
    }
    assert!(
        small > 0,
        "the fixture has a small group per grid: {truth:?}"
    );
    // Community staff list these people: nothing is suppressed for them.
    let staff = app.staff_token().to_owned();
    let body = breakdown(
        &app,
        &staff,
        &gid("Community", 1),
        "GRID",
        json!(indicators),
    )
    .await;
    assert!(
        !body.to_string().contains("\"suppressed\":true"),
        "{body:#}"
    );
}

#[tokio::test]
async fn a_breakdown_costs_the_same_statements_for_two_areas_as_for_twelve() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let staff = app.staff_token().to_owned();
    let indicators = json!(["RESIDENTS", "ON_TIME_RATE", "MEDIATION_SUCCESS_RATE"]);
    // Warm up the token's principal so that both measures count the same work.
    breakdown(
        &app,
        &staff,
        &gid("District", 1),
        "STREET",
        indicators.clone(),
    )
    .await;
    let mut costs = Vec::new();
    for by in ["STREET", "GRID"] {
        let before = app.statements();
        let body = breakdown(&app, &staff, &gid("District", 1), by, indicators.clone()).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        costs.push((app.statements() - before, by_area(&body).len()));
    }
    assert_eq!(costs[0].1, 2);
    assert_eq!(costs[1].1, 12);
    assert_eq!(costs[0].0, costs[1].0, "{costs:?}");
}

#[tokio::test]
async fn bad_breakdowns_are_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = app.staff_token().to_owned();
    let submitted = json!(["REQUESTS_SUBMITTED"]);
    for (area, by) in [
        (gid("Community", 1), "COMMUNITY"),
        (gid("Community", 1), "STREET"),
        (gid("Grid", 1), "GRID"),
    ] {
        let body = breakdown(&app, &staff, &area, by, submitted.clone()).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{area} by {by}: {body:#}"
        );
    }
    let body = breakdown(&app, &staff, &gid("Street", 1), "GRID", json!([])).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    let mut variables = period(&app);
    let from = variables["from"].clone();
    variables["from"] = variables["to"].clone();
    variables["to"] = from;
    variables["area"] = json!(gid("Street", 1));
    variables["by"] = json!("GRID");
    variables["indicators"] = submitted;
    let (_, body) = app.graphql_as(&staff, BREAKDOWN, variables).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
}

#[tokio::test]
async fn the_dashboard_counts_repeat_complaints_like_the_breakdown() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let query = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
        dashboard(areaId: $area, from: $from, to: $to) { requests {
            repeatComplaintRate { numerator denominator value } } } }";
    let mut variables = period(&app);
    variables["area"] = json!(gid("Street", 1));
    let staff = app.staff_token().to_owned();
    let (_, body) = app.graphql_as(&staff, query, variables).await;
    // B (after A) and D (after E) of the four submitted in the period.
    assert_eq!(
        body["data"]["dashboard"]["requests"]["repeatComplaintRate"],
        rate(2, 4, json!(0.5)),
        "{body:#}"
    );
}

#[tokio::test]
async fn the_bench_dashboard_shapes_run_as_written() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let staff = app.staff_token().to_owned();
    for (query, area, submitted) in [
        (
            include_str!("../../bench/queries/e_dashboard_street.graphql"),
            gid("Street", 1),
            4,
        ),
        (
            include_str!("../../bench/queries/f_dashboard_district.graphql"),
            gid("District", 1),
            5,
        ),
    ] {
        let mut variables = period(&app);
        variables["id"] = json!(area);
        let (_, body) = app.graphql_as(&staff, query, variables).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        assert_eq!(
            body["data"]["dashboard"]["requests"]["submitted"],
            submitted
        );
    }
}
