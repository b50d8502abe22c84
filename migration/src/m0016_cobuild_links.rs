//! Co-building, second part. A unit may leave an alliance and join it again later, so
//! the history of memberships is kept: the one-row-per-unit-and-area index gives way to
//! one *open-ended* membership per unit and area (overlapping dated ones are refused by
//! the service under a lock on the unit). A co-building contact's account is tied to
//! the units it speaks for (`co_building_contact`), and an activity may be organised by
//! a party organisation.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0016_cobuild_links"
    }
}

const OLD_UNIQUE: &str = "idx_alliance_membership_unit_id_area_kind_area_id";
const OPEN_UNIQUE: &str = "uq_alliance_membership_open";
/// The plain look-up index that replaces the old unique one (a name of its own, so
/// it never meets the old one on any backend).
const LOOKUP: &str = "idx_alliance_membership_unit_area";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        // Plain SQL: on SQLite the builder's DROP INDEX (with its table) left the
        // index in place, and re-creating the name then failed on every fresh database.
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX IF EXISTS {OLD_UNIQUE}"))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(LOOKUP)
                    .table("alliance_membership")
                    .col("unit_id")
                    .col("area_kind")
                    .col("area_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OPEN_UNIQUE)
                    .table("alliance_membership")
                    .col("unit_id")
                    .col("area_kind")
                    .col("area_id")
                    .unique()
                    .and_where(Expr::col("left_on").is_null())
                    .to_owned(),
            )
            .await?;
        manager.create_table(contact(backend)).await?;
        let mut unique = index("co_building_contact", &["unit_id", "user_id"]);
        manager.create_index(unique.unique().to_owned()).await?;
        for columns in [&["user_id"][..], &["area_path"]] {
            manager
                .create_index(index("co_building_contact", columns))
                .await?;
        }
        // SQLite adds a column with a REFERENCES clause when its default is NULL, as it
        // is here; PostgreSQL takes the same statement.
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE activity ADD COLUMN party_organization_id INTEGER \
                 REFERENCES party_organization (id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("activity")
                    .drop_column("party_organization_id")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("co_building_contact").to_owned())
            .await?;
        for name in [OPEN_UNIQUE, LOOKUP] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table("alliance_membership")
                        .to_owned(),
                )
                .await?;
        }
        let mut unique = index("alliance_membership", &["unit_id", "area_kind", "area_id"]);
        manager.create_index(unique.unique().to_owned()).await
    }
}

/// A user account speaking for a unit (共建单位联系人), placed where the unit is.
fn contact(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("co_building_contact")
        .col(pk_auto("id"))
        .col(integer("unit_id"))
        .foreign_key(&mut fk(
            "co_building_contact",
            "unit_id",
            "co_building_unit",
        ))
        .col(integer("user_id"))
        .foreign_key(&mut fk("co_building_contact", "user_id", "app_user"))
        .col(path_column(backend, "area_path"))
        .col(integer_null("linked_by_user_id"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}
