//! With the `otel` feature: one span per GraphQL request, and one per SQL statement
//! nested in it. Run alone (`cargo test --features otel --test api otel`, as .ci/run
//! does), since it installs a subscriber for its thread.

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
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::seeded(Fixture::Tiny).await;
    let statements = app.statements();
    app.data(
        "query Nested { streets(first: 2) { nodes { communities { nodes { id } } } } }",
        json!({}),
    )
    .await;
    let sent = app.statements() - statements;
    let _ = provider.force_flush();

    let spans = collected.0.lock().unwrap().clone();
    let requests: Vec<_> = spans
        .iter()
        .filter(|s| s.name == "graphql_request")
        .collect();
    let request = requests
        .iter()
        .find(|s| {
            s.attributes
                .iter()
                .any(|kv| kv.key.as_str() == "operation" && kv.value.as_str() == "Nested")
        })
        .unwrap_or_else(|| panic!("no span of the Nested request among {requests:?}"));
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
