//! Accounts and tokens: signing in, refresh-token rotation and replay, signing out,
//! disabling, revoking, and how a bad bearer token is answered.

use axum::http::{HeaderMap, HeaderValue};
use community_hub::access::Viewer;
use community_hub::auth::admin;
use community_hub::http::auth::viewer_from_headers;
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

const PASSWORD: &str = "correct horse battery";

const LOGIN: &str = "mutation($u: String!, $p: String!) {
    login(input: { username: $u, password: $p }) { accessToken refreshToken expiresAt }
}";
const REFRESH: &str = "mutation($t: String!) {
    refreshToken(input: { refreshToken: $t }) { accessToken refreshToken expiresAt }
}";
const LOGOUT: &str = "mutation($t: String!) { logout(input: { refreshToken: $t }) { ok } }";

async fn login(app: &TestApp, username: &str, password: &str) -> Value {
    app.graphql(LOGIN, json!({ "u": username, "p": password }))
        .await
}

/// (access token, refresh token) of a successful sign-in.
async fn sign_in(app: &TestApp, username: &str) -> (String, String) {
    let body = login(app, username, PASSWORD).await;
    let tokens = &body["data"]["login"];
    assert!(tokens.is_object(), "login failed: {body:#}");
    (
        tokens["accessToken"].as_str().unwrap().to_owned(),
        tokens["refreshToken"].as_str().unwrap().to_owned(),
    )
}

async fn refresh(app: &TestApp, token: &str) -> Value {
    app.graphql(REFRESH, json!({ "t": token })).await
}

fn refreshed_token(body: &Value) -> String {
    body["data"]["refreshToken"]["refreshToken"]
        .as_str()
        .unwrap_or_else(|| panic!("refresh failed: {body:#}"))
        .to_owned()
}

#[tokio::test]
async fn a_signed_in_user_gets_tokens_that_name_them() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.create_user("grid.worker", PASSWORD, &["GRID_WORKER:grid:1"])
        .await;
    let (access, refresh) = sign_in(&app, "grid.worker").await;
    assert_eq!(refresh.len(), 43);
    let principal = app.state.auth.authenticate(&access).await.unwrap();
    assert_eq!(principal.name, "grid.worker");
    assert_eq!(principal.grants.len(), 1);
    assert!(principal.grants[0].area.path.ends_with('/'));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_answer_the_same() {
    let app = TestApp::spawn().await;
    app.create_user("someone", PASSWORD, &[]).await;
    let wrong = login(&app, "someone", "not the password").await;
    let unknown = login(&app, "nobody", PASSWORD).await;
    for body in [&wrong, &unknown] {
        assert_eq!(error_code(body), "UNAUTHENTICATED");
        assert_eq!(body["errors"][0]["message"], "invalid credentials");
    }
}

#[tokio::test]
async fn refreshing_rotates_and_spends_the_old_token() {
    let app = TestApp::spawn().await;
    app.create_user("someone", PASSWORD, &[]).await;
    let (_, first) = sign_in(&app, "someone").await;
    let second = refreshed_token(&refresh(&app, &first).await);
    assert_ne!(first, second);
    let third = refreshed_token(&refresh(&app, &second).await);
    assert_ne!(second, third);
}

#[tokio::test]
async fn reusing_a_refresh_token_revokes_its_whole_family() {
    let app = TestApp::spawn().await;
    app.create_user("someone", PASSWORD, &[]).await;
    let (_, first) = sign_in(&app, "someone").await;
    let (_, other_session) = sign_in(&app, "someone").await;
    let second = refreshed_token(&refresh(&app, &first).await);

    let replay = refresh(&app, &first).await;
    assert_eq!(error_code(&replay), "UNAUTHENTICATED");
    let after_replay = refresh(&app, &second).await;
    assert_eq!(error_code(&after_replay), "UNAUTHENTICATED");
    // Another sign-in is another family and keeps working.
    refreshed_token(&refresh(&app, &other_session).await);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    app.create_user("someone", PASSWORD, &[]).await;
    let (_, token) = sign_in(&app, "someone").await;
    let body = app.graphql(LOGOUT, json!({ "t": token })).await;
    assert_eq!(body["data"]["logout"]["ok"], true, "{body:#}");
    assert_eq!(error_code(&refresh(&app, &token).await), "UNAUTHENTICATED");
    // Signing out twice is not an error.
    let again = app.graphql(LOGOUT, json!({ "t": token })).await;
    assert_eq!(again["data"]["logout"]["ok"], true);
}

#[tokio::test]
async fn a_disabled_user_can_neither_sign_in_nor_use_old_tokens() {
    let app = TestApp::spawn().await;
    let id = app.create_user("someone", PASSWORD, &[]).await;
    let (access, refresh_token) = sign_in(&app, "someone").await;
    app.state.auth.authenticate(&access).await.unwrap();

    app.state.auth.set_user_status(id, false).await.unwrap();
    assert!(app.state.auth.authenticate(&access).await.is_err());
    assert_eq!(
        error_code(&login(&app, "someone", PASSWORD).await),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        error_code(&refresh(&app, &refresh_token).await),
        "UNAUTHENTICATED"
    );

    app.state.auth.set_user_status(id, true).await.unwrap();
    assert!(
        app.state.auth.authenticate(&access).await.is_err(),
        "old tokens stay dead"
    );
    sign_in(&app, "someone").await;
}

