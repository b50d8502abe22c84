//! Rollups of the requests per street and day of submission (issue 9): at city scale
//! the district dashboard's requests group and its three breakdowns read 538,000
//! requests (and, for escalations and extensions, millions of events) for every
//! period. Kept like m0020's, by triggers in the writer's transaction.
//! - `rollup_request_days`: per street and day (China Standard Time), the requests
//!   submitted and how many of them meet each of the dashboard's additive sums
//!   (`service::dashboard::request_sums`), worded here as there.
//! - `rollup_request_cells`: per street, day, category, channel and level, the
//!   submitted, closed and solved of the three breakdowns.
//!
//! Two of the sums look at other tables: a request was escalated if it has an ESCALATE
//! event, extended if it has an extension request. Both become columns of the request
//! (`was_escalated`, `was_extended`), kept by triggers on the events and extensions,
//! so the rollups follow the request rows alone (a flag that moves is an update of
//! the request, which its own triggers count). They are the database's bookkeeping:
//! the request entity does not carry them and the dashboard's row path still looks
//! at the events and extensions, so the two paths stay independent.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::rollup::{Derive, Rollup, statement_triggers, trigger_drops};
use crate::schema_helpers::{drop_index, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0022_request_rollups"
    }
}

const CLOSED: &str = "{row}.\"status\" IN ('CLOSED_RESOLVED', 'CLOSED_UNRESOLVED')";

const ROLLUPS: [Rollup; 2] = [
    Rollup {
        table: "rollup_request_days",
        source: "request",
        keys: &[
            ("street_path", "area_path", Derive::PathPrefix(2)),
            ("day", "submitted_at", Derive::Day),
        ],
        count: "submitted",
        flags: &[
            ("responded", "{row}.\"status\" <> 'SUBMITTED'", "1"),
            ("closed", CLOSED, "1"),
            ("solved", "{row}.\"status\" = 'CLOSED_RESOLVED'", "1"),
            (
                "evaluated",
                "{row}.\"satisfaction\" IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')",
                "1",
            ),
            (
                "satisfied",
                "{row}.\"satisfaction\" IN ('SATISFIED', 'BASICALLY_SATISFIED')",
                "1",
            ),
            (
                "on_time",
                "{row}.\"status\" IN ('CLOSED_RESOLVED', 'CLOSED_UNRESOLVED') \
                 AND {row}.\"first_resolved_at\" <= {row}.\"handle_due_at\"",
                "1",
            ),
            ("escalated", "{row}.\"was_escalated\" = TRUE", "1"),
            ("reworked", "{row}.\"rework_count\" > 0", "1"),
            ("extended", "{row}.\"was_extended\" = TRUE", "1"),
            ("repeated", "{row}.\"is_repeat\" = TRUE", "1"),
            (
                "closed_below",
                "{row}.\"status\" IN ('CLOSED_RESOLVED', 'CLOSED_UNRESOLVED') \
                 AND {row}.\"level\" IN ('BUILDING', 'GRID')",
                "1",
            ),
            (
                "closed_within",
                "{row}.\"status\" IN ('CLOSED_RESOLVED', 'CLOSED_UNRESOLVED') \
                 AND {row}.\"level\" IN ('BUILDING', 'GRID', 'COMMUNITY')",
                "1",
            ),
        ],
        reads: &[
            "status",
            "satisfaction",
            "first_resolved_at",
            "handle_due_at",
            "was_escalated",
            "rework_count",
            "was_extended",
            "is_repeat",
            "level",
        ],
    },
    Rollup {
        table: "rollup_request_cells",
        source: "request",
        keys: &[
            ("street_path", "area_path", Derive::PathPrefix(2)),
            ("day", "submitted_at", Derive::Day),
            ("category_id", "category_id", Derive::Id),
            ("channel", "channel", Derive::Code),
            ("level", "level", Derive::Code),
        ],
        count: "submitted",
        flags: &[
            ("closed", CLOSED, "1"),
            ("solved", "{row}.\"status\" = 'CLOSED_RESOLVED'", "1"),
        ],
        reads: &["status"],
    },
];

