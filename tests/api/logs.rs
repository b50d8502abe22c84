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
