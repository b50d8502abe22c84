//! The volunteer points ledger (志愿积分): one account per volunteer (a resident), an
//! append-only list of entries that each store the balances after them, a rewards
//! catalogue and the redemption orders that hold points until fulfilled or cancelled,
//! and adjustments waiting for their second approver. The database itself refuses a
//! negative balance, a negative stock, a self-approved adjustment and any change to a
//! posted entry.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0007_co_building"
    }
}

const ENTRY_KINDS: [&str; 7] = [
    "EARN", "HOLD", "REDEEM", "RELEASE", "ADJUST", "EXPIRE", "REVERSAL",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(points_account(backend)).await?;
        manager
            .create_index(index("points_account", &["area_path"]))
            .await?;
        manager.create_table(points_entry(backend)).await?;
        manager
            .create_index(index("points_entry", &["account_id", "id"]))
            .await?;
        manager.create_table(reward(backend)).await?;
        manager
            .create_index(index("reward", &["area_path"]))
            .await?;
        manager.create_table(redemption_order(backend)).await?;
        manager
            .create_index(index("redemption_order", &["area_path"]))
            .await?;
        manager.create_table(points_adjustment(backend)).await?;
        manager
            .create_index(index("points_adjustment", &["area_path"]))
            .await?;
        manager.create_table(activity(backend)).await?;
        manager
            .create_index(index("activity", &["area_path"]))
            .await?;
        manager
            .create_table(activity_participation(backend))
            .await?;
        manager
            .create_index(index("activity_participation", &["activity_id"]))
            .await?;
        make_append_only(manager, backend).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "DROP TRIGGER IF EXISTS points_entry_append_only ON points_entry",
                )
                .await?;
        }
        for table in [
            "activity_participation",
            "activity",
            "points_adjustment",
            "redemption_order",
            "reward",
            "points_entry",
            "points_account",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS points_entry_append_only()")
                .await?;
        }
        Ok(())
    }
}

