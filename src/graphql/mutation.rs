//! What every domain mutation resolver starts with: the signed-in viewer and a
//! [`Change`] holding the clock's now and the request's `Idempotency-Key`, whose
//! fingerprint is the mutation field and its arguments (variables resolved), so a retry
//! of the same mutation matches and anything else under the same key does not.

use async_graphql::Context;

use super::context::RequestContext;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::idempotency::IdempotencyKey;

/// The [`Change`] of the mutation field being resolved.
pub fn change<'a>(ctx: &'a Context<'_>) -> AppResult<Change<'a>> {
    let request = RequestContext::signed_in(ctx)?;
    let idempotency = match &request.meta.idempotency_key {
        Some(key) => Some(IdempotencyKey::new(key, &fingerprint(ctx)?)?),
        None => None,
    };
    let now = request.app.clock.now();
    Ok(
        Change::new(&request.db, &request.viewer, &request.meta, now)
            .with_idempotency(idempotency)
            .with_events(&request.app.events),
    )
}

/// `field:{"argument":value,…}` with arguments sorted by name.
fn fingerprint(ctx: &Context<'_>) -> AppResult<String> {
    let field = ctx.field();
    let mut arguments = field
        .arguments()
        .map_err(|err| AppError::Internal(format!("mutation arguments: {}", err.message)))?;
    arguments.sort_by(|a, b| a.0.cmp(&b.0));
    let arguments: serde_json::Map<String, serde_json::Value> = arguments
        .into_iter()
        .map(|(name, value)| Ok((name.to_string(), value.into_json()?)))
        .collect::<Result<_, serde_json::Error>>()
        .map_err(|err| AppError::Internal(format!("mutation arguments: {err}")))?;
    Ok(format!(
        "{}:{}",
        field.name(),
        serde_json::Value::Object(arguments)
    ))
}
