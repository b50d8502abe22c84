//! Refresh tokens: opaque random strings, stored only as their SHA-256, rotated on every
//! use. Tokens rotated from one sign-in form a family; presenting a token that was
//! already used (a replay: someone else has a copy) revokes the whole family.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use entity::refresh_token;

use super::random;
use crate::error::{AppError, AppResult};

/// A refresh token as handed to the client, and its row's user.
#[derive(Debug)]
pub struct Issued {
    pub token: String,
    pub user_id: i32,
}

/// Lower-case hex SHA-256 of a token: what the table stores.
pub fn digest(token: &str) -> String {
    random::hex(&Sha256::digest(token.as_bytes()))
}

/// A new family (one sign-in).
pub fn new_family() -> String {
    random::hex_id()
}

/// Stores and returns a fresh token of `family` for `user_id`.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    family: &str,
    ttl: Duration,
) -> AppResult<Issued> {
    let token = random::token(32);
    let now = Utc::now();
    refresh_token::ActiveModel {
        user_id: Set(user_id),
        family: Set(family.to_owned()),
        token_hash: Set(digest(&token)),
        expires_at: Set(now + ttl),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Issued { token, user_id })
}

/// Spends `token` and returns its successor in the same family. A used or revoked token
/// revokes its family; an unknown or expired one just fails.
pub async fn rotate(db: &DatabaseConnection, token: &str, ttl: Duration) -> AppResult<Issued> {
    let txn = db.begin().await?;
    let row = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(digest(token)))
        .one(&txn)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    let now = Utc::now();
    if row.used_at.is_some() || row.revoked_at.is_some() {
        return replayed(txn, &row, now).await;
    }
    if row.expires_at <= now {
        return Err(AppError::InvalidCredentials);
    }
    // The guard makes the check and the spending one statement: of two concurrent
    // rotations of one token, exactly one updates the row.
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return replayed(txn, &row, now).await;
    }
    let next = issue(&txn, row.user_id, &row.family, ttl).await?;
    txn.commit().await?;
    Ok(next)
}

/// Revokes the family of a replayed token, keeps that, and fails.
async fn replayed(
    txn: DatabaseTransaction,
    row: &refresh_token::Model,
    now: DateTime<Utc>,
) -> AppResult<Issued> {
    tracing::warn!(
        user_id = row.user_id,
        family = %row.family,
        "refresh token reused: revoking its family"
    );
    revoke_family(&txn, &row.family, now).await?;
    txn.commit().await?;
    Err(AppError::InvalidCredentials)
}

/// Revokes the family `token` belongs to (sign-out). Unknown tokens are ignored, so
/// signing out twice is not an error.
pub async fn revoke_family_of(db: &DatabaseConnection, token: &str) -> AppResult<Option<i32>> {
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(digest(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    revoke_family(db, &row.family, Utc::now()).await?;
    Ok(Some(row.user_id))
}

/// Revokes every live token of `user_id`.
pub async fn revoke_user(db: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

async fn revoke_family(
    db: &impl ConnectionTrait,
    family: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::Family.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_sha256_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn tokens_are_43_url_safe_characters_and_differ() {
        let (a, b) = (random::token(32), random::token(32));
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_ne!(a, b);
    }
}