#[tokio::test]
async fn revoking_sessions_kills_access_and_refresh_tokens() {
    let app = TestApp::spawn().await;
    let id = app.create_user("someone", PASSWORD, &[]).await;
    let (access, refresh_token) = sign_in(&app, "someone").await;
    app.state.auth.revoke_sessions(id).await.unwrap();
    assert!(app.state.auth.authenticate(&access).await.is_err());
    assert_eq!(
        error_code(&refresh(&app, &refresh_token).await),
        "UNAUTHENTICATED"
    );
    let (fresh, _) = sign_in(&app, "someone").await;
    app.state.auth.authenticate(&fresh).await.unwrap();
}

#[tokio::test]
async fn a_bad_bearer_token_is_a_401_with_a_challenge() {
    let app = TestApp::spawn().await;
    let no_header = viewer_from_headers(&app.state, &HeaderMap::new()).await;
    assert!(matches!(no_header, Ok(Viewer::Anonymous)));
    for value in ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer "] {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_static(value));
        let response = viewer_from_headers(&app.state, &headers).await.unwrap_err();
        assert_eq!(response.status(), 401, "{value}");
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer error=\"invalid_token\""
        );
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
        assert_eq!(body["errors"][0]["message"], "invalid token");
    }
}

#[tokio::test]
async fn street_admins_manage_users_of_their_street_only() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.create_user("street.admin", PASSWORD, &["STREET_ADMIN:street:1"])
        .await;
    let inside = app
        .create_user("worker.in", PASSWORD, &["GRID_WORKER:grid:1"])
        .await;
    let outside = app
        .create_user("worker.out", PASSWORD, &["GRID_WORKER:grid:12"])
        .await;
    let (access, _) = sign_in(&app, "street.admin").await;
    let admin_viewer = Viewer::Principal(app.state.auth.authenticate(&access).await.unwrap());

    admin::authorize(&app.state.auth, &admin_viewer, inside)
        .await
        .unwrap();
    let err = admin::authorize(&app.state.auth, &admin_viewer, outside)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NOT_FOUND");
}

#[tokio::test]
async fn the_jwks_of_an_hs256_hub_is_empty() {
    let app = TestApp::spawn().await;
    let body: Value = reqwest::get(app.url("/.well-known/jwks.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body, json!({ "keys": [] }));
}

#[tokio::test]
async fn me_describes_the_signed_in_user_and_bad_tokens_get_401() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.create_user("grid.worker", PASSWORD, &["GRID_WORKER:grid:1"])
        .await;
    let (access, _) = sign_in(&app, "grid.worker").await;
    let query = "{ me { kind name scopes grants { role areaKind areaId } } }";
    let (status, body) = app.graphql_as(&access, query, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["me"]["kind"], "USER", "{body:#}");
    assert_eq!(body["data"]["me"]["grants"][0]["role"], "GRID_WORKER");
    assert_eq!(body["data"]["me"]["grants"][0]["areaKind"], "GRID");

    let (status, body) = app.graphql_as("garbage", query, json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    let anonymous = app.anonymous(query, json!({})).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    db.execute_unprepared(
        "INSERT INTO audit_log (at, actor_kind, roles, action, outcome) \
         VALUES (CURRENT_TIMESTAMP, 'SYSTEM', '', 'test', 'SUCCESS')",
    )
    .await
    .expect("rows can be added");
    for sql in [
        "UPDATE audit_log SET outcome = 'DENIED'",
        "DELETE FROM audit_log",
    ] {
        let err = db.execute_unprepared(sql).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}

#[tokio::test]
async fn a_street_admin_disables_a_user_of_their_street_over_graphql() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.create_user("street.admin", PASSWORD, &["STREET_ADMIN:street:1"])
        .await;
    let worker = app
        .create_user("worker", PASSWORD, &["GRID_WORKER:grid:1"])
        .await;
    let (admin_token, _) = sign_in(&app, "street.admin").await;
    let (worker_token, _) = sign_in(&app, "worker").await;
    let user_id =
        community_hub::graphql::ids::encode(community_hub::graphql::ids::NodeKind::User, worker);
    let mutation = "mutation($id: ID!) {
        setUserStatus(input: { userId: $id, status: DISABLED }) { status }
    }";
    let (_, body) = app
        .graphql_as(&admin_token, mutation, json!({ "id": user_id }))
        .await;
    assert_eq!(
        body["data"]["setUserStatus"]["status"], "DISABLED",
        "{body:#}"
    );
    let (status, _) = app
        .graphql_as(&worker_token, "{ me { name } }", json!({}))
        .await;
    assert_eq!(status, 401);
    let (_, body) = app
        .graphql_as(
            &admin_token,
            "{ me { grants { area { ... on Street { name } } } } }",
            json!({}),
        )
        .await;
    assert!(
        body["data"]["me"]["grants"][0]["area"]["name"].is_string(),
        "{body:#}"
    );
}
