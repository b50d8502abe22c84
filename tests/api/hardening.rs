//! The serving path under abuse and faults: GraphQL over HTTP (methods, media types,
//! body size, batching), query limits refused before any SQL, load shedding, timeouts,
//! panics, CORS, readiness, metrics and a graceful drain.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo,
};
use async_graphql::{ServerResult, Value as GqlValue};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{Fixture, TestApp, error_code};

const GRIDS: &str = "{ grids(first: 1) { totalCount } }";

/// POSTs `body` with `content_type` as the staff user: status, headers, body text.
async fn post_raw(
    app: &TestApp,
    content_type: &str,
    body: String,
) -> (u16, reqwest::header::HeaderMap, String) {
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(app.staff_token())
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

/// A request whose headers promise `length` bytes of body, of which only `sent` went out.
async fn hold_open(app: &TestApp, length: usize, sent: &str) -> TcpStream {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /graphql HTTP/1.1\r\nhost: hub\r\nconnection: close\r\ncontent-type: application/json\r\n\
         authorization: Bearer {}\r\ncontent-length: {length}\r\n\r\n{sent}",
        app.staff_token()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // Let the server read the headers and start the handler.
    tokio::time::sleep(Duration::from_millis(200)).await;
    stream
}

/// Sends `rest` and reads the whole answer: status and body.
async fn finish(mut stream: TcpStream, rest: &str) -> (u16, String) {
    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer[9..12].parse().unwrap();
    (status, answer)
}

#[tokio::test]
async fn post_answers_json_or_graphql_response_json_as_the_client_prefers() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let body = json!({ "query": GRIDS }).to_string();
    let (status, headers, _) = post_raw(&app, "application/json", body.clone()).await;
    assert_eq!(
        (status, &headers["content-type"]),
        (200, &"application/json".parse().unwrap())
    );
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(app.staff_token())
        .header(
            "accept",
            "application/graphql-response+json, application/json;q=0.9",
        )
        .json(&json!({ "query": "{ grids(first: 1) { totalCount " }))
        .send()
        .await
        .unwrap();
    // An unparsable document never executed: 400 in the GraphQL media type.
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/graphql-response+json"
    );
}

/// `/graphql?…` with `params` encoded.
#[tokio::test]
async fn get_runs_queries_but_refuses_mutations_with_405_before_any_sql() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let response = app
        .client()
        .get(app.get_url(&[
            (
                "query",
                "query Grids($n: Int) { grids(first: $n) { totalCount } }",
            ),
            ("variables", r#"{"n": 1}"#),
            ("operationName", "Grids"),
        ]))
        .bearer_auth(app.staff_token())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["data"]["grids"]["totalCount"].as_u64().unwrap() > 0,
        "{body:#}"
    );

    let before = app.statements();
    let mutation = r#"mutation { login(input: { username: "a", password: "b" }) { accessToken } }"#;
    let response = app
        .client()
        .get(app.get_url(&[("query", mutation)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    assert_eq!(
        error_code(&response.json().await.unwrap()),
        "METHOD_NOT_ALLOWED"
    );
    assert_eq!(app.statements(), before);
}

#[tokio::test]
async fn content_types_other_than_json_are_415() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for content_type in [
        "text/plain",
        "application/graphql",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let (status, _, body) =
            post_raw(&app, content_type, json!({ "query": GRIDS }).to_string()).await;
        assert_eq!(status, 415, "{content_type}");
        assert_eq!(
            error_code(&serde_json::from_str(&body).unwrap()),
            "UNSUPPORTED_MEDIA_TYPE"
        );
    }
    let (status, _, _) = post_raw(
        &app,
        "application/json; charset=utf-8",
        json!({ "query": GRIDS }).to_string(),
    )
    .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_whether_sized_or_chunked() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("MAX_BODY_BYTES", "1024")]).await;
    let padded = |size: usize| {
        let query = format!("{GRIDS}{}", " ".repeat(size - 12 - GRIDS.len()));
        json!({ "query": query }).to_string()
    };
    let (status, _, _) = post_raw(&app, "application/json", padded(1024)).await;
    assert_eq!(status, 200);
    let (status, _, body) = post_raw(&app, "application/json", padded(1025)).await;
    assert_eq!(status, 413);
    assert_eq!(
        error_code(&serde_json::from_str(&body).unwrap()),
        "PAYLOAD_TOO_LARGE"
    );

    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let head = "POST /graphql HTTP/1.1\r\nhost: hub\r\nconnection: close\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 600, " ".repeat(600));
    let (status, _) = finish(stream, &format!("{chunk}{chunk}0\r\n\r\n")).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn batches_are_refused_by_default_and_capped_when_enabled() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let batch = |n: usize| Value::Array(vec![json!({ "query": GRIDS }); n]).to_string();
    let (status, _, body) = post_raw(&app, "application/json", batch(2)).await;
    assert_eq!(status, 400);
    assert_eq!(
        error_code(&serde_json::from_str(&body).unwrap()),
        "BATCHING_DISABLED"
    );

    let app = TestApp::seeded_with(Fixture::Tiny, &[("MAX_BATCH_SIZE", "2")]).await;
    let (status, _, body) = post_raw(&app, "application/json", batch(2)).await;
    assert_eq!(status, 200);
    let answers: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answers.as_array().unwrap().len(), 2);
    assert!(
        answers[1]["data"]["grids"]["totalCount"].is_number(),
        "{answers:#}"
    );
    let (status, _, body) = post_raw(&app, "application/json", batch(3)).await;
    assert_eq!(status, 400);
    assert_eq!(
        error_code(&serde_json::from_str(&body).unwrap()),
        "BATCH_TOO_LARGE"
    );
}

