//! Performance evaluation: weights set by a district administrator (audited,
//! replaced as a whole), scores of the communities of street 1 in June 2026 worked
//! out by hand from the requests of `dashboard_support`, ranking, scoping, and bad
//! input that changes nothing.

use entity::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::dashboard_support::six_requests;
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const SET: &str = "mutation($input: SetEvaluationWeightsInput!) {
    setEvaluationWeights(input: $input) { weights { indicator weight targetPercent } } }";

const EVALUATION: &str = "query($area: ID!, $period: String!, $level: AreaLevel!) {
    evaluation(areaId: $area, period: $period, level: $level) {
        period level from to weights { indicator weight targetPercent }
        areas { areaId name score rank
            deductions { indicator weight target actual numerator denominator pointsLost } } } }";

fn weights(list: &[(&str, u32, u32)]) -> Value {
    list.iter()
        .map(|(indicator, weight, target)| {
            json!({ "indicator": indicator, "weight": weight, "targetPercent": target })
        })
        .collect()
}

async fn set(app: &TestApp, token: &str, level: &str, period: &str, list: Value) -> Value {
    let input = json!({ "level": level, "period": period, "weights": list });
    let (_, body) = app.graphql_as(token, SET, json!({ "input": input })).await;
    body
}

async fn evaluation(app: &TestApp, token: &str, area: &str, period: &str, level: &str) -> Value {
    let variables = json!({ "area": area, "period": period, "level": level });
    let (_, body) = app.graphql_as(token, EVALUATION, variables).await;
    body
}

const JUNE: [(&str, u32, u32); 3] = [
    ("ON_TIME_RATE", 50, 90),
    ("SOLVED_RATE", 30, 80),
    ("REPEAT_COMPLAINT_RATE", 20, 10),
];

