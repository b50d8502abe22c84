//! A root page joins the parents its rows select (`graphql::pagination::with_parents`):
//! one statement, and each row's parents equal what `node(id)` answers for that row
//! through the loader, for every viewer.

use serde_json::json;

use crate::harness::{Fixture, TestApp};
use crate::with_children::five_viewers;

/// bench/ (c): elderly residents of a street with household, unit and building.
const ELDERLY: &str = "query($street: ID!) {
  residents(first: 50, orderBy: AREA_ASC, filter: { areaId: $street, tags: [ELDERLY] }) {
    nodes { id name phone household { id room unit { id name building { id name } } } } } }";

/// Every level up to the street, in one page.
const RESIDENTS: &str = "residents(first: 40, orderBy: ID_DESC) { nodes { id
  household { id room unit { id building { id grid { id community { id street { name } } } } } } } }";
const PARENTS: &str = "id household { id room unit { id building { id grid { id community { id street { name } } } } } } }";

#[tokio::test]
async fn elderly_of_a_street_with_their_addresses_are_one_statement() {
    let app = TestApp::seeded(Fixture::Demo).await;
    let street = app
        .data("{ streets(first: 1) { nodes { id } } }", json!({}))
        .await["streets"]["nodes"][0]["id"]
        .clone();
    let variables = json!({ "street": street });
    app.data(ELDERLY, variables.clone()).await;
    let before = app.statements();
    let data = app.data(ELDERLY, variables).await;
    assert_eq!(app.statements() - before, 1);
    let residents = data["residents"]["nodes"].as_array().unwrap();
    assert_eq!(residents.len(), 50);
    assert!(
        residents
            .iter()
            .all(|resident| resident["household"]["unit"]["building"]["name"].is_string())
    );
}

#[tokio::test]
async fn each_rows_parents_equal_the_look_up_by_id_for_every_viewer() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let viewers = five_viewers(&app).await;
    let mut compared = 0;
    for token in &viewers {
        let (_, page) = app
            .graphql_as(token, &format!("{{ {RESIDENTS} }}"), json!({}))
            .await;
        assert!(page.get("errors").is_none(), "{page:#}");
        for resident in page["data"]["residents"]["nodes"].as_array().unwrap() {
            let (_, one) = app
                .graphql_as(
                    token,
                    &format!(
                        "query($id: ID!) {{ node(id: $id) {{ ... on Resident {{ {PARENTS} }} }}"
                    ),
                    json!({ "id": resident["id"] }),
                )
                .await;
            assert_eq!(&one["data"]["node"], resident);
            compared += 1;
        }
    }
    assert!(compared > 20, "{compared}");
}

#[tokio::test]
async fn a_parent_asked_twice_and_parents_with_lists_of_their_own_answer() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // The household twice under aliases (joined once), and a parent's own list of
    // grids (a connection, so through the loader).
    let body = app
        .graphql(
            "{ residents(first: 5) { nodes { a: household { id } b: household { room } } }
               grids(first: 3) { nodes { id community { grids(first: 1) { nodes { id } } } } } }",
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let residents = body["data"]["residents"]["nodes"].as_array().unwrap();
    assert_eq!(residents.len(), 5);
    assert!(
        residents
            .iter()
            .all(|resident| resident["a"]["id"].is_string())
    );
    let grids = body["data"]["grids"]["nodes"].as_array().unwrap();
    assert!(
        grids.iter().all(|grid| {
            grid["community"]["grids"]["nodes"].as_array().map(Vec::len) == Some(1)
        })
    );
}
