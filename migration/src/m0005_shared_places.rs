//! The two kinds of rows several domains point at, created before any of them: the
//! co-building units (共建单位) that party building, co-building and services all refer
//! to, and the facilities (阵地) where activities, services and bookings take place.
//! Each sits in the territory by `area_path` (the area it is registered with), so it is
//! scoped like everything else.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_shared_places"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(co_building_unit(backend)).await?;
        manager
            .create_index(index("co_building_unit", &["area_path"]))
            .await?;
        manager.create_table(facility(backend)).await?;
        manager
            .create_index(index("facility", &["area_path"]))
            .await?;
        // The bounding-box prefilter of "facilities near a building" is a range on both.
        manager
            .create_index(index("facility", &["latitude", "longitude"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["facility", "co_building_unit"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Where a row is registered: the kind and id of the area (for the API) and its path
/// (for scoping).
fn placed(create: &mut TableCreateStatement, backend: DatabaseBackend) {
    create
        .col(string_len("area_kind", 16))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .check(Expr::col("area_kind").is_in([
            "district",
            "street",
            "community",
            "grid",
            "building",
        ]));
}

fn co_building_unit(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("co_building_unit")
        .col(pk_auto("id"))
        .col(string_len("name", 128))
        .col(string_len("unit_type", 24))
        // 统一社会信用代码, GB 32100: eighteen characters, checksum validated on input.
        .col(string_len_uniq("credit_code", 18))
        .col(string_len_null("contact_name", 64))
        .col(string_len_null("contact_phone", 16))
        .col(string_len_null("address", 256));
    placed(&mut create, backend);
    create
        .col(string_len("status", 16))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("status").is_in(["ACTIVE", "INACTIVE"]))
        .to_owned()
}

fn facility(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("facility")
        .col(pk_auto("id"))
        .col(string_len("name", 128))
        .col(string_len("facility_type", 40))
        .col(string_len("address", 256));
    placed(&mut create, backend);
    create
        .col(double("latitude"))
        .col(double("longitude"))
        .col(integer("capacity"))
        .col(integer_null("manager_user_id"))
        .foreign_key(
            ForeignKey::create()
                .from("facility", "manager_user_id")
                .to("app_user", "id")
                .on_delete(ForeignKeyAction::Restrict),
        )
        .col(string_len("status", 16))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .check(Expr::col("capacity").gte(0))
        .check(Expr::col("latitude").between(-90.0, 90.0))
        .check(Expr::col("longitude").between(-180.0, 180.0))
        .check(Expr::col("status").is_in(["OPEN", "CLOSED"]))
        .to_owned()
}
