//! Party organisations (党组织) on the Tiny fixture: the seeded tree (a committee per
//! community, a branch per grid under it), its filters, and its scoping per role.
//! Committees take ids 1-4 (by community), branches 5-16 (by grid).

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

fn gid(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

const LIST: &str = "query($filter: PartyOrganizationFilter) {
    partyOrganizations(first: 100, filter: $filter) {
        totalCount nodes { id name orgType status foundedOn parent { id } }
    }
}";

const ONE: &str = "query($id: ID!) {
    partyOrganization(id: $id) {
        id name orgType parent { id }
        area { __typename id }
        children(first: 10) { totalCount nodes { id orgType parent { id } } }
    }
}";

async fn list_as(app: &TestApp, token: &str, filter: Value) -> Value {
    let (_, body) = app
        .graphql_as(token, LIST, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"]["partyOrganizations"].clone()
}

#[tokio::test]
async fn every_community_has_a_committee_and_every_grid_a_branch_under_it() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    assert_eq!(list_as(&app, &admin, json!(null)).await["totalCount"], 16);
    let branches = list_as(&app, &admin, json!({ "orgType": ["BRANCH"] })).await;
    assert_eq!(branches["totalCount"], 12);
    let committees = list_as(
        &app,
        &admin,
        json!({ "orgType": ["COMMITTEE"], "status": "ACTIVE" }),
    )
    .await;
    assert_eq!(committees["totalCount"], 4);
    assert!(
        committees["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|node| node["parent"].is_null() && node["foundedOn"] == "2018-07-01")
    );
    let community = list_as(&app, &admin, json!({ "areaId": gid("Community", 1) })).await;
    assert_eq!(
        community["totalCount"], 4,
        "its committee and three branches"
    );
}

#[tokio::test]
async fn a_committee_lists_its_grid_branches_as_children() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    let committee = gid("PartyOrganization", 1);
    let (_, body) = app
        .graphql_as(&admin, ONE, json!({ "id": committee }))
        .await;
    let organization = &body["data"]["partyOrganization"];
    assert_eq!(organization["orgType"], "COMMITTEE", "{body:#}");
    assert_eq!(organization["area"]["__typename"], "Community");
    assert_eq!(organization["area"]["id"], gid("Community", 1));
    let children = &organization["children"];
    assert_eq!(children["totalCount"], 3);
    for child in children["nodes"].as_array().unwrap() {
        assert_eq!(child["orgType"], "BRANCH");
        assert_eq!(child["parent"]["id"], committee);
    }
    let (_, body) = app
        .graphql_as(&admin, ONE, json!({ "id": gid("PartyOrganization", 5) }))
        .await;
    assert_eq!(
        body["data"]["partyOrganization"]["area"]["id"],
        gid("Grid", 1)
    );
    assert_eq!(
        body["data"]["partyOrganization"]["children"]["totalCount"],
        0
    );
}

#[tokio::test]
async fn a_grid_worker_sees_only_the_branch_of_their_grid() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let worker = app.token_for("worker", &["GRID_WORKER:grid:1"]).await;
    let visible = list_as(&app, &worker, json!(null)).await;
    assert_eq!(visible["totalCount"], 1);
    let branch = &visible["nodes"][0];
    assert_eq!(branch["id"], gid("PartyOrganization", 5));
    assert!(branch["parent"].is_null(), "the committee is out of scope");

    let (_, committee) = app
        .graphql_as(&worker, ONE, json!({ "id": gid("PartyOrganization", 1) }))
        .await;
    let (_, missing) = app
        .graphql_as(&worker, ONE, json!({ "id": gid("PartyOrganization", 999) }))
        .await;
    assert!(committee["data"]["partyOrganization"].is_null());
    assert_eq!(error_code(&committee), "NOT_FOUND");
    assert_eq!(
        committee["errors"][0]["message"],
        missing["errors"][0]["message"]
    );
}

#[tokio::test]
async fn a_street_admin_sees_the_organisations_of_their_street_only() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app.token_for("street", &["STREET_ADMIN:street:2"]).await;
    let visible = list_as(&app, &admin, json!(null)).await;
    assert_eq!(visible["totalCount"], 8, "two committees and six branches");
    let other = list_as(&app, &admin, json!({ "areaId": gid("Community", 1) })).await;
    assert_eq!(
        other["totalCount"], 0,
        "another street's community counts nothing"
    );
}

#[tokio::test]
async fn party_organisations_need_a_token_and_an_area_filter_needs_an_area() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let anonymous = app.anonymous(LIST, json!({ "filter": null })).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    let filter = json!({ "areaId": gid("PartyOrganization", 1) });
    let (_, body) = app
        .graphql_as(&admin, LIST, json!({ "filter": filter }))
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}
