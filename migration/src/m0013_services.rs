//! Services for the old and the young (一老一小), second part: the opening hours of
//! facilities (per weekday, in local minutes) and their bookings, and the care profiles
//! of elderly residents and children (S3). A booking carries its facility's
//! `area_path`, which scopes it, and its booker, who always sees it; a care profile
//! carries its resident's.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0013_services"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(opening_period(backend)).await?;
        manager
            .create_index(index("facility_opening_period", &["facility_id", "id"]))
            .await?;
        manager.create_table(booking(backend)).await?;
        for columns in [
            &["facility_id", "starts_at"][..],
            &["area_path"],
            &["booked_by_user_id"],
        ] {
            manager
                .create_index(index("facility_booking", columns))
                .await?;
        }
        manager.create_table(care_profile(backend)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "care_profile",
            "facility_booking",
            "facility_opening_period",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn opening_period(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("facility_opening_period")
        .col(pk_auto("id"))
        .col(integer("facility_id"))
        .foreign_key(&mut fk(
            "facility_opening_period",
            "facility_id",
            "facility",
        ))
        .col(path_column(backend, "area_path"))
        // 1 = Monday … 7 = Sunday; minutes after local midnight (Asia/Shanghai).
        .col(integer("weekday"))
        .col(integer("opens_at"))
        .col(integer("closes_at"))
        .check(Expr::col("weekday").between(1, 7))
        .check(Expr::col("opens_at").gte(0))
        .check(Expr::col("closes_at").lte(24 * 60))
        .check(Expr::col("opens_at").lt(Expr::col("closes_at")))
        .to_owned()
}

fn booking(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("facility_booking")
        .col(pk_auto("id"))
        .col(integer("facility_id"))
        .foreign_key(&mut fk("facility_booking", "facility_id", "facility"))
        .col(integer("booked_by_user_id"))
        .foreign_key(&mut fk("facility_booking", "booked_by_user_id", "app_user"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("starts_at"))
        .col(timestamp_with_time_zone("ends_at"))
        .col(string_len("purpose", 200))
        .col(string_len("status", 16))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone_null("cancelled_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("starts_at").lt(Expr::col("ends_at")))
        .check(Expr::col("status").is_in(["BOOKED", "CANCELLED"]))
        .to_owned()
}

fn care_profile(backend: DatabaseBackend) -> TableCreateStatement {
    let text = |name: &'static str| string_len_null(name, 64);
    Table::create()
        .table("care_profile")
        .col(pk_auto("id"))
        // One profile per resident.
        .col(integer_uniq("resident_id"))
        .foreign_key(&mut fk("care_profile", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(string_len_null("living_arrangement", 16))
        // GB/T 42195 ability level 0 (intact) … 4 (total loss), its date, and the
        // dimension grades 0 … 3.
        .col(integer_null("ability_level"))
        .col(date_null("assessed_on"))
        .col(integer_null("daily_living"))
        .col(integer_null("cognition"))
        .col(integer_null("perception_communication"))
        .col(integer_null("social_participation"))
        .col(string_len_null("disability_type", 16))
        .col(integer_null("disability_grade"))
        .col(text("regular_contact_name"))
        .col(string_len_null("regular_contact_phone", 16))
        .col(text("emergency_contact_name"))
        .col(string_len_null("emergency_contact_phone", 16))
        .col(boolean_null("left_behind"))
        .col(text("guardian_name"))
        .col(string_len_null("guardian_relation", 32))
        .col(string_len_null("guardian_phone", 16))
        .col(string_len_null("school", 128))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("ability_level").between(0, 4))
        .check(Expr::col("disability_grade").between(1, 4))
        .to_owned()
}
