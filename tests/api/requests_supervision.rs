//! Extension requests (more time, or a suspension) and supervision cards over HTTP.

use chrono::{DateTime, Duration, Utc};
use community_hub::service::requests::ticker::{RESUMED, resume_suspended};
use serde_json::{Value, json};

use crate::harness::error_code;
use crate::requests_support::{Desk, counts};

/// The request's extensions and supervisions, as `token` sees them.
async fn extras(desk: &Desk, token: &str, request: &Value) -> Value {
    let query = "query($id: ID!) { request(id: $id) { supervisionCard suspendedUntil
        extensions { nodes { id kind status extraHours decisionNote } }
        supervisions { totalCount nodes { card reason } } } }";
    let (_, body) = desk
        .app
        .graphql_as(token, query, json!({ "id": request["id"] }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["request"].clone()
}

fn due(request: &Value) -> DateTime<Utc> {
    request["dueAt"].as_str().unwrap().parse().unwrap()
}

fn extend(hours: i32) -> Value {
    json!({ "kind": "EXTEND", "reason": "需要协调物业和施工队", "extraHours": hours })
}

#[tokio::test]
async fn an_approved_extension_moves_the_handling_deadline_once() {
    let desk = Desk::open().await;
    let working = desk.in_progress("SANITATION").await;
    let asked = desk
        .step(&desk.worker, "requestExtension", &working, extend(24))
        .await;
    let asked = &asked["data"]["requestExtension"];
    assert_eq!(asked["event"]["action"], "REQUEST_EXTENSION", "{asked:#}");
    assert_eq!(asked["request"]["status"], "IN_PROGRESS");
    assert_eq!(
        asked["request"]["dueAt"], working["dueAt"],
        "not before approval"
    );
    let asked = asked["request"].clone();

    // One pending at a time; only the assignee asks.
    let again = desk
        .step(&desk.worker, "requestExtension", &asked, extend(8))
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    let by_staff = desk
        .step(&desk.staff, "requestExtension", &asked, extend(8))
        .await;
    assert_eq!(error_code(&by_staff), "FORBIDDEN");

    let extension = extras(&desk, &desk.staff, &asked).await["extensions"]["nodes"][0].clone();
    assert_eq!(extension["status"], "PENDING");
    let decide = |approve: bool, request: &Value| {
        json!({ "extensionId": extension["id"], "version": request["version"],
                "approve": approve, "note": "同意延期" })
    };
    // The assignee does not approve their own extension.
    let own = desk
        .call(&desk.worker, "decideExtension", decide(true, &asked))
        .await;
    assert_eq!(error_code(&own), "FORBIDDEN");

    let approved = desk
        .ok(&desk.staff, "decideExtension", decide(true, &asked))
        .await;
    assert_eq!(approved["event"]["action"], "EXTEND");
    let after = &approved["request"];
    assert_eq!(due(after) - due(&asked), Duration::hours(24));
    let seen = extras(&desk, &desk.staff, after).await;
    assert_eq!(seen["extensions"]["nodes"][0]["status"], "APPROVED");
    assert_eq!(seen["extensions"]["nodes"][0]["decisionNote"], "同意延期");

    // Decided once: a second decision (even with the fresh version) is a conflict.
    let twice = desk
        .call(&desk.staff, "decideExtension", decide(false, after))
        .await;
    assert_eq!(error_code(&twice), "CONFLICT");
}

#[tokio::test]
async fn a_suspension_pauses_the_deadline_until_its_date_then_resumes() {
    let desk = Desk::open().await;
    let working = desk.in_progress("SANITATION").await;
    let until = desk.app.state.clock.now() + Duration::hours(48);
    let suspend = json!({ "kind": "SUSPEND", "reason": "等待业主回国", "suspendUntil": until });
    let asked = desk
        .advance(&desk.worker, "requestExtension", &working, suspend)
        .await;
    let extension = extras(&desk, &desk.staff, &asked).await["extensions"]["nodes"][0].clone();
    let approve = json!({ "extensionId": extension["id"], "version": asked["version"],
                          "approve": true });
    let suspended = desk.ok(&desk.staff, "decideExtension", approve).await;
    assert_eq!(suspended["event"]["action"], "SUSPEND");
    let suspended = suspended["request"].clone();
    assert_eq!(suspended["status"], "SUSPENDED");
    let actions = suspended["availableActions"].as_array().unwrap();
    assert!(actions.contains(&json!("RESUME")), "{actions:?}");

    // Paused: a suspended request escalates neither by hand nor by the ticker, and its
    // colour stands as it was while the clock runs far past its due time.
    let escalate = json!({ "reason": "太慢" });
    let refused = desk
        .step(&desk.worker, "escalateRequest", &suspended, escalate)
        .await;
    assert_eq!(error_code(&refused), "CONFLICT");
    desk.app.set_clock_hours_after_start(47);
    let now = desk.app.state.clock.now();
    assert_eq!(
        resume_suspended(&desk.app.state.db, None, now)
            .await
            .unwrap(),
        0
    );
    let (_, body) = desk
        .app
        .graphql_as(
            &desk.staff,
            "query($id: ID!) { request(id: $id) { slaState } requests(filter: { overdue: true }) { totalCount } }",
            json!({ "id": suspended["id"] }),
        )
        .await;
    assert_eq!(
        body["data"]["request"]["slaState"], working["slaState"],
        "{body}"
    );
    assert_eq!(body["data"]["requests"]["totalCount"], 0);

    desk.app.set_clock_hours_after_start(49);
    let now = desk.app.state.clock.now();
    assert_eq!(
        resume_suspended(&desk.app.state.db, None, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        resume_suspended(&desk.app.state.db, None, now)
            .await
            .unwrap(),
        0
    );
    let (_, body) = desk
        .app
        .graphql_as(
            &desk.staff,
            "query($id: ID!) { request(id: $id) { status dueAt suspendedUntil
                events(last: 1) { nodes { action note } } } }",
            json!({ "id": suspended["id"] }),
        )
        .await;
    let resumed = &body["data"]["request"];
    assert_eq!(resumed["status"], "IN_PROGRESS", "{body}");
    assert_eq!(resumed["suspendedUntil"], Value::Null);
    assert_eq!(
        resumed["events"]["nodes"][0],
        json!({ "action": "RESUME", "note": RESUMED })
    );
    // Approved at the start, resumed 49 hours on: the deadline moved as much later, so
    // the request has the time it had left.
    assert_eq!(due(resumed) - due(&working), Duration::hours(49));
}

