//! The database going away: a server that starts before its database, a database lost
//! and found again while serving, and statements cut off by the statement timeout.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::{TestApp, error_code, postgres_url};
use crate::link::{Link, postgres_addr, via};

const LOGIN: &str =
    "mutation { login(input: {username: \"nobody\", password: \"wrong horse\"}) { accessToken } }";

/// Seconds a recovering server may take; the test fails, it does not hang.
const RECOVERY: Duration = Duration::from_secs(20);

/// Fast failure: the pool gives up on a connection after this long.
const ENV: &[(&str, &str)] = &[("DB_ACQUIRE_TIMEOUT_MS", "1000")];

async fn status(app: &TestApp, path: &str) -> u16 {
    let response = app.client().get(app.url(path)).send().await.unwrap();
    response.status().as_u16()
}

async fn login(app: &TestApp) -> (u16, Option<String>, Value) {
    let response = app
        .client()
        .post(app.url("/graphql"))
        .json(&json!({ "query": LOGIN }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().to_owned());
    (status, retry_after, response.json().await.unwrap())
}

async fn wait_until_ready(app: &TestApp) {
    let deadline = Instant::now() + RECOVERY;
    while status(app, "/readyz").await != 200 {
        assert!(Instant::now() < deadline, "never became ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A hub on PostgreSQL reached through a link that starts `up` or down.
async fn through_link(url: &str, up: bool) -> (TestApp, Link) {
    let link = Link::to(postgres_addr(url), up).await;
    let addr = link.addr;
    let app = TestApp::spawn_waiting_for_database(|url| via(url, addr), ENV).await;
    (app, link)
}

#[tokio::test]
async fn a_server_started_before_its_database_is_live_not_ready_and_recovers_by_itself() {
    // A SQLite file is opened at start or the start fails: there is nothing to wait for.
    let Some(url) = postgres_url() else {
        eprintln!("PostgreSQL run only: a SQLite file cannot be down");
        return;
    };
    let (app, link) = through_link(&url, false).await;
    assert_eq!(status(&app, "/healthz").await, 200);
    assert_eq!(status(&app, "/readyz").await, 503);
    let (code, retry_after, body) = login(&app).await;
    assert_eq!((code, error_code(&body)), (503, "DB_UNAVAILABLE"));
    assert_eq!(retry_after.as_deref(), Some("1"));

    link.restore();
    wait_until_ready(&app).await;
    let (code, _, body) = login(&app).await;
    assert_eq!(
        (code, error_code(&body)),
        (200, "UNAUTHENTICATED"),
        "{body}"
    );
}

#[tokio::test]
async fn a_database_lost_while_serving_fails_fast_as_db_unavailable_and_is_found_again() {
    let Some(url) = postgres_url() else {
        eprintln!("PostgreSQL run only: a SQLite file cannot go away under the server");
        return;
    };
    let (app, link) = through_link(&url, true).await;
    wait_until_ready(&app).await;
    assert_eq!(error_code(&login(&app).await.2), "UNAUTHENTICATED");

    link.cut();
    let started = Instant::now();
    let (code, retry_after, body) = login(&app).await;
    assert_eq!((code, error_code(&body)), (503, "DB_UNAVAILABLE"), "{body}");
    assert!(retry_after.is_some());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        !body.to_string().contains("Connection"),
        "no driver text: {body}"
    );

    link.restore();
    let deadline = Instant::now() + RECOVERY;
    loop {
        let (code, _, body) = login(&app).await;
        if code == 200 {
            assert_eq!(error_code(&body), "UNAUTHENTICATED");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the pool never reconnected: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status(&app, "/readyz").await, 200);
}

#[tokio::test]
async fn postgresql_cancels_statements_over_the_statement_timeout() {
    if postgres_url().is_none() {
        eprintln!("PostgreSQL run only: SQLite has no statement timeout");
        return;
    }
    let app = TestApp::seeded_with(
        crate::harness::Fixture::Tiny,
        &[("DB_STATEMENT_TIMEOUT_MS", "200")],
    )
    .await;
    use sea_orm::ConnectionTrait;
    let slow = app.state.db.execute_unprepared("SELECT pg_sleep(3)").await;
    let err = community_hub::error::AppError::from(slow.expect_err("cancelled"));
    assert_eq!(err.code(), "STATEMENT_TIMEOUT");
    let fast = app
        .state
        .db
        .execute_unprepared("SELECT pg_sleep(0.01)")
        .await;
    assert!(fast.is_ok());
}

#[tokio::test]
async fn connections_the_database_dropped_fail_one_request_each_at_most_and_are_replaced() {
    let Some(_) = postgres_url() else {
        eprintln!("PostgreSQL run only: nothing can drop a SQLite file's connection");
        return;
    };
    let app = TestApp::seeded_with(crate::harness::Fixture::Tiny, ENV).await;
    // Logins at once, so that the pool holds several connections.
    let logins = futures_util::future::join_all((0..8).map(|_| login(&app))).await;
    for (_, _, body) in logins {
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
    }

    // Every other connection of the pool, hot and idle, is ended by the server. A hot
    // connection is handed out without a test round trip (`db::connect`), so a request
    // may find one dead: it must fail cleanly, and the pool must not keep it.
    use sea_orm::{ConnectionTrait, Statement};
    let ended = app
        .state
        .db
        .query_all_raw(Statement::from_string(
            app.state.db.get_database_backend(),
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        ))
        .await
        .unwrap()
        .len();
    assert!(ended > 0, "the pool held no other connection");

    let mut failed = 0;
    for _ in 0..ended + 3 {
        let (code, retry_after, body) = login(&app).await;
        if code == 200 {
            assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
            continue;
        }
        assert_eq!((code, error_code(&body)), (503, "DB_UNAVAILABLE"), "{body}");
        assert!(retry_after.is_some());
        failed += 1;
    }
    eprintln!("{failed} requests failed on {ended} dropped connections");
    assert!(
        failed <= ended,
        "{failed} requests failed on {ended} dropped connections"
    );
    for _ in 0..3 {
        let (code, _, body) = login(&app).await;
        assert_eq!(
            (code, error_code(&body)),
            (200, "UNAUTHENTICATED"),
            "{body}"
        );
    }
}
