//! `/graphql`: shed load, read the request ([`transport`](super::transport)), find the
//! viewer, execute under a timeout with panics caught, answer in the media type the
//! client prefers.

use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use futures_util::FutureExt;

use super::metrics::Observed;
use super::transport::{self, GetParams, Incoming};
use super::{HttpState, auth, persisted, reply};
use crate::access::audit::RequestMeta;
use crate::graphql::RequestContext;
use crate::graphql::execution;

type Connection = Option<Extension<ConnectInfo<SocketAddr>>>;

pub(super) async fn post(
    State(state): State<HttpState>,
    connection: Connection,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Response {
    let serving = state.app.config.serving.clone();
    handle(&state, connection, &headers, async {
        transport::from_post(&serving, request).await
    })
    .await
}

pub(super) async fn get(
    State(state): State<HttpState>,
    connection: Connection,
    headers: HeaderMap,
    params: Result<Query<GetParams>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        let message = "the query string is not valid";
        return reply::error(StatusCode::BAD_REQUEST, message, "BAD_REQUEST");
    };
    if state.app.config.demo && params.query.is_none() {
        return Html(
            async_graphql::http::GraphiQLSource::build()
                .endpoint("/graphql")
                .finish(),
        )
        .into_response();
    }
    let read = std::future::ready(transport::from_get(params));
    handle(&state, connection, &headers, read).await
}

async fn handle(
    state: &HttpState,
    connection: Connection,
    headers: &HeaderMap,
    read: impl Future<Output = Result<Incoming, Response>>,
) -> Response {
    let Ok(_permit) = state.permits.clone().try_acquire_owned() else {
        return reply::unavailable("the server is busy; retry shortly", "OVERLOADED", 1);
    };
    if !state.app.readiness.is_ready() {
        let message = "the database is not reachable yet; retry shortly";
        return reply::unavailable(message, "DB_UNAVAILABLE", 1);
    }
    let meta = RequestMeta {
        request_id: request_id(headers),
        client_ip: connection.map(|Extension(ConnectInfo(addr))| addr.ip().to_string()),
        idempotency_key: header(headers, "idempotency-key"),
    };
    let request_id = meta.request_id.clone();
    let work = async {
        let incoming = read.await?;
        // The viewer is made here and only here: a resolver never sees a token.
        let viewer = auth::viewer_from_headers(&state.app, headers).await?;
        let max_chars = state.app.config.serving.limits.max_chars;
        let documents = &state.app.documents;
        let incoming = persisted::resolve(documents, &viewer, incoming, max_chars).await?;
        let context = || RequestContext::new(&state.app, viewer.clone()).with_meta(meta.clone());
        let kind = viewer_kind(&viewer);
        let executed = execute(state, incoming, context, headers, &meta.request_id).await;
        Ok::<_, Response>(with_viewer(executed, kind))
    };
    // One span per request: log lines inside carry the request id, and with the `otel`
    // feature it is the trace's root (SQL statements are its children).
    let span = tracing::info_span!(
        "graphql_request",
        request_id = %request_id,
        operation = tracing::field::Empty,
    );
    let timeout = state.app.config.serving.request_timeout;
    let work = crate::db::answering(tokio::time::timeout(timeout, work));
    let work = tracing::Instrument::instrument(work, span);
    let mut response = match work.await {
        Ok(Ok(response) | Err(response)) => response,
        Err(_) => reply::unavailable("the request took too long", "REQUEST_TIMEOUT", 1),
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

async fn execute(
    state: &HttpState,
    incoming: Incoming,
    context: impl Fn() -> RequestContext,
    headers: &HeaderMap,
    request_id: &str,
) -> Response {
    let graphql_response = reply::prefers_graphql_response(headers);
    let run = async {
        match incoming {
            Incoming::Single(request) | Incoming::Get(request) => {
                let executed = state.executor.execute(*request, context()).await;
                let response = executed.response;
                if let Some(name) = &executed.operation {
                    tracing::Span::current().record("operation", name.as_str());
                }
                let rejected = execution::never_ran(&response);
                let observed = Observed::of(executed.operation, [&response]);
                let retry = reply::retry_status([&response]);
                let body = if rejected && graphql_response {
                    // A document that never executed has no `data` entry at all
                    // (GraphQL over HTTP, application/graphql-response+json).
                    serde_json::to_vec(&serde_json::json!({ "errors": response.errors }))
                } else {
                    serde_json::to_vec(&response)
                };
                (body, observed, rejected, retry)
            }
            Incoming::Batch(requests) => {
                let mut responses = Vec::with_capacity(requests.len());
                for request in requests {
                    responses.push(state.executor.execute(request, context()).await.response);
                }
                let observed = Observed::of(Some("batch".to_owned()), &responses);
                let retry = reply::retry_status(&responses);
                (serde_json::to_vec(&responses), observed, false, retry)
            }
        }
    };
    let (body, observed, rejected, retry) = match AssertUnwindSafe(run).catch_unwind().await {
        Ok(outcome) => outcome,
        Err(_) => {
            tracing::error!(request_id, "a resolver panicked");
            return internal(request_id);
        }
    };
    let Ok(body) = body else {
        return internal(request_id);
    };
    // GraphQL over HTTP: with its own media type, a request that never executed
    // (unparsable, invalid, over a limit) is a 400; with plain JSON it stays a 200.
    let (status, media) = match (graphql_response, rejected) {
        (true, true) => (StatusCode::BAD_REQUEST, reply::GRAPHQL_RESPONSE_JSON),
        (true, false) => (StatusCode::OK, reply::GRAPHQL_RESPONSE_JSON),
        (false, _) => (StatusCode::OK, "application/json"),
    };
    let status = retry.map_or(status, |(status, _)| status);
    let mut response = (status, [(CONTENT_TYPE, media)], body).into_response();
    if let Some((_, seconds)) = retry {
        reply::retry_after(&mut response, seconds);
    }
    response.extensions_mut().insert(observed);
    response
}

/// Tells the request log which kind of viewer a response answered.
fn with_viewer(mut response: Response, kind: &'static str) -> Response {
    if let Some(observed) = response.extensions_mut().get_mut::<Observed>() {
        observed.viewer = Some(kind);
    }
    response
}

/// The kind of viewer, for logs (never who it is).
fn viewer_kind(viewer: &crate::access::Viewer) -> &'static str {
    use crate::access::{PrincipalKind, Viewer};
    match viewer {
        Viewer::Anonymous => "anonymous",
        Viewer::System => "system",
        Viewer::Principal(principal) => match principal.kind {
            PrincipalKind::User => "user",
            PrincipalKind::Client => "client",
        },
    }
}

/// A failure with nothing safe to show but the request id to quote to operators.
fn internal(request_id: &str) -> Response {
    let body = serde_json::json!({ "errors": [{
        "message": "internal error",
        "extensions": { "code": "INTERNAL", "requestId": request_id },
    }] });
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response();
    response
        .extensions_mut()
        .insert(reply::ErrorCode("INTERNAL".to_owned()));
    response
}

/// A header's value as text (bytes that are not become U+FFFD, for the reader to refuse).
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The caller's `X-Request-Id` when it is a plain token, else a fresh one.
fn request_id(headers: &HeaderMap) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let given = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    match given {
        Some(id) => id.to_owned(),
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| elapsed.as_nanos())
                .unwrap_or_default();
            format!("{nanos:x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
        }
    }
}
