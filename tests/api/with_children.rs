//! A look-up that lists its children reads both in one statement
//! (`graphql::pagination::with_children`): the answers equal those of the same
//! selection through `node(id)`, which takes the loader's path, for every viewer.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code, errors_below};

/// bench/ (a) and (d): a community with its grids, and the per-grid dashboard.
const SHALLOW: &str = "id code name grids { nodes { id code name kind } }";
const DASHBOARD: &str = "name grids { totalCount nodes { id name buildings { totalCount }
  householdCount residentCount elderlyCount } }";

/// `selection` of community `id` by `community(id)` and by `node(id)`, as `token`.
async fn both_ways(app: &TestApp, token: &str, id: &Value, selection: &str) -> (Value, Value) {
    let fused = format!("query($id: ID!) {{ community(id: $id) {{ {selection} }} }}");
    let plain =
        format!("query($id: ID!) {{ node(id: $id) {{ ... on Community {{ {selection} }} }} }}");
    let (_, fused) = app.graphql_as(token, &fused, json!({ "id": id })).await;
    let (_, plain) = app.graphql_as(token, &plain, json!({ "id": id })).await;
    (fused, plain)
}

/// District staff, another street's admin, a grid worker, a building leader and an
/// areas-only contact: the reaches a fused statement must scope like the loader.
pub(crate) async fn five_viewers(app: &TestApp) -> [String; 5] {
    [
        app.staff_token().to_string(),
        app.token_for("street.two", &["STREET_ADMIN:street:2"])
            .await,
        app.token_for("grid.one", &["GRID_WORKER:grid:1"]).await,
        app.token_for("leader", &["BUILDING_LEADER:building:1"])
            .await,
        app.token_for("contact", &["CO_BUILDING_CONTACT:district:1"])
            .await,
    ]
}

async fn communities(app: &TestApp) -> Vec<Value> {
    app.data("{ communities { nodes { id } } }", json!({}))
        .await["communities"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|community| community["id"].clone())
        .collect()
}

#[tokio::test]
async fn a_community_with_its_grids_and_their_counters_is_one_statement() {
    let app = TestApp::seeded(Fixture::Demo).await;
    let id = communities(&app).await[0].clone();
    let token = app.staff_token().to_string();
    for selection in [SHALLOW, DASHBOARD] {
        // Warm the principal cache, so only the query's own statements count.
        both_ways(&app, &token, &id, selection).await;
        let before = app.statements();
        let (_, body) = app
            .graphql_as(
                &token,
                &format!("query($id: ID!) {{ community(id: $id) {{ {selection} }} }}"),
                json!({ "id": id }),
            )
            .await;
        assert_eq!(app.statements() - before, 1, "{selection}");
        assert!(body.get("errors").is_none(), "{body:#}");
        assert_eq!(
            body["data"]["community"]["grids"]["nodes"]
                .as_array()
                .unwrap()
                .len(),
            10
        );
    }
}

#[tokio::test]
async fn the_fused_answers_equal_the_loaders_for_every_viewer() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let ids = communities(&app).await;
    let grid = app
        .data("{ grids(first: 1) { nodes { id } } }", json!({}))
        .await["grids"]["nodes"][0]["id"]
        .clone();
    let viewers = five_viewers(&app).await;
    let pages = [
        DASHBOARD,
        SHALLOW,
        "grids(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }",
        "grids(first: 0) { totalCount nodes { id } pageInfo { hasNextPage } }",
        "grids(orderBy: ID_DESC) { nodes { id buildings { nodes { id } } } }",
        "grids { nodes { buildings { totalCount nodes { id } } } }",
    ];
    let mut seen = 0;
    for token in &viewers {
        for id in &ids {
            for selection in pages {
                let (fused, plain) = both_ways(&app, token, id, selection).await;
                assert_eq!(
                    errors_below(&fused, 1),
                    errors_below(&plain, 1),
                    "{selection}"
                );
                assert_eq!(
                    fused["data"]["community"], plain["data"]["node"],
                    "{selection}"
                );
                seen += fused["data"]["community"]["grids"]["nodes"]
                    .as_array()
                    .map_or(0, Vec::len);
            }
        }
    }
    assert!(seen > 0);
    // The grid worker sees one grid of its community, as context for the rest.
    let token = &viewers[2];
    let (fused, _) = both_ways(&app, token, &ids[0], "grids { nodes { id } }").await;
    assert_eq!(
        fused["data"]["community"]["grids"]["nodes"],
        json!([{ "id": grid }])
    );
}

#[tokio::test]
async fn out_of_scope_and_bad_pages_answer_as_before() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let ids = communities(&app).await;
    let other_street = app
        .token_for("street.two", &["STREET_ADMIN:street:2"])
        .await;
    let (_, body) = app
        .graphql_as(
            &other_street,
            "query($id: ID!) { community(id: $id) { grids { nodes { id } } } }",
            json!({ "id": ids[0] }),
        )
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(body["data"]["community"], Value::Null);

    let (_, body) = app
        .graphql_as(
            app.staff_token(),
            "query($id: ID!) { community(id: $id) { name grids(first: -1) { nodes { id } } } }",
            json!({ "id": ids[0] }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}
