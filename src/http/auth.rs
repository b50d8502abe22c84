//! Bearer tokens on HTTP (RFC 6750): who a request is, from its `Authorization`
//! header only (never a query string), and the public keys at
//! `/.well-known/jwks.json`. Tokens are never logged.

use axum::Json;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::HttpState;
use super::reply::error as graphql_error;
use crate::AppState;
use crate::access::Viewer;
use crate::error::AppError;

/// The viewer of a request: anonymous without an `Authorization` header, the token's
/// principal with a valid bearer token, and a 401 response for anything else (a bad,
/// expired or revoked token, another scheme, several headers).
pub async fn viewer_from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Viewer, Response> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(Viewer::Anonymous);
    };
    if values.next().is_some() {
        return Err(invalid_token());
    }
    let token = value
        .to_str()
        .ok()
        .and_then(bearer_token)
        .ok_or_else(invalid_token)?;
    match state.auth.authenticate(token).await {
        Ok(principal) => Ok(Viewer::Principal(principal)),
        Err(AppError::Unauthenticated) => Err(invalid_token()),
        Err(err @ AppError::DbUnavailable(_)) => {
            tracing::warn!(error = %err, "authenticating a request");
            let message = "the database is unavailable; retry shortly";
            Err(super::reply::unavailable(message, "DB_UNAVAILABLE", 1))
        }
        Err(err) => {
            tracing::error!(error = %err, "authenticating a request");
            Err(graphql_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
                "INTERNAL",
            ))
        }
    }
}

/// The token of `Bearer <token>`; the scheme is case-insensitive.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// 401 with the RFC 6750 challenge and a GraphQL-shaped body.
fn invalid_token() -> Response {
    let mut response = graphql_error(StatusCode::UNAUTHORIZED, "invalid token", "UNAUTHENTICATED");
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"invalid_token\""),
    );
    response
}

/// `GET /.well-known/jwks.json`: the keys access tokens are signed with (empty for
/// HS256, whose key is secret).
pub(super) async fn jwks(State(state): State<HttpState>) -> Response {
    let mut response = Json(state.app.auth.jwks()).into_response();
    response.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_empty_bearer_credentials_are_tokens() {
        assert_eq!(bearer_token("Bearer abc.def"), Some("abc.def"));
        assert_eq!(bearer_token("bearer abc"), Some("abc"));
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(bearer_token("Bearer"), None);
    }
}
