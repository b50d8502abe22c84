//! Liaison households (党员联系户) on the Tiny fixture: assigning and replacing a
//! member's households with the history kept, the configured maximum, scope, one
//! liaison member per household (also under parallel requests), versions and retries.
//! Branch 5 serves grid 1, whose households are 1-12; community 1 holds 1-36.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::posts::{gid, send, staff};

pub const REGISTER: &str = "mutation($input: RegisterPartyMemberInput!) {
    registerPartyMember(input: $input) { member { id version } }
}";

const ASSIGN: &str = "mutation($input: AssignLiaisonHouseholdsInput!) {
    assignLiaisonHouseholds(input: $input) { member { id version } }
}";

const LIAISONS: &str = "query($id: ID!, $filter: LiaisonHouseholdFilter) {
    partyMember(id: $id) {
        version
        liaisonHouseholds(first: 50, filter: $filter) {
            totalCount nodes { household { id } startedOn endedOn member { id } }
        }
    }
}";

const LIAISON_MEMBER: &str = "query($id: ID!) {
    node(id: $id) { ... on Household { liaisonMember { id name } } }
}";

/// A new staff user registered as a member of `organization`; returns the member id.
pub async fn member_of(app: &TestApp, token: &str, username: &str, organization: i32) -> Value {
    let user = app
        .create_user(username, "correct horse battery", &[])
        .await;
    let input = json!({
        "organizationId": gid("PartyOrganization", organization),
        "userId": gid("User", user),
        "category": "IN_SERVICE",
        "joinedOn": "2012-07-01",
    });
    let body = send(app, token, REGISTER, input).await;
    let id = body["data"]["registerPartyMember"]["member"]["id"].clone();
    assert!(id.is_string(), "{body:#}");
    id
}

pub fn households(ids: &[i32]) -> Vec<String> {
    ids.iter().map(|id| gid("Household", *id)).collect()
}

async fn assign(app: &TestApp, token: &str, member: &Value, ids: &[i32]) -> Value {
    let input = json!({ "memberId": member, "householdIds": households(ids) });
    send(app, token, ASSIGN, input).await
}

async fn liaisons(app: &TestApp, token: &str, member: &Value, history: bool) -> Value {
    let variables = json!({ "id": member, "filter": { "includeEnded": history } });
    let (_, body) = app.graphql_as(token, LIAISONS, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["partyMember"].clone()
}

async fn liaison_member_of(app: &TestApp, token: &str, household: i32) -> Value {
    let variables = json!({ "id": gid("Household", household) });
    let (_, body) = app.graphql_as(token, LIAISON_MEMBER, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["node"]["liaisonMember"].clone()
}

#[tokio::test]
async fn a_new_set_of_households_ends_the_dropped_ones_and_keeps_them_as_history() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "liaison.one", 5).await;
    let body = assign(&app, &staff, &member, &[1, 2, 3]).await;
    assert_eq!(
        body["data"]["assignLiaisonHouseholds"]["member"]["version"], 2,
        "{body:#}"
    );
    assert_eq!(liaison_member_of(&app, &staff, 2).await["id"], member);
    let body = assign(&app, &staff, &member, &[3, 4]).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let current = liaisons(&app, &staff, &member, false).await;
    assert_eq!(current["version"], 3);
    let current = &current["liaisonHouseholds"];
    assert_eq!(current["totalCount"], 2, "{current:#}");
    let held: Vec<&Value> = current["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| &node["household"]["id"])
        .collect();
    assert_eq!(
        held,
        [&json!(gid("Household", 3)), &json!(gid("Household", 4))]
    );
    let history = liaisons(&app, &staff, &member, true).await["liaisonHouseholds"].clone();
    assert_eq!(history["totalCount"], 4, "{history:#}");
    let ended: Vec<&Value> = history["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|node| node["endedOn"] == "2026-06-15")
        .map(|node| &node["household"]["id"])
        .collect();
    assert_eq!(
        ended,
        [&json!(gid("Household", 1)), &json!(gid("Household", 2))]
    );
    assert_eq!(liaison_member_of(&app, &staff, 1).await, Value::Null);
    assert_eq!(liaison_member_of(&app, &staff, 4).await["id"], member);
}

#[tokio::test]
async fn more_than_the_configured_maximum_is_refused_and_changes_nothing() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("LIAISON_MAX_HOUSEHOLDS", "2")]).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "liaison.one", 5).await;
    assert!(
        assign(&app, &staff, &member, &[7])
            .await
            .get("errors")
            .is_none()
    );
    for ids in [&[1, 2, 3][..], &[1, 1]] {
        let body = assign(&app, &staff, &member, ids).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{ids:?}: {body:#}");
    }
    let after = liaisons(&app, &staff, &member, true).await;
    assert_eq!(after["version"], 2, "nothing changed: {after:#}");
    assert_eq!(after["liaisonHouseholds"]["totalCount"], 1);
    assert_eq!(
        after["liaisonHouseholds"]["nodes"][0]["household"]["id"],
        gid("Household", 7)
    );
    assert!(
        assign(&app, &staff, &member, &[1, 2])
            .await
            .get("errors")
            .is_none()
    );
}

