//! Rate limits: operation cost per user, sign-in attempts per account and per address,
//! 429 with `Retry-After`, and buckets shared between instances through Redis.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

/// Costs 1 + 10 × (1 + 1 + 1) = 31 by the complexity estimate.
const GRIDS: &str = "{ grids(first: 10) { nodes { id name } } }";

const COST_LIMITS: &[(&str, &str)] = &[
    ("RATE_LIMITS", "on"),
    ("MAX_QUERY_COMPLEXITY", "100"),
    ("RATE_LIMIT_USER_BURST", "100"),
    // One token a second: the bucket cannot refill during the test.
    ("RATE_LIMIT_USER_PER_MINUTE", "60"),
];

async fn post(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> (u16, Option<u64>, Value) {
    let mut request = app
        .client()
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().parse().unwrap());
    (status, retry_after, response.json().await.unwrap())
}

#[tokio::test]
async fn a_user_over_their_cost_budget_gets_429_with_retry_after_and_no_sql_runs() {
    let app = TestApp::seeded_with(Fixture::Tiny, COST_LIMITS).await;
    let token = app.token_for("heavy", &["GRID_WORKER:district:1"]).await;
    for _ in 0..3 {
        let (status, _, body) = post(&app, Some(&token), GRIDS, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
    }
    // 3 × 31 = 93 of 100 spent: the fourth does not fit.
    let before = app.statements();
    let (status, retry_after, body) = post(&app, Some(&token), GRIDS, json!({})).await;
    assert_eq!((status, error_code(&body)), (429, "RATE_LIMITED"), "{body}");
    let retry_after = retry_after.expect("Retry-After");
    assert!((1..=31).contains(&retry_after), "{retry_after}");
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"],
        json!(retry_after)
    );
    assert_eq!(body["data"], Value::Null);
    assert_eq!(app.statements(), before, "refused before any SQL");

    // A cheaper operation still fits; another user has a bucket of their own.
    let (status, _, body) = post(&app, Some(&token), "{ me { name } }", json!({})).await;
    assert_eq!(
        (status, &body["data"]["me"]["name"]),
        (200, &json!("heavy")),
        "{body}"
    );
    let other = app.token_for("light", &["GRID_WORKER:district:1"]).await;
    let (status, _, body) = post(&app, Some(&other), GRIDS, json!({})).await;
    assert_eq!(status, 200, "{body}");
}

const LOGIN: &str = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }";

async fn login(app: &TestApp, username: &str, password: &str) -> (u16, Option<u64>, Value) {
    post(app, None, LOGIN, json!({ "u": username, "p": password })).await
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_account_and_then_per_address() {
    let app = TestApp::seeded_with(
        Fixture::Tiny,
        &[
            ("RATE_LIMITS", "on"),
            ("SIGN_IN_ACCOUNT_BURST", "3"),
            ("SIGN_IN_ACCOUNT_PER_MINUTE", "1"),
            ("SIGN_IN_ADDRESS_BURST", "5"),
            ("SIGN_IN_ADDRESS_PER_MINUTE", "1"),
        ],
    )
    .await;
    app.create_user("alice", "correct horse battery", &["GRID_WORKER:grid:1"])
        .await;
    app.create_user("bob", "correct horse battery", &["GRID_WORKER:grid:1"])
        .await;
    for _ in 0..3 {
        let (status, _, body) = login(&app, "alice", "wrong").await;
        assert_eq!((status, error_code(&body)), (200, "UNAUTHENTICATED"));
    }
    // The right password does not help once the account's attempts are spent.
    let (status, retry_after, body) = login(&app, "alice", "correct horse battery").await;
    assert_eq!((status, error_code(&body)), (429, "RATE_LIMITED"), "{body}");
    assert!(retry_after.unwrap() >= 1);

    // Another account from the same address: one attempt left of the address's five.
    let (status, _, body) = login(&app, "bob", "correct horse battery").await;
    assert_eq!(status, 200);
    assert!(body["data"]["login"]["accessToken"].is_string(), "{body}");
    let (status, _, body) = login(&app, "bob", "correct horse battery").await;
    assert_eq!((status, error_code(&body)), (429, "RATE_LIMITED"), "{body}");
}

#[tokio::test]
async fn instances_sharing_redis_draw_on_the_same_buckets() {
    let Ok(redis) = std::env::var("TEST_REDIS_URL") else {
        eprintln!("set TEST_REDIS_URL (as .ci/run does) to run this test");
        return;
    };
    let prefix = format!("hubtest:{}:{}:", std::process::id(), rand_suffix());
    let env = [
        ("RATE_LIMITS", "on"),
        ("REDIS_URL", redis.as_str()),
        ("REDIS_PREFIX", prefix.as_str()),
        ("SIGN_IN_ACCOUNT_BURST", "2"),
        ("SIGN_IN_ACCOUNT_PER_MINUTE", "1"),
    ];
    let first = TestApp::seeded_with(Fixture::Tiny, &env).await;
    let second = TestApp::seeded_with(Fixture::Tiny, &env).await;
    for _ in 0..2 {
        let (status, _, _) = login(&first, "carol", "wrong").await;
        assert_eq!(status, 200);
    }
    let (status, retry_after, body) = login(&second, "carol", "wrong").await;
    assert_eq!((status, error_code(&body)), (429, "RATE_LIMITED"), "{body}");
    assert!(retry_after.unwrap() >= 1);
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test]
async fn an_api_client_over_its_daily_quota_gets_429_until_midnight_in_shanghai() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("RATE_LIMITS", "on")]).await;
    let small = |client| community_hub::auth::NewClient {
        daily_quota: 3,
        ..client
    };
    let token = app
        .client_token("metered-app", &["territory:read"], small)
        .await;
    for _ in 0..3 {
        let (status, _, body) = post(&app, Some(&token), GRIDS, json!({})).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, retry_after, body) = post(&app, Some(&token), GRIDS, json!({})).await;
    assert_eq!((status, error_code(&body)), (429, "RATE_LIMITED"), "{body}");
    assert!((1..=86_400).contains(&retry_after.unwrap()));
}
