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
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::{index, index_name, path_column};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0020_rollups"
    }
}

/// How a key of a rollup is computed from a source row's column.
#[derive(Clone, Copy)]
enum Derive {
    /// The first `n` segments of a materialised path (`1/3/20/` is 3 of `1/3/20/200/`).
    PathPrefix(usize),
    /// `YYYY-MM` of a date.
    Month,
}

/// A count of the rows of `source`, kept per key.
struct Rollup {
    table: &'static str,
    source: &'static str,
    /// (key column, source column, how the key is derived from it).
    keys: &'static [(&'static str, &'static str, Derive)],
    count: &'static str,
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
    },
    Rollup {
        table: "rollup_grid_households",
        source: "household",
        keys: &[("grid_path", "path", Derive::PathPrefix(4))],
        count: "households",
    },
];

/// Counting the residents born in one month under an area reads that month's births.
const BIRTHS_INDEX: (&str, &[&str]) = ("resident", &["birth_date", "area_path"]);

impl Derive {
    /// The key as SQL over `column` (already qualified and quoted).
    fn sql(self, backend: DatabaseBackend, column: &str) -> String {
        match (self, backend) {
            (Derive::Month, DatabaseBackend::Postgres) => format!("to_char({column}, 'YYYY-MM')"),
            // SQLite keeps dates as `YYYY-MM-DD` text.
            (Derive::Month, _) => format!("substr({column}, 1, 7)"),
            (Derive::PathPrefix(n), DatabaseBackend::Postgres) => (1..=n)
                .map(|segment| format!("split_part({column}, '/', {segment}) || '/'"))
                .collect::<Vec<_>>()
                .join(" || "),
            (Derive::PathPrefix(n), _) => {
                // The length up to the n-th '/': each step finds the next one after
                // the last (SQLite has no split function).
                let mut end = format!("instr({column}, '/')");
                for _ in 1..n {
                    end = format!("({end} + instr(substr({column}, {end} + 1), '/'))");
                }
                format!("substr({column}, 1, {end})")
            }
        }
    }
}

