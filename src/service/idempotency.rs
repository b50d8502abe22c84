//! `Idempotency-Key`: a retried mutation returns the stored outcome instead of acting
//! twice. The key row is inserted first in the transaction of the change, under a
//! unique index on (principal, key): a concurrent duplicate waits on that index until
//! the first commits, fails on it, and then reads the outcome the first stored. The same
//! key with another request (another fingerprint) is a CONFLICT. Rows are kept for
//! [`KEEP_HOURS`] and treated as absent after.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, Set, SqlErr,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use entity::idempotency_key;

use crate::access::{PrincipalKind, Viewer};
use crate::error::{AppError, AppResult};

/// How long an outcome is kept for retries.
pub const KEEP_HOURS: i64 = 24;
pub const MAX_KEY_CHARS: usize = 128;

/// A key as sent, with the fingerprint of the request it came with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub key: String,
    pub fingerprint: String,
}

impl IdempotencyKey {
    /// Checks the header value: 1 to 128 visible ASCII characters.
    pub fn new(key: &str, request: &str) -> AppResult<Self> {
        let valid = !key.is_empty()
            && key.len() <= MAX_KEY_CHARS
            && key.bytes().all(|b| b.is_ascii_graphic());
        if !valid {
            return Err(AppError::bad_input(
                "`Idempotency-Key` must be 1 to 128 visible ASCII characters",
            ));
        }
        Ok(IdempotencyKey {
            key: key.to_owned(),
            fingerprint: crate::auth::tokens::digest(request),
        })
    }
}

/// Who a key belongs to: keys of different callers never meet.
fn principal_of(viewer: &Viewer) -> AppResult<String> {
    match viewer.principal() {
        Some(principal) => Ok(match principal.kind {
            PrincipalKind::User => format!("USER:{}", principal.id),
            PrincipalKind::Client => format!("CLIENT:{}", principal.id),
        }),
        None if matches!(viewer, Viewer::System) => Ok("SYSTEM".to_owned()),
        None => Err(AppError::Unauthenticated),
    }
}

/// A claim on a key, made inside the transaction of the change.
pub enum Claim<T> {
    /// The key is new: do the work, then [`store`] its outcome in the same transaction.
    Fresh(i64),
    /// The key was used before with the same request: its outcome.
    Replay(T),
}

/// The stored outcome for `key`, if a live one exists (read outside any transaction).
pub async fn stored<T: DeserializeOwned>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> AppResult<Option<T>> {
    let row = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Principal.eq(principal_of(viewer)?))
        .filter(idempotency_key::Column::Key.eq(&key.key))
        .filter(idempotency_key::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    row.map(|row| replay(row, key)).transpose()
}

fn replay<T: DeserializeOwned>(row: idempotency_key::Model, key: &IdempotencyKey) -> AppResult<T> {
    if row.fingerprint != key.fingerprint {
        return Err(AppError::Conflict(
            "this Idempotency-Key was used with a different request".to_owned(),
        ));
    }
    let response = row
        .response
        .ok_or_else(|| AppError::Conflict("a request with this key is in progress".to_owned()))?;
    serde_json::from_str(&response)
        .map_err(|err| AppError::Internal(format!("stored idempotent response: {err}")))
}

/// Inserts the key row first thing in `txn` (after dropping an expired one).
/// `Ok(None)` when a concurrent duplicate got there first: roll back and read
/// [`stored`] to answer.
pub async fn claim(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> AppResult<Option<i64>> {
    let principal = principal_of(viewer)?;
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::Principal.eq(&principal))
        .filter(idempotency_key::Column::Key.eq(&key.key))
        .filter(idempotency_key::Column::ExpiresAt.lte(now))
        .exec(txn)
        .await?;
    let inserted = idempotency_key::ActiveModel {
        principal: Set(principal),
        key: Set(key.key.clone()),
        fingerprint: Set(key.fingerprint.clone()),
        response: Set(None),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(KEEP_HOURS)),
        ..Default::default()
    }
    .insert(txn)
    .await;
    match inserted {
        Ok(row) => Ok(Some(row.id)),
        Err(err) if is_unique_violation(&err) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Stores the outcome on the claimed key row, in the transaction of the change.
pub async fn store<T: Serialize>(txn: &DatabaseTransaction, id: i64, outcome: &T) -> AppResult<()> {
    let response = serde_json::to_string(outcome)
        .map_err(|err| AppError::Internal(format!("idempotent response: {err}")))?;
    idempotency_key::ActiveModel {
        id: Set(id),
        response: Set(Some(response)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    Ok(())
}

/// Deletes every key past its expiry (the ticker calls it); returns how many.
pub async fn purge_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<u64> {
    let deleted = idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_128_characters() {
        assert!(IdempotencyKey::new("retry-2026-06-15-0001", "x").is_ok());
        assert!(IdempotencyKey::new("", "x").is_err());
        assert!(IdempotencyKey::new("has space", "x").is_err());
        assert!(IdempotencyKey::new(&"k".repeat(129), "x").is_err());
    }

    #[test]
    fn the_fingerprint_changes_with_the_request() {
        let a = IdempotencyKey::new("k", "submitRequest {\"a\":1}").unwrap();
        let b = IdempotencyKey::new("k", "submitRequest {\"a\":2}").unwrap();
        assert_ne!(a.fingerprint, b.fingerprint);
        assert_eq!(a.fingerprint.len(), 64);
    }
}
