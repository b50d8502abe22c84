//! With the `otel` feature: one span per GraphQL request, and one per SQL statement
//! nested in it. Run alone (`cargo test --features otel --test api otel`, as .ci/run
//! does), since it installs the process's subscriber.

use std::sync::{Arc, Mutex};

use opentelemetry::trace::TraceId;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{SdkTracerProvider, SpanData, SpanExporter};
use serde_json::json;
use tracing_subscriber::layer::SubscriberExt;

use crate::harness::{Fixture, TestApp};

#[derive(Clone, Debug, Default)]
struct Collected(Arc<Mutex<Vec<SpanData>>>);

impl SpanExporter for Collected {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        self.0.lock().unwrap().extend(batch);
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_request_is_one_span_with_a_child_span_per_sql_statement() {
    let collected = Collected::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(collected.clone())
        .build();
    let subscriber = tracing_subscriber::registry()
        .with(community_hub::telemetry::otel::with_provider(&provider));
    // The process-wide default, not a thread's: a thread-scoped subscriber loses spans
    // whose callsites tracing first met elsewhere (seen: the request span, 1 run in 5).
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let app = TestApp::seeded(Fixture::Tiny).await;
    let statements = app.statements();
    app.data(
        "query Nested { streets(first: 2) { nodes { communities { nodes { id } } } } }",
        json!({}),
    )
    .await;
    let sent = app.statements() - statements;

    // A span is exported when its last holder lets go, which may be a DataLoader task
    // finishing just after the response went out.
    let is_nested = |span: &SpanData| {
        span.name == "graphql_request"
            && span
                .attributes
                .iter()
                .any(|kv| kv.key.as_str() == "operation" && kv.value.as_str() == "Nested")
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let (spans, request) = loop {
        let _ = provider.force_flush();
        let spans = collected.0.lock().unwrap().clone();
        if let Some(request) = spans.iter().find(|span| is_nested(span)).cloned() {
            break (spans, request);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no span of the request: {spans:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let trace: TraceId = request.span_context.trace_id();
    let statements: Vec<_> = spans
        .iter()
        .filter(|s| s.span_context.trace_id() == trace && s.name.starts_with("sea_orm"))
        .collect();
    assert_eq!(
        statements.len() as u64,
        sent,
        "one span per statement: {statements:?}"
    );
    let parents: std::collections::HashSet<_> =
        spans.iter().map(|s| s.span_context.span_id()).collect();
    for span in &statements {
        // Every statement sits under a span of the request's own trace.
        assert!(
            parents.contains(&span.parent_span_id),
            "a statement span without its parent"
        );
        assert!(
            span.attributes
                .iter()
                .any(|kv| kv.key.as_str() == "db.operation")
        );
    }
}
