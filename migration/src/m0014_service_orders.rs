//! Services for the old and the young (一老一小), third part: the catalogue of service
//! items with their eligibility rules and prices, the providers who deliver them, and
//! the orders that move through `domain::services::lifecycle`. Items and providers
//! carry the `area_path` of the area that registered them; an order carries its
//! resident's. CHECKs hold the rules no concurrent writer may break: prices and
//! subsidies are never negative, a rating is 1 to 5, a schedule ends after it starts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0014_service_orders"
    }
}

const STATUSES: [&str; 12] = [
    "REQUESTED",
    "ELIGIBILITY_CHECKED",
    "APPROVED",
    "REJECTED",
    "SCHEDULED",
    "IN_SERVICE",
    "COMPLETED",
    "CONFIRMED",
    "SETTLED",
    "CANCELLED",
    "NO_SHOW",
    "DISPUTED",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(item(backend)).await?;
        manager
            .create_index(index("service_item", &["area_path"]))
            .await?;
        manager.create_table(provider(backend)).await?;
        manager
            .create_index(index("service_provider", &["area_path"]))
            .await?;
        manager
            .create_index(index("service_provider", &["account_user_id"]))
            .await?;
        manager.create_table(order(backend)).await?;
        for columns in [
            &["area_path"][..],
            &["resident_id"],
            &["provider_id", "scheduled_start"],
            &["ordered_by_user_id"],
        ] {
            manager
                .create_index(index("service_order", columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["service_order", "service_provider", "service_item"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn item(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("service_item")
        .col(pk_auto("id"))
        .col(string_len_uniq("code", 32))
        .col(string_len("name", 64))
        .col(string_len("target_group", 16))
        .col(path_column(backend, "area_path"))
        // Eligibility rules, combined with AND; NULL / false is no such rule.
        .col(integer_null("min_age"))
        .col(integer_null("max_age_exclusive"))
        .col(boolean("requires_living_alone").default(false))
        .col(boolean("requires_disability").default(false))
        .col(boolean("requires_low_income").default(false))
        // Fen (分): whole cents keep sums exact.
        .col(integer("price_cents"))
        .col(integer("subsidy_cents"))
        // Comma-separated provider types allowed to deliver it.
        .col(string_len("provider_types", 128))
        .col(boolean("active").default(true))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("target_group").is_in(["ELDERLY", "CHILD", "DISABLED", "ALL"]))
        .check(Expr::col("price_cents").gte(0))
        .check(Expr::col("subsidy_cents").gte(0))
        .check(Expr::col("subsidy_cents").lte(Expr::col("price_cents")))
        .check(Expr::col("min_age").between(0, 150))
        .check(Expr::col("max_age_exclusive").between(1, 150))
        .to_owned()
}

fn provider(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("service_provider")
        .col(pk_auto("id"))
        .col(string_len("name", 64))
        .col(string_len("provider_type", 24))
        .col(integer_null("co_building_unit_id"))
        .foreign_key(&mut fk(
            "service_provider",
            "co_building_unit_id",
            "co_building_unit",
        ))
        // The account its staff sign in with (role SERVICE_PROVIDER).
        .col(integer_null("account_user_id"))
        .foreign_key(&mut fk("service_provider", "account_user_id", "app_user"))
        .col(path_column(backend, "area_path"))
        // Newline-separated: qualifications held, and the paths of the areas served.
        .col(string_len("qualifications", 1000))
        .col(string_len("service_area_paths", 2000))
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("provider_type").is_in([
            "CO_BUILDING_UNIT",
            "SOCIAL_ORGANISATION",
            "VOLUNTEER_TEAM",
        ]))
        .to_owned()
}

fn order(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("service_order")
        .col(pk_auto("id"))
        .col(integer("item_id"))
        .foreign_key(&mut fk("service_order", "item_id", "service_item"))
        .col(integer("resident_id"))
        .foreign_key(&mut fk("service_order", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(integer("ordered_by_user_id"))
        .foreign_key(&mut fk("service_order", "ordered_by_user_id", "app_user"))
        .col(string_len("orderer", 16))
        .col(string_len("status", 24))
        // Why it was rejected, cancelled, missed or disputed.
        .col(string_len_null("reason", 200))
        .col(integer_null("provider_id"))
        .foreign_key(&mut fk("service_order", "provider_id", "service_provider"))
        .col(timestamp_with_time_zone_null("scheduled_start"))
        .col(timestamp_with_time_zone_null("scheduled_end"))
        .col(timestamp_with_time_zone_null("checked_in_at"))
        .col(timestamp_with_time_zone_null("checked_out_at"))
        .col(string_len_null("notes", 500))
        .col(integer_null("rating"))
        .col(string_len_null("rating_comment", 200))
        // Copied from the item when ordered, so later price changes do not rewrite it.
        .col(integer("price_cents"))
        .col(integer("subsidy_cents"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("status").is_in(STATUSES))
        .check(Expr::col("orderer").is_in(["RESIDENT", "FAMILY", "GRID_WORKER", "STAFF"]))
        .check(Expr::col("rating").between(1, 5))
        .check(Expr::col("price_cents").gte(0))
        .check(Expr::col("subsidy_cents").gte(0))
        .check(Expr::col("scheduled_start").lt(Expr::col("scheduled_end")))
        .check(Expr::col("checked_in_at").lte(Expr::col("checked_out_at")))
        .to_owned()
}
