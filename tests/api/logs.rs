//! No personal data and no token reaches the logs: canary values go through sign-in,
//! reads, reveals and failures while every log line is captured, then the capture is
//! searched for them.

use std::io::Write;
use std::sync::{Arc, Mutex};

use entity::resident;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::harness::{Fixture, TestApp};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// One thread, so the thread-local subscriber sees the server's tasks too.
#[tokio::test(flavor = "current_thread")]
async fn logs_carry_no_personal_data_and_no_tokens() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("debug")
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = resident::Entity::find()
        .filter(resident::Column::Phone.is_not_null())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let admin = app
        .token_for("canary.admin", &["DISTRICT_ADMIN:district:1"])
        .await;
    let id = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("Resident:{}", person.id))
    };
    app.graphql(
        "query($id: ID!) { resident(id: $id) { name phone idNumber } }",
        json!({ "id": id }),
    )
    .await;
    app.graphql_as(
        &admin,
        "mutation($id: ID!) { revealResidentField(input: { residentId: $id, field: ID_NUMBER, purpose: \"canary\" }) { value } }",
        json!({ "id": id }),
    )
    .await;
    app.graphql(
        "mutation { login(input: { username: \"canary.admin\", password: \"Canary-Password-42\" }) { accessToken } }",
        json!({}),
    )
    .await;
    let (status, _) = app
        .graphql_as("not.a.valid-token", "{ me { name } }", json!({}))
        .await;
    assert_eq!(status, 401);
    // A filter holding a name goes into SQL as a bound value, never into a log line.
    let bad = format!(
        "{{ residents(filter: {{ nameContains: \"{}\" }}) {{ totalCount }} }}",
        person.name
    );
    app.graphql(&bad, json!({})).await;

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(!logs.is_empty(), "nothing was captured");
    for canary in [
        person.id_number.as_str(),
        person.name.as_str(),
        person.phone.as_deref().unwrap(),
        "Canary-Password-42",
        admin.as_str(),
        "not.a.valid-token",
    ] {
        assert!(!logs.contains(canary), "the logs contain a canary value");
    }
}

/// The real binary, as an operator runs it with `--log-json`: its stdout is read, so
/// the test depends on no process-wide logging state shared with other tests.
#[tokio::test]
async fn every_request_logs_one_json_line_with_its_id_operation_viewer_status_and_codes() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_community-hub"))
        .args(["--log-json", "serve"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/hub.db?mode=rwc", dir.path().display()),
        )
        .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("JWT_SECRET", "a throw-away test key of at least 32 bytes")
        .env("RUST_LOG", "hub::request=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/graphql");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let ready = format!("http://127.0.0.1:{port}/readyz");
    while !client
        .get(&ready)
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the server never became ready"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for (id, query) in [
        ("req-typename", "query Typename { __typename }"),
        ("req-me", "query Me { me { name } }"),
    ] {
        let body = json!({ "query": query });
        client
            .post(&url)
            .header("x-request-id", id)
            .json(&body)
            .send()
            .await
            .unwrap();
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let stdout = server.stdout.take().unwrap();
    let lines: Vec<serde_json::Value> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str(&line).ok())
        .filter(|line: &serde_json::Value| line["target"] == "hub::request")
        .collect();
    let line = |id: &str| {
        let found: Vec<_> = lines
            .iter()
            .filter(|l| l["fields"]["request_id"] == id)
            .collect();
        assert_eq!(found.len(), 1, "one line for {id} in {lines:?}");
        found[0]["fields"].clone()
    };
    let ok = line("req-typename");
    assert_eq!(
        (ok["operation"].as_str(), ok["viewer"].as_str()),
        (Some("Typename"), Some("anonymous"))
    );
    assert_eq!(
        (ok["status"].as_u64(), ok["codes"].as_str()),
        (Some(200), Some(""))
    );
    assert!(ok["duration_ms"].as_f64().unwrap() > 0.0);
    let refused = line("req-me");
    assert_eq!(
        (refused["operation"].as_str(), refused["codes"].as_str()),
        (Some("Me"), Some("UNAUTHENTICATED"))
    );
}
