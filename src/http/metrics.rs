//! `/metrics` in the Prometheus text format, kept per app (no global recorder, so
//! every test app counts alone): request latency by operation name and status, errors
//! by code, requests refused by a limit, SQL statements sent.
//!
//! Operation names are chosen by clients: only names that look like GraphQL names
//! (`[A-Za-z_][A-Za-z0-9_]{0,63}`) become labels, and only the first
//! [`MAX_OPERATIONS`]; every other name is counted as `other`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::HttpState;
use super::reply::ErrorCode;
use crate::db::PoolUsage;
use crate::graphql::pagination::BatchSizes;
use crate::graphql::pagination::batch_sizes::BOUNDS as BATCH_BOUNDS;

pub const MAX_OPERATIONS: usize = 100;
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Codes that mean "refused by a limit" rather than "failed".
const LIMIT_CODES: [&str; 11] = [
    "QUERY_TOO_LONG",
    "QUERY_TOO_DEEP",
    "QUERY_TOO_COMPLEX",
    "TOO_MANY_ALIASES",
    "TOO_MANY_DIRECTIVES",
    "PAYLOAD_TOO_LARGE",
    "BATCHING_DISABLED",
    "BATCH_TOO_LARGE",
    "OVERLOADED",
    "REQUEST_TIMEOUT",
    "RATE_LIMITED",
];

/// What the GraphQL handler tells the metrics about a response it built.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    operation: Option<String>,
    codes: Vec<String>,
    /// `anonymous`, `user` or `client`: the kind of viewer, never who.
    pub viewer: Option<&'static str>,
}

impl Observed {
    pub fn of<'a>(
        operation: Option<String>,
        responses: impl IntoIterator<Item = &'a async_graphql::Response>,
    ) -> Self {
        let codes = responses
            .into_iter()
            .flat_map(|response| &response.errors)
            .filter_map(|error| match error.extensions.as_ref()?.get("code")? {
                async_graphql::Value::String(code) => Some(code.clone()),
                _ => None,
            })
            .collect();
        Observed {
            operation,
            codes,
            viewer: None,
        }
    }
}

#[derive(Default)]
pub struct Metrics(Mutex<Counts>);

#[derive(Default)]
struct Counts {
    /// (operation, status) → (bucket counts, sum of seconds, count).
    latency: BTreeMap<(String, u16), (Vec<u64>, f64, u64)>,
    errors: BTreeMap<String, u64>,
    rejected: BTreeMap<String, u64>,
    operations: BTreeSet<String>,
}

impl Metrics {
    fn record(&self, operation: Option<&str>, status: u16, seconds: f64, codes: &[String]) {
        let mut counts = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let label = counts.label(operation);
        let entry = counts
            .latency
            .entry((label, status))
            .or_insert_with(|| (vec![0; BUCKETS.len()], 0.0, 0));
        for (bucket, bound) in entry.0.iter_mut().zip(BUCKETS) {
            *bucket += u64::from(seconds <= bound);
        }
        entry.1 += seconds;
        entry.2 += 1;
        for code in codes {
            *counts.errors.entry(code.clone()).or_default() += 1;
            if LIMIT_CODES.contains(&code.as_str()) {
                *counts.rejected.entry(code.clone()).or_default() += 1;
            }
        }
    }

