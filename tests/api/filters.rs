//! Filters: the subtree filter at every level, tags, ages and names.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

const RESIDENTS_UNDER: &str =
    "query($area: ID!) { residents(filter: { areaId: $area }) { totalCount } }";

/// Sum of `household.residents.totalCount` over every household reachable from `value`.
fn residents_below(value: &Value) -> u64 {
    match value {
        Value::Object(map) => {
            if let Some(count) = map.get("residents").and_then(|r| r["totalCount"].as_u64()) {
                return count;
            }
            map.values().map(residents_below).sum()
        }
        Value::Array(items) => items.iter().map(residents_below).sum(),
        _ => 0,
    }
}

#[tokio::test]
async fn area_filter_matches_the_subtree_at_every_level() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // One path down the tree, with the residents counted household by household.
    let tree = app
        .data(
            "{ districts(first: 1) { nodes { id streets(first: 1) { nodes { id communities(first: 1) { nodes { id
               grids(first: 1) { nodes { id buildings(first: 1) { nodes { id units(first: 1) { nodes { id
               households(first: 1) { nodes { id } } } } } } } } } } } } } } }",
            json!({}),
        )
        .await;
    let district = &tree["districts"]["nodes"][0];
    let street = &district["streets"]["nodes"][0];
    let community = &street["communities"]["nodes"][0];
    let grid = &community["grids"]["nodes"][0];
    let building = &grid["buildings"]["nodes"][0];
    let unit = &building["units"]["nodes"][0];
    let household = &unit["households"]["nodes"][0];

    for (level, area) in [
        ("District", district),
        ("Street", street),
        ("Community", community),
        ("Grid", grid),
        ("Building", building),
        ("Unit", unit),
        ("Household", household),
    ] {
        let expected = app
            .data(
                "query($id: ID!) { node(id: $id) { ...H ...U ...B ...G ...C ...S ...D } }
                 fragment R on Household { residents { totalCount } }
                 fragment H on Household { ...R }
                 fragment U on Unit { households(first: 100) { nodes { ...R } } }
                 fragment B on Building { units(first: 100) { nodes { ...U } } }
                 fragment G on Grid { buildings(first: 100) { nodes { ...B } } }
                 fragment C on Community { grids(first: 100) { nodes { ...G } } }
                 fragment S on Street { communities(first: 100) { nodes { ...C } } }
                 fragment D on District { streets(first: 100) { nodes { ...S } } }",
                json!({ "id": area["id"] }),
            )
            .await;
        let expected = residents_below(&expected);
        let filtered = app
            .data(RESIDENTS_UNDER, json!({ "area": area["id"] }))
            .await;
        assert!(expected > 0, "{level} has no residents");
        assert_eq!(filtered["residents"]["totalCount"], expected, "{level}");
    }

    let grids = app
        .data(
            "query($a: ID!) { grids(filter: { areaId: $a }) { totalCount } }",
            json!({ "a": street["id"] }),
        )
        .await;
    assert_eq!(grids["grids"]["totalCount"], 6);
    let households = app
        .data(
            "query($a: ID!) { households(filter: { areaId: $a }) { totalCount } }",
            json!({ "a": grid["id"] }),
        )
        .await;
    assert_eq!(households["households"]["totalCount"], 2 * 2 * 3);
}

#[tokio::test]
async fn area_filter_does_not_leak_into_siblings_whose_ids_share_a_prefix() {
    let app = TestApp::seeded(Fixture::TinyTenfold).await;
    // Unit 1 holds households 1 and 10-19: their paths share the prefix "…/1".
    let unit = app
        .data("{ units: buildings(first: 1) { nodes { units(first: 1) { nodes { households(first: 30) { nodes { id residents { totalCount } } } } } } } }", json!({}))
        .await;
    let households = unit["units"]["nodes"][0]["units"]["nodes"][0]["households"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(households.len(), 30);
    for household in households {
        let filtered = app
            .data(RESIDENTS_UNDER, json!({ "area": household["id"] }))
            .await;
        assert_eq!(
            filtered["residents"]["totalCount"],
            household["residents"]["totalCount"]
        );
    }
}

#[tokio::test]
async fn tag_filter_matches_any_of_the_tags() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let query = "query($tags: [ResidentTag!]) { residents(first: 100, filter: { tags: $tags }) {
        totalCount nodes { age tags } } }";
    let elderly = app.data(query, json!({ "tags": ["ELDERLY"] })).await;
    let by_age = app
        .data(
            "{ residents(filter: { ageMin: 60 }) { totalCount } }",
            json!({}),
        )
        .await;
    assert!(elderly["residents"]["totalCount"].as_u64().unwrap() > 0);
    assert_eq!(
        elderly["residents"]["totalCount"],
        by_age["residents"]["totalCount"]
    );
    for resident in elderly["residents"]["nodes"].as_array().unwrap() {
        assert!(resident["age"].as_i64().unwrap() >= 60);
        assert!(
            resident["tags"]
                .as_array()
                .unwrap()
                .contains(&json!("ELDERLY"))
        );
    }

    let either = app
        .data(query, json!({ "tags": ["VETERAN", "CHILD"] }))
        .await;
    let veterans = app.data(query, json!({ "tags": ["VETERAN"] })).await;
    let children = app.data(query, json!({ "tags": ["CHILD"] })).await;
    let count = |v: &Value| v["residents"]["totalCount"].as_u64().unwrap();
    assert!(count(&either) >= count(&veterans).max(count(&children)));
    assert!(count(&either) <= count(&veterans) + count(&children));
    for resident in either["residents"]["nodes"].as_array().unwrap() {
        let tags = resident["tags"].as_array().unwrap();
        assert!(
            tags.contains(&json!("VETERAN")) || tags.contains(&json!("CHILD")),
            "{resident}"
        );
    }
    let none = app.data(query, json!({ "tags": [] })).await;
    assert_eq!(count(&none), 0);
}

#[tokio::test]
async fn age_range_filter_is_inclusive_and_validated() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let data = app
        .data("{ residents(first: 100, filter: { ageMin: 30, ageMax: 40 }) { totalCount nodes { age } } }", json!({}))
        .await;
    let nodes = data["residents"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    for resident in nodes {
        let age = resident["age"].as_i64().unwrap();
        assert!((30..=40).contains(&age), "age {age}");
    }
    for filter in [
        "{ ageMin: 50, ageMax: 40 }",
        "{ ageMin: -1 }",
        "{ ageMax: 151 }",
    ] {
        let body = app
            .graphql(
                &format!("{{ residents(filter: {filter}) {{ totalCount }} }}"),
                json!({}),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{filter}");
    }
}

#[tokio::test]
async fn name_filter_treats_wildcards_literally() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let first = app
        .data("{ residents(first: 1) { nodes { name } } }", json!({}))
        .await;
    let name = first["residents"]["nodes"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let surname: String = name.chars().take(1).collect();
    let data = app
        .data("query($s: String) { residents(first: 100, filter: { nameContains: $s }) { nodes { name } } }", json!({ "s": surname }))
        .await;
    for resident in data["residents"]["nodes"].as_array().unwrap() {
        assert!(resident["name"].as_str().unwrap().contains(&surname));
    }
    for wildcard in ["%", "_"] {
        let data = app
            .data(
                "query($s: String) { residents(filter: { nameContains: $s }) { totalCount } }",
                json!({ "s": wildcard }),
            )
            .await;
        assert_eq!(data["residents"]["totalCount"], 0, "{wildcard}");
    }
}