#[tokio::test]
async fn households_outside_the_members_area_or_the_assigners_sight_are_refused() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "liaison.one", 5).await;
    // Household 13 is in grid 2 (community 1): seen, but not the branch's.
    let body = assign(&app, &staff, &member, &[1, 13]).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    // Household 37 is in community 2: out of the staff's sight.
    let body = assign(&app, &staff, &member, &[1, 37]).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
    let body = assign(&app, &worker, &member, &[1]).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    let elsewhere = app
        .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
        .await;
    let body = assign(&app, &elsewhere, &member, &[37]).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let after = liaisons(&app, &staff, &member, true).await;
    assert_eq!(after["liaisonHouseholds"]["totalCount"], 0, "{after:#}");
    assert_eq!(after["version"], 1);
}

#[tokio::test]
async fn a_household_has_one_liaison_member_even_when_two_race_for_it() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let one = member_of(&app, &staff, "liaison.one", 5).await;
    let two = member_of(&app, &staff, "liaison.two", 5).await;
    assert!(
        assign(&app, &staff, &one, &[1])
            .await
            .get("errors")
            .is_none()
    );
    let body = assign(&app, &staff, &two, &[1, 2]).await;
    assert_eq!(error_code(&body), "CONFLICT", "{body:#}");
    let (a, b) = tokio::join!(
        assign(&app, &staff, &one, &[1, 5]),
        assign(&app, &staff, &two, &[5]),
    );
    let won: Vec<bool> = [&a, &b]
        .iter()
        .map(|body| body.get("errors").is_none())
        .collect();
    assert_eq!(won.iter().filter(|won| **won).count(), 1, "{a:#} {b:#}");
    let lost = if won[0] { &b } else { &a };
    assert_eq!(error_code(lost), "CONFLICT", "{lost:#}");
    let winner = if won[0] { &one } else { &two };
    assert_eq!(liaison_member_of(&app, &staff, 5).await["id"], *winner);
    let loser = if won[0] { &two } else { &one };
    let left = liaisons(&app, &staff, loser, false).await;
    let expected = if won[0] { 0 } else { 1 };
    assert_eq!(
        left["liaisonHouseholds"]["totalCount"], expected,
        "{left:#}"
    );
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_a_retry_with_its_key_assigns_once() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "liaison.one", 5).await;
    let input = json!({ "memberId": member, "householdIds": households(&[1]), "version": 1 });
    let body = json!({ "query": ASSIGN, "variables": { "input": input } });
    let post = || {
        app.client()
            .post(app.url("/graphql"))
            .bearer_auth(&staff)
            .header("Idempotency-Key", "liaison-1")
            .json(&body)
            .send()
    };
    let first: Value = post().await.unwrap().json().await.unwrap();
    let retry: Value = post().await.unwrap().json().await.unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(first, retry);
    let stale = json!({ "memberId": member, "householdIds": households(&[2]), "version": 1 });
    assert_eq!(
        error_code(&send(&app, &staff, ASSIGN, stale).await),
        "CONFLICT"
    );
    let after = liaisons(&app, &staff, &member, true).await;
    assert_eq!(after["version"], 2);
    assert_eq!(after["liaisonHouseholds"]["totalCount"], 1);
}

#[tokio::test]
async fn a_party_member_of_the_grid_sees_the_liaison_member_masked() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "liaison.one", 5).await;
    assert!(
        assign(&app, &staff, &member, &[1])
            .await
            .get("errors")
            .is_none()
    );
    assert_eq!(
        liaison_member_of(&app, &staff, 1).await["name"],
        "liaison.one"
    );
    let peer = app.token_for("peer1", &["PARTY_MEMBER:grid:1"]).await;
    let seen = liaison_member_of(&app, &peer, 1).await;
    assert_eq!(seen["name"], "l**********", "{seen:#}");
}