/// `accepted` runs; `rejected` answers `code` and sends no SQL.
async fn limit_holds(env: &[(&str, &str)], accepted: &str, rejected: &str, code: &str) {
    let app = TestApp::seeded_with(Fixture::Tiny, env).await;
    app.data(accepted, json!({})).await;
    let before = app.statements();
    let body = app.graphql(rejected, json!({})).await;
    assert_eq!(error_code(&body), code, "{body:#}");
    assert_eq!(body["data"], Value::Null);
    assert_eq!(app.statements(), before, "SQL ran for a rejected query");
}

#[tokio::test]
async fn depth_is_accepted_at_the_limit_and_refused_one_over() {
    // Connection plumbing (`nodes`) adds no level: grids → community → id is 3.
    limit_holds(
        &[("MAX_QUERY_DEPTH", "3")],
        "{ grids(first: 1) { nodes { id community { id } } } }",
        "{ grids(first: 1) { nodes { id community { street { id } } } } }",
        "QUERY_TOO_DEEP",
    )
    .await;
}

#[tokio::test]
async fn nesting_of_any_kind_is_capped_by_the_recursive_depth() {
    limit_holds(
        &[("MAX_RECURSIVE_DEPTH", "3")],
        "{ ... on Query { ... on Query { grids(first: 1) { totalCount } } } }",
        "{ ... on Query { ... on Query { ... on Query { grids(first: 1) { totalCount } } } } }",
        "QUERY_TOO_DEEP",
    )
    .await;
}

#[tokio::test]
async fn complexity_multiplies_by_first_and_is_refused_one_over() {
    // grids 1 + first × (nodes 1 + id 1): first 2 costs 5, first 3 costs 7.
    limit_holds(
        &[("MAX_QUERY_COMPLEXITY", "5")],
        "{ grids(first: 2) { nodes { id } } }",
        "{ grids(first: 3) { nodes { id } } }",
        "QUERY_TOO_COMPLEX",
    )
    .await;
}

#[tokio::test]
async fn a_connection_without_first_costs_the_largest_page() {
    limit_holds(
        &[("MAX_QUERY_COMPLEXITY", "201")],
        "{ grids { nodes { id } } }",
        "{ grids { nodes { id name } } }",
        "QUERY_TOO_COMPLEX",
    )
    .await;
}