#[tokio::test]
async fn a_rejected_extension_changes_no_deadline_and_needs_a_reason() {
    let desk = Desk::open().await;
    let working = desk.in_progress("SANITATION").await;
    let asked = desk
        .advance(&desk.worker, "requestExtension", &working, extend(12))
        .await;
    let extension = extras(&desk, &desk.staff, &asked).await["extensions"]["nodes"][0].clone();
    let reject = |note: Value| {
        json!({ "extensionId": extension["id"], "version": asked["version"],
                "approve": false, "note": note })
    };
    let bare = desk
        .call(&desk.staff, "decideExtension", reject(Value::Null))
        .await;
    assert_eq!(error_code(&bare), "BAD_USER_INPUT");
    let rejected = desk
        .ok(&desk.staff, "decideExtension", reject(json!("先加派人手")))
        .await;
    assert_eq!(rejected["event"]["action"], "REJECT_EXTENSION");
    assert_eq!(rejected["request"]["dueAt"], working["dueAt"]);
    assert_eq!(rejected["request"]["status"], "IN_PROGRESS");
    // Once refused, the assignee may ask again.
    desk.advance(
        &desk.worker,
        "requestExtension",
        &rejected["request"],
        extend(6),
    )
    .await;
}

#[tokio::test]
async fn an_extension_asks_for_one_thing_within_bounds_and_bad_input_writes_nothing() {
    let desk = Desk::open().await;
    let working = desk.in_progress("SANITATION").await;
    let now = desk.app.state.clock.now();
    let before = counts(&desk.app).await;
    for input in [
        extend(0),
        extend(721),
        json!({ "kind": "EXTEND", "reason": "x" }),
        json!({ "kind": "EXTEND", "reason": "x", "extraHours": 4, "suspendUntil": now + Duration::hours(4) }),
        json!({ "kind": "SUSPEND", "reason": "x", "suspendUntil": now - Duration::hours(1) }),
        json!({ "kind": "SUSPEND", "reason": "x", "suspendUntil": now + Duration::days(91) }),
        json!({ "kind": "EXTEND", "reason": "   ", "extraHours": 4 }),
    ] {
        let body = desk
            .step(&desk.worker, "requestExtension", &working, input.clone())
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}: {body}");
    }
    assert_eq!(counts(&desk.app).await, before);
    // Not before the assignee has signed for it.
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    let assignee = json!({ "assigneeId": crate::requests_support::gid("User", desk.worker_id) });
    let assigned = desk
        .advance(&desk.staff, "assignRequest", &accepted, assignee)
        .await;
    let early = desk
        .step(&desk.worker, "requestExtension", &assigned, extend(4))
        .await;
    assert_eq!(error_code(&early), "CONFLICT", "{early}");
}

#[tokio::test]
async fn street_staff_issue_supervision_cards_and_the_strongest_shows() {
    let desk = Desk::open().await;
    let street = desk
        .app
        .token_for("street", &["STREET_ADMIN:street:1"])
        .await;
    let working = desk.in_progress("SANITATION").await;
    let yellow = json!({ "card": "YELLOW", "reason": "超过三天未处理" });
    let after = desk
        .advance(&street, "superviseRequest", &working, yellow.clone())
        .await;
    let red = json!({ "card": "RED", "reason": "群众多次投诉" });
    let after = desk.advance(&street, "superviseRequest", &after, red).await;
    let after = desk
        .advance(&street, "superviseRequest", &after, yellow.clone())
        .await;
    let seen = extras(&desk, &desk.staff, &after).await;
    assert_eq!(
        seen["supervisionCard"], "RED",
        "a yellow card does not soften a red"
    );
    assert_eq!(seen["supervisions"]["totalCount"], 3);
    assert_eq!(
        seen["supervisions"]["nodes"][1],
        json!({ "card": "RED", "reason": "群众多次投诉" })
    );
    assert_eq!(after["status"], "IN_PROGRESS", "a card changes no state");

    // Community staff and grid workers do not supervise; another street's staff do
    // not see the request at all.
    for token in [&desk.staff, &desk.worker] {
        let body = desk
            .step(token, "superviseRequest", &after, yellow.clone())
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN");
    }
    let other = desk
        .app
        .token_for("street2", &["STREET_ADMIN:street:2"])
        .await;
    let body = desk
        .step(&other, "superviseRequest", &after, yellow.clone())
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
}

#[tokio::test]
async fn a_closed_request_takes_no_card() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let reason = json!({ "reason": "不属于社区职责" });
    let rejected = desk
        .advance(&desk.staff, "rejectRequest", &submitted, reason)
        .await;
    let district = desk
        .app
        .token_for("district", &["DISTRICT_ADMIN:district:1"])
        .await;
    let card = json!({ "card": "RED", "reason": "为何拒绝" });
    let body = desk
        .step(&district, "superviseRequest", &rejected, card)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
}
