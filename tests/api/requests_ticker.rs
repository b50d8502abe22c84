//! The ticker that escalates red requests on its own (once per deadline, also when two
//! instances of the hub on one database tick at the same moment; never for requests
//! still in time) and closes requests whose evaluation never came.

use community_hub::service::requests::tick_lock::TICKER_LOCK;
use community_hub::service::requests::ticker::{REASON, close_unevaluated, escalate_overdue, tick};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::json;

use crate::harness::error_code;
use crate::requests_support::Desk;

#[tokio::test]
async fn two_instances_ticking_at_once_escalate_a_red_request_exactly_once() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "URGENT").await;
    desk.advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    let in_time = desk.walk_in("NOISE", "NORMAL").await;
    desk.advance(&desk.staff, "acceptRequest", &in_time, json!({}))
        .await;

    desk.app.set_clock_hours_after_start(23);
    let db = &desk.app.state.db;
    let now = desk.app.state.clock.now();
    assert_eq!(
        escalate_overdue(db, None, now).await.unwrap(),
        0,
        "not red yet"
    );

    desk.app.set_clock_hours_after_start(25);
    let now = desk.app.state.clock.now();
    let other = desk.app.another_instance(&[]).await;
    let other_db = &other.state.db;
    let (a, b) = tokio::join!(
        escalate_overdue(db, None, now),
        escalate_overdue(other_db, None, now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        escalate_overdue(db, None, now).await.unwrap(),
        0,
        "idempotent"
    );

    let query = "query($id: ID!) { request(id: $id) { level status slaState
        events { nodes { action actorKind note toLevel } } } }";
    let body = desk.app.data(query, json!({ "id": submitted["id"] })).await;
    let request = &body["request"];
    assert_eq!(request["level"], "COMMUNITY");
    assert_eq!(request["status"], "ACCEPTED");
    assert_eq!(request["slaState"], "NORMAL");
    let escalations: Vec<_> = request["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["action"] == "ESCALATE")
        .collect();
    assert_eq!(escalations.len(), 1);
    assert_eq!(escalations[0]["actorKind"], "SYSTEM");
    assert_eq!(escalations[0]["note"], REASON);
    let body = desk.app.data(query, json!({ "id": in_time["id"] })).await;
    assert_eq!(body["request"]["level"], "GRID");
}

#[tokio::test]
async fn an_instance_skips_its_tick_while_another_holds_the_ticker_lock() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "URGENT").await;
    desk.advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    desk.app.set_clock_hours_after_start(25);
    let now = desk.app.state.clock.now();
    let db = &desk.app.state.db;
    if db.get_database_backend() != DatabaseBackend::Postgres {
        // One process's database: every tick runs.
        let done = tick(db, None, now).await.unwrap().expect("ticked");
        assert_eq!(done.escalated, 1);
        return;
    }
    // Another instance's ticker, holding the lock on a connection of its own.
    // One connection, so the unlock runs where the lock was taken.
    let mut options = sea_orm::ConnectOptions::new(desk.app.database_url());
    options.max_connections(1);
    let holder = sea_orm::Database::connect(options).await.unwrap();
    let lock = |sql: &str| {
        Statement::from_sql_and_values(DatabaseBackend::Postgres, sql, [TICKER_LOCK.into()])
    };
    holder
        .execute_raw(lock("SELECT pg_advisory_lock($1)"))
        .await
        .unwrap();
    assert_eq!(tick(db, None, now).await.unwrap(), None, "skipped");
    holder
        .execute_raw(lock("SELECT pg_advisory_unlock($1)"))
        .await
        .unwrap();
    let done = tick(db, None, now).await.unwrap().expect("ticked");
    assert_eq!(done.escalated, 1);
    // Released after the tick: the next one runs (with nothing left to do).
    let again = tick(db, None, now).await.unwrap().expect("ticked");
    assert_eq!(again.escalated, 0);
}

#[tokio::test]
async fn an_evaluation_that_never_comes_closes_the_request_as_not_evaluated() {
    let desk = Desk::open().await;
    let started = desk.in_progress("SANITATION").await;
    let note = json!({ "note": "已清运" });
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &started, note)
        .await;
    let waiting = desk.verified(&resolved).await;
    let given = json!({ "satisfaction": "NOT_EVALUATED" });
    let body = desk
        .step(&desk.staff, "evaluateRequest", &waiting, given)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");

    let db = &desk.app.state.db;
    desk.app.set_clock_hours_after_start(7 * 24 - 1);
    let now = desk.app.state.clock.now();
    assert_eq!(
        close_unevaluated(db, None, now).await.unwrap(),
        0,
        "still within 7 days"
    );
    desk.app.set_clock_hours_after_start(7 * 24);
    let now = desk.app.state.clock.now();
    let other = desk.app.another_instance(&[]).await;
    let other_db = &other.state.db;
    let (a, b) = tokio::join!(
        close_unevaluated(db, None, now),
        close_unevaluated(other_db, None, now)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);

    let query = "query($id: ID!) { request(id: $id) { status satisfaction
        events(last: 1) { nodes { action actorKind } } } }";
    let body = desk.app.data(query, json!({ "id": waiting["id"] })).await;
    assert_eq!(body["request"]["status"], "CLOSED_RESOLVED");
    assert_eq!(body["request"]["satisfaction"], "NOT_EVALUATED");
    let last = &body["request"]["events"]["nodes"][0];
    assert_eq!(last["action"], "CLOSE_UNEVALUATED");
    assert_eq!(last["actorKind"], "SYSTEM");
}
