//! Two facts about a request that the dashboard counted by probing other rows for every
//! request (issue 9), kept on the request instead:
//! - `first_resolved_at`: when it was first resolved; "closed in time" is then
//!   `first_resolved_at <= handle_due_at`, where the dashboard looked for a RESOLVE
//!   event before the deadline among each request's events;
//! - `is_repeat`: a repeat complaint (重复投诉), an earlier live request of the same
//!   category about the same place within 30 days; the dashboard looked for one among
//!   the earlier requests of the place for every request.
//!
//! Both are backfilled here from the events and the requests as they stand.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0019_request_outcomes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [
            timestamp_with_time_zone_null("first_resolved_at"),
            boolean("is_repeat").default(false).to_owned(),
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
        let db = manager.get_connection();
        db.execute_unprepared(
            r#"UPDATE "request" SET "first_resolved_at" = (
                 SELECT MIN("request_event"."at") FROM "request_event"
                 WHERE "request_event"."request_id" = "request"."id"
                   AND "request_event"."action" = 'RESOLVE')"#,
        )
        .await?;
        // As `service::requests::repeats` words it; SQLite keeps RFC 3339 text.
        let window_start = match manager.get_database_backend() {
            DatabaseBackend::Postgres => r#""request"."submitted_at" - INTERVAL '30 days'"#,
            _ => r#"strftime('%Y-%m-%dT%H:%M:%S', "request"."submitted_at", '-30 days')"#,
        };
        db.execute_unprepared(&format!(
            r#"UPDATE "request" SET "is_repeat" = EXISTS (
                 SELECT 1 FROM "request" AS "earlier"
                 WHERE "earlier"."category_id" = "request"."category_id"
                   AND "earlier"."area_path" = "request"."area_path"
                   AND "earlier"."id" <> "request"."id"
                   AND "earlier"."submitted_at" <= "request"."submitted_at"
                   AND "earlier"."submitted_at" >= {window_start}
                   AND "earlier"."status" <> 'MERGED')"#
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["is_repeat", "first_resolved_at"] {
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
