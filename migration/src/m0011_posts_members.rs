//! Party building (党建), second part: the posts of the three leaders and grid workers
//! (三长, 网格员), the service numbers shown on a building's notice board, and party
//! members with the history of their transfers.
//!
//! One active grid leader per grid, building leader per building and unit leader per
//! unit is the database's own rule: a partial unique index over the posts not yet
//! ended, on SQLite and PostgreSQL alike, so two appointments racing cannot both win.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0011_posts_members"
    }
}

const POST_KINDS: [&str; 5] = [
    "GRID_LEADER",
    "BUILDING_LEADER",
    "UNIT_LEADER",
    "GRID_WORKER",
    "MEDIATOR",
];
/// The posts of which an area has at most one active holder.
const LEADERS: [&str; 3] = ["GRID_LEADER", "BUILDING_LEADER", "UNIT_LEADER"];
const SERVICES: [&str; 5] = ["WATER", "POWER", "GAS", "PROPERTY", "COMMUNITY_OFFICE"];
const CATEGORIES: [&str; 4] = ["DIRECT", "IN_SERVICE", "RETIRED", "MOBILE"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(post(backend)).await?;
        for columns in [&["area_path"][..], &["area_kind", "area_id"]] {
            manager.create_index(index("post", columns)).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("uq_post_one_active_leader")
                    .table("post")
                    .col("kind")
                    .col("area_id")
                    .unique()
                    .and_where(Expr::col("ended_on").is_null())
                    .and_where(Expr::col("kind").is_in(LEADERS))
                    .to_owned(),
            )
            .await?;
        manager.create_table(service_number(backend)).await?;
        manager
            .create_index(
                index("building_service_number", &["building_id", "service"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_table(party_member(backend)).await?;
        for columns in [&["area_path"][..], &["organization_id", "id"]] {
            manager.create_index(index("party_member", columns)).await?;
        }
        // A person is a member once (NULLs are distinct on both databases).
        for column in ["resident_id", "user_id"] {
            manager
                .create_index(index("party_member", &[column]).unique().to_owned())
                .await?;
        }
        manager.create_table(transfer(backend)).await?;
        manager
            .create_index(index("party_member_transfer", &["member_id", "id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "party_member_transfer",
            "party_member",
            "building_service_number",
            "post",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn post(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("post")
        .col(pk_auto("id"))
        .col(string_len("kind", 16))
        .check(Expr::col("kind").is_in(POST_KINDS))
        .col(string_len_null("employment", 16))
        .check(
            Expr::col("employment")
                .is_null()
                .or(Expr::col("employment").is_in(["FULL_TIME", "PART_TIME"])),
        )
        .col(string_len("area_kind", 16))
        .check(Expr::col("area_kind").is_in(["grid", "building", "unit"]))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .col(integer_null("holder_user_id"))
        .foreign_key(&mut fk("post", "holder_user_id", "app_user"))
        .col(integer_null("holder_resident_id"))
        .foreign_key(&mut fk("post", "holder_resident_id", "resident"))
        .check(
            Expr::col("holder_user_id")
                .is_not_null()
                .or(Expr::col("holder_resident_id").is_not_null()),
        )
        .col(string_len("display_name", 64))
        .col(string_len("relay_phone", 16))
        .col(integer("duties"))
        .col(date("started_on"))
        .col(date_null("ended_on"))
        .check(
            Expr::col("ended_on")
                .is_null()
                .or(Expr::col("ended_on").gte(Expr::col("started_on"))),
        )
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn service_number(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("building_service_number")
        .col(pk_auto("id"))
        .col(integer("building_id"))
        .foreign_key(&mut fk(
            "building_service_number",
            "building_id",
            "building",
        ))
        .col(path_column(backend, "area_path"))
        .col(string_len("service", 16))
        .check(Expr::col("service").is_in(SERVICES))
        .col(string_len("phone", 32))
        .to_owned()
}

fn party_member(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("party_member")
        .col(pk_auto("id"))
        .col(integer_null("resident_id"))
        .foreign_key(&mut fk("party_member", "resident_id", "resident"))
        .col(integer_null("user_id"))
        .foreign_key(&mut fk("party_member", "user_id", "app_user"))
        .check(
            Expr::col("resident_id")
                .is_not_null()
                .or(Expr::col("user_id").is_not_null()),
        )
        .col(string_len("name", 64))
        .col(integer("organization_id"))
        .foreign_key(&mut fk(
            "party_member",
            "organization_id",
            "party_organization",
        ))
        .col(path_column(backend, "area_path"))
        .col(string_len("category", 16))
        .check(Expr::col("category").is_in(CATEGORIES))
        .col(date("joined_on"))
        .col(boolean("shows_identity").default(false))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn transfer(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("party_member_transfer")
        .col(pk_auto("id"))
        .col(integer("member_id"))
        .foreign_key(&mut fk(
            "party_member_transfer",
            "member_id",
            "party_member",
        ))
        .col(integer("from_organization_id"))
        .foreign_key(&mut fk(
            "party_member_transfer",
            "from_organization_id",
            "party_organization",
        ))
        .col(integer("to_organization_id"))
        .foreign_key(&mut fk(
            "party_member_transfer",
            "to_organization_id",
            "party_organization",
        ))
        .col(path_column(backend, "area_path"))
        .col(date("transferred_on"))
        .col(timestamp_with_time_zone("created_at"))
        .to_owned()
}
