//! Points earned and redeemed per street and day (China Standard Time), kept like
//! m0022's request rollups: the dashboard's volunteers group sums the ledger entries
//! of its period, and at city scale the district's entries are millions. The ledger
//! is append-only, so the triggers see inserts alone (the others are kept for a
//! hand-made fix that lifts the guard).

use sea_orm_migration::prelude::*;

use crate::rollup::{Derive, Rollup};
use crate::schema_helpers::{drop_index, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0023_points_rollups"
    }
}

/// As `service::dashboard::volunteers` words them: points issued are the EARN
/// entries' available change, points redeemed the REDEEM entries' held change,
/// negated (a redemption spends held points).
const POINTS_DAYS: Rollup = Rollup {
    table: "rollup_points_days",
    source: "points_entry",
    keys: &[
        ("street_path", "area_path", Derive::PathPrefix(2)),
        ("day", "at", Derive::Day),
    ],
    count: "entries",
    flags: &[
        ("issued", "{row}.\"kind\" = 'EARN'", "{row}.\"amount\""),
        (
            "redeemed",
            "{row}.\"kind\" = 'REDEEM'",
            "0 - {row}.\"held_amount\"",
        ),
    ],
    reads: &["kind", "amount", "held_amount"],
};

/// The period's edge days are counted from the entries: by time first, then the area.
const EDGE_INDEX: (&str, &[&str]) = ("points_entry", &["at", "area_path"]);

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        POINTS_DAYS.up(manager).await?;
        let (table, columns) = EDGE_INDEX;
        manager.create_index(index(table, columns)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let (table, columns) = EDGE_INDEX;
        manager.drop_index(drop_index(table, columns)).await?;
        POINTS_DAYS.down(manager).await
    }
}
