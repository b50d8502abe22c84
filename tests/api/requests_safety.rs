//! Requests under retries, races, scope and bad input: an `Idempotency-Key` gives one
//! effect, a stale `version` changes nothing, another grid's request does not exist for
//! a grid worker, and bad input writes nothing.

use entity::{audit_log, idempotency_key};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::harness::error_code;
use crate::requests_support::{Desk, building_of_grid, counts, gid, walk_in_input, with_target};

#[tokio::test]
async fn a_retried_submission_returns_the_stored_response_with_one_effect() {
    let desk = Desk::open().await;
    let input = walk_in_input("SANITATION", "NORMAL");
    let first = desk
        .call_with_key(&desk.staff, "retry-1", "submitRequest", input.clone())
        .await;
    assert!(first.get("errors").is_none(), "{first:#}");
    let after_first = counts(&desk.app).await;
    let second = desk
        .call_with_key(&desk.staff, "retry-1", "submitRequest", input)
        .await;
    assert_eq!(first, second);
    assert_eq!(counts(&desk.app).await, after_first);
    assert_eq!(after_first, (1, 1));
    let key = idempotency_key::Entity::find()
        .one(&desk.app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(key.expires_at - key.created_at >= chrono::Duration::hours(24));
}

#[tokio::test]
async fn the_same_key_with_another_body_is_a_conflict_and_changes_nothing() {
    let desk = Desk::open().await;
    let input = walk_in_input("SANITATION", "NORMAL");
    desk.call_with_key(&desk.staff, "retry-2", "submitRequest", input)
        .await;
    let before = counts(&desk.app).await;
    let other = walk_in_input("NOISE", "NORMAL");
    let body = desk
        .call_with_key(&desk.staff, "retry-2", "submitRequest", other)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    assert_eq!(counts(&desk.app).await, before);
}

#[tokio::test]
async fn keys_belong_to_their_caller() {
    let desk = Desk::open().await;
    let input = walk_in_input("SANITATION", "NORMAL");
    let staff = desk
        .call_with_key(&desk.staff, "shared", "submitRequest", input.clone())
        .await;
    let worker = desk
        .call_with_key(&desk.worker, "shared", "submitRequest", input)
        .await;
    assert_ne!(
        staff["data"]["submitRequest"]["request"]["id"],
        worker["data"]["submitRequest"]["request"]["id"]
    );
    assert_eq!(counts(&desk.app).await.0, 2);
}

#[tokio::test]
async fn concurrent_duplicates_have_one_effect_and_the_same_answer() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let input = with_target(&submitted, json!({ "note": "受理" }));
    let before = counts(&desk.app).await;
    let calls = (0..4)
        .map(|_| desk.call_with_key(&desk.staff, "accept-once", "acceptRequest", input.clone()));
    let answers = futures_util::future::join_all(calls).await;
    for answer in &answers {
        assert!(answer.get("errors").is_none(), "{answer:#}");
        assert_eq!(answer, &answers[0]);
    }
    assert_eq!(counts(&desk.app).await, (before.0, before.1 + 1));
    assert_eq!(answers[0]["data"]["acceptRequest"]["request"]["version"], 2);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_nothing_changes() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    assert_eq!(accepted["version"], 2);
    let before = counts(&desk.app).await;
    // Someone read version 1 and tries to reject what is already accepted.
    let reason = json!({ "reason": "重复" });
    let body = desk
        .step(&desk.staff, "rejectRequest", &submitted, reason)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    let assignee = json!({ "assigneeId": gid("User", desk.worker_id) });
    let body = desk
        .step(&desk.staff, "assignRequest", &submitted, assignee)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    assert_eq!(counts(&desk.app).await, before);
    let query = "query($id: ID!) { request(id: $id) { status version } }";
    let body = desk.app.data(query, json!({ "id": submitted["id"] })).await;
    assert_eq!(
        body["request"],
        json!({ "status": "ACCEPTED", "version": 2 })
    );
}

#[tokio::test]
async fn a_grid_worker_cannot_see_or_touch_another_grids_request() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let query = "query($id: ID!) { request(id: $id) { id } }";
    let vars = json!({ "id": submitted["id"] });
    let (_, seen) = desk.app.graphql_as(&desk.other_worker, query, vars).await;
    let (_, missing) = desk
        .app
        .graphql_as(
            &desk.other_worker,
            query,
            json!({ "id": gid("Request", 999_999) }),
        )
        .await;
    assert_eq!(error_code(&seen), "NOT_FOUND");
    assert_eq!(
        seen["errors"][0]["message"],
        missing["errors"][0]["message"]
    );
    let list = "{ requests { totalCount nodes { id } } }";
    let (_, listed) = desk
        .app
        .graphql_as(&desk.other_worker, list, json!({}))
        .await;
    assert_eq!(listed["data"]["requests"]["totalCount"], 0);
    let before = counts(&desk.app).await;
    let body = desk
        .step(&desk.other_worker, "acceptRequest", &submitted, json!({}))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(counts(&desk.app).await, before);
    let denied = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("acceptRequest"))
        .filter(audit_log::Column::Outcome.eq("DENIED"))
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(denied, 1);
    let (_, own) = desk.app.graphql_as(&desk.worker, list, json!({})).await;
    assert_eq!(own["data"]["requests"]["totalCount"], 1);
}

#[tokio::test]
async fn a_grid_worker_cannot_submit_about_a_building_of_another_grid() {
    let desk = Desk::open().await;
    let elsewhere = building_of_grid(&desk.app, 2).await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["channel"] = json!("GRID_VISIT");
    input["placeId"] = json!(gid("Building", elsewhere));
    let body = desk.call(&desk.worker, "submitRequest", input).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(counts(&desk.app).await, (0, 0));
}

