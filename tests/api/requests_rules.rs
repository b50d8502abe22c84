//! Request rules over HTTP: illegal transitions, escalation and return, the roles that
//! may act at each level, and SLA colours as the clock moves.

use entity::holiday;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::harness::error_code;
use crate::requests_support::{Desk, counts, gid};

#[tokio::test]
async fn a_submitted_request_cannot_be_resolved_or_signed_and_nothing_changes() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let before = counts(&desk.app).await;
    let note = json!({ "note": "done" });
    let resolve = desk
        .step(&desk.staff, "resolveRequest", &submitted, note)
        .await;
    assert_eq!(
        error_code(&resolve),
        "FORBIDDEN",
        "only the assignee resolves"
    );
    let assignee = json!({ "assigneeId": gid("User", desk.worker_id) });
    let assign = desk
        .step(&desk.staff, "assignRequest", &submitted, assignee)
        .await;
    assert_eq!(error_code(&assign), "CONFLICT", "{assign:#}");
    let evaluate = json!({ "satisfaction": "SATISFIED" });
    let early = desk
        .step(&desk.staff, "evaluateRequest", &submitted, evaluate)
        .await;
    assert_eq!(error_code(&early), "CONFLICT");
    assert_eq!(counts(&desk.app).await, before);
}

#[tokio::test]
async fn a_rejected_request_takes_no_further_action() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let reason = json!({ "reason": "不属于本社区管辖" });
    let rejected = desk
        .advance(&desk.staff, "rejectRequest", &submitted, reason)
        .await;
    assert_eq!(rejected["status"], "REJECTED");
    assert_eq!(rejected["availableActions"], json!([]));
    let again = desk
        .step(&desk.staff, "acceptRequest", &rejected, json!({}))
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
}

#[tokio::test]
async fn a_duplicate_merges_into_the_original_request() {
    let desk = Desk::open().await;
    let original = desk.walk_in("SANITATION", "NORMAL").await;
    let duplicate = desk.walk_in("SANITATION", "NORMAL").await;
    let into = json!({ "duplicateOfId": original["id"] });
    let merged = desk
        .advance(&desk.staff, "mergeRequest", &duplicate, into)
        .await;
    assert_eq!(merged["status"], "MERGED");
    let query = "query($id: ID!) { request(id: $id) { mergedInto { id } } }";
    let body = desk.app.data(query, json!({ "id": duplicate["id"] })).await;
    assert_eq!(body["request"]["mergedInto"]["id"], original["id"]);
    let itself = json!({ "duplicateOfId": original["id"] });
    let body = desk
        .step(&desk.staff, "mergeRequest", &original, itself)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}

#[tokio::test]
async fn escalation_climbs_one_level_and_takes_the_request_out_of_the_grid_workers_hands() {
    let desk = Desk::open().await;
    let started = desk.in_progress("SANITATION").await;
    assert!(
        started["availableActions"]
            .as_array()
            .unwrap()
            .contains(&json!("ESCALATE"))
    );
    let empty = desk
        .step(
            &desk.worker,
            "escalateRequest",
            &started,
            json!({ "reason": " " }),
        )
        .await;
    assert_eq!(error_code(&empty), "BAD_USER_INPUT");
    let reason = json!({ "reason": "涉及物业公司，需社区协调" });
    let body = desk
        .call(
            &desk.worker,
            "escalateRequest",
            crate::requests_support::with_target(&started, reason),
        )
        .await;
    let event = &body["data"]["escalateRequest"]["event"];
    assert_eq!(event["fromLevel"], "GRID");
    assert_eq!(event["toLevel"], "COMMUNITY");
    assert_eq!(event["note"], "涉及物业公司，需社区协调");
    let escalated = body["data"]["escalateRequest"]["request"].clone();
    assert_eq!(escalated["status"], "ACCEPTED");
    // The grid worker still sees it but no longer dispatches it: it is the community's.
    let query = "query($id: ID!) { request(id: $id) { level assigneeId availableActions } }";
    let (_, seen) = desk
        .app
        .graphql_as(&desk.worker, query, json!({ "id": escalated["id"] }))
        .await;
    assert_eq!(seen["data"]["request"]["level"], "COMMUNITY");
    assert_eq!(seen["data"]["request"]["assigneeId"], Value::Null);
    assert_eq!(seen["data"]["request"]["availableActions"], json!([]));
    let accept = desk
        .step(
            &desk.worker,
            "returnRequest",
            &escalated,
            json!({ "reason": "x" }),
        )
        .await;
    assert_eq!(error_code(&accept), "FORBIDDEN");
}

#[tokio::test]
async fn return_goes_down_one_level_before_signing_and_never_after() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("PARKING", "NORMAL").await;
    assert_eq!(submitted["level"], "COMMUNITY");
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    let reason = json!({ "reason": "网格内可处理" });
    let returned = desk
        .advance(&desk.staff, "returnRequest", &accepted, reason.clone())
        .await;
    assert_eq!(returned["level"], "GRID");
    assert_eq!(returned["status"], "ACCEPTED");
    let assignee = json!({ "assigneeId": gid("User", desk.worker_id) });
    let assigned = desk
        .advance(&desk.staff, "assignRequest", &returned, assignee)
        .await;
    let signed = desk
        .advance(&desk.worker, "signRequest", &assigned, json!({}))
        .await;
    let late = desk
        .step(&desk.staff, "returnRequest", &signed, reason)
        .await;
    assert_eq!(error_code(&late), "CONFLICT");
}