    fn render(
        &self,
        statements: Statements,
        pool: PoolUsage,
        pool_max: u32,
        batches: &BatchSizes,
    ) -> String {
        let counts = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut out = String::new();
        let name = "hub_graphql_request_duration_seconds";
        let _ = writeln!(
            out,
            "# HELP {name} Time to answer /graphql, by operation name and HTTP status.\n# TYPE {name} histogram"
        );
        for ((operation, status), (buckets, sum, count)) in &counts.latency {
            let labels = format!("operation=\"{operation}\",status=\"{status}\"");
            for (bound, n) in BUCKETS.iter().zip(buckets) {
                let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {count}");
            let _ = writeln!(
                out,
                "{name}_sum{{{labels}}} {sum}\n{name}_count{{{labels}}} {count}"
            );
        }
        counter(
            &mut out,
            "hub_graphql_errors_total",
            "GraphQL errors answered, by extensions.code.",
            "code",
            &counts.errors,
        );
        counter(
            &mut out,
            "hub_rejected_requests_total",
            "Requests refused by a limit, by code.",
            "code",
            &counts.rejected,
        );
        let _ = writeln!(
            out,
            "# HELP hub_db_statements_total SQL statements sent to the database.\n# TYPE hub_db_statements_total counter\nhub_db_statements_total {}\n# HELP hub_db_request_statements_total Of those, the statements sent while answering a /graphql request over HTTP (the rest: the request ticker, points expiry, start-up, WebSocket operations).\n# TYPE hub_db_request_statements_total counter\nhub_db_request_statements_total {}",
            statements.all, statements.answering
        );
        let in_use = pool.open.saturating_sub(pool.idle);
        let _ = writeln!(
            out,
            "# HELP hub_db_pool_connections Pooled database connections by state.\n# TYPE hub_db_pool_connections gauge\nhub_db_pool_connections{{state=\"in_use\"}} {in_use}\nhub_db_pool_connections{{state=\"idle\"}} {}\n# HELP hub_db_pool_max_connections The pool's size limit.\n# TYPE hub_db_pool_max_connections gauge\nhub_db_pool_max_connections {pool_max}",
            pool.idle
        );
        let name = "hub_dataloader_batch_size";
        let batches = batches.snapshot();
        let _ = writeln!(
            out,
            "# HELP {name} Keys per DataLoader batch (one SQL statement each).\n# TYPE {name} histogram"
        );
        for (bound, n) in BATCH_BOUNDS.iter().zip(batches.cumulative) {
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{le=\"+Inf\"}} {count}\n{name}_sum {sum}\n{name}_count {count}",
            count = batches.count,
            sum = batches.sum
        );
        out
    }
}

impl Counts {
    fn label(&mut self, operation: Option<&str>) -> String {
        let Some(name) = operation.filter(|name| is_graphql_name(name)) else {
            return if operation.is_none() {
                "anonymous"
            } else {
                "other"
            }
            .to_owned();
        };
        if self.operations.contains(name) || self.operations.len() < MAX_OPERATIONS {
            self.operations.insert(name.to_owned());
            name.to_owned()
        } else {
            "other".to_owned()
        }
    }
}

fn counter(out: &mut String, name: &str, help: &str, label: &str, values: &BTreeMap<String, u64>) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
    for (value, n) in values {
        let _ = writeln!(out, "{name}{{{label}=\"{value}\"}} {n}");
    }
}

fn is_graphql_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    name.len() <= 64
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Times every `/graphql` request and records what the handler observed.
pub(super) async fn observe(
    State(state): State<HttpState>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let observed = response
        .extensions()
        .get::<Observed>()
        .cloned()
        .unwrap_or_else(|| Observed {
            operation: None,
            viewer: None,
            codes: response
                .extensions()
                .get::<ErrorCode>()
                .map(|code| code.0.clone())
                .into_iter()
                .collect(),
        });
    let status = response.status().as_u16();
    state.metrics.record(
        observed.operation.as_deref(),
        status,
        seconds,
        &observed.codes,
    );
    log_request(&response, &observed, status, seconds);
    response
}

/// One structured line per request: ids, kinds and codes only — no document, no
/// variables, no token and no personal data. The operation name is the client's word,
/// logged only when it is a plain GraphQL name.
fn log_request(response: &Response, observed: &Observed, status: u16, seconds: f64) {
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    let operation = observed
        .operation
        .as_deref()
        .map(|name| if is_graphql_name(name) { name } else { "other" })
        .unwrap_or("anonymous");
    tracing::info!(
        target: "hub::request",
        request_id,
        operation,
        viewer = observed.viewer.unwrap_or("-"),
        status,
        duration_ms = (seconds * 1000.0 * 1000.0).round() / 1000.0,
        codes = %observed.codes.join(","),
        "graphql request"
    );
}

/// The statement counts `/metrics` shows.
struct Statements {
    all: u64,
    answering: u64,
}

impl Statements {
    fn of(counter: &crate::db::StatementCounter) -> Statements {
        Statements {
            all: counter.get(),
            answering: counter.answering(),
        }
    }
}

/// `GET /metrics`.
pub(super) async fn metrics(State(state): State<HttpState>) -> Response {
    let pool = crate::db::pool_usage(&state.app.db);
    let max = state.app.config.db_max_connections;
    let batches = &state.app.batch_sizes;
    let mut text = state
        .metrics
        .render(Statements::of(&state.app.statements), pool, max, batches);
    let _ = writeln!(
        text,
        "# HELP hub_websockets_open Open WebSockets at /graphql/ws.\n# TYPE hub_websockets_open gauge\nhub_websockets_open {}\n# HELP hub_subscriptions_active Subscriptions following the event bus.\n# TYPE hub_subscriptions_active gauge\nhub_subscriptions_active {}",
        state
            .open_sockets
            .load(std::sync::atomic::Ordering::Relaxed),
        state.app.events.following(),
    );
    ([(CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_labels_are_bounded() {
        let metrics = Metrics::default();
        for n in 0..MAX_OPERATIONS + 5 {
            metrics.record(Some(&format!("Op{n}")), 200, 0.01, &[]);
        }
        metrics.record(Some("bad name\"}"), 200, 0.01, &[]);
        metrics.record(None, 200, 0.01, &[]);
        let pool = PoolUsage { open: 3, idle: 1 };
        let batches = BatchSizes::default();
        batches.record(3);
        let statements = Statements {
            all: 7,
            answering: 5,
        };
        let text = metrics.render(statements, pool, 16, &batches);
        assert!(text.contains("operation=\"Op0\""));
        assert!(!text.contains(&format!("Op{MAX_OPERATIONS}\"")));
        assert!(text.contains("operation=\"other\""));
        assert!(text.contains("operation=\"anonymous\""));
        assert!(!text.contains("bad name"));
        assert!(text.contains("hub_db_statements_total 7"));
        assert!(text.contains("hub_db_request_statements_total 5"));
        assert!(text.contains("hub_db_pool_connections{state=\"in_use\"} 2"));
        assert!(text.contains("hub_db_pool_max_connections 16"));
        assert!(text.contains("hub_dataloader_batch_size_bucket{le=\"5\"} 1"));
        assert!(text.contains("hub_dataloader_batch_size_sum 3"));
    }
}
