//! `residentStats`: groups against counts made here from the rows, the complementary
//! suppression for API clients (no small group comes back from a total), who may group
//! by tag, and bad input.

use std::collections::HashMap;

use chrono::Months;
use entity::{building, household, resident, unit};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const STATS: &str = "query($filter: ResidentFilter, $by: [ResidentDimension!]!) {
    residentStats(filter: $filter, groupBy: $by) {
        ageBand gender gridId tag count { value suppressed } } }";

async fn stats(app: &TestApp, token: &str, area: &str, by: Value) -> Value {
    let variables = json!({ "filter": { "areaId": area }, "by": by });
    let (_, body) = app.graphql_as(token, STATS, variables).await;
    body
}

/// (grid id, age band, gender) of every resident under `path`, from the rows.
async fn residents_under(app: &TestApp, path: &str) -> Vec<(i32, &'static str, String)> {
    let db = &app.state.db;
    let today = app.state.clock.today();
    let households: HashMap<i32, i32> = household::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.id, row.unit_id))
        .collect();
    let units: HashMap<i32, i32> = unit::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.id, row.building_id))
        .collect();
    let grids: HashMap<i32, i32> = building::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.id, row.grid_id))
        .collect();
    let born_by = |years: u32| today.checked_sub_months(Months::new(years * 12)).unwrap();
    resident::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.area_path.starts_with(path))
        .map(|row| {
            let band = match row.birth_date {
                date if date > born_by(18) => "UNDER_18",
                date if date > born_by(60) => "FROM_18_TO_59",
                date if date > born_by(80) => "FROM_60_TO_79",
                _ => "FROM_80",
            };
            let grid = grids[&units[&households[&row.household_id]]];
            let gender = match row.gender {
                entity::enums::Gender::Male => "MALE",
                entity::enums::Gender::Female => "FEMALE",
            };
            (grid, band, gender.to_owned())
        })
        .collect()
}

#[tokio::test]
async fn staff_count_residents_by_grid_age_band_and_gender_as_the_rows_say() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = app.staff_token().to_owned();
    let body = stats(
        &app,
        &staff,
        &gid("Community", 1),
        json!(["GRID", "AGE_BAND", "GENDER"]),
    )
    .await;
    let groups = body["data"]["residentStats"]
        .as_array()
        .expect("groups")
        .clone();
    let mut truth: HashMap<(String, String, String), u64> = HashMap::new();
    for (grid, band, gender) in residents_under(&app, "1/1/1/").await {
        *truth
            .entry((gid("Grid", grid), band.to_owned(), gender))
            .or_default() += 1;
    }
    assert_eq!(groups.len(), truth.len(), "{body:#}");
    for group in groups {
        let key = (
            group["gridId"].as_str().unwrap().to_owned(),
            group["ageBand"].as_str().unwrap().to_owned(),
            group["gender"].as_str().unwrap().to_owned(),
        );
        assert_eq!(group["count"]["value"], truth[&key], "{key:?}");
        assert_eq!(group["tag"], Value::Null);
    }
}

#[tokio::test]
async fn an_api_client_never_gets_a_small_group_back_from_a_total() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let client = app
        .client_token("stats", &["aggregates:read"], |client| client)
        .await;
    let body = stats(&app, &client, &gid("Grid", 1), json!(["AGE_BAND"])).await;
    let groups = body["data"]["residentStats"]
        .as_array()
        .expect("groups")
        .clone();
    let mut truth: HashMap<&str, u64> = HashMap::new();
    for (_, band, _) in residents_under(&app, "1/1/1/1/").await {
        *truth.entry(band).or_default() += 1;
    }
    let small = truth.values().filter(|n| **n < 5).count();
    assert!(
        small > 0,
        "the fixture has a small band in grid 1: {truth:?}"
    );
    let mut hidden = 0;
    for group in &groups {
        let band = group["ageBand"].as_str().unwrap();
        match group["count"]["value"].as_u64() {
            Some(value) => assert!(value >= 5 && value == truth[band], "{group}"),
            None => {
                assert_eq!(group["count"]["suppressed"], true);
                hidden += 1;
            }
        }
    }
    // One hidden group alone would be the total (asked for without groupBy) minus the
    // others: at least two are hidden.
    assert!(
        hidden >= 2 || (hidden == 1 && groups.len() == 1),
        "{body:#}"
    );
    let total = stats(&app, &client, &gid("Grid", 1), json!([])).await;
    assert_eq!(
        total["data"]["residentStats"][0]["count"]["value"],
        truth.values().sum::<u64>()
    );
}

#[tokio::test]
async fn grouping_by_tag_needs_the_sensitive_classes() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // Community staff see special groups masked: they may not count by them.
    let staff = app.staff_token().to_owned();
    let body = stats(&app, &staff, &gid("Community", 1), json!(["TAG"])).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    let client = app
        .client_token("stats-tags", &["aggregates:read"], |client| client)
        .await;
    let body = stats(&app, &client, &gid("Street", 1), json!(["TAG"])).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let groups = body["data"]["residentStats"].as_array().unwrap();
    assert!(
        groups.iter().all(|group| group["tag"].is_string()),
        "{body:#}"
    );
}

#[tokio::test]
async fn bad_stats_input_is_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = app.staff_token().to_owned();
    let twice = stats(&app, &staff, &gid("Grid", 1), json!(["GENDER", "GENDER"])).await;
    assert_eq!(error_code(&twice), "BAD_USER_INPUT", "{twice:#}");
    let variables = json!({ "filter": { "ageMin": 90, "ageMax": 10 }, "by": ["GENDER"] });
    let (_, reversed) = app.graphql_as(&staff, STATS, variables).await;
    assert_eq!(error_code(&reversed), "BAD_USER_INPUT", "{reversed:#}");
    let reader = app
        .client_token("no-aggregates", &["territory:read"], |client| client)
        .await;
    let refused = stats(&app, &reader, &gid("Grid", 1), json!(["GENDER"])).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused:#}");
}
