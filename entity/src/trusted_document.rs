//! A GraphQL document registered by its SHA-256: what a client flagged
//! `trusted_documents_only` may run, and what any client may send by hash alone.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trusted_document")]
pub struct Model {
    /// Lower-case hex SHA-256 of `body`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    /// The operation's name, for people reading the registry.
    pub name: Option<String>,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
