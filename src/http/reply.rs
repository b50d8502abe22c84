//! GraphQL-shaped answers the HTTP layer gives on its own (before or instead of
//! executing a document), and the response media type a client asked for.

use axum::Json;
use axum::http::header::{ACCEPT, ALLOW, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// `{"errors": [{message, extensions: {code}}]}` with `status`.
pub fn error(status: StatusCode, message: &str, code: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    let mut response = (status, Json(body)).into_response();
    response.extensions_mut().insert(ErrorCode(code.to_owned()));
    response
}

/// The code of an error answered by the HTTP layer, for metrics.
#[derive(Clone, Debug)]
pub struct ErrorCode(pub String);

/// 503 with `Retry-After`: shed load, timed out, or shutting down.
pub fn unavailable(message: &str, code: &str, retry_after_secs: u64) -> Response {
    let mut response = error(StatusCode::SERVICE_UNAVAILABLE, message, code);
    retry_after(&mut response, retry_after_secs);
    response
}

/// The HTTP status a GraphQL response with `errors` earns beyond 200/400: 429 when a
/// rate limit refused it, 503 when the database was unavailable; with the seconds for
/// `Retry-After` (the longest any error asks for).
pub fn retry_status<'a>(
    responses: impl IntoIterator<Item = &'a async_graphql::Response>,
) -> Option<(StatusCode, u64)> {
    let mut worst: Option<(StatusCode, u64)> = None;
    for error in responses.into_iter().flat_map(|response| &response.errors) {
        let Some(extensions) = error.extensions.as_ref() else {
            continue;
        };
        let status = match extensions.get("code") {
            Some(async_graphql::Value::String(code)) if code == "RATE_LIMITED" => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Some(async_graphql::Value::String(code)) if code == "DB_UNAVAILABLE" => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => continue,
        };
        let seconds = match extensions.get("retryAfter") {
            Some(async_graphql::Value::Number(n)) => n.as_u64().unwrap_or(1),
            _ => 1,
        };
        // A rate limit says more to the client than a passing database failure.
        let replace = match worst {
            None => true,
            Some((current, secs)) => {
                (status == StatusCode::TOO_MANY_REQUESTS && current != status)
                    || (status == current && seconds > secs)
            }
        };
        if replace {
            worst = Some((status, seconds.max(1)));
        }
    }
    worst
}

/// Adds `Retry-After` to `response`.
pub fn retry_after(response: &mut Response, seconds: u64) {
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(seconds));
}

/// 405 naming the methods that would work.
pub fn method_not_allowed(message: &str, allow: &'static str) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        message,
        "METHOD_NOT_ALLOWED",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

/// Whether the client prefers `application/graphql-response+json` over
/// `application/json` (GraphQL over HTTP §Accept): it must be listed explicitly with a
/// quality at least that of `application/json`.
pub fn prefers_graphql_response(headers: &HeaderMap) -> bool {
    let accept = headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let quality = |wanted: &str| {
        accept
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let media = parts.next()?.trim();
                let q = parts
                    .filter_map(|param| param.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                media.eq_ignore_ascii_case(wanted).then_some(q)
            })
            .fold(None, |best: Option<f32>, q| {
                Some(best.map_or(q, |b| b.max(q)))
            })
    };
    match (quality(GRAPHQL_RESPONSE_JSON), quality("application/json")) {
        (Some(graphql), Some(json)) => graphql > 0.0 && graphql >= json,
        (Some(graphql), None) => graphql > 0.0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn graphql_response_json_only_when_preferred() {
        assert!(prefers_graphql_response(&accept(GRAPHQL_RESPONSE_JSON)));
        assert!(prefers_graphql_response(&accept(
            "application/graphql-response+json, application/json;q=0.9"
        )));
        assert!(!prefers_graphql_response(&accept(
            "application/json, application/graphql-response+json;q=0.5"
        )));
        assert!(!prefers_graphql_response(&accept("*/*")));
        assert!(!prefers_graphql_response(&HeaderMap::new()));
    }
}