#[tokio::test]
async fn aliases_are_accepted_at_the_limit_and_refused_one_over() {
    limit_holds(
        &[("MAX_ALIASES", "2")],
        "{ a: grids(first: 1) { totalCount } b: grids(first: 1) { totalCount } }",
        "{ a: grids(first: 1) { totalCount } b: grids(first: 1) { totalCount } c: grids(first: 1) { totalCount } }",
        "TOO_MANY_ALIASES",
    )
    .await;
}

#[tokio::test]
async fn directives_are_accepted_at_the_limit_and_refused_one_over() {
    limit_holds(
        &[("MAX_DIRECTIVES", "1")],
        "{ grids(first: 1) { totalCount @include(if: true) } }",
        "{ grids(first: 1) @include(if: true) { totalCount @include(if: true) } }",
        "TOO_MANY_DIRECTIVES",
    )
    .await;
}

#[tokio::test]
async fn query_text_is_limited_in_characters_before_parsing() {
    // Padding in a comment of multi-byte characters: characters count, not bytes.
    let padded = |chars: usize| format!("{GRIDS}\n#{}", "区".repeat(chars - GRIDS.len() - 2));
    limit_holds(
        &[("MAX_QUERY_CHARS", "100")],
        &padded(100),
        &padded(101),
        "QUERY_TOO_LONG",
    )
    .await;
}

#[tokio::test]
async fn introspection_and_suggestions_are_off_outside_demo_mode() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // async-graphql answers a disabled `__schema` with null.
    let body = app
        .graphql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(body["data"]["__schema"], Value::Null, "{body:#}");
    let body = app
        .graphql("{ gridz(first: 1) { totalCount } }", json!({}))
        .await;
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("Did you mean"), "{message}");
    assert_eq!(
        app.data("{ __typename }", json!({})).await["__typename"],
        "Query"
    );
}

#[tokio::test]
async fn cors_allows_only_configured_origins_and_never_credentials() {
    let app = TestApp::seeded_with(
        Fixture::Tiny,
        &[("CORS_ALLOWED_ORIGINS", "https://app.example.org")],
    )
    .await;
    let preflight = |origin: &'static str| {
        app.client()
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
    };
    let allowed = preflight("https://app.example.org").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example.org"
    );
    assert!(
        allowed
            .headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn requests_over_the_concurrency_cap_are_shed_with_503_and_retry_after() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("MAX_CONCURRENT_REQUESTS", "1")]).await;
    let body = json!({ "query": GRIDS }).to_string();
    let (half, rest) = body.split_at(5);
    let held = hold_open(&app, body.len(), half).await;
    let (status, headers, text) = post_raw(&app, "application/json", body.clone()).await;
    assert_eq!(status, 503);
    assert_eq!(headers["retry-after"], "1");
    assert_eq!(
        error_code(&serde_json::from_str(&text).unwrap()),
        "OVERLOADED"
    );
    let (status, _) = finish(held, rest).await;
    assert_eq!(status, 200);
    let (status, _, _) = post_raw(&app, "application/json", body).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_request_over_the_timeout_gets_503() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("REQUEST_TIMEOUT_SECS", "1")]).await;
    let held = hold_open(&app, 100, "{").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let (status, answer) = finish(held, "").await;
    assert_eq!(status, 503);
    assert!(answer.contains("REQUEST_TIMEOUT"), "{answer}");
}

/// Panics whenever a `totalCount` is resolved, as a buggy resolver would.
struct PanicOnTotalCount;

impl ExtensionFactory for PanicOnTotalCount {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(PanicOnTotalCount)
    }
}

#[async_trait::async_trait]
impl Extension for PanicOnTotalCount {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<GqlValue>> {
        assert_ne!(info.name, "totalCount", "a resolver bug");
        next.run(ctx, info).await
    }
}

#[tokio::test]
async fn a_panicking_resolver_is_internal_with_the_request_id_and_the_server_lives_on() {
    let app = TestApp::seeded_custom(Fixture::Tiny, &[], |builder| {
        builder.extension(PanicOnTotalCount)
    })
    .await;
    let response = app
        .client()
        .post(app.url("/graphql"))
        .bearer_auth(app.staff_token())
        .header("x-request-id", "req-42")
        .json(&json!({ "query": GRIDS }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "INTERNAL");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], "req-42");
    assert_eq!(body["errors"][0]["message"], "internal error");
    assert!(
        app.data("{ grids(first: 1) { nodes { id } } }", json!({}))
            .await["grids"]
            .is_object()
    );
}

