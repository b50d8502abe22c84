//! The whole loop, intake to evaluation, for every channel: staff take hotline, WeChat
//! group, visit and walk-in reports in, a resident reports through the mini-program, an
//! API client through its app. Whoever has the reporter's account evaluates; staff
//! record the callback otherwise.

use community_hub::access::AreaKind;
use community_hub::auth::NewClient;
use serde_json::{Value, json};

use crate::requests_support::{Desk, gid, resident_account, walk_in_input};

/// Runs `submitted` from SUBMITTED to CLOSED_RESOLVED; `evaluator` evaluates.
async fn close_the_loop(desk: &Desk, submitted: &Value, evaluator: &str) -> Value {
    let started = desk.in_progress_from(submitted).await;
    let note = json!({ "note": "已处理" });
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &started, note)
        .await;
    let waiting = desk.verified(&resolved).await;
    let satisfied = json!({ "satisfaction": "SATISFIED" });
    desk.advance(evaluator, "evaluateRequest", &waiting, satisfied)
        .await
}

async fn client_token(desk: &Desk) -> String {
    let client = NewClient {
        client_id: "community-app".to_owned(),
        secret: "client secret 1".to_owned(),
        name: "智慧社区".to_owned(),
        scopes: ["territory:read", "requests:read", "requests:write"]
            .map(str::to_owned)
            .to_vec(),
        daily_quota: 1000,
        area_kind: AreaKind::Community,
        area_id: 1,
        trusted_documents_only: false,
    };
    let auth = &desk.app.state.auth;
    auth.create_client(client).await.unwrap();
    auth.client_token("community-app", "client secret 1")
        .await
        .unwrap()
        .token
}

#[tokio::test]
async fn every_channel_runs_the_whole_loop_from_intake_to_evaluation() {
    let desk = Desk::open().await;
    let (resident, _) = resident_account(&desk.app).await;
    let app = client_token(&desk).await;
    let staff = desk.staff.clone();
    let channels = [
        ("HOTLINE_12345", Some("GD20260615-0002"), &staff),
        ("WECHAT_GROUP", None, &staff),
        ("GRID_VISIT", None, &desk.worker),
        ("WALK_IN", None, &staff),
        ("MINI_PROGRAM", None, &resident),
        ("THIRD_PARTY_APP", Some("APP-1"), &app),
    ];
    for (channel, order, submitter) in channels {
        let mut input = walk_in_input("SANITATION", "NORMAL");
        input["channel"] = json!(channel);
        input["externalOrderId"] = json!(order);
        if channel == "MINI_PROGRAM" {
            input["placeId"] = json!(gid("Household", 1));
            input.as_object_mut().unwrap().remove("contact");
        }
        let body = desk.call(submitter, "submitRequest", input).await;
        assert!(body.get("errors").is_none(), "{channel}: {body:#}");
        let submitted = body["data"]["submitRequest"]["request"].clone();
        let evaluator = if channel == "MINI_PROGRAM" {
            &resident
        } else {
            &staff
        };
        let closed = close_the_loop(&desk, &submitted, evaluator).await;
        assert_eq!(closed["status"], "CLOSED_RESOLVED", "{channel}");
        let query = "query($id: ID!) { request(id: $id) { channel events { totalCount } } }";
        let seen = desk.app.data(query, json!({ "id": submitted["id"] })).await;
        assert_eq!(seen["request"]["channel"], channel);
        assert_eq!(seen["request"]["events"]["totalCount"], 9, "{channel}");
    }
}
