//! A connection's `nodes` and `edges` resolve their objects in one pass
//! (`graphql::object_list`): every row answers as the same row looked up alone by
//! `node(id)`, which resolves it field by field through async-graphql, for every viewer
//! and for selections with aliases, fragments, `__typename`, a field asked twice, and
//! fields that fail.

use serde_json::json;

use crate::harness::{Fixture, TestApp, errors_below};
use crate::with_children::five_viewers;

/// Spread into the selections below.
const FRAGMENT: &str = "fragment Door on Household { code room }";

/// Selections of a household, each compared row by row.
const SELECTIONS: [&str; 5] = [
    "id room residenceStatus residents(first: 3) { nodes { id name gender birthDate tags } }",
    "__typename key: id ...Door ... on Household { registeredAddress } ... { residenceStatus }",
    // One response key asked twice: the two sub-selections merge.
    "id residents(first: 2) { nodes { id } } residents(first: 2) { nodes { name } totalCount }",
    // A fragment on an interface the type implements: async-graphql's own path.
    "... on Node { id } unit { id name }",
    // A field that fails in every row, beside one that answers.
    "id residents(first: -1) { nodes { id } }",
];

#[tokio::test]
async fn every_row_of_a_page_answers_as_the_row_looked_up_alone() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let viewers = five_viewers(&app).await;
    let mut compared = 0;
    for token in &viewers {
        for selection in SELECTIONS {
            // A fragment defined but not spread is invalid.
            let fragment = if selection.contains("...Door") {
                FRAGMENT
            } else {
                ""
            };
            let page =
                format!("{{ households(first: 12) {{ nodes {{ {selection} }} }} }} {fragment}");
            let (status, page) = app.graphql_as(token, &page, json!({})).await;
            assert_eq!(status, 200);
            let rows = page["data"]["households"]["nodes"].as_array();
            let rows = rows.cloned().unwrap_or_default();
            let page_errors = errors_below(&page, 3);
            let mut row_errors = Vec::new();
            for row in &rows {
                let Some(id) = row.get("id").or(row.get("key")) else {
                    panic!("{selection}: {row:#}");
                };
                let alone = format!(
                    "query($id: ID!) {{ node(id: $id) {{ ... on Household {{ {selection} }} }} }} {fragment}"
                );
                let (_, alone) = app.graphql_as(token, &alone, json!({ "id": id })).await;
                assert_eq!(&alone["data"]["node"], row, "{selection}");
                row_errors.extend(errors_below(&alone, 1));
                compared += 1;
            }
            // The page's errors are the rows' errors, each under its row's index.
            let mut page_errors = page_errors;
            page_errors.sort_by_key(|error| format!("{error:?}"));
            row_errors.sort_by_key(|error| format!("{error:?}"));
            assert_eq!(page_errors, row_errors, "{selection}");
        }
    }
    assert!(compared > 100, "{compared}");
}

#[tokio::test]
async fn a_failing_field_fails_in_each_row_under_its_index() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let (_, body) = app
        .graphql_as(
            app.staff_token(),
            "{ households(first: 3) { nodes { id residents(first: -1) { nodes { id } } } } }",
            json!({}),
        )
        .await;
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{body:#}");
    for (index, error) in errors.iter().enumerate() {
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
        assert_eq!(
            error["path"],
            json!(["households", "nodes", index, "residents"]),
            "{body:#}"
        );
    }
}

#[tokio::test]
async fn fields_come_back_in_the_order_they_were_selected() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // A nested page (answered after a loader batch) before a field ready at once, in
    // rows of `nodes` and of `edges`.
    for list in ["nodes { ROW }", "edges { node { ROW } cursor }"] {
        let list = list.replace("ROW", "residents(first: 1) { totalCount } code");
        let text = app
            .graphql_text_as(
                app.staff_token(),
                &format!("{{ households(first: 2) {{ {list} }} }}"),
                json!({}),
            )
            .await;
        let at = |key: &str| text.find(&format!("\"{key}\"")).expect(key);
        assert!(at("residents") < at("code"), "{text}");
        if list.starts_with("edges") {
            assert!(at("code") < at("cursor"), "{text}");
        }
    }
}
