//! Which document a request runs: its text, or a persisted document named by
//! `extensions.persistedQuery.sha256Hash` (a trusted one, or one remembered from an
//! earlier request: Automatic Persisted Queries). API clients flagged
//! `trusted_documents_only` may run trusted documents only.

// A refusal is the finished HTTP response, as in `transport`.
#![allow(clippy::result_large_err)]

use async_graphql::parser::types::OperationType;
use async_graphql::{Request, Value};
use axum::http::StatusCode;
use axum::response::Response;

use super::reply;
use super::transport::Incoming;
use crate::access::Viewer;
use crate::documents::{Documents, sha256_hex};

/// `incoming` with every request's document in place, or the refusal to send.
/// `max_chars` is the query-text limit: a longer text is not parsed here (the limits
/// refuse it before parsing).
pub async fn resolve(
    documents: &Documents,
    viewer: &Viewer,
    incoming: Incoming,
    max_chars: usize,
) -> Result<Incoming, Response> {
    Ok(match incoming {
        Incoming::Single(request) => {
            Incoming::Single(Box::new(resolve_one(documents, viewer, *request).await?))
        }
        Incoming::Get(request) => {
            let request = resolve_one(documents, viewer, *request).await?;
            if request.query.len() <= max_chars {
                refuse_mutation_by_get(&request)?;
            }
            Incoming::Get(Box::new(request))
        }
        Incoming::Batch(requests) => {
            let mut resolved = Vec::with_capacity(requests.len());
            for request in requests {
                resolved.push(resolve_one(documents, viewer, request).await?);
            }
            Incoming::Batch(resolved)
        }
    })
}

async fn resolve_one(
    documents: &Documents,
    viewer: &Viewer,
    mut request: Request,
) -> Result<Request, Response> {
    let hash = persisted_hash(&request)?;
    let trusted_only = viewer
        .principal()
        .is_some_and(|principal| principal.trusted_documents_only);
    match (hash, request.query.is_empty()) {
        (None, true) => return Err(bad_request("the request has no `query`")),
        (None, false) if trusted_only => {
            let hash = sha256_hex(&request.query);
            if lookup(documents, &hash).await?.is_none() {
                return Err(not_trusted());
            }
        }
        (None, false) => {}
        (Some(hash), true) => {
            // Random hashes from anonymous callers must not each cost a statement.
            let registered = match viewer {
                Viewer::Anonymous => documents.trusted_seen(&hash),
                _ => lookup(documents, &hash).await?,
            };
            let found = match registered {
                Some(body) => Some(body),
                None if trusted_only => return Err(not_trusted()),
                None => documents.recall(&hash),
            };
            let Some(body) = found else {
                // Apollo's clients look for this message and then send the text.
                return Err(reply::error(
                    StatusCode::OK,
                    "PersistedQueryNotFound",
                    "PERSISTED_QUERY_NOT_FOUND",
                ));
            };
            request.query = body.to_string();
        }
        (Some(hash), false) => {
            if sha256_hex(&request.query) != hash {
                return Err(bad_request("`sha256Hash` is not the SHA-256 of `query`"));
            }
            if trusted_only {
                if lookup(documents, &hash).await?.is_none() {
                    return Err(not_trusted());
                }
            } else if !matches!(viewer, Viewer::Anonymous) {
                // Anonymous callers can only sign in: nothing of theirs is kept.
                documents.remember(hash, &request.query);
            }
        }
    }
    Ok(request)
}

async fn lookup(
    documents: &Documents,
    hash: &str,
) -> Result<Option<std::sync::Arc<str>>, Response> {
    documents.trusted(hash).await.map_err(|err| {
        tracing::warn!(error = %err, "looking up a trusted document");
        let code = err.code();
        if code == "DB_UNAVAILABLE" {
            reply::unavailable("the database is unavailable; retry shortly", code, 1)
        } else {
            reply::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error",
                "INTERNAL",
            )
        }
    })
}

/// The hash of `extensions.persistedQuery` (version 1), if the request names one.
fn persisted_hash(request: &Request) -> Result<Option<String>, Response> {
    let Some(persisted) = request.extensions.0.get("persistedQuery") else {
        return Ok(None);
    };
    let Value::Object(persisted) = persisted else {
        return Err(bad_request("`extensions.persistedQuery` is not an object"));
    };
    if persisted.get("version") != Some(&Value::from(1)) {
        return Err(bad_request("only `persistedQuery.version` 1 is supported"));
    }
    match persisted.get("sha256Hash") {
        Some(Value::String(hash))
            if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(Some(hash.to_ascii_lowercase()))
        }
        _ => Err(bad_request(
            "`persistedQuery.sha256Hash` is not a hex SHA-256",
        )),
    }
}

/// GET runs queries only; a mutation (or subscription) is 405 before it runs.
fn refuse_mutation_by_get(request: &Request) -> Result<(), Response> {
    let document = match async_graphql::parser::parse_query(&request.query) {
        Ok(document) => document,
        // Unparsable: let execution report it like any other parse error.
        Err(_) => return Ok(()),
    };
    let name = request.operation_name.as_deref();
    let mut operations = document.operations.iter();
    let operation = match name {
        Some(name) => operations.find(|(candidate, _)| candidate.is_some_and(|n| n == name)),
        None => operations.next(),
    };
    match operation.map(|(_, operation)| operation.node.ty) {
        Some(OperationType::Mutation | OperationType::Subscription) => Err(
            reply::method_not_allowed("mutations are only accepted by POST", "POST"),
        ),
        _ => Ok(()),
    }
}

fn not_trusted() -> Response {
    reply::error(
        StatusCode::FORBIDDEN,
        "this client may run registered documents only",
        "DOCUMENT_NOT_TRUSTED",
    )
}

fn bad_request(message: &str) -> Response {
    reply::error(StatusCode::BAD_REQUEST, message, "BAD_REQUEST")
}
