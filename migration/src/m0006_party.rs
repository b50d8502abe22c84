//! Party building (党建), first part: party organisations as a tree. Each organisation
//! is attached to an area (street, community, grid, building) or to a co-building unit,
//! and carries the path of the area it serves (`area_path`), which scopes it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0006_party"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let mut create = Table::create();
        create
            .table("party_organization")
            .col(pk_auto("id"))
            .col(integer_null("parent_id"))
            .foreign_key(
                ForeignKey::create()
                    .from("party_organization", "parent_id")
                    .to("party_organization", "id")
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .col(string_len("name", 128))
            .col(string_len("org_type", 16))
            .col(string_len("area_kind", 16))
            .col(integer("area_id"))
            .col(path_column(backend, "area_path"))
            .col(integer_null("co_building_unit_id"))
            .foreign_key(
                ForeignKey::create()
                    .from("party_organization", "co_building_unit_id")
                    .to("co_building_unit", "id")
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .col(integer_null("secretary_user_id"))
            .foreign_key(
                ForeignKey::create()
                    .from("party_organization", "secretary_user_id")
                    .to("app_user", "id")
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .col(date("founded_on"))
            .col(string_len("status", 16))
            .col(integer("version").default(1))
            .check(Expr::col("version").gt(0))
            .check(Expr::col("org_type").is_in(["COMMITTEE", "GENERAL_BRANCH", "BRANCH", "GROUP"]))
            .check(Expr::col("area_kind").is_in(["street", "community", "grid", "building"]))
            .check(Expr::col("status").is_in(["ACTIVE", "DISSOLVED"]));
        manager.create_table(create.to_owned()).await?;
        manager
            .create_index(index("party_organization", &["area_path"]))
            .await?;
        manager
            .create_index(index("party_organization", &["parent_id"]))
            .await?;
        // `grid.partyBranch` and `community.partyCommittee` look organisations up by place.
        manager
            .create_index(index("party_organization", &["area_kind", "area_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("party_organization").to_owned())
            .await
    }
}
