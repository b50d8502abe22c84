//! Rollups the dashboard reads instead of the rows at city scale (issue 9): at ten
//! times the district, counting the residents and households of the district row by
//! row took most of a dashboard's 2.9 s.
//! - `rollup_resident_births`: residents per street and month of birth. Per grid it
//!   would hold nearly a row per resident (a grid's thousand people are spread over a
//!   thousand months); per street, a district of 50 streets is some 55,000 rows. The
//!   month boundary of an age threshold is counted from the rows (`birth_date` first
//!   in an index, so that count reads one month of births).
//! - `rollup_grid_households`: households per grid, for the household counts of every
//!   group and the grids outside their standard size.
//!
//! Database triggers keep them, so every writer (the seed, the services, an import, a
//! hand-made fix) moves them in the same transaction as the rows: a rollup cannot be
//! forgotten by a new code path. On PostgreSQL a statement-level trigger adds up a
//! whole batch (transition tables) and upserts once per key, so a seed's batch of a
//! thousand residents costs a few upserts, not a thousand; SQLite has row triggers
//! only. The up migration fills both from the rows as they stand.

use sea_orm_migration::prelude::*;

use crate::rollup::{Derive, Rollup};
use crate::schema_helpers::{drop_index, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0020_rollups"
    }
}

const ROLLUPS: [Rollup; 2] = [
    Rollup {
        table: "rollup_resident_births",
        source: "resident",
        keys: &[
            ("street_path", "area_path", Derive::PathPrefix(2)),
            ("birth_month", "birth_date", Derive::Month),
        ],
        count: "residents",
        flags: &[],
        reads: &[],
    },
    Rollup {
        table: "rollup_grid_households",
        source: "household",
        keys: &[("grid_path", "path", Derive::PathPrefix(4))],
        count: "households",
        flags: &[],
        reads: &[],
    },
];

/// Counting the residents born in one month under an area reads that month's births.
const BIRTHS_INDEX: (&str, &[&str]) = ("resident", &["birth_date", "area_path"]);

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for rollup in &ROLLUPS {
            rollup.up(manager).await?;
        }
        let (table, columns) = BIRTHS_INDEX;
        manager.create_index(index(table, columns)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let (table, columns) = BIRTHS_INDEX;
        manager.drop_index(drop_index(table, columns)).await?;
        for rollup in ROLLUPS.iter().rev() {
            rollup.down(manager).await?;
        }
        Ok(())
    }
}
