//! Trusted documents: GraphQL operations registered by their SHA-256, and the API
//! clients (first-party mini-programs, dashboards) that may run nothing else.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_trusted_documents"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("trusted_document")
                    // Lower-case hex SHA-256 of `body`, exactly as sent by clients.
                    .col(string_len("hash", 64).primary_key())
                    .col(string_null("name"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("api_client")
                    .add_column(boolean("trusted_documents_only").default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("api_client")
                    .drop_column("trusted_documents_only")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("trusted_document").to_owned())
            .await
    }
}
