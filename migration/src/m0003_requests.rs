//! Residents' requests (诉求): categories, SLA policies per category × level × urgency,
//! the holiday calendar working-day limits skip, the requests with their events, and the
//! idempotency keys every domain mutation records. Seeds the categories and the default
//! SLA policies, so a fresh database can take requests at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_requests"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(category()).await?;
        manager.create_table(sla_policy()).await?;
        manager
            .create_index(
                index("sla_policy", &["category_id", "level", "urgency"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_table(holiday()).await?;
        manager.create_table(request(backend)).await?;
        for columns in [
            &["area_path"][..],
            &["status"],
            &["sla_due_at"],
            &["category_id"],
        ] {
            manager.create_index(index("request", columns)).await?;
        }
        manager
            .create_index(
                index("request", &["channel", "external_order_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_table(request_event(backend)).await?;
        manager
            .create_index(index("request_event", &["request_id", "id"]))
            .await?;
        manager.create_table(idempotency_key()).await?;
        manager
            .create_index(
                index("idempotency_key", &["principal", "key"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idempotency_key", &["expires_at"]))
            .await?;
        crate::m0003_seed::seed(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idempotency_key",
            "request_event",
            "request",
            "holiday",
            "sla_policy",
            "request_category",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn fk(from: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn category() -> TableCreateStatement {
    Table::create()
        .table("request_category")
        .col(pk_auto("id"))
        .col(string_len_uniq("code", 32))
        .col(string("name"))
        .col(string_len("group_code", 32))
        .col(string("keywords"))
        .col(string_len("default_level", 16))
        .col(boolean("sensitive"))
        .to_owned()
}

/// A row with no category is the default for its level and urgency.
fn sla_policy() -> TableCreateStatement {
    Table::create()
        .table("sla_policy")
        .col(pk_auto("id"))
        .col(integer_null("category_id"))
        .foreign_key(&mut fk("sla_policy", "category_id", "request_category"))
        .col(string_len("level", 16))
        .col(string_len("urgency", 16))
        .col(string_len("limit_unit", 16))
        .col(integer("accept_limit"))
        .col(integer("handle_limit"))
        .col(integer("feedback_limit"))
        .check(Expr::col("limit_unit").is_in(["HOURS", "WORKING_DAYS"]))
        .check(Expr::col("accept_limit").gt(0))
        .check(Expr::col("handle_limit").gt(0))
        .check(Expr::col("feedback_limit").gt(0))
        .to_owned()
}

/// Days that break the Monday-to-Friday rule: public holidays, and the weekend days
/// worked in exchange (调休, `working = true`).
fn holiday() -> TableCreateStatement {
    Table::create()
        .table("holiday")
        .col(pk_auto("id"))
        .col(date_uniq("day"))
        .col(boolean("working"))
        .col(string("name"))
        .to_owned()
}

fn request(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("request")
        .col(pk_auto("id"))
        .col(string_len("channel", 24))
        .col(string_len_null("external_order_id", 64))
        .col(integer("category_id"))
        .foreign_key(&mut fk("request", "category_id", "request_category"))
        .col(integer("building_id"))
        .foreign_key(&mut fk("request", "building_id", "building"))
        .col(integer_null("unit_id"))
        .foreign_key(&mut fk("request", "unit_id", "unit"))
        .col(integer_null("household_id"))
        .foreign_key(&mut fk("request", "household_id", "household"))
        .col(path_column(backend, "area_path"))
        .col(integer_null("reporter_resident_id"))
        .foreign_key(&mut fk("request", "reporter_resident_id", "resident"))
        .col(integer_null("reporter_user_id"))
        .foreign_key(&mut fk("request", "reporter_user_id", "app_user"))
        .col(string_len_null("contact_name", 64))
        .col(string_len_null("contact_phone", 16))
        .col(text("description"))
        .col(text("attachments"))
        .col(string_len("urgency", 16))
        .col(string_len("status", 24))
        .col(string_len("level", 16))
        .col(integer_null("assignee_user_id"))
        .foreign_key(&mut fk("request", "assignee_user_id", "app_user"))
        .col(integer_null("merged_into_id"))
        .foreign_key(&mut fk("request", "merged_into_id", "request"))
        .col(string_null("reject_reason"))
        .col(string_len_null("satisfaction", 24))
        .col(timestamp_with_time_zone("submitted_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(timestamp_with_time_zone("accept_due_at"))
        .col(timestamp_with_time_zone_null("handle_due_at"))
        .col(timestamp_with_time_zone_null("feedback_due_at"))
        .col(timestamp_with_time_zone_null("sla_started_at"))
        .col(timestamp_with_time_zone_null("sla_warn_at"))
        .col(timestamp_with_time_zone_null("sla_due_at"))
        .col(integer("version").default(1))
        .col(integer("rework_count").default(0))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("rework_count").gte(0))
        .to_owned()
}

fn request_event(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("request_event")
        .col(pk_auto("id"))
        .col(integer("request_id"))
        .foreign_key(&mut fk("request_event", "request_id", "request"))
        .col(path_column(backend, "area_path"))
        .col(integer_null("reporter_user_id"))
        .col(timestamp_with_time_zone("at"))
        .col(string_len("actor_kind", 16))
        .col(integer_null("actor_id"))
        .col(string_null("actor_name"))
        .col(string_len("action", 24))
        .col(string_len_null("from_status", 24))
        .col(string_len("to_status", 24))
        .col(string_len_null("from_level", 16))
        .col(string_len("to_level", 16))
        .col(string_null("note"))
        .to_owned()
}

/// One row per (principal, key): inserted first in the transaction of the change, so a
/// concurrent duplicate waits on the unique index and then finds the stored response.
fn idempotency_key() -> TableCreateStatement {
    Table::create()
        .table("idempotency_key")
        .col(big_pk_auto("id"))
        .col(string_len("principal", 48))
        .col(string_len("key", 128))
        .col(string_len("fingerprint", 64))
        .col(text_null("response"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("expires_at"))
        .to_owned()
}
