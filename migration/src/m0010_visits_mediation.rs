//! Grid workers' visit records (走访记录): a visit by one worker to households of one
//! grid, the households it reached (a link table), and its findings, each tagged with
//! one of the grid worker's five duties and able to open at most one request.
//! Every row carries the visit's grid path as `area_path`, so all three are scoped
//! alike. Then the mediation cases (`m0010_mediation`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{fk, index, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0010_visits_mediation"
    }
}

/// The five duties of a grid worker (网格员五大职责), as stored.
const DUTIES: [&str; 5] = [
    "COLLECT_SENTIMENT",
    "PUBLICISE_POLICY",
    "MEDIATE_DISPUTES",
    "CONVENIENCE_SERVICE",
    "SUPERVISION",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(visit(backend)).await?;
        for columns in [&["area_path"][..], &["worker_user_id"], &["visited_at"]] {
            manager.create_index(index("visit", columns)).await?;
        }
        manager.create_table(visit_household(backend)).await?;
        manager
            .create_index(
                index("visit_household", &["visit_id", "household_id"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("visit_household", &["household_id", "id"]))
            .await?;
        manager.create_table(visit_finding(backend)).await?;
        manager
            .create_index(index("visit_finding", &["visit_id", "id"]))
            .await?;
        // A finding opens at most one request; the unique index is the last word when
        // two attempts race.
        manager
            .create_index(index("visit_finding", &["request_id"]).unique().to_owned())
            .await?;
        crate::m0010_mediation::up(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::m0010_mediation::down(manager).await?;
        for table in ["visit_finding", "visit_household", "visit"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn visit(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("visit")
        .col(pk_auto("id"))
        .col(integer("worker_user_id"))
        .foreign_key(&mut fk("visit", "worker_user_id", "app_user"))
        .col(integer("grid_id"))
        .foreign_key(&mut fk("visit", "grid_id", "grid"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("visited_at"))
        .col(timestamp_with_time_zone("created_at"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}

fn visit_household(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("visit_household")
        .col(pk_auto("id"))
        .col(integer("visit_id"))
        .foreign_key(&mut fk("visit_household", "visit_id", "visit"))
        .col(integer("household_id"))
        .foreign_key(&mut fk("visit_household", "household_id", "household"))
        .col(path_column(backend, "area_path"))
        .col(timestamp_with_time_zone("visited_at"))
        .to_owned()
}

fn visit_finding(backend: DatabaseBackend) -> TableCreateStatement {
    Table::create()
        .table("visit_finding")
        .col(pk_auto("id"))
        .col(integer("visit_id"))
        .foreign_key(&mut fk("visit_finding", "visit_id", "visit"))
        .col(path_column(backend, "area_path"))
        .col(string_len("duty", 24))
        .check(Expr::col("duty").is_in(DUTIES))
        .col(string_len("note", 2000))
        .col(integer_null("request_id"))
        .foreign_key(&mut fk("visit_finding", "request_id", "request"))
        .col(integer("version").default(1))
        .check(Expr::col("version").gt(0))
        .to_owned()
}