/// (flag column on the request, the table whose rows set it, the condition on them,
/// with `{row}` where a row's qualifier goes).
const FLAGS: [(&str, &str, &str); 2] = [
    (
        "was_escalated",
        "request_event",
        "{row}.\"action\" = 'ESCALATE'",
    ),
    ("was_extended", "request_extension", "TRUE"),
];

/// The period's edge days are counted from the rows: by time first, then the area.
const EDGE_INDEX: (&str, &[&str]) = ("request", &["submitted_at", "area_path"]);

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        for (flag, source, condition) in FLAGS {
            manager
                .alter_table(
                    Table::alter()
                        .table("request")
                        .add_column(boolean(flag).default(false).to_owned())
                        .to_owned(),
                )
                .await?;
            db.execute_unprepared(&format!(
                r#"UPDATE "request" SET "{flag}" = TRUE WHERE {}"#,
                has(source, condition)
            ))
            .await?;
            for statement in flag_triggers(backend, flag, source, condition) {
                db.execute_unprepared(&statement).await?;
            }
        }
        for rollup in &ROLLUPS {
            rollup.up(manager).await?;
        }
        let (table, columns) = EDGE_INDEX;
        manager.create_index(index(table, columns)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let (table, columns) = EDGE_INDEX;
        manager.drop_index(drop_index(table, columns)).await?;
        for rollup in ROLLUPS.iter().rev() {
            rollup.down(manager).await?;
        }
        for (flag, source, _) in FLAGS.iter().rev() {
            for statement in trigger_drops(backend, &format!("request_{flag}"), source) {
                manager
                    .get_connection()
                    .execute_unprepared(&statement)
                    .await?;
            }
            manager
                .alter_table(
                    Table::alter()
                        .table("request")
                        .drop_column(*flag)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Whether the request has a row of `source` meeting `condition`.
fn has(source: &str, condition: &str) -> String {
    let condition = condition.replace("{row}", &format!(r#""{source}""#));
    format!(
        r#"EXISTS (SELECT 1 FROM "{source}" WHERE "{source}"."request_id" = "request"."id" AND {condition})"#
    )
}

/// `UPDATE` the flag of the requests whose ids `ids` selects to what their rows say,
/// touching only those where it changes (each change is counted by the rollups).
fn refresh(flag: &str, source: &str, condition: &str, ids: &str) -> String {
    format!(
        r#"UPDATE "request" SET "{flag}" = NOT "{flag}"
           WHERE "request"."id" IN ({ids}) AND "{flag}" <> {}"#,
        has(source, condition)
    )
}

/// The triggers keeping `flag` on the request from the rows of `source`.
fn flag_triggers(
    backend: DatabaseBackend,
    flag: &str,
    source: &str,
    condition: &str,
) -> Vec<String> {
    let name = format!("request_{flag}");
    match backend {
        DatabaseBackend::Postgres => {
            let ids = |rows: &str| {
                let condition = condition.replace("{row}", &format!(r#""{rows}""#));
                format!(r#"SELECT "request_id" FROM "{rows}" WHERE {condition}"#)
            };
            let refresh = |ids: String| refresh(flag, source, condition, &ids);
            statement_triggers(
                &name,
                source,
                [
                    refresh(ids("new_rows")),
                    refresh(ids("old_rows")),
                    refresh(format!("{} UNION {}", ids("new_rows"), ids("old_rows"))),
                ],
            )
        }
        _ => {
            let on = |row: &str| condition.replace("{row}", row);
            vec![
                format!(
                    r#"CREATE TRIGGER "{name}_insert" AFTER INSERT ON "{source}"
                       WHEN {} BEGIN {}; END"#,
                    on("NEW"),
                    refresh(flag, source, condition, r#"NEW."request_id""#)
                ),
                format!(
                    r#"CREATE TRIGGER "{name}_delete" AFTER DELETE ON "{source}"
                       WHEN {} BEGIN {}; END"#,
                    on("OLD"),
                    refresh(flag, source, condition, r#"OLD."request_id""#)
                ),
                format!(
                    r#"CREATE TRIGGER "{name}_update" AFTER UPDATE ON "{source}"
                       BEGIN {}; END"#,
                    refresh(
                        flag,
                        source,
                        condition,
                        r#"OLD."request_id", NEW."request_id""#
                    )
                ),
            ]
        }
    }
}
