//! Persisted documents: Automatic Persisted Queries for every signed-in client, and
//! trusted documents, the only ones a first-party client may run.

use serde_json::{Value, json};

use community_hub::auth::NewClient;
use community_hub::documents::sha256_hex;

use crate::harness::{Fixture, TestApp, error_code};

const QUERY: &str = "query Streets { streets(first: 2) { nodes { name } } }";

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

async fn post(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn get(app: &TestApp, token: &str, params: &[(&str, String)]) -> (u16, Value) {
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app
        .client()
        .get(app.get_url(&params))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_document_sent_once_in_full_runs_by_its_hash_alone_after_that() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.staff_token().to_owned();
    let hash = sha256_hex(QUERY);
    let by_hash = json!({ "extensions": persisted(&hash) });

    let (status, body) = post(&app, &token, by_hash.clone()).await;
    assert_eq!(
        (status, error_code(&body)),
        (200, "PERSISTED_QUERY_NOT_FOUND")
    );
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");

    let (status, full) = post(
        &app,
        &token,
        json!({ "query": QUERY, "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        full["data"]["streets"]["nodes"].as_array().unwrap().len(),
        2,
        "{full}"
    );

    let (status, again) = post(&app, &token, by_hash).await;
    assert_eq!((status, &again), (200, &full));
    let extensions = persisted(&hash).to_string();
    let (status, by_get) = get(&app, &token, &[("extensions", extensions)]).await;
    assert_eq!((status, &by_get), (200, &full));
}

#[tokio::test]
async fn a_hash_that_is_not_the_documents_or_not_a_hash_is_a_bad_request() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.staff_token().to_owned();
    let wrong = sha256_hex("{ me { name } }");
    for extensions in [
        persisted(&wrong),
        persisted("abc"),
        json!({ "persistedQuery": { "version": 2, "sha256Hash": sha256_hex(QUERY) } }),
    ] {
        let (status, body) = post(
            &app,
            &token,
            json!({ "query": QUERY, "extensions": extensions }),
        )
        .await;
        assert_eq!((status, error_code(&body)), (400, "BAD_REQUEST"), "{body}");
    }
}

async fn first_party_token(app: &TestApp) -> String {
    let trusted_only = |client| NewClient {
        trusted_documents_only: true,
        ..client
    };
    app.client_token("mini-program", &["territory:read"], trusted_only)
        .await
}

#[tokio::test]
async fn a_trusted_only_client_runs_registered_documents_and_nothing_else() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let hash = app.state.documents.register(QUERY).await.unwrap();
    assert_eq!(hash, sha256_hex(QUERY));
    let token = first_party_token(&app).await;

    let (status, by_text) = post(&app, &token, json!({ "query": QUERY })).await;
    assert_eq!(status, 200, "{by_text}");
    assert!(by_text["data"]["streets"]["nodes"].is_array(), "{by_text}");
    let (status, by_hash) = post(&app, &token, json!({ "extensions": persisted(&hash) })).await;
    assert_eq!((status, &by_hash), (200, &by_text));

    let other = "{ streets(first: 1) { nodes { name } } }";
    let (status, body) = post(&app, &token, json!({ "query": other })).await;
    assert_eq!((status, error_code(&body)), (403, "DOCUMENT_NOT_TRUSTED"));
    let apq = json!({ "query": other, "extensions": persisted(&sha256_hex(other)) });
    let (status, body) = post(&app, &token, apq).await;
    assert_eq!((status, error_code(&body)), (403, "DOCUMENT_NOT_TRUSTED"));
    let (status, body) = post(
        &app,
        &token,
        json!({ "extensions": persisted(&sha256_hex(other)) }),
    )
    .await;
    assert_eq!((status, error_code(&body)), (403, "DOCUMENT_NOT_TRUSTED"));
}

#[tokio::test]
async fn a_persisted_mutation_sent_by_get_is_405() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let mutation = "mutation { logout(input: { refreshToken: \"x\" }) { ok } }";
    let hash = app.state.documents.register(mutation).await.unwrap();
    let (status, body) = get(
        &app,
        app.staff_token(),
        &[("extensions", persisted(&hash).to_string())],
    )
    .await;
    assert_eq!((status, error_code(&body)), (405, "METHOD_NOT_ALLOWED"));
}

#[tokio::test]
async fn a_directory_of_documents_registers_and_a_broken_file_is_named() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.graphql"), QUERY).unwrap();
    std::fs::write(dir.path().join("b.graphql"), "{ me { name } }").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a document").unwrap();
    let registered = app.state.documents.register_dir(dir.path()).await.unwrap();
    let hashes: Vec<_> = registered.iter().map(|(_, hash)| hash.clone()).collect();
    assert_eq!(hashes, [sha256_hex(QUERY), sha256_hex("{ me { name } }")]);
    // Registering again is harmless.
    assert_eq!(
        app.state
            .documents
            .register_dir(dir.path())
            .await
            .unwrap()
            .len(),
        2
    );

    std::fs::write(dir.path().join("c.graphql"), "{ unclosed").unwrap();
    let err = app
        .state
        .documents
        .register_dir(dir.path())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "BAD_USER_INPUT");
    assert!(err.public_message().contains("c.graphql"), "{err}");
}

#[tokio::test]
async fn anonymous_callers_cannot_make_the_hub_look_up_random_hashes() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let before = app.statements();
    let body = json!({ "extensions": persisted(&sha256_hex("{ random }")) });
    let response = app
        .client()
        .post(app.url("/graphql"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(app.statements(), before, "no SQL for an anonymous hash");
}
