//! Grid counters (`householdCount`, `residentCount`, `elderlyCount`) agree with the
//! lists they summarise and count only what the viewer may see.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};

const COUNTERS: &str = "{ grids(first: 100) { nodes { id
  householdCount residentCount elderlyCount } } }";

const LISTS: &str = "query($grid: ID!) {
  households(filter: { areaId: $grid }) { totalCount }
  residents(filter: { areaId: $grid }) { totalCount }
  elderly: residents(filter: { areaId: $grid, tags: [ELDERLY] }) { totalCount } }";

fn grids(body: &Value) -> Vec<Value> {
    body["data"]["grids"]["nodes"].as_array().unwrap().clone()
}

#[tokio::test]
async fn grid_counters_equal_the_totals_of_the_filtered_lists() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let body = app.graphql(COUNTERS, json!({})).await;
    let grids = grids(&body);
    assert_eq!(grids.len(), 12);
    for grid in grids {
        let lists = app.data(LISTS, json!({ "grid": grid["id"] })).await;
        assert_eq!(grid["householdCount"], lists["households"]["totalCount"]);
        assert_eq!(grid["residentCount"], lists["residents"]["totalCount"]);
        assert_eq!(grid["elderlyCount"], lists["elderly"]["totalCount"]);
    }
}

#[tokio::test]
async fn a_building_leader_counts_only_their_building_in_its_grid() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app
        .token_for("leader", &["BUILDING_LEADER:building:1"])
        .await;
    let query = "{ building(id: \"QnVpbGRpbmc6MQ\") { grid { householdCount residentCount }
      units { nodes { households { totalCount nodes { residents { totalCount } } } } } } }";
    let (_, body) = app.graphql_as(&token, query, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let building = &body["data"]["building"];
    let units = building["units"]["nodes"].as_array().unwrap();
    let households: u64 = units
        .iter()
        .map(|unit| unit["households"]["totalCount"].as_u64().unwrap())
        .sum();
    let residents: u64 = units
        .iter()
        .flat_map(|unit| unit["households"]["nodes"].as_array().unwrap().clone())
        .map(|household| household["residents"]["totalCount"].as_u64().unwrap())
        .sum();
    assert!(households > 0 && residents > 0);
    // The grid is visible as context; its counters see only the leader's building.
    assert_eq!(
        building["grid"]["householdCount"].as_u64(),
        Some(households)
    );
    assert_eq!(building["grid"]["residentCount"].as_u64(), Some(residents));
}

#[tokio::test]
async fn areas_only_roles_count_no_residents() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app
        .token_for("contact", &["CO_BUILDING_CONTACT:district:1"])
        .await;
    let (_, body) = app.graphql_as(&token, COUNTERS, json!({})).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    for grid in grids(&body) {
        assert_eq!(grid["residentCount"], 0);
        assert_eq!(grid["elderlyCount"], 0);
    }
}