/// One account per resident; `available` and `held` can never go below zero, whatever
/// writes them.
fn points_account(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("points_account")
        .col(pk_auto("id"))
        .col(integer_uniq("resident_id"))
        .foreign_key(&mut fk("points_account", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(big_integer("available").default(0))
        .col(big_integer("held").default(0))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("available").gte(0))
        .check(Expr::col("held").gte(0))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// An entry moves `amount` into (or out of) the available balance and `held_amount`
/// into (or out of) the held one, and records both balances after it. EARN is unique
/// per source and person (`earn_key`); an entry is reversed at most once.
fn points_entry(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("points_entry")
        .col(pk_auto("id"))
        .col(integer("account_id"))
        .foreign_key(&mut fk("points_entry", "account_id", "points_account"))
        .col(path_column(backend, "area_path"))
        .col(string_len("kind", 16))
        .col(big_integer("amount"))
        .col(big_integer("held_amount"))
        .col(big_integer("available_after"))
        .col(big_integer("held_after"))
        .col(string_len("source_kind", 32))
        .col(integer_null("source_id"))
        .col(string_len_null("earn_key", 96).unique_key())
        .col(integer_null("reverses_entry_id").unique_key())
        .foreign_key(&mut fk("points_entry", "reverses_entry_id", "points_entry"))
        .col(string_len_null("reason", 500))
        .col(integer_null("actor_user_id"))
        .col(integer_null("approver_user_id"))
        .col(timestamp_with_time_zone("at"))
        .check(Expr::col("kind").is_in(ENTRY_KINDS))
        .check(Expr::col("available_after").gte(0))
        .check(Expr::col("held_after").gte(0))
        // An adjustment needs a second person: approved, and not by whoever asked.
        .check(
            Expr::col("kind")
                .ne("ADJUST")
                .or(Expr::col("approver_user_id")
                    .is_not_null()
                    .and(Expr::col("reason").is_not_null())
                    .and(Expr::col("approver_user_id").ne(Expr::col("actor_user_id")))),
        )
        .check(
            Expr::col("kind")
                .ne("EARN")
                .or(Expr::col("earn_key").is_not_null()),
        )
        .to_owned()
}

/// A reward offered to an area's volunteers; the stock never goes below zero.
fn reward(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("reward")
        .col(pk_auto("id"))
        .col(string_len("name", 128))
        .col(string_len_null("description", 500))
        .col(big_integer("cost"))
        .col(integer("stock"))
        .col(string_len("area_kind", 16))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("cost").gt(0))
        .check(Expr::col("stock").gte(0))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// A redemption: HELD (points held, one unit of stock taken) → FULFILLED | CANCELLED.
fn redemption_order(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("redemption_order")
        .col(pk_auto("id"))
        .col(integer("account_id"))
        .foreign_key(&mut fk("redemption_order", "account_id", "points_account"))
        .col(integer("reward_id"))
        .foreign_key(&mut fk("redemption_order", "reward_id", "reward"))
        .col(path_column(backend, "area_path"))
        .col(big_integer("points"))
        .col(string_len("status", 16))
        .col(integer_null("requested_by_user_id"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("points").gt(0))
        .check(Expr::col("status").is_in(["HELD", "FULFILLED", "CANCELLED"]))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// An adjustment proposed by one person, posted as an ADJUST entry only when a second
/// one approves it.
fn points_adjustment(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("points_adjustment")
        .col(pk_auto("id"))
        .col(integer("resident_id"))
        .foreign_key(&mut fk("points_adjustment", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(big_integer("amount"))
        .col(string_len("reason", 500))
        .col(string_len("status", 16))
        .col(integer("proposed_by_user_id"))
        .col(integer_null("approved_by_user_id"))
        .col(integer_null("entry_id"))
        .foreign_key(&mut fk("points_adjustment", "entry_id", "points_entry"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("amount").ne(0))
        .check(Expr::col("status").is_in(["PENDING", "APPROVED", "REJECTED"]))
        .check(
            Expr::col("approved_by_user_id")
                .is_null()
                .or(Expr::col("approved_by_user_id").ne(Expr::col("proposed_by_user_id"))),
        )
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// An activity (活动) of a community: a place (a facility or an address), a time, seats
/// that are never over-booked (`signed_up <= capacity`), and the points an hour earns.
fn activity(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("activity")
        .col(pk_auto("id"))
        .col(string_len("title", 128))
        .col(string_len("activity_type", 24))
        .col(timestamp_with_time_zone("starts_at"))
        .col(timestamp_with_time_zone("ends_at"))
        .col(integer_null("facility_id"))
        .foreign_key(&mut fk("activity", "facility_id", "facility"))
        .col(string_len_null("address", 256))
        .col(integer_null("co_building_unit_id"))
        .foreign_key(&mut fk(
            "activity",
            "co_building_unit_id",
            "co_building_unit",
        ))
        .col(integer("community_id"))
        .foreign_key(&mut fk("activity", "community_id", "community"))
        .col(path_column(backend, "area_path"))
        .col(integer("capacity"))
        .col(integer("signed_up").default(0))
        .col(integer("points_per_hour"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("activity_type").is_in([
            "PARTY_LESSON",
            "VISIT",
            "PAIRED_HELP",
            "FEATURED",
            "VOLUNTEER_SERVICE",
        ]))
        .check(Expr::col("ends_at").gt(Expr::col("starts_at")))
        .check(
            Expr::col("facility_id")
                .is_not_null()
                .or(Expr::col("address").is_not_null()),
        )
        .check(Expr::col("capacity").gt(0))
        .check(Expr::col("signed_up").gte(0))
        .check(Expr::col("signed_up").lte(Expr::col("capacity")))
        .check(Expr::col("points_per_hour").between(1, 100))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// A resident's place at an activity: SIGNED_UP → CHECKED_IN → VERIFIED (hours given).
fn activity_participation(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("activity_participation")
        .col(pk_auto("id"))
        .col(integer("activity_id"))
        .foreign_key(&mut fk("activity_participation", "activity_id", "activity"))
        .col(integer("resident_id"))
        .foreign_key(&mut fk("activity_participation", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(string_len("status", 16))
        .col(integer_null("hours"))
        .col(timestamp_with_time_zone_null("checked_in_at"))
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .index(
            Index::create()
                .name("uq_activity_participation_person")
                .col("activity_id")
                .col("resident_id")
                .unique(),
        )
        .check(Expr::col("status").is_in(["SIGNED_UP", "CHECKED_IN", "VERIFIED"]))
        .check(
            Expr::col("hours")
                .is_null()
                .or(Expr::col("hours").between(1, 24)),
        )
        .check(Expr::col("version").gt(0))
        .to_owned()
}

/// A posted entry is never changed or removed: mistakes are answered by a REVERSAL.
async fn make_append_only(
    manager: &SchemaManager<'_>,
    backend: DatabaseBackend,
) -> Result<(), DbErr> {
    let statements: &[&str] = match backend {
        DatabaseBackend::Postgres => &[
            "CREATE FUNCTION points_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'points_entry is append-only'; END; $$",
            "CREATE TRIGGER points_entry_append_only BEFORE UPDATE OR DELETE ON points_entry \
             FOR EACH ROW EXECUTE FUNCTION points_entry_append_only()",
        ],
        _ => &[
            "CREATE TRIGGER points_entry_append_only_u BEFORE UPDATE ON points_entry \
             BEGIN SELECT RAISE(ABORT, 'points_entry is append-only'); END",
            "CREATE TRIGGER points_entry_append_only_d BEFORE DELETE ON points_entry \
             BEGIN SELECT RAISE(ABORT, 'points_entry is append-only'); END",
        ],
    };
    for sql in statements {
        manager.get_connection().execute_unprepared(sql).await?;
    }
    Ok(())
}
