//! Performance evaluation (绩效评估): the weight and target of each indicator an area
//! level (STREET, COMMUNITY, GRID) is scored on in a period (`2026`, `2026-Q2`,
//! `2026-06`). One row per (level, period, indicator); weights are points out of 100.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::schema_helpers::fk;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0017_evaluation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(weight()).await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_evaluation_weight_level_period_indicator")
                    .table("evaluation_weight")
                    .col("level")
                    .col("period")
                    .col("indicator")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("evaluation_weight").to_owned())
            .await
    }
}

fn weight() -> TableCreateStatement {
    Table::create()
        .table("evaluation_weight")
        .col(pk_auto("id"))
        .col(string_len("level", 16))
        .col(string_len("period", 16))
        .col(string_len("indicator", 40))
        .col(integer("weight"))
        .col(integer("target_percent"))
        .col(integer("set_by"))
        .foreign_key(&mut fk("evaluation_weight", "set_by", "app_user"))
        .col(timestamp_with_time_zone("set_at"))
        .check(Expr::col("level").is_in(["STREET", "COMMUNITY", "GRID"]))
        .check(Expr::col("weight").between(1, 100))
        .check(Expr::col("target_percent").between(0, 100))
        .to_owned()
}
