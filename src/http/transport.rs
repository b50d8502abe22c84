//! GraphQL over HTTP, the request side: what a POST body or a GET query string holds,
//! refused early when it is the wrong media type, too large, a batch that is not
//! allowed, or a mutation sent by GET.

// A refusal is the finished HTTP response, built at most once per request; boxing it
// would only add an allocation to the failure path.
#![allow(clippy::result_large_err)]

use async_graphql::parser::types::OperationType;
use async_graphql::{BatchRequest, Request, Variables};
use axum::body::Bytes;
use axum::extract::FromRequest;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::reply;
use crate::config::ServingConfig;

/// One document, or a batch of them (a JSON array, when batching is on).
pub enum Incoming {
    Single(Box<Request>),
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
        BatchRequest::Single(request) => Ok(Incoming::Single(Box::new(with_query(request)?))),
        BatchRequest::Batch(requests) => {
            let requests = requests.into_iter().map(with_query).collect::<Result<_, _>>()?;
            batch(serving.max_batch_size, requests)
        }
    }
}

/// A request must carry a document: a body without `query` (a typo, say) is a bad
/// request, not an empty document.
fn with_query(request: Request) -> Result<Request, Response> {
    if request.query.is_empty() {
        return Err(bad_request("the request has no `query`"));
    }
    Ok(request)
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
}

/// A GET: queries only. Mutations are refused with 405 before anything runs; a
/// document too long to parse here is left to the query limits to refuse.
pub fn from_get(serving: &ServingConfig, params: GetParams) -> Result<Incoming, Response> {
    let Some(query) = params.query.filter(|query| !query.is_empty()) else {
        return Err(bad_request("the query parameter `query` is missing"));
    };
    let variables = match params.variables.as_deref() {
        None | Some("") => Variables::default(),
        Some(text) => serde_json::from_str(text)
            .map_err(|_| bad_request("the query parameter `variables` is not a JSON object"))?,
    };
    if query.len() <= serving.limits.max_chars
        && matches!(
            selected_operation_type(&query, params.operation_name.as_deref()),
            Some(OperationType::Mutation | OperationType::Subscription)
        )
    {
        return Err(reply::method_not_allowed(
            "mutations are only accepted by POST",
            "POST",
        ));
    }
    let mut request = Request::new(query).variables(variables);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    Ok(Incoming::Single(Box::new(request)))
}

/// The type of the operation a request would run, when the document parses.
fn selected_operation_type(query: &str, name: Option<&str>) -> Option<OperationType> {
    let document = async_graphql::parser::parse_query(query).ok()?;
    let mut operations = document.operations.iter();
    let operation = match name {
        Some(name) => operations.find(|(candidate, _)| candidate.is_some_and(|n| n == name)),
        None => operations.next(),
    }?;
    Some(operation.1.node.ty)
}

fn bad_request(message: &str) -> Response {
    reply::error(StatusCode::BAD_REQUEST, message, "BAD_REQUEST")
}
