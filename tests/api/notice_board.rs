//! The public notice board (三长公示牌) of a building: read without a token, it shows
//! the three leaders' display names and relay phones and the service numbers, nothing
//! else; every other field stays UNAUTHENTICATED, and anonymous calls are rate-limited.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::posts::{gid, send, staff, unit_leader};

const BOARD: &str = "query($b: ID!) {
    noticeBoard(buildingId: $b) {
        building
        leaders { kind unit displayName relayPhone }
        serviceNumbers { service phone }
    }
}";

const APPOINT: &str =
    "mutation($input: AppointPostInput!) { appointPost(input: $input) { post { id } } }";

async fn board(app: &TestApp, building: i32) -> Value {
    let body = app
        .anonymous(BOARD, json!({ "b": gid("Building", building) }))
        .await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"]["noticeBoard"].clone()
}

#[tokio::test]
async fn anyone_reads_a_buildings_three_leaders_and_service_numbers() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let board = board(&app, 1).await;
    let kinds: Vec<&str> = board["leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|leader| leader["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["GRID_LEADER", "BUILDING_LEADER", "UNIT_LEADER"],
        "{board:#}"
    );
    let unit_leader = &board["leaders"][2];
    assert!(unit_leader["unit"].is_string(), "{board:#}");
    assert!(board["leaders"][0]["unit"].is_null());
    assert_eq!(board["leaders"][1]["relayPhone"], "13700000001");
    let services: Vec<&str> = board["serviceNumbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|number| number["service"].as_str().unwrap())
        .collect();
    assert_eq!(
        services,
        ["WATER", "POWER", "GAS", "PROPERTY", "COMMUNITY_OFFICE"]
    );
}

#[tokio::test]
async fn the_board_shows_no_holder_and_no_resident_data() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let (_, holder) = app
        .graphql_as(
            &staff,
            "query($b: ID!) { node(id: $b) { ... on Building { leaders {
                displayName holderUserId holderResident { id name phone } } } } }",
            json!({ "b": gid("Building", 1) }),
        )
        .await;
    let leaders = holder["data"]["node"]["leaders"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(leaders.len(), 3, "{holder:#}");
    let text = board(&app, 1).await.to_string();
    for leader in &leaders {
        let resident = &leader["holderResident"];
        assert!(
            resident["name"].is_string(),
            "staff see the holder: {holder:#}"
        );
        for secret in [&resident["id"], &resident["name"], &resident["phone"]] {
            let secret = secret.as_str().unwrap_or("never-there");
            assert!(!text.contains(secret), "{secret} is on the board: {text}");
        }
    }
    let probe =
        "query($b: ID!) { noticeBoard(buildingId: $b) { leaders { holderResident { name } } } }";
    let body = app
        .anonymous(probe, json!({ "b": gid("Building", 1) }))
        .await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("holderResident")
    );
}

#[tokio::test]
async fn every_other_field_stays_unauthenticated_for_anonymous_callers() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for query in [
        "{ posts(first: 1) { totalCount } }",
        "query($b: ID!) { node(id: $b) { id } }",
        "query($b: ID!) { post(id: $b) { id } }",
    ] {
        let body = app.anonymous(query, json!({ "b": gid("Post", 1) })).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{query}: {body:#}");
    }
    let body = app
        .anonymous(APPOINT, json!({ "input": unit_leader("x") }))
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body:#}");
    let unknown = app
        .anonymous(BOARD, json!({ "b": gid("Building", 999) }))
        .await;
    assert_eq!(error_code(&unknown), "NOT_FOUND");
}

#[tokio::test]
async fn a_new_unit_leader_appears_on_the_board() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = send(&app, &staff, APPOINT, unit_leader("新单元长")).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let board = board(&app, 1).await;
    let names: Vec<&str> = board["leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|leader| leader["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 4);
    assert_eq!(names[3], "新单元长");
}

#[tokio::test]
async fn anonymous_board_reads_are_rate_limited_per_address() {
    let limits = [
        ("RATE_LIMITS", "on"),
        ("RATE_LIMIT_ANONYMOUS_BURST", "50"),
        ("RATE_LIMIT_ANONYMOUS_PER_MINUTE", "1"),
    ];
    let app = TestApp::seeded_with(Fixture::Tiny, &limits).await;
    let mut codes = Vec::new();
    for _ in 0..25 {
        let body = app
            .anonymous(BOARD, json!({ "b": gid("Building", 1) }))
            .await;
        codes.push(
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .unwrap_or("OK")
                .to_owned(),
        );
    }
    assert_eq!(codes[0], "OK");
    assert_eq!(codes.last().unwrap(), "RATE_LIMITED", "{codes:?}");
}
