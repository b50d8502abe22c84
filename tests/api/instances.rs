//! Several instances behind one load balancer: what one instance changes, the others
//! act on at once (PostgreSQL LISTEN/NOTIFY).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn a_user_disabled_on_one_instance_is_refused_at_once_on_another() {
    let Some((first, second)) = TestApp::two_instances().await else {
        eprintln!("PostgreSQL run only: a SQLite file serves one instance");
        return;
    };
    let id = first
        .create_user("walker", "correct horse battery", &["GRID_WORKER:grid:1"])
        .await;
    let token = first
        .state
        .auth
        .issue_token_for_user("walker")
        .await
        .unwrap()
        .token;
    // The second instance has the principal cached (for up to 5 minutes).
    let (status, body) = second
        .graphql_as(&token, "{ me { name } }", json!({}))
        .await;
    assert_eq!(
        (status, &body["data"]["me"]["name"]),
        (200, &json!("walker"))
    );

    first.state.auth.set_user_status(id, false).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (status, _) = second
            .graphql_as(&token, "{ me { name } }", json!({}))
            .await;
        if status == 401 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still served 5 s after being disabled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
