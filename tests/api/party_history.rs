//! A member's transfer history (`partyMember.transfers`) and the posts of a building
//! (`posts(filter: { areaId: <building> })`), which include the grid leader of its grid
//! as `building.leaders` does. Tiny fixture: branches 5-7 serve grids 1-3; buildings 1-2
//! are in grid 1, 3-4 in grid 2.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::liaison::member_of;
use crate::posts::{gid, send, staff};

const TRANSFER: &str = "mutation($input: TransferPartyMemberInput!) {
    transferPartyMember(input: $input) { member { version } }
}";

const HISTORY: &str = "query($id: ID!, $order: PartyMemberTransferOrder) {
    partyMember(id: $id) {
        transfers(first: 10, orderBy: $order) {
            totalCount
            nodes { id fromOrganization { id } toOrganization { id } transferredOn }
        }
    }
}";

const POSTS: &str = "query($filter: PostFilter) {
    posts(first: 100, filter: $filter) { totalCount nodes { kind area { id } } }
}";

#[tokio::test]
async fn a_members_transfers_are_listed_in_order_within_scope() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let member = member_of(&app, &staff, "moving.one", 5).await;
    for (version, to, on) in [(1, 6, "2026-06-01"), (2, 7, "2026-06-10")] {
        let input = json!({ "memberId": member, "version": version,
            "toOrganizationId": gid("PartyOrganization", to), "transferredOn": on });
        let body = send(&app, &staff, TRANSFER, input).await;
        assert!(body.get("errors").is_none(), "{body:#}");
    }
    let (_, body) = app
        .graphql_as(&staff, HISTORY, json!({ "id": member }))
        .await;
    let transfers = &body["data"]["partyMember"]["transfers"];
    assert_eq!(transfers["totalCount"], 2, "{body:#}");
    let hop = |index: usize, side: &str| transfers["nodes"][index][side]["id"].clone();
    assert_eq!(hop(0, "fromOrganization"), gid("PartyOrganization", 5));
    assert_eq!(hop(0, "toOrganization"), gid("PartyOrganization", 6));
    assert_eq!(hop(1, "toOrganization"), gid("PartyOrganization", 7));
    assert_eq!(transfers["nodes"][1]["transferredOn"], "2026-06-10");
    let variables = json!({ "id": member, "order": "TRANSFERRED_ON_DESC" });
    let (_, latest) = app.graphql_as(&staff, HISTORY, variables).await;
    let first = &latest["data"]["partyMember"]["transfers"]["nodes"][0];
    assert_eq!(first["transferredOn"], "2026-06-10", "{latest:#}");
    let other = app
        .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
        .await;
    let (_, body) = app
        .graphql_as(&other, HISTORY, json!({ "id": member }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
}

async fn posts(app: &TestApp, token: &str, filter: Value) -> Vec<(String, String)> {
    let (_, body) = app
        .graphql_as(token, POSTS, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["posts"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            let kind = node["kind"].as_str().unwrap().to_owned();
            let area = node["area"]["id"].as_str().unwrap_or_default().to_owned();
            (kind, area)
        })
        .collect()
}

#[tokio::test]
async fn the_posts_of_a_building_include_the_grid_leader_of_its_grid() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let grid_leaders = |posts: &[(String, String)]| -> Vec<String> {
        posts
            .iter()
            .filter(|(kind, _)| kind == "GRID_LEADER")
            .map(|(_, area)| area.clone())
            .collect()
    };
    let first = posts(&app, &staff, json!({ "areaId": gid("Building", 1) })).await;
    assert_eq!(grid_leaders(&first), [gid("Grid", 1)], "{first:?}");
    assert!(first.iter().any(|(kind, _)| kind == "BUILDING_LEADER"));
    let third = posts(&app, &staff, json!({ "areaId": gid("Building", 3) })).await;
    assert_eq!(grid_leaders(&third), [gid("Grid", 2)], "{third:?}");
    let only = json!({ "areaId": gid("Building", 1), "kind": ["BUILDING_LEADER"] });
    assert!(grid_leaders(&posts(&app, &staff, only).await).is_empty());
    let unit = posts(&app, &staff, json!({ "areaId": gid("Unit", 1) })).await;
    assert!(
        grid_leaders(&unit).is_empty(),
        "a unit's posts are its own: {unit:?}"
    );
    // The grid's own list has its leader once, not twice.
    let grid = posts(&app, &staff, json!({ "areaId": gid("Grid", 1) })).await;
    assert_eq!(grid_leaders(&grid), [gid("Grid", 1)]);
    let elsewhere = app
        .token_for("staff3", &["COMMUNITY_STAFF:community:3"])
        .await;
    let seen = posts(&app, &elsewhere, json!({ "areaId": gid("Building", 1) })).await;
    assert!(seen.is_empty(), "out of scope: {seen:?}");
}
