//! Posts under scope and bad input: who may appoint where, and one test per rule.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::posts::{gid, send, staff, unit_leader};

const APPOINT: &str = "mutation($input: AppointPostInput!) {
    appointPost(input: $input) { post { id } }
}";

const END: &str = "mutation($input: EndPostInput!) {
    endPost(input: $input) { post { id } }
}";

fn with(mut input: Value, changes: Value) -> Value {
    for (key, value) in changes.as_object().unwrap() {
        input[key] = value.clone();
    }
    input
}

#[tokio::test]
async fn an_area_of_another_community_reads_as_not_found() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let other = app
        .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
        .await;
    let body = send(&app, &other, APPOINT, unit_leader("孙")).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
}

#[tokio::test]
async fn grid_workers_and_leaders_may_not_appoint() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for (name, grant) in [
        ("worker1", "GRID_WORKER:grid:1"),
        ("leader1", "GRID_LEADER:grid:1"),
    ] {
        let token = app.token_for(name, &[grant]).await;
        let body = send(&app, &token, APPOINT, unit_leader("周")).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{grant}: {body:#}");
    }
}

#[tokio::test]
async fn each_rule_of_an_appointment_is_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let cases = [
        json!({ "areaId": gid("Building", 2) }),
        json!({ "areaId": gid("Household", 1) }),
        json!({ "employment": "FULL_TIME" }),
        json!({ "kind": "GRID_WORKER", "areaId": gid("Grid", 1) }),
        json!({ "relayPhone": "12345" }),
        json!({ "displayName": "  " }),
        json!({ "duties": [] }),
        json!({ "startedOn": "2027-06-15" }),
        json!({ "holderResidentId": null }),
        json!({ "holderResidentId": gid("Household", 1) }),
    ];
    for case in cases {
        let body = send(&app, &staff, APPOINT, with(unit_leader("吴"), case.clone())).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{case}: {body:#}");
    }
}

#[tokio::test]
async fn a_term_may_not_overlap_the_previous_one_nor_end_out_of_order() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let posts = app
        .graphql_as(&staff, "query($b: ID) { posts(first: 1, filter: { areaId: $b, kind: [BUILDING_LEADER] }) { nodes { id } } }", json!({ "b": gid("Building", 1) }))
        .await
        .1;
    let id = posts["data"]["posts"]["nodes"][0]["id"].clone();
    for ended_on in ["2024-12-31", "2026-06-16"] {
        let end = json!({ "postId": id, "version": 1, "endedOn": ended_on });
        let body = send(&app, &staff, END, end).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{ended_on}: {body:#}");
    }
    let end = json!({ "postId": id, "version": 1, "endedOn": "2026-06-10" });
    assert!(send(&app, &staff, END, end).await.get("errors").is_none());
    let next = json!({
        "kind": "BUILDING_LEADER",
        "areaId": gid("Building", 1),
        "holderResidentId": gid("Resident", 1),
        "displayName": "郑",
        "relayPhone": "13800003333",
        "startedOn": "2026-06-10",
    });
    let body = send(&app, &staff, APPOINT, next.clone()).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "overlaps: {body:#}");
    let body = send(
        &app,
        &staff,
        APPOINT,
        with(next, json!({ "startedOn": "2026-06-11" })),
    )
    .await;
    assert!(body.get("errors").is_none(), "{body:#}");
}