#[tokio::test]
async fn a_failed_verification_and_a_dissatisfied_evaluation_each_add_a_rework() {
    let desk = Desk::open().await;
    let started = desk.in_progress("SANITATION").await;
    let note = json!({ "note": "已清运" });
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &started, note.clone())
        .await;
    // The assignee may not check their own work.
    let own = desk
        .step(
            &desk.worker,
            "verifyRequest",
            &resolved,
            json!({ "step": "BEGIN" }),
        )
        .await;
    assert_eq!(error_code(&own), "FORBIDDEN");
    let failed = desk.failed_verification(&resolved).await;
    assert_eq!(failed["status"], "IN_PROGRESS");
    assert_eq!(failed["reworkCount"], 1);
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &failed, note)
        .await;
    let waiting = desk.verified(&resolved).await;
    let unhappy = json!({ "satisfaction": "DISSATISFIED", "comment": "还有异味" });
    let reopened = desk
        .advance(&desk.staff, "evaluateRequest", &waiting, unhappy)
        .await;
    assert_eq!(reopened["status"], "IN_PROGRESS");
    assert_eq!(reopened["reworkCount"], 2);
}

#[tokio::test]
async fn an_urgent_request_turns_yellow_at_three_hours_and_red_at_four() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "URGENT").await;
    let query = "query($id: ID!) { request(id: $id) { slaState dueAt } }";
    let vars = json!({ "id": submitted["id"] });
    let overdue = "{ requests(filter: { overdue: true }) { totalCount } }";
    let mut seen = Vec::new();
    for hours in [0, 2, 3, 4, 30] {
        desk.app.set_clock_hours_after_start(hours);
        let body = desk.app.data(query, vars.clone()).await;
        let late = desk.app.data(overdue, json!({})).await;
        seen.push((
            hours,
            body["request"]["slaState"].as_str().unwrap().to_owned(),
            late["requests"]["totalCount"].as_u64().unwrap(),
        ));
    }
    let expected = [
        (0, "NORMAL", 0),
        (2, "NORMAL", 0),
        (3, "YELLOW", 0),
        (4, "RED", 1),
        (30, "RED", 1),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(h, s, n)| (*h, s.to_string(), *n))
        .collect();
    assert_eq!(seen, expected);
    // Accepting restarts the clock on the 24-hour handling limit.
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    assert_eq!(accepted["slaState"], "NORMAL");
    assert_eq!(accepted["dueAt"], "2026-06-17T10:00:00+00:00");
}

#[tokio::test]
async fn normal_requests_count_working_days_and_skip_holidays() {
    let desk = Desk::open().await;
    // Tuesday 2026-06-16 is declared a holiday: one working day from Monday noon runs
    // to Wednesday noon (Asia/Shanghai), 04:00 UTC.
    holiday::ActiveModel {
        day: Set(chrono::NaiveDate::from_ymd_opt(2026, 6, 16).unwrap()),
        working: Set(false),
        name: Set("测试假日".to_owned()),
        ..Default::default()
    }
    .insert(&desk.app.state.db)
    .await
    .unwrap();
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    assert_eq!(submitted["dueAt"], "2026-06-17T04:00:00+00:00");
}

#[tokio::test]
async fn a_categorys_own_sla_policy_wins_over_the_default() {
    use entity::request_enums::{HandlingLevel, LimitUnit, Urgency};
    use entity::{request_category, sla_policy};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let desk = Desk::open().await;
    let sanitation = request_category::Entity::find()
        .filter(request_category::Column::Code.eq("SANITATION"))
        .one(&desk.app.state.db)
        .await
        .unwrap()
        .unwrap();
    sla_policy::ActiveModel {
        category_id: Set(Some(sanitation.id)),
        level: Set(HandlingLevel::Grid),
        urgency: Set(Urgency::Urgent),
        limit_unit: Set(LimitUnit::Hours),
        accept_limit: Set(2),
        handle_limit: Set(12),
        feedback_limit: Set(2),
        ..Default::default()
    }
    .insert(&desk.app.state.db)
    .await
    .unwrap();
    let own = desk.walk_in("SANITATION", "URGENT").await;
    assert_eq!(own["dueAt"], "2026-06-15T06:00:00+00:00");
    let default = desk.walk_in("NOISE", "URGENT").await;
    assert_eq!(default["dueAt"], "2026-06-15T08:00:00+00:00");
}

#[tokio::test]
async fn a_request_is_assigned_only_to_staff_who_work_over_its_place() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    let other = crate::requests_support::user_id(&desk.app, "worker2").await;
    let assignee = json!({ "assigneeId": gid("User", other) });
    let body = desk
        .step(&desk.staff, "assignRequest", &accepted, assignee)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(
        counts(&desk.app).await,
        (1, 2),
        "still one request, two events"
    );
}
