//! GraphQL over HTTP, the request side: what a POST body or a GET query string holds,
//! refused early when it is the wrong media type, too large, a batch that is not
//! allowed, or a mutation sent by GET.

// A refusal is the finished HTTP response, built at most once per request; boxing it
// would only add an allocation to the failure path.
#![allow(clippy::result_large_err)]

use async_graphql::{BatchRequest, Request};
use axum::body::Bytes;
use axum::extract::FromRequest;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::reply;
use crate::config::ServingConfig;

/// One document, or a batch of them (a JSON array, when batching is on). Requests
/// may still name a persisted document instead of carrying its text
/// ([`persisted`](super::persisted) resolves them).
pub enum Incoming {
    Single(Box<Request>),
    /// By GET: a query only (checked once the document is known).
    Get(Box<Request>),
    Batch(Vec<Request>),
}

/// A POST: `application/json` only, at most `max_body_bytes` (counted on the body as
/// it streams, so chunked bodies are cut off too).
pub async fn from_post(
    serving: &ServingConfig,
    request: axum::extract::Request,
) -> Result<Incoming, Response> {
    if !is_json(request.headers()) {
        return Err(reply::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as Content-Type: application/json",
            "UNSUPPORTED_MEDIA_TYPE",
        ));
    }
    let body = Bytes::from_request(request, &())
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                let limit = serving.max_body_bytes;
                let message = format!("the request body is larger than {limit} bytes");
                reply::error(StatusCode::PAYLOAD_TOO_LARGE, &message, "PAYLOAD_TOO_LARGE")
            } else {
                bad_request("the request body could not be read")
            }
        })?;
    let parsed: BatchRequest = serde_json::from_slice(&body)
        .map_err(|_| bad_request("the body is not a GraphQL request in JSON"))?;
    match parsed {
        BatchRequest::Single(request) => Ok(Incoming::Single(Box::new(request))),
        BatchRequest::Batch(requests) => batch(serving.max_batch_size, requests),
    }
}

fn batch(max: usize, requests: Vec<Request>) -> Result<Incoming, Response> {
    let refuse = |message: &str, code| Err(reply::error(StatusCode::BAD_REQUEST, message, code));
    if max == 0 {
        return refuse("batched requests are not accepted", "BATCHING_DISABLED");
    }
    if requests.is_empty() {
        return Err(bad_request("an empty batch"));
    }
    if requests.len() > max {
        return refuse(
            &format!("a batch holds at most {max} requests"),
            "BATCH_TOO_LARGE",
        );
    }
    Ok(Incoming::Batch(requests))
}

/// `application/json`, with or without parameters such as `charset=utf-8`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// The query string of `GET /graphql`.
#[derive(Debug, Default, Deserialize)]
pub struct GetParams {
    pub query: Option<String>,
    pub variables: Option<String>,
    #[serde(rename = "operationName")]
    pub operation_name: Option<String>,
    /// JSON, e.g. `{"persistedQuery": {"version": 1, "sha256Hash": "…"}}`.
    pub extensions: Option<String>,
}

/// A GET: a query, or the hash of a persisted one. Whether it is a query (mutations
/// are refused with 405) is checked once the document is known.
pub fn from_get(params: GetParams) -> Result<Incoming, Response> {
    let json = |text: Option<&str>, what: &str| -> Result<Option<serde_json::Value>, Response> {
        match text {
            None | Some("") => Ok(None),
            Some(text) => serde_json::from_str(text).map(Some).map_err(|_| {
                bad_request(&format!(
                    "the query parameter `{what}` is not a JSON object"
                ))
            }),
        }
    };
    let variables = json(params.variables.as_deref(), "variables")?;
    let extensions = json(params.extensions.as_deref(), "extensions")?;
    let query = params.query.unwrap_or_default();
    if query.is_empty() && extensions.is_none() {
        return Err(bad_request("the query parameter `query` is missing"));
    }
    let mut request = serde_json::Map::new();
    request.insert("query".into(), query.into());
    let optional = [
        ("operationName", params.operation_name.map(Into::into)),
        ("variables", variables),
        ("extensions", extensions),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            request.insert(key.into(), value);
        }
    }
    let request: Request = serde_json::from_value(request.into())
        .map_err(|_| bad_request("`variables` and `extensions` must be JSON objects"))?;
    Ok(Incoming::Get(Box::new(request)))
}

fn bad_request(message: &str) -> Response {
    reply::error(StatusCode::BAD_REQUEST, message, "BAD_REQUEST")
}