/// Submits `input` as the staff desk and expects BAD_USER_INPUT with nothing written.
async fn refused(desk: &Desk, input: serde_json::Value) {
    let body = desk.call(&desk.staff, "submitRequest", input).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    assert_eq!(counts(&desk.app).await, (0, 0));
}

#[tokio::test]
async fn an_unknown_category_is_bad_input_and_nothing_is_written() {
    let desk = Desk::open().await;
    refused(&desk, walk_in_input("NO_SUCH_CATEGORY", "NORMAL")).await;
}

#[tokio::test]
async fn an_attachment_on_an_internal_host_is_bad_input() {
    let desk = Desk::open().await;
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/a.jpg",
        "http://10.0.0.8/a.jpg",
        "file:///etc/passwd",
    ] {
        let mut input = walk_in_input("SANITATION", "NORMAL");
        input["attachments"] = json!([url]);
        refused(&desk, input).await;
    }
}

#[tokio::test]
async fn a_ten_thousand_character_description_is_bad_input() {
    let desk = Desk::open().await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["description"] = json!("漏".repeat(10_000));
    refused(&desk, input).await;
}

#[tokio::test]
async fn empty_text_is_bad_input() {
    let desk = Desk::open().await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["description"] = json!("   ");
    refused(&desk, input).await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["contact"] = json!({ "name": "", "phone": "13812345678" });
    refused(&desk, input).await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["channel"] = json!("HOTLINE_12345");
    refused(&desk, input).await;
}

#[tokio::test]
async fn a_malformed_idempotency_key_is_bad_input() {
    let desk = Desk::open().await;
    let key = "k".repeat(129);
    let body = desk
        .call_with_key(
            &desk.staff,
            &key,
            "submitRequest",
            walk_in_input("SANITATION", "NORMAL"),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(counts(&desk.app).await, (0, 0));
}

#[tokio::test]
async fn a_twelve_three_four_five_order_is_taken_in_once() {
    let desk = Desk::open().await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["channel"] = json!("HOTLINE_12345");
    input["externalOrderId"] = json!("GD20260615-0001");
    desk.ok(&desk.staff, "submitRequest", input.clone()).await;
    let again = desk.call(&desk.staff, "submitRequest", input).await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(counts(&desk.app).await, (1, 1));
}

#[tokio::test]
async fn a_key_past_its_24_hours_acts_again() {
    let desk = Desk::open().await;
    let input = walk_in_input("SANITATION", "NORMAL");
    desk.call_with_key(&desk.staff, "old-key", "submitRequest", input.clone())
        .await;
    desk.app.set_clock_hours_after_start(23);
    desk.call_with_key(&desk.staff, "old-key", "submitRequest", input.clone())
        .await;
    assert_eq!(counts(&desk.app).await.0, 1, "replayed within 24 hours");
    desk.app.set_clock_hours_after_start(25);
    let body = desk
        .call_with_key(&desk.staff, "old-key", "submitRequest", input)
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    assert_eq!(counts(&desk.app).await.0, 2);
    // The second use's row lives 24 hours from hour 25; the purge leaves it until then.
    let purge = community_hub::service::idempotency::purge_expired;
    let db = &desk.app.state.db;
    let at = |hours| test_start() + chrono::Duration::hours(hours);
    assert_eq!(purge(db, at(48)).await.unwrap(), 0);
    assert_eq!(purge(db, at(49)).await.unwrap(), 1);
    let left = idempotency_key::Entity::find().count(db).await.unwrap();
    assert_eq!(left, 0);
}

fn test_start() -> chrono::DateTime<chrono::Utc> {
    crate::harness::test_clock().now()
}

#[tokio::test]
async fn an_api_client_with_requests_write_submits_as_a_third_party_app_in_its_area() {
    use community_hub::access::AreaKind;
    use community_hub::auth::NewClient;
    let desk = Desk::open().await;
    let client = |id: &str, scopes: &[&str]| NewClient {
        client_id: id.to_owned(),
        secret: "client secret 1".to_owned(),
        name: id.to_owned(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
        daily_quota: 1000,
        area_kind: AreaKind::Community,
        area_id: 1,
        trusted_documents_only: false,
    };
    let auth = &desk.app.state.auth;
    let all = ["territory:read", "requests:read", "requests:write"];
    auth.create_client(client("app", &all)).await.unwrap();
    auth.create_client(client("reader", &all[..2]))
        .await
        .unwrap();
    let token = |id: &'static str| async move {
        auth.client_token(id, "client secret 1")
            .await
            .unwrap()
            .token
    };
    let (app, reader) = (token("app").await, token("reader").await);
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["channel"] = json!("WALK_IN");
    let walk_in = desk.call(&app, "submitRequest", input.clone()).await;
    assert_eq!(error_code(&walk_in), "FORBIDDEN");
    input["channel"] = json!("THIRD_PARTY_APP");
    input["externalOrderId"] = json!("APP-77");
    let denied = desk.call(&reader, "submitRequest", input.clone()).await;
    assert_eq!(error_code(&denied), "FORBIDDEN");
    let made = desk.ok(&app, "submitRequest", input).await;
    assert_eq!(made["request"]["status"], "SUBMITTED");
    assert_eq!(made["request"]["availableActions"], json!([]));
    let list = "{ requests { totalCount } }";
    let (_, seen) = desk.app.graphql_as(&reader, list, json!({})).await;
    assert_eq!(seen["data"]["requests"]["totalCount"], 1);
}
