//! Relay paging: forward and backward, stable cursors under every order, empty pages,
//! and page-size limits.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

const GRIDS: &str = "query($first: Int, $after: String, $last: Int, $before: String) {
  grids(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}";

fn ids(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn paging_forward_visits_every_row_once_in_order() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let all = app.data(GRIDS, json!({ "first": 100 })).await;
    let all_ids = ids(&all["grids"]);
    assert_eq!(all_ids.len(), 12);
    assert_eq!(all["grids"]["totalCount"], 12);

    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    loop {
        let page = app.data(GRIDS, json!({ "first": 5, "after": after })).await;
        let grids = &page["grids"];
        seen.extend(ids(grids));
        pages += 1;
        assert_eq!(grids["pageInfo"]["hasPreviousPage"], pages > 1);
        if grids["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = grids["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, all_ids);
}

#[tokio::test]
async fn paging_backward_visits_every_row_once_in_order() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let all_ids = ids(&app.data(GRIDS, json!({ "first": 100 })).await["grids"]);

    let mut seen: Vec<String> = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = app
            .data(GRIDS, json!({ "last": 5, "before": before }))
            .await;
        let grids = &page["grids"];
        let mut chunk = ids(grids);
        chunk.extend(seen);
        seen = chunk;
        if grids["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        assert_eq!(grids["pageInfo"]["hasNextPage"], !before.is_null());
        before = grids["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(seen, all_ids);
}

#[tokio::test]
async fn cursors_are_stable_under_every_order() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let query =
        "query($order: ResidentOrder, $first: Int, $after: String, $last: Int, $before: String) {
      residents(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
        edges { node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }";
    for order in [
        "ID_ASC",
        "ID_DESC",
        "NAME_ASC",
        "NAME_DESC",
        "BIRTH_DATE_ASC",
        "BIRTH_DATE_DESC",
        "AREA_ASC",
    ] {
        let whole = app
            .data(query, json!({ "order": order, "first": 100 }))
            .await;
        let expected = ids(&whole["residents"]);
        assert_eq!(expected.len(), 100, "{order}");

        // Forward in pages of 7 over the same 100 rows.
        let mut forward = Vec::new();
        let mut after = Value::Null;
        while forward.len() < 100 {
            let page = app
                .data(query, json!({ "order": order, "first": 7, "after": after }))
                .await;
            forward.extend(ids(&page["residents"]));
            after = page["residents"]["pageInfo"]["endCursor"].clone();
        }
        forward.truncate(100);
        assert_eq!(forward, expected, "forward paging under {order}");

        // Backward in pages of 9, from the cursor of the 101st row.
        let hundredth = whole["residents"]["pageInfo"]["endCursor"].clone();
        let next = app
            .data(
                query,
                json!({ "order": order, "first": 1, "after": hundredth }),
            )
            .await;
        let mut before = next["residents"]["pageInfo"]["endCursor"].clone();
        let mut backward: Vec<String> = Vec::new();
        while backward.len() < 100 {
            let page = app
                .data(
                    query,
                    json!({ "order": order, "last": 9, "before": before }),
                )
                .await;
            let mut chunk = ids(&page["residents"]);
            before = page["residents"]["pageInfo"]["startCursor"].clone();
            chunk.extend(backward);
            backward = chunk;
        }
        let backward = backward[backward.len() - 100..].to_vec();
        assert_eq!(backward, expected, "backward paging under {order}");
    }
}

#[tokio::test]
async fn empty_pages_are_well_formed() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let zero = app.data(GRIDS, json!({ "first": 0 })).await;
    assert_eq!(zero["grids"]["edges"], json!([]));
    assert_eq!(zero["grids"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(zero["grids"]["pageInfo"]["startCursor"], Value::Null);

    let all = app.data(GRIDS, json!({ "first": 100 })).await;
    let end = all["grids"]["pageInfo"]["endCursor"].clone();
    let past_end = app.data(GRIDS, json!({ "first": 5, "after": end })).await;
    assert_eq!(past_end["grids"]["edges"], json!([]));
    assert_eq!(past_end["grids"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(past_end["grids"]["totalCount"], 12);

    let none = app
        .data(
            "{ residents(filter: { nameContains: \"不存在的名字\" }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(none["residents"]["totalCount"], 0);
    assert_eq!(none["residents"]["nodes"], json!([]));
    assert_eq!(none["residents"]["pageInfo"]["endCursor"], Value::Null);
}

#[tokio::test]
async fn page_sizes_over_the_maximum_are_rejected() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for variables in [
        json!({ "first": 101 }),
        json!({ "last": 101 }),
        json!({ "first": -1 }),
        json!({ "first": 1, "last": 1 }),
    ] {
        let body = app.graphql(GRIDS, variables.clone()).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{variables}");
        assert_eq!(body["data"]["grids"], Value::Null);
    }
    let nested = app
        .graphql(
            "{ communities(first: 1) { nodes { grids(first: 101) { totalCount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&nested), "BAD_USER_INPUT");
    assert_eq!(
        app.data(GRIDS, json!({ "first": 100 })).await["grids"]["totalCount"],
        12
    );
}

#[tokio::test]
async fn nested_connections_page_per_parent() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let query = "query($after: String) { communities(first: 4) { nodes {
        grids(first: 2, after: $after) { totalCount edges { cursor node { id community { id } } }
          pageInfo { hasNextPage hasPreviousPage } }
        id } } }";
    let first = app.data(query, json!({})).await;
    for community in first["communities"]["nodes"].as_array().unwrap() {
        let grids = &community["grids"];
        assert_eq!(grids["totalCount"], 3);
        assert_eq!(grids["edges"].as_array().unwrap().len(), 2);
        assert_eq!(grids["pageInfo"]["hasNextPage"], true);
        for edge in grids["edges"].as_array().unwrap() {
            assert_eq!(edge["node"]["community"]["id"], community["id"]);
        }
    }
    // The second page of the first community, through its own cursor.
    let community = &first["communities"]["nodes"][0];
    let cursor = community["grids"]["edges"][1]["cursor"].clone();
    let second = app
        .data(
            "query($id: ID!, $after: String) { community(id: $id) { grids(first: 2, after: $after) {
               edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } }",
            json!({ "id": community["id"], "after": cursor }),
        )
        .await;
    let grids = &second["community"]["grids"];
    assert_eq!(grids["edges"].as_array().unwrap().len(), 1);
    assert_eq!(grids["pageInfo"]["hasNextPage"], false);
    assert_eq!(grids["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn area_order_keeps_each_household_together() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let query = "{ residents(orderBy: AREA_ASC, first: 100) { nodes { household { id } } } }";
    let data = app.data(query, json!({})).await;
    let households: Vec<&Value> = data["residents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|resident| &resident["household"]["id"])
        .collect();
    let mut runs = households.clone();
    runs.dedup();
    let mut distinct = runs.clone();
    distinct.sort_by_key(|id| id.to_string());
    distinct.dedup();
    assert!(households.len() == 100 && runs.len() > 10);
    assert_eq!(
        runs.len(),
        distinct.len(),
        "a household's residents were split"
    );
}

#[tokio::test]
async fn child_pages_fetched_together_match_each_parent_fetched_alone() {
    // Many parents' pages come from one windowed statement, a single parent's from a
    // plain ordered LIMIT: both must give each parent the same rows in the same order,
    // under every order and in both directions.
    let app = TestApp::seeded(Fixture::Tiny).await;
    let together = "query($order: ResidentOrder, $first: Int, $last: Int) {
      households(first: 12) { nodes { id
        residents(orderBy: $order, first: $first, last: $last) {
          edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } } }";
    let alone = "query($id: ID!, $order: ResidentOrder, $first: Int, $last: Int) {
      household(id: $id) {
        residents(orderBy: $order, first: $first, last: $last) {
          edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } } }";
    let mut cut_short = 0;
    for order in [
        "ID_DESC",
        "NAME_ASC",
        "NAME_DESC",
        "BIRTH_DATE_ASC",
        "BIRTH_DATE_DESC",
    ] {
        for size in [json!({ "first": 2 }), json!({ "last": 2 })] {
            let mut variables = size.clone();
            variables["order"] = json!(order);
            let batched = app.data(together, variables.clone()).await;
            let households = batched["households"]["nodes"].as_array().unwrap();
            assert_eq!(households.len(), 12);
            for household in households {
                variables["id"] = household["id"].clone();
                let single = app.data(alone, variables.clone()).await;
                let expected = &single["household"]["residents"];
                assert_eq!(
                    household["residents"], *expected,
                    "{order} {size} of household {}",
                    household["id"]
                );
                let info = &expected["pageInfo"];
                if info["hasNextPage"] == true || info["hasPreviousPage"] == true {
                    cut_short += 1;
                }
            }
        }
    }
    assert!(
        cut_short > 0,
        "some households have more residents than a page"
    );
}
