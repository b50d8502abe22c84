//! Co-building's alliance memberships and the three lists (三张清单): needs, resources
//! and projects with their milestones. Every row carries the path of the area it is
//! placed in (`area_path`), so all are scoped alike; the database itself refuses a
//! negative quantity, a reversed availability window, progress outside 0–100 and a
//! claimed need without its unit. Then honours (荣誉), nominated by one keeper and
//! decided by another.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0012_three_lists"
    }
}

const CATEGORIES: [&str; 11] = [
    "ELDERLY_CARE",
    "CHILD_CARE",
    "HEALTH",
    "EDUCATION",
    "EMPLOYMENT",
    "LEGAL_AID",
    "ENVIRONMENT",
    "CULTURE",
    "FACILITIES",
    "HARDSHIP_RELIEF",
    "OTHER",
];

const TABLES: [&str; 7] = [
    "honour",
    "milestone",
    "project_resource",
    "need_item",
    "resource_item",
    "project",
    "alliance_membership",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(alliance(backend)).await?;
        let mut unique = index("alliance_membership", &["unit_id", "area_kind", "area_id"]);
        manager.create_index(unique.unique().to_owned()).await?;
        manager.create_table(project(backend)).await?;
        manager.create_table(resource_item(backend)).await?;
        manager.create_table(need_item(backend)).await?;
        manager.create_table(project_resource(backend)).await?;
        let mut unique = index("project_resource", &["project_id", "resource_id"]);
        manager.create_index(unique.unique().to_owned()).await?;
        manager.create_table(milestone(backend)).await?;
        manager.create_table(honour(backend)).await?;
        for table in TABLES {
            manager.create_index(index(table, &["area_path"])).await?;
        }
        for (table, columns) in [
            ("need_item", &["status", "category"][..]),
            ("need_item", &["claimed_by_unit_id"]),
            ("need_item", &["community_id", "status"]),
            ("need_item", &["project_id"]),
            ("resource_item", &["unit_id", "category"]),
            ("milestone", &["project_id", "id"]),
        ] {
            manager.create_index(index(table, columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The columns of a row placed in an area: kind, id and path.
fn placed(create: &mut TableCreateStatement, backend: DatabaseBackend, kinds: &[&'static str]) {
    create
        .col(string_len("area_kind", 16))
        .col(integer("area_id"))
        .col(path_column(backend, "area_path"))
        .check(Expr::col("area_kind").is_in(kinds.iter().copied()));
}

fn versioned(create: &mut TableCreateStatement) {
    create
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0));
}

fn alliance(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("alliance_membership")
        .col(pk_auto("id"))
        .col(integer("unit_id"))
        .foreign_key(&mut fk(
            "alliance_membership",
            "unit_id",
            "co_building_unit",
        ));
    placed(&mut create, backend, &["street", "community"]);
    create
        .col(date("joined_on"))
        .col(date_null("left_on"))
        .col(string_len_null("agreement", 200))
        .col(timestamp_with_time_zone("created_at"))
        .check(
            Expr::col("left_on")
                .is_null()
                .or(Expr::col("left_on").gte(Expr::col("joined_on"))),
        );
    versioned(&mut create);
    create.to_owned()
}

fn project(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("project")
        .col(pk_auto("id"))
        .col(string_len("name", 128))
        .col(integer("owner_unit_id"))
        .foreign_key(&mut fk("project", "owner_unit_id", "co_building_unit"));
    placed(&mut create, backend, &["street", "community", "grid"]);
    create
        .col(string_len("status", 16))
        .col(integer("progress").default(0))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .check(Expr::col("status").is_in(["ACTIVE", "COMPLETED"]))
        .check(Expr::col("progress").between(0, 100));
    versioned(&mut create);
    create.to_owned()
}

fn resource_item(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("resource_item")
        .col(pk_auto("id"))
        .col(integer("unit_id"))
        .foreign_key(&mut fk("resource_item", "unit_id", "co_building_unit"))
        .col(path_column(backend, "area_path"))
        .col(string_len("resource_type", 16))
        .col(string_len("category", 24))
        .col(string_len("description", 500))
        .col(integer("quantity"))
        .col(integer_null("capacity"))
        .col(timestamp_with_time_zone("available_from"))
        .col(timestamp_with_time_zone("available_to"))
        .col(timestamp_with_time_zone("created_at"))
        .check(Expr::col("category").is_in(CATEGORIES))
        .check(Expr::col("quantity").gte(0))
        .check(
            Expr::col("capacity")
                .is_null()
                .or(Expr::col("capacity").gte(0)),
        )
        .check(Expr::col("available_from").lte(Expr::col("available_to")));
    versioned(&mut create);
    create.to_owned()
}

fn need_item(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create.table("need_item").col(pk_auto("id"));
    placed(&mut create, backend, &["community", "grid"]);
    create
        .col(integer("community_id"))
        .foreign_key(&mut fk("need_item", "community_id", "community"))
        .col(integer_null("request_id"))
        .foreign_key(&mut fk("need_item", "request_id", "request"))
        .col(string_len("category", 24))
        .col(string_len("title", 128))
        .col(string_len("description", 2000))
        .col(integer("beneficiaries"))
        .col(string_len("status", 16))
        .col(integer_null("claimed_by_unit_id"))
        .foreign_key(&mut fk(
            "need_item",
            "claimed_by_unit_id",
            "co_building_unit",
        ))
        .col(timestamp_with_time_zone_null("claimed_at"))
        .col(integer_null("project_id"))
        .foreign_key(&mut fk("need_item", "project_id", "project"))
        .col(integer_null("created_by_user_id"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .check(Expr::col("category").is_in(CATEGORIES))
        .check(Expr::col("beneficiaries").gte(0))
        .check(Expr::col("status").is_in(["OPEN", "CLAIMED", "FULFILLED", "WITHDRAWN"]))
        // An open need has no unit yet; a claimed or fulfilled one has its unit.
        .check(
            Expr::col("status")
                .ne("OPEN")
                .or(Expr::col("claimed_by_unit_id").is_null()),
        )
        .check(
            Expr::col("status")
                .is_not_in(["CLAIMED", "FULFILLED"])
                .or(Expr::col("claimed_by_unit_id").is_not_null()),
        );
    versioned(&mut create);
    create.to_owned()
}

fn project_resource(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("project_resource")
        .col(pk_auto("id"))
        .col(integer("project_id"))
        .foreign_key(&mut fk("project_resource", "project_id", "project"))
        .col(integer("resource_id"))
        .foreign_key(&mut fk("project_resource", "resource_id", "resource_item"))
        .col(path_column(backend, "area_path"))
        .to_owned()
}

fn milestone(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("milestone")
        .col(pk_auto("id"))
        .col(integer("project_id"))
        .foreign_key(&mut fk("milestone", "project_id", "project"))
        .col(path_column(backend, "area_path"))
        .col(string_len("title", 128))
        .col(date_null("due_on"))
        .col(integer("progress").default(0))
        .col(timestamp_with_time_zone("updated_at"))
        .check(Expr::col("progress").between(0, 100));
    versioned(&mut create);
    create.to_owned()
}

fn honour(backend: DatabaseBackend) -> TableCreateStatement {
    let mut create = Table::create();
    create
        .table("honour")
        .col(pk_auto("id"))
        .col(integer("resident_id"))
        .foreign_key(&mut fk("honour", "resident_id", "resident"))
        .col(path_column(backend, "area_path"))
        .col(string_len("title", 64))
        .col(string_len("reason", 500))
        .col(string_len("status", 16))
        .col(integer("nominated_by_user_id"))
        .col(integer_null("decided_by_user_id"))
        .col(timestamp_with_time_zone_null("decided_at"))
        .col(timestamp_with_time_zone("created_at"))
        .check(Expr::col("status").is_in(["NOMINATED", "APPROVED", "REJECTED"]))
        // The second person: whoever decides did not nominate.
        .check(
            Expr::col("decided_by_user_id")
                .is_null()
                .or(Expr::col("decided_by_user_id").ne(Expr::col("nominated_by_user_id"))),
        );
    versioned(&mut create);
    create.to_owned()
}
