//! Turns every error of a response into the hub's shape: a stable `extensions.code`
//! and a message safe to show. This is the one place that decides what a client reads
//! of a failure; resolvers just return [`AppError`].

use async_graphql::{Response, ServerError};

use crate::error::AppError;

/// Shapes every error of a response (the executor calls it for each response, also
/// each one of a subscription's stream).
pub fn shape_response(mut response: Response) -> Response {
    for error in &mut response.errors {
        shape(error);
    }
    response
}

fn shape(error: &mut ServerError) {
    let mut retry_after = None;
    let (code, message) = match error.source::<AppError>() {
        Some(app) => {
            match app.code() {
                "INTERNAL" => tracing::error!(error = %app, path = ?error.path, "internal error"),
                "DB_UNAVAILABLE" | "STATEMENT_TIMEOUT" => {
                    tracing::warn!(error = %app, path = ?error.path, "database failure")
                }
                _ => {}
            }
            retry_after = app.retry_after_secs();
            (app.code(), Some(app.public_message()))
        }
        // Anything else with a source is a bug that escaped AppError: never show it.
        None if error.source.is_some() => {
            tracing::error!(error = %error.message, "unclassified resolver error");
            ("INTERNAL", Some("internal error".to_owned()))
        }
        // No source: async-graphql rejected the document or its variables.
        None => ("BAD_USER_INPUT", None),
    };
    if let Some(message) = message {
        error.message = message;
    }
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code);
    }
    if let Some(seconds) = retry_after {
        extensions.set("retryAfter", seconds);
    }
}