#[tokio::test]
async fn communities_are_scored_and_ranked_as_worked_out_by_hand() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let admin = app
        .token_for("district-e", &["DISTRICT_ADMIN:district:1"])
        .await;
    let body = set(&app, &admin, "COMMUNITY", "2026-06", weights(&JUNE)).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("setEvaluationWeights"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audits, 1);

    let street = app.token_for("street-e", &["STREET_ADMIN:street:1"]).await;
    let body = evaluation(&app, &street, &gid("Street", 1), "2026-06", "COMMUNITY").await;
    let result = &body["data"]["evaluation"];
    assert_eq!(result["from"], "2026-05-31T16:00:00+00:00", "{body:#}");
    let areas = result["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 2);
    // Community 2: D alone in June (E is in May). On time and solved have nothing to
    // divide by (no points lost); D repeats E: 100 % repeats against a 10 % ceiling
    // loses the whole 20.
    assert_eq!(areas[0]["areaId"], gid("Community", 2));
    assert_eq!(areas[0]["score"], 80.0);
    assert_eq!(areas[0]["rank"], 1);
    assert_eq!(areas[0]["deductions"][0]["actual"], Value::Null);
    assert_eq!(areas[0]["deductions"][0]["pointsLost"], 0.0);
    assert_eq!(areas[0]["deductions"][2]["pointsLost"], 20.0);
    // Community 1: on time 1/3 against 90 % loses 50 × (0.9 − 1/3) / 0.9 = 31.48;
    // solved 1/2 against 80 % loses 30 × 0.3 / 0.8 = 11.25; repeats 1/3 against a 10 %
    // ceiling lose 20 × (1/3 − 0.1) / 0.9 = 5.19.
    let one = &areas[1];
    assert_eq!(one["areaId"], gid("Community", 1));
    assert_eq!(one["rank"], 2);
    let lost: Vec<f64> = one["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["pointsLost"].as_f64().unwrap())
        .collect();
    assert_eq!(lost, [31.48, 11.25, 5.19]);
    assert_eq!(one["score"], 52.08);
    assert_eq!(
        one["deductions"][0],
        json!({ "indicator": "ON_TIME_RATE", "weight": 50, "target": 0.9, "actual": 0.3333,
                "numerator": 1, "denominator": 3, "pointsLost": 31.48 })
    );

    // New weights replace the old ones as a whole.
    let body = set(
        &app,
        &admin,
        "COMMUNITY",
        "2026-06",
        weights(&[("SOLVED_RATE", 100, 50)]),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let body = evaluation(&app, &street, &gid("Street", 1), "2026-06", "COMMUNITY").await;
    let result = &body["data"]["evaluation"];
    assert_eq!(result["weights"], weights(&[("SOLVED_RATE", 100, 50)]));
    // Both at 100: community 2 has nothing closed, community 1 meets 50 %; a tie.
    let ranks: Vec<&Value> = result["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["rank"])
        .collect();
    assert_eq!(ranks, [&json!(1), &json!(1)], "{body:#}");
}

#[tokio::test]
async fn an_evaluation_shows_only_the_areas_the_viewer_may_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    six_requests(&app).await;
    let admin = app
        .token_for("district-f", &["DISTRICT_ADMIN:district:1"])
        .await;
    let body = set(&app, &admin, "STREET", "2026-Q2", weights(&JUNE)).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let body = evaluation(&app, &admin, &gid("District", 1), "2026-Q2", "STREET").await;
    assert_eq!(
        body["data"]["evaluation"]["areas"].as_array().map(Vec::len),
        Some(2),
        "{body:#}"
    );
    let street = app.token_for("street-f", &["STREET_ADMIN:street:1"]).await;
    let body = evaluation(&app, &street, &gid("District", 1), "2026-Q2", "STREET").await;
    let areas = body["data"]["evaluation"]["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 1, "{body:#}");
    assert_eq!(areas[0]["areaId"], gid("Street", 1));
    let body = set(&app, &admin, "COMMUNITY", "2026-Q2", weights(&JUNE)).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let body = evaluation(&app, &street, &gid("Street", 2), "2026-Q2", "COMMUNITY").await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    // No weights are set for grids: the other street is still NOT_FOUND, its own
    // street the missing weights' BAD_USER_INPUT.
    let body = evaluation(&app, &street, &gid("Street", 2), "2026-Q2", "GRID").await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let body = evaluation(&app, &street, &gid("Street", 1), "2026-Q2", "GRID").await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
}

#[tokio::test]
async fn bad_weights_and_evaluations_are_refused_and_change_nothing() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app
        .token_for("district-g", &["DISTRICT_ADMIN:district:1"])
        .await;
    let body = set(&app, &admin, "COMMUNITY", "2026-06", weights(&JUNE)).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    for (period, list) in [
        (
            "2026-06",
            weights(&[("ON_TIME_RATE", 50, 90), ("SOLVED_RATE", 40, 80)]),
        ),
        ("2026-06", weights(&[("RESIDENTS", 100, 90)])),
        (
            "2026-06",
            weights(&[("ON_TIME_RATE", 50, 90), ("ON_TIME_RATE", 50, 90)]),
        ),
        ("2026-06", weights(&[("ON_TIME_RATE", 100, 120)])),
        ("2026-06", weights(&[])),
        ("2026-13", weights(&[("ON_TIME_RATE", 100, 90)])),
    ] {
        let body = set(&app, &admin, "COMMUNITY", period, list).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    }
    // Only district administrators set weights.
    let street = app.token_for("street-g", &["STREET_ADMIN:street:1"]).await;
    let body = set(
        &app,
        &street,
        "COMMUNITY",
        "2026-06",
        weights(&[("ON_TIME_RATE", 100, 90)]),
    )
    .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    // Nothing changed.
    let body = evaluation(&app, &admin, &gid("Street", 1), "2026-06", "COMMUNITY").await;
    assert_eq!(
        body["data"]["evaluation"]["weights"],
        weights(&JUNE),
        "{body:#}"
    );
    // No weights for grids; a level not below the area; an unknown period.
    for (area, period, level) in [
        (gid("Street", 1), "2026-06", "GRID"),
        (gid("Community", 1), "2026-06", "COMMUNITY"),
        (gid("Street", 1), "June", "COMMUNITY"),
    ] {
        let body = evaluation(&app, &admin, &area, period, level).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    }
}