#[tokio::test]
async fn metrics_count_latency_by_operation_errors_rejections_and_statements() {
    let app = TestApp::seeded_with(Fixture::Tiny, &[("MAX_ALIASES", "0")]).await;
    app.data("query Grids { grids(first: 1) { totalCount } }", json!({}))
        .await;
    app.graphql("{ a: grids(first: 1) { totalCount } }", json!({}))
        .await;
    let text = app.metrics().await;
    assert!(
        text.contains(
            r#"hub_graphql_request_duration_seconds_count{operation="Grids",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"hub_rejected_requests_total{code="TOO_MANY_ALIASES"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"hub_graphql_errors_total{code="TOO_MANY_ALIASES"} 1"#),
        "{text}"
    );
    let statements = format!("hub_db_statements_total {}", app.statements());
    assert!(text.contains(&statements), "{text}");
    // The pool: connections in use (a returning one may still count) within the limit.
    let in_use = text
        .lines()
        .find_map(|line| line.strip_prefix("hub_db_pool_connections{state=\"in_use\"} "))
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or_else(|| panic!("no pool gauge in {text}"));
    assert!(in_use <= 16, "{text}");
    assert!(text.contains("hub_db_pool_max_connections 16"), "{text}");
}

/// The value of a metric without labels in `/metrics`.
fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

#[tokio::test]
async fn metrics_tell_the_statements_of_requests_from_background_work() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.data("{ grids(first: 1) { totalCount } }", json!({}))
        .await;
    let before = app.metrics().await;
    // A request whose statements the hook counts (the principal is cached by now).
    let counted = app.statements();
    app.data("{ grids(first: 1) { totalCount } }", json!({}))
        .await;
    let request = app.statements() - counted;
    assert!(request >= 1);
    // Background work: one tick of the request ticker, outside any request.
    let counted = app.statements();
    let now = app.state.clock.now();
    community_hub::service::requests::ticker::tick(&app.state.db, None, now)
        .await
        .unwrap();
    let background = app.statements() - counted;
    assert!(background >= 1);
    let after = app.metrics().await;
    let all =
        metric(&after, "hub_db_statements_total") - metric(&before, "hub_db_statements_total");
    let answering = metric(&after, "hub_db_request_statements_total")
        - metric(&before, "hub_db_request_statements_total");
    assert_eq!(all, request + background);
    assert_eq!(answering, request);
}

#[tokio::test]
async fn metrics_show_how_many_keys_each_dataloader_batch_carried() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    // Two streets' communities: every batch carries both streets' keys.
    app.data(
        "{ streets(first: 2) { nodes { communities { totalCount } } } }",
        json!({}),
    )
    .await;
    let text = app.metrics().await;
    let value = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name)?.trim().parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no {name} in {text}"))
    };
    let batches = value("hub_dataloader_batch_size_count");
    assert!(batches >= 1, "{text}");
    assert_eq!(
        value("hub_dataloader_batch_size_sum"),
        2 * batches,
        "{text}"
    );
    assert_eq!(
        value("hub_dataloader_batch_size_bucket{le=\"1\"}"),
        0,
        "{text}"
    );
}

#[tokio::test]
async fn readyz_is_200_while_the_database_answers() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn shutdown_turns_readyz_503_finishes_in_flight_requests_and_exits_cleanly() {
    let mut app = TestApp::seeded_with(Fixture::Tiny, &[("SHUTDOWN_DELAY_MS", "500")]).await;
    let body = json!({ "query": GRIDS }).to_string();
    let (half, rest) = body.split_at(5);
    let in_flight = hold_open(&app, body.len(), half).await;
    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let ready = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 503);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let (status, answer) = finish(in_flight, rest).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("totalCount"), "{answer}");
    tokio::time::timeout(Duration::from_secs(5), app.server_exit())
        .await
        .expect("the server stops once drained")
        .expect("a clean exit");
}
