//! The territory tree: district → street → community → grid → building → unit →
//! household, and the residents of households.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::{area_table, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_territory"
    }
}

/// (table, parent FK column, parent table), root first.
const AREAS: [(&str, Option<(&str, &str)>); 7] = [
    ("district", None),
    ("street", Some(("district_id", "district"))),
    ("community", Some(("street_id", "street"))),
    ("grid", Some(("community_id", "community"))),
    ("building", Some(("grid_id", "grid"))),
    ("unit", Some(("building_id", "building"))),
    ("household", Some(("unit_id", "unit"))),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        for (table, parent) in AREAS {
            let mut create = area_table(backend, table, parent);
            add_own_columns(table, &mut create);
            manager.create_table(create).await?;
            manager.create_index(index(table, &["path"])).await?;
            if let Some((column, _)) = parent {
                manager.create_index(index(table, &[column])).await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table("resident")
                    .col(pk_auto("id"))
                    .col(integer("household_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("resident", "household_id")
                            .to("household", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .col(path_column(backend, "area_path"))
                    .col(string("name"))
                    .col(string_len("gender", 8))
                    .col(date("birth_date"))
                    .col(string_len_uniq("id_number", 18))
                    .col(string_len_null("phone", 16))
                    .col(string_len("relation", 16))
                    .col(big_integer("tags").default(0))
                    .col(boolean("is_party_member").default(false))
                    .col(date_null("moved_in_on"))
                    .col(date_null("moved_out_on"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("resident", &["household_id"]))
            .await?;
        // Scoped lists of residents are range scans on the area path; birth date serves
        // the age filters (ELDERLY) within that range.
        manager
            .create_index(index("resident", &["area_path", "id"]))
            .await?;
        manager
            .create_index(index("resident", &["area_path", "birth_date"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("resident").to_owned())
            .await?;
        for (table, _) in AREAS.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn add_own_columns(table: &str, create: &mut TableCreateStatement) {
    match table {
        "community" => {
            create.col(string_null("address"));
        }
        "grid" => {
            create
                .col(string_len("kind", 16))
                .col(string("merged_grids").default(""));
        }
        "building" => {
            create
                .col(string("address"))
                .col(integer("floors"))
                .col(double_null("latitude"))
                .col(double_null("longitude"));
        }
        "unit" => {
            create.col(integer("unit_no"));
        }
        "household" => {
            create
                .col(string_len("room", 16))
                .col(string_len("residence_status", 24))
                .col(string_null("registered_address"));
        }
        _ => {}
    }
}
