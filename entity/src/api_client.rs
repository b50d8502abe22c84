//! A third-party application (dashboard, mini-program back end) that signs in with a
//! client id and secret and sees one area.

use sea_orm::entity::prelude::*;

use crate::enums::AccountStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_client")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The public client id it signs in with.
    #[sea_orm(unique)]
    pub client_id: String,
    /// Argon2id PHC string of the client secret.
    pub secret_hash: String,
    pub name: String,
    /// Comma-separated API scopes (`territory:read,aggregates:read`).
    pub scopes: String,
    pub status: AccountStatus,
    /// Bumped to invalidate every access token issued before.
    pub token_version: i32,
    pub daily_quota: i32,
    /// The area the client sees: table, id and materialised path.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub created_at: DateTimeUtc,
    /// First-party apps: only registered (trusted) documents may run.
    pub trusted_documents_only: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
