//! 幂等键: the outcome of a mutation sent with an `Idempotency-Key`, kept until
//! `expires_at` so a retry returns it instead of acting twice.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `USER:<id>` or `CLIENT:<id>`: keys of different callers never meet.
    pub principal: String,
    pub key: String,
    /// SHA-256 (hex) of the mutation and its arguments.
    pub fingerprint: String,
    /// The stored outcome (JSON); written in the same transaction as the change.
    pub response: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
