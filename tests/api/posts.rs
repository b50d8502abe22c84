//! Posts of the three leaders (三长) on the Tiny fixture: appointing and ending, the
//! one-active-leader rule held by the database (also under real parallel requests),
//! scope, bad input per rule, versions and retries. The seed gives every grid a grid
//! leader, every building a building leader and every odd unit a unit leader.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

pub fn gid(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

const APPOINT: &str = "mutation($input: AppointPostInput!) {
    appointPost(input: $input) {
        post { id version kind employment displayName relayPhone duties startedOn endedOn
               holderUserId area { __typename id } }
    }
}";

const END: &str = "mutation($input: EndPostInput!) {
    endPost(input: $input) { post { id version endedOn } }
}";

const POSTS: &str = "query($filter: PostFilter) {
    posts(first: 100, filter: $filter) { totalCount nodes { id version kind displayName } }
}";

/// A unit leader for unit 2 (building 1, no seeded unit leader) held by resident 1.
pub fn unit_leader(name: &str) -> Value {
    json!({
        "kind": "UNIT_LEADER",
        "areaId": gid("Unit", 2),
        "holderResidentId": gid("Resident", 1),
        "displayName": name,
        "relayPhone": "138 0000 2222",
        "startedOn": "2026-06-15",
    })
}

pub async fn staff(app: &TestApp) -> String {
    app.token_for("staff1", &["COMMUNITY_STAFF:community:1"])
        .await
}

pub async fn send(app: &TestApp, token: &str, query: &str, input: Value) -> Value {
    app.graphql_as(token, query, json!({ "input": input }))
        .await
        .1
}

async fn posts(app: &TestApp, token: &str, filter: Value) -> Value {
    let (_, body) = app
        .graphql_as(token, POSTS, json!({ "filter": filter }))
        .await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"]["posts"].clone()
}

#[tokio::test]
async fn staff_appoint_a_unit_leader_with_all_five_duties_by_default() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = send(&app, &staff, APPOINT, unit_leader(" 李单元长 ")).await;
    let post = &body["data"]["appointPost"]["post"];
    assert_eq!(post["kind"], "UNIT_LEADER", "{body:#}");
    assert_eq!(post["displayName"], "李单元长");
    assert_eq!(post["relayPhone"], "13800002222");
    assert_eq!(post["duties"].as_array().unwrap().len(), 5);
    assert_eq!(post["area"]["id"], gid("Unit", 2));
    assert_eq!(
        (post["version"].clone(), post["endedOn"].clone()),
        (json!(1), Value::Null)
    );
    let active = posts(
        &app,
        &staff,
        json!({ "areaId": gid("Building", 1), "kind": ["UNIT_LEADER"], "activeOn": "2026-06-15" }),
    )
    .await;
    assert_eq!(
        active["totalCount"], 2,
        "the seeded unit 1 leader and the new one"
    );
}

#[tokio::test]
async fn a_second_active_leader_is_a_conflict_until_the_first_term_ends() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let mut second = unit_leader("赵");
    second["areaId"] = json!(gid("Unit", 1));
    let body = send(&app, &staff, APPOINT, second.clone()).await;
    assert_eq!(error_code(&body), "CONFLICT", "{body:#}");
    let seeded = posts(&app, &staff, json!({ "areaId": gid("Unit", 1) })).await;
    let seeded = &seeded["nodes"][0];
    let end = json!({ "postId": seeded["id"], "version": 1, "endedOn": "2026-06-14" });
    let ended = send(&app, &staff, END, end.clone()).await;
    assert_eq!(ended["data"]["endPost"]["post"]["version"], 2, "{ended:#}");
    let mut again = end.clone();
    again["version"] = json!(2);
    let again = send(&app, &staff, END, again).await;
    assert_eq!(error_code(&again), "CONFLICT", "an ended post stays ended");
    let body = send(&app, &staff, APPOINT, second).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    let active = posts(
        &app,
        &staff,
        json!({ "areaId": gid("Unit", 1), "activeOn": "2026-06-15" }),
    )
    .await;
    assert_eq!(active["nodes"][0]["displayName"], "赵");
    assert_eq!(active["totalCount"], 1);
}

#[tokio::test]
async fn of_two_parallel_appointments_to_one_unit_exactly_one_wins() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let (a, b) = tokio::join!(
        send(&app, &staff, APPOINT, unit_leader("甲")),
        send(&app, &staff, APPOINT, unit_leader("乙")),
    );
    let won: Vec<bool> = [&a, &b]
        .iter()
        .map(|body| body.get("errors").is_none())
        .collect();
    assert_eq!(won.iter().filter(|won| **won).count(), 1, "{a:#} {b:#}");
    let lost = if won[0] { &b } else { &a };
    assert_eq!(error_code(lost), "CONFLICT", "{lost:#}");
    let active = posts(&app, &staff, json!({ "areaId": gid("Unit", 2) })).await;
    assert_eq!(active["totalCount"], 1);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let seeded = posts(&app, &staff, json!({ "areaId": gid("Unit", 1) })).await;
    let id = seeded["nodes"][0]["id"].clone();
    let end = json!({ "postId": id, "version": 7, "endedOn": "2026-06-14" });
    assert_eq!(error_code(&send(&app, &staff, END, end).await), "CONFLICT");
    let active = posts(
        &app,
        &staff,
        json!({ "areaId": gid("Unit", 1), "activeOn": "2026-06-15" }),
    )
    .await;
    assert_eq!(active["totalCount"], 1);
}

#[tokio::test]
async fn a_retried_appointment_with_its_key_appoints_once() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = staff(&app).await;
    let body = json!({ "query": APPOINT, "variables": { "input": unit_leader("钱") } });
    let send = || {
        app.client()
            .post(app.url("/graphql"))
            .bearer_auth(&staff)
            .header("Idempotency-Key", "appoint-unit-2")
            .json(&body)
            .send()
    };
    let first: Value = send().await.unwrap().json().await.unwrap();
    let retry: Value = send().await.unwrap().json().await.unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(first, retry);
}

#[tokio::test]
async fn coverage_counts_the_units_and_buildings_without_a_leader() {
    use community_hub::access::Viewer;
    use community_hub::service::coverage::party_coverage;
    let app = TestApp::seeded(Fixture::Tiny).await;
    let day = "2026-06-15".parse().unwrap();
    let db = &app.state.db;
    let coverage = party_coverage(db, &Viewer::System, "1/", day)
        .await
        .unwrap();
    assert_eq!(coverage.grids_without_branch, 0);
    assert_eq!(coverage.buildings_without_leader, 0);
    assert_eq!(coverage.units_without_leader, 24, "the even units");
    let staff = staff(&app).await;
    let seeded = posts(
        &app,
        &staff,
        json!({ "areaId": gid("Building", 1), "kind": ["BUILDING_LEADER"] }),
    )
    .await;
    let end = json!({ "postId": seeded["nodes"][0]["id"], "version": 1, "endedOn": "2026-06-14" });
    assert!(send(&app, &staff, END, end).await.get("errors").is_none());
    let coverage = party_coverage(db, &Viewer::System, "1/", day)
        .await
        .unwrap();
    assert_eq!(coverage.buildings_without_leader, 1);
}
