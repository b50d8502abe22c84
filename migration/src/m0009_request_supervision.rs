//! Requests under supervision: extension requests (more time, or a pause until a date)
//! with their decisions, supervision cards, and on the request the paused clock, the
//! resumption date and the strongest card.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0009_request_supervision"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        // One column per statement: SQLite alters a table one column at a time.
        for column in [
            timestamp_with_time_zone_null("sla_paused_at"),
            timestamp_with_time_zone_null("suspended_until"),
            string_len_null("supervision_card", 8),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table("request")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager.create_table(extension(backend)).await?;
        manager
            .create_index(index("request_extension", &["request_id", "id"]))
            .await?;
        manager.create_table(supervision(backend)).await?;
        manager
            .create_index(index("request_supervision", &["request_id", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["request_supervision", "request_extension"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in ["supervision_card", "suspended_until", "sla_paused_at"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("request")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

fn extension(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("request_extension")
        .col(pk_auto("id"))
        .col(integer("request_id"))
        .foreign_key(&mut fk("request_extension", "request_id", "request"))
        .col(path_column(backend, "area_path"))
        .col(string_len("kind", 8))
        .col(string_len("reason", 500))
        .col(integer_null("extra_hours"))
        .col(timestamp_with_time_zone_null("suspend_until"))
        .col(string_len("status", 8))
        .col(integer("requested_by"))
        .foreign_key(&mut fk("request_extension", "requested_by", "app_user"))
        .col(timestamp_with_time_zone("requested_at"))
        .col(integer_null("decided_by"))
        .foreign_key(&mut fk("request_extension", "decided_by", "app_user"))
        .col(timestamp_with_time_zone_null("decided_at"))
        .col(string_len_null("decision_note", 500))
        .check(Expr::col("kind").is_in(["EXTEND", "SUSPEND"]))
        .check(Expr::col("status").is_in(["PENDING", "APPROVED", "REJECTED"]))
        // An extension says how long; a suspension says until when.
        .check(
            Expr::col("kind")
                .eq("EXTEND")
                .and(Expr::col("extra_hours").gt(0))
                .and(Expr::col("suspend_until").is_null())
                .or(Expr::col("kind")
                    .eq("SUSPEND")
                    .and(Expr::col("extra_hours").is_null())
                    .and(Expr::col("suspend_until").is_not_null())),
        )
        .to_owned()
}

fn supervision(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("request_supervision")
        .col(pk_auto("id"))
        .col(integer("request_id"))
        .foreign_key(&mut fk("request_supervision", "request_id", "request"))
        .col(path_column(backend, "area_path"))
        .col(string_len("card", 8))
        .col(string_len("reason", 500))
        .col(integer("issued_by"))
        .foreign_key(&mut fk("request_supervision", "issued_by", "app_user"))
        .col(timestamp_with_time_zone("issued_at"))
        .check(Expr::col("card").is_in(["YELLOW", "RED"]))
        .to_owned()
}
