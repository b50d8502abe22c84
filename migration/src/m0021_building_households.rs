//! Households per building, kept like m0020's rollups: the dashboard's 15-minute
//! facility coverage weighs each building by its households, and at city scale
//! counting them per unit took 1.1 s for the district (1.9M households), where the
//! rollup holds one row per building (40,000).

use sea_orm_migration::prelude::*;

use crate::rollup::{Derive, Rollup};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0021_building_households"
    }
}

const BUILDING_HOUSEHOLDS: Rollup = Rollup {
    table: "rollup_building_households",
    source: "household",
    keys: &[("building_path", "path", Derive::PathPrefix(5))],
    count: "households",
    flags: &[],
    reads: &[],
};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        BUILDING_HOUSEHOLDS.up(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        BUILDING_HOUSEHOLDS.down(manager).await
    }
}
