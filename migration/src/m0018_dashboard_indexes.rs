//! Indexes the dashboard groups read through (issue 9): each figure counts the rows of
//! one kind under an area, so each table a figure counts needs its area path first in
//! a b-tree; without them the volunteers and governance groups scanned every row of
//! the district for one street. Request events are looked up by request and action
//! (escalated, resolved in time), and earlier requests about the same place and
//! category by place, category and time (repeat complaints).

use sea_orm_migration::prelude::*;

use crate::schema_helpers::{drop_index, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0018_dashboard_indexes"
    }
}

/// (table, columns) of every index this migration adds.
const INDEXES: [(&str, &[&str]); 7] = [
    ("visit_household", &["area_path", "visited_at"]),
    ("activity_participation", &["area_path", "status"]),
    ("points_entry", &["area_path", "at"]),
    ("request_supervision", &["area_path", "issued_at"]),
    ("request_event", &["request_id", "action", "at"]),
    ("request_event", &["action", "request_id"]),
    ("request", &["area_path", "category_id", "submitted_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in INDEXES {
            manager.create_index(index(table, columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns) in INDEXES {
            manager.drop_index(drop_index(table, columns)).await?;
        }
        Ok(())
    }
}
