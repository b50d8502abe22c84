//! 审计日志: who did or read what, when, from where. Append-only: the database refuses
//! UPDATE and DELETE on this table (a trigger), so rows are only ever inserted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// `USER`, `CLIENT`, `ANONYMOUS` or `SYSTEM`.
    pub actor_kind: String,
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    /// Comma-separated roles the actor held.
    pub roles: String,
    pub action: String,
    /// The table acted on, if any.
    pub entity: Option<String>,
    pub entity_id: Option<i32>,
    /// Comma-separated fields read or written.
    pub fields: Option<String>,
    /// The stated purpose of an access to personal data.
    pub purpose: Option<String>,
    pub request_id: Option<String>,
    pub client_ip: Option<String>,
    /// Path of the area the action touched, for scoped audit queries.
    pub area_path: Option<String>,
    /// `SUCCESS`, `DENIED`, `FAILED`, …
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
