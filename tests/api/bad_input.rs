//! Bad ids, cursors and documents get clear errors with stable codes and no SQL text.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

fn assert_no_internals(body: &Value) {
    let text = body.to_string().to_lowercase();
    for leak in ["select ", "sqlite", "postgres", "sqlx", "panicked", "src/"] {
        assert!(!text.contains(leak), "response leaks `{leak}`: {body}");
    }
}

#[tokio::test]
async fn malformed_global_ids_are_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for id in [
        "",
        "garbage!",
        "R3JpZA",
        "R3JpZDp4",
        "R3JpZDotMQ",
        "Rm9vOjE",
    ] {
        let body = app
            .graphql(
                "query($id: ID!) { grid(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{id}");
        assert_eq!(body["data"]["grid"], Value::Null);
        assert_no_internals(&body);
    }
}

#[tokio::test]
async fn ids_of_the_wrong_type_are_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let street = app
        .data("{ streets(first: 1) { nodes { id } } }", json!({}))
        .await;
    let street_id = street["streets"]["nodes"][0]["id"].clone();
    let body = app
        .graphql(
            "query($id: ID!) { grid(id: $id) { id } }",
            json!({ "id": street_id }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("expected a Grid id")
    );

    let resident = app
        .data("{ residents(first: 1) { nodes { id } } }", json!({}))
        .await;
    let body = app
        .graphql(
            "query($id: ID!) { residents(filter: { areaId: $id }) { totalCount } }",
            json!({ "id": resident["residents"]["nodes"][0]["id"] }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}

#[tokio::test]
async fn unknown_ids_are_not_found_for_lookups_and_node() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // base64url("Grid:999999")
    let unknown = "R3JpZDo5OTk5OTk";
    for query in [
        "query($id: ID!) { grid(id: $id) { id } }",
        "query($id: ID!) { node(id: $id) { id } }",
    ] {
        let body = app.graphql(query, json!({ "id": unknown })).await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{query}");
        assert_eq!(body["errors"][0]["message"], "not found");
        assert_no_internals(&body);
    }
}

#[tokio::test]
async fn node_answers_every_territory_type() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let data = app
        .data(
            "{ residents(first: 1) { nodes { id household { id unit { id building { id grid { id
               community { id street { id district { id } } } } } } } } } }",
            json!({}),
        )
        .await;
    let resident = &data["residents"]["nodes"][0];
    let mut ids = vec![resident["id"].clone()];
    let mut level = &resident["household"];
    for next in [
        "unit",
        "building",
        "grid",
        "community",
        "street",
        "district",
        "",
    ] {
        ids.push(level["id"].clone());
        if next.is_empty() {
            break;
        }
        level = &level[next];
    }
    let expected = [
        "Resident",
        "Household",
        "Unit",
        "Building",
        "Grid",
        "Community",
        "Street",
        "District",
    ];
    for (id, typename) in ids.iter().zip(expected) {
        let node = app
            .data(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(node["node"]["__typename"], typename);
        assert_eq!(&node["node"]["id"], id);
    }
}

#[tokio::test]
async fn invalid_cursors_and_documents_are_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let body = app
        .graphql(
            "{ grids(after: \"not-a-cursor\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let body = app
        .graphql("{ grids(first: 1 { totalCount } }", json!({}))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let body = app
        .graphql("{ grids(first: \"ten\") { totalCount } }", json!({}))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let body = app.graphql("{ noSuchField }", json!({})).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_no_internals(&body);
}
