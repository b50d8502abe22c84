//! Party building (党建), third part: liaison households (党员联系户), dual reporting
//! (双报到) with the hours served, and linkage meetings (联席会议 / 四级联动) with their
//! attendees.
//!
//! The rules that must hold under concurrency are the database's own: one active
//! liaison member per household, and one active dual report per member (or party
//! organisation) and community, both partial unique indexes over the rows not yet
//! ended, on SQLite and PostgreSQL alike. Ended rows stay as history.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0015_party_liaison"
    }
}

const LEVELS: [&str; 4] = ["CITY", "DISTRICT", "STREET", "COMMUNITY"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(liaison(backend)).await?;
        for columns in [&["member_id", "id"][..], &["area_path"]] {
            manager
                .create_index(index("liaison_assignment", columns))
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("uq_liaison_one_active_member")
                    .table("liaison_assignment")
                    .col("household_id")
                    .unique()
                    .and_where(Expr::col("ended_on").is_null())
                    .to_owned(),
            )
            .await?;
        manager.create_table(dual_report(backend)).await?;
        for columns in [&["area_path"][..], &["member_id", "id"]] {
            manager.create_index(index("dual_report", columns)).await?;
        }
        for (name, column) in [
            ("uq_dual_report_active_member", "member_id"),
            ("uq_dual_report_active_organization", "organization_id"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("dual_report")
                        .col(column)
                        .col("community_id")
                        .unique()
                        .and_where(Expr::col("ended_on").is_null())
                        .to_owned(),
                )
                .await?;
        }
        manager.create_table(dual_report_hours(backend)).await?;
        manager
            .create_index(index("dual_report_hours", &["report_id", "id"]))
            .await?;
        manager.create_table(meeting(backend)).await?;
        manager
            .create_index(index("linkage_meeting", &["area_path"]))
            .await?;
        manager.create_table(attendee(backend)).await?;
        manager
            .create_index(index("linkage_meeting_attendee", &["meeting_id", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "linkage_meeting_attendee",
            "linkage_meeting",
            "dual_report_hours",
            "dual_report",
            "liaison_assignment",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn liaison(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("liaison_assignment")
        .col(pk_auto("id"))
        .col(integer("member_id"))
        .foreign_key(&mut fk("liaison_assignment", "member_id", "party_member"))
        .col(integer("household_id"))
        .foreign_key(&mut fk("liaison_assignment", "household_id", "household"))
        // The household's path: a liaison is read where its household is.
        .col(path_column(backend, "area_path"))
        .col(date("started_on"))
        .col(date_null("ended_on"))
        .check(
            Expr::col("ended_on")
                .is_null()
                .or(Expr::col("ended_on").gte(Expr::col("started_on"))),
        )
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn dual_report(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("dual_report")
        .col(pk_auto("id"))
        .col(integer_null("member_id"))
        .foreign_key(&mut fk("dual_report", "member_id", "party_member"))
        .col(integer_null("organization_id"))
        .foreign_key(&mut fk(
            "dual_report",
            "organization_id",
            "party_organization",
        ))
        // Exactly one of the two reports: a member or an organisation.
        .check(
            Expr::col("member_id")
                .is_null()
                .ne(Expr::col("organization_id").is_null()),
        )
        .col(integer("community_id"))
        .foreign_key(&mut fk("dual_report", "community_id", "community"))
        // The community's path: the residential community reads its reports.
        .col(path_column(backend, "area_path"))
        .col(string_len_null("volunteer_post", 64))
        .col(integer_null("project_id"))
        .foreign_key(&mut fk("dual_report", "project_id", "project"))
        .col(date("registered_on"))
        .col(date_null("ended_on"))
        .check(
            Expr::col("ended_on")
                .is_null()
                .or(Expr::col("ended_on").gte(Expr::col("registered_on"))),
        )
        .col(integer("hours_tenths").default(0))
        .check(Expr::col("hours_tenths").gte(0))
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn dual_report_hours(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("dual_report_hours")
        .col(pk_auto("id"))
        .col(integer("report_id"))
        .foreign_key(&mut fk("dual_report_hours", "report_id", "dual_report"))
        .col(path_column(backend, "area_path"))
        .col(date("served_on"))
        // Tenths of an hour: more than none, at most a day.
        .col(integer("tenths"))
        .check(Expr::col("tenths").gt(0).and(Expr::col("tenths").lte(240)))
        .col(string_len_null("note", 200))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}

fn meeting(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("linkage_meeting")
        .col(pk_auto("id"))
        .col(string_len("level", 16))
        .check(Expr::col("level").is_in(LEVELS))
        .col(string_len("area_kind", 16))
        .check(Expr::col("area_kind").is_in(["district", "street", "community"]))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(date("held_on"))
        .col(string_len("title", 200))
        // JSON arrays of strings.
        .col(text("topics"))
        .col(text("decisions"))
        .col(integer_null("recorded_by_user_id"))
        .foreign_key(&mut fk(
            "linkage_meeting",
            "recorded_by_user_id",
            "app_user",
        ))
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn attendee(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("linkage_meeting_attendee")
        .col(pk_auto("id"))
        .col(integer("meeting_id"))
        .foreign_key(&mut fk(
            "linkage_meeting_attendee",
            "meeting_id",
            "linkage_meeting",
        ))
        .col(integer_null("organization_id"))
        .foreign_key(&mut fk(
            "linkage_meeting_attendee",
            "organization_id",
            "party_organization",
        ))
        .col(integer_null("member_id"))
        .foreign_key(&mut fk(
            "linkage_meeting_attendee",
            "member_id",
            "party_member",
        ))
        .check(
            Expr::col("member_id")
                .is_null()
                .ne(Expr::col("organization_id").is_null()),
        )
        .col(path_column(backend, "area_path"))
        .to_owned()
}