impl Rollup {
    fn key_columns(&self) -> String {
        self.keys
            .iter()
            .map(|(key, _, _)| format!(r#""{key}""#))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The keys of a source row as SQL, each named after its key column; `row` is
    /// the row's qualifier (`NEW`, `OLD`, a table).
    fn keys_of(&self, backend: DatabaseBackend, row: &str) -> String {
        self.keys
            .iter()
            .map(|(key, column, derive)| {
                format!(
                    r#"{} AS "{key}""#,
                    derive.sql(backend, &format!(r#"{row}."{column}""#))
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `INSERT … SELECT` the rows of `counted` (keys and a signed `n` per row) added
    /// up per key into the rollup. (`WHERE true`: SQLite could read the `ON` of the
    /// upsert as a join's.)
    fn add(&self, counted: &str) -> String {
        let (table, keys, count) = (self.table, self.key_columns(), self.count);
        format!(
            r#"INSERT INTO "{table}" AS "rollup" ({keys}, "{count}")
               SELECT {keys}, SUM("n") FROM ({counted}) AS "delta" WHERE true
               GROUP BY {keys} HAVING SUM("n") <> 0 ORDER BY {keys}
               ON CONFLICT ({keys}) DO UPDATE
               SET "{count}" = "rollup"."{count}" + EXCLUDED."{count}""#
        )
    }

    fn create_table(&self, backend: DatabaseBackend) -> TableCreateStatement {
        let mut create = Table::create();
        create.table(self.table);
        let mut primary = Index::create();
        for (key, _, derive) in self.keys {
            match derive {
                Derive::PathPrefix(_) => create.col(path_column(backend, key)),
                Derive::Month => create.col(ColumnDef::new(*key).string_len(7).not_null()),
            };
            primary.col(*key);
        }
        create
            .col(ColumnDef::new(self.count).big_integer().not_null())
            .primary_key(&mut primary)
            .to_owned()
    }

    fn backfill(&self, backend: DatabaseBackend) -> String {
        let source = self.source;
        self.add(&format!(
            r#"SELECT {}, 1 AS "n" FROM "{source}""#,
            self.keys_of(backend, &format!(r#""{source}""#))
        ))
    }

    /// The statements that create the triggers keeping the rollup.
    fn triggers(&self, backend: DatabaseBackend) -> Vec<String> {
        let (table, source) = (self.table, self.source);
        match backend {
            DatabaseBackend::Postgres => {
                let counted = |rows: &str, n: i32| {
                    format!(
                        r#"SELECT {}, {n} AS "n" FROM "{rows}""#,
                        self.keys_of(backend, &format!(r#""{rows}""#))
                    )
                };
                let function = format!(
                    r#"CREATE FUNCTION "{table}_keep"() RETURNS trigger LANGUAGE plpgsql AS $body$
                    BEGIN
                      IF TG_OP = 'INSERT' THEN
                        {insert};
                      ELSIF TG_OP = 'DELETE' THEN
                        {delete};
                      ELSE
                        {update};
                      END IF;
                      RETURN NULL;
                    END
                    $body$"#,
                    insert = self.add(&counted("new_rows", 1)),
                    delete = self.add(&counted("old_rows", -1)),
                    update = self.add(&format!(
                        "{} UNION ALL {}",
                        counted("new_rows", 1),
                        counted("old_rows", -1)
                    )),
                );
                // A trigger with transition tables has one event.
                let trigger = |event: &str, referencing: &str| {
                    format!(
                        r#"CREATE TRIGGER "{table}_{}" AFTER {event} ON "{source}"
                           REFERENCING {referencing} FOR EACH STATEMENT
                           EXECUTE FUNCTION "{table}_keep"()"#,
                        event.to_lowercase()
                    )
                };
                vec![
                    function,
                    trigger("INSERT", r#"NEW TABLE AS "new_rows""#),
                    trigger("DELETE", r#"OLD TABLE AS "old_rows""#),
                    trigger(
                        "UPDATE",
                        r#"OLD TABLE AS "old_rows" NEW TABLE AS "new_rows""#,
                    ),
                ]
            }
            _ => {
                let (keys, count) = (self.key_columns(), self.count);
                let upsert = |row: &str, n: i32| {
                    let values = self
                        .keys
                        .iter()
                        .map(|(_, column, derive)| {
                            derive.sql(backend, &format!(r#"{row}."{column}""#))
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!(
                        r#"INSERT INTO "{table}" ({keys}, "{count}") VALUES ({values}, {n})
                           ON CONFLICT ({keys}) DO UPDATE
                           SET "{count}" = "{count}" + excluded."{count}";"#
                    )
                };
                let watched = self
                    .keys
                    .iter()
                    .map(|(_, column, _)| format!(r#""{column}""#))
                    .collect::<Vec<_>>()
                    .join(", ");
                vec![
                    format!(
                        r#"CREATE TRIGGER "{table}_insert" AFTER INSERT ON "{source}"
                           BEGIN {} END"#,
                        upsert("NEW", 1)
                    ),
                    format!(
                        r#"CREATE TRIGGER "{table}_delete" AFTER DELETE ON "{source}"
                           BEGIN {} END"#,
                        upsert("OLD", -1)
                    ),
                    format!(
                        r#"CREATE TRIGGER "{table}_update" AFTER UPDATE OF {watched} ON "{source}"
                           BEGIN {} {} END"#,
                        upsert("OLD", -1),
                        upsert("NEW", 1)
                    ),
                ]
            }
        }
    }

    fn drops(&self, backend: DatabaseBackend) -> Vec<String> {
        let (table, source) = (self.table, self.source);
        let mut drops: Vec<String> = ["insert", "delete", "update"]
            .iter()
            .map(|event| match backend {
                DatabaseBackend::Postgres => {
                    format!(r#"DROP TRIGGER IF EXISTS "{table}_{event}" ON "{source}""#)
                }
                _ => format!(r#"DROP TRIGGER IF EXISTS "{table}_{event}""#),
            })
            .collect();
        if backend == DatabaseBackend::Postgres {
            drops.push(format!(r#"DROP FUNCTION IF EXISTS "{table}_keep"()"#));
        }
        drops.push(format!(r#"DROP TABLE IF EXISTS "{table}""#));
        drops
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        for rollup in &ROLLUPS {
            manager.create_table(rollup.create_table(backend)).await?;
            db.execute_unprepared(&rollup.backfill(backend)).await?;
            for trigger in rollup.triggers(backend) {
                db.execute_unprepared(&trigger).await?;
            }
        }
        let (table, columns) = BIRTHS_INDEX;
        manager.create_index(index(table, columns)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let (table, columns) = BIRTHS_INDEX;
        manager
            .drop_index(
                Index::drop()
                    .name(index_name(table, columns))
                    .table(table)
                    .to_owned(),
            )
            .await?;
        for rollup in ROLLUPS.iter().rev() {
            for drop in rollup.drops(backend) {
                manager.get_connection().execute_unprepared(&drop).await?;
            }
        }
        Ok(())
    }
}
