//! Party members (党员) on the Tiny fixture: registration, masking by role (and the
//! identity a member shows), transfers with versions and scope, bad input, and the
//! organisations of a grid and a community. Branches 5-7 serve grids 1-3.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::posts::{gid, send, staff};

const REGISTER: &str = "mutation($input: RegisterPartyMemberInput!) {
    registerPartyMember(input: $input) {
        member { id version name category joinedOn showsIdentity organization { id } }
    }
}";

const TRANSFER: &str = "mutation($input: TransferPartyMemberInput!) {
    transferPartyMember(input: $input) { member { id version organization { id } } }
}";

const ONE: &str = "query($id: ID!) { partyMember(id: $id) { name joinedOn showsIdentity } }";

async fn register(app: &TestApp, token: &str, username: &str, shows: bool) -> Value {
    let user = app
        .create_user(username, "correct horse battery", &[])
        .await;
    let input = json!({
        "organizationId": gid("PartyOrganization", 5),
        "userId": gid("User", user),
        "category": "IN_SERVICE",
        "joinedOn": "2012-07-01",
        "showsIdentity": shows,
    });
    send(app, token, REGISTER, input).await
}

#[tokio::test]
async fn staff_register_a_member_whom_a_member_of_the_grid_sees_masked() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = register(&app, &staff, "member.one", false).await;
    let member = &body["data"]["registerPartyMember"]["member"];
    assert_eq!(member["name"], "member.one", "{body:#}");
    assert_eq!(member["category"], "IN_SERVICE");
    assert_eq!(member["organization"]["id"], gid("PartyOrganization", 5));
    let id = member["id"].clone();
    let peer = app.token_for("peer1", &["PARTY_MEMBER:grid:1"]).await;
    let (_, seen) = app.graphql_as(&peer, ONE, json!({ "id": id })).await;
    let seen = &seen["data"]["partyMember"];
    assert_eq!(seen["name"], "m*********", "{seen:#}");
    assert_eq!(seen["joinedOn"], Value::Null);
    let shown = register(&app, &staff, "member.two", true).await;
    let id = shown["data"]["registerPartyMember"]["member"]["id"].clone();
    let (_, seen) = app.graphql_as(&peer, ONE, json!({ "id": id })).await;
    assert_eq!(
        seen["data"]["partyMember"]["name"], "member.two",
        "shows identity"
    );
    let other = app.token_for("peer2", &["PARTY_MEMBER:grid:4"]).await;
    let (_, body) = app.graphql_as(&other, ONE, json!({ "id": id })).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
}

#[tokio::test]
async fn a_person_is_a_member_once_and_bad_input_is_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = register(&app, &staff, "member.one", false).await;
    let user = body["data"]["registerPartyMember"]["member"]["id"].clone();
    assert!(user.is_string(), "{body:#}");
    let again = json!({
        "organizationId": gid("PartyOrganization", 6),
        "userId": gid("User", 2),
        "category": "DIRECT",
        "joinedOn": "2012-07-01",
    });
    let first = send(&app, &staff, REGISTER, again.clone()).await;
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(
        error_code(&send(&app, &staff, REGISTER, again.clone()).await),
        "CONFLICT"
    );
    for (key, value) in [
        ("joinedOn", json!("2026-06-16")),
        ("joinedOn", json!("1900-01-01")),
        ("residentId", json!(gid("Resident", 1))),
    ] {
        let mut input = again.clone();
        input[key] = value.clone();
        let body = send(&app, &staff, REGISTER, input).await;
        assert_eq!(
            error_code(&body),
            "BAD_USER_INPUT",
            "{key}={value}: {body:#}"
        );
    }
    let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
    let body = register(&app, &worker, "member.three", false).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
}

#[tokio::test]
async fn a_transfer_moves_a_member_once_per_version_within_scope() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = register(&app, &staff, "member.one", false).await;
    let id = body["data"]["registerPartyMember"]["member"]["id"].clone();
    let input = json!({
        "memberId": id,
        "version": 1,
        "toOrganizationId": gid("PartyOrganization", 6),
        "transferredOn": "2026-06-01",
    });
    let moved = send(&app, &staff, TRANSFER, input.clone()).await;
    let member = &moved["data"]["transferPartyMember"]["member"];
    assert_eq!(
        member["organization"]["id"],
        gid("PartyOrganization", 6),
        "{moved:#}"
    );
    assert_eq!(member["version"], 2);
    assert_eq!(
        error_code(&send(&app, &staff, TRANSFER, input.clone()).await),
        "CONFLICT"
    );
    let mut same = input.clone();
    same["version"] = json!(2);
    assert_eq!(
        error_code(&send(&app, &staff, TRANSFER, same.clone()).await),
        "BAD_USER_INPUT"
    );
    let mut far = same;
    far["toOrganizationId"] = json!(gid("PartyOrganization", 8));
    assert_eq!(
        error_code(&send(&app, &staff, TRANSFER, far).await),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn a_community_shows_its_committee_and_each_grid_its_branch() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let query = "query($c: ID!) { node(id: $c) { ... on Community {
        partyCommittee { id orgType } grids(first: 10) { nodes { partyBranch { id orgType } } } } } }";
    let (_, body) = app
        .graphql_as(&staff, query, json!({ "c": gid("Community", 1) }))
        .await;
    let community = &body["data"]["node"];
    assert_eq!(
        community["partyCommittee"]["id"],
        gid("PartyOrganization", 1),
        "{body:#}"
    );
    let branches: Vec<Value> = community["grids"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|grid| grid["partyBranch"]["id"].clone())
        .collect();
    let expected: Vec<Value> = (5..=7)
        .map(|id| json!(gid("PartyOrganization", id)))
        .collect();
    assert_eq!(branches, expected);
}
