//! Rollups kept by database triggers: a count of a table's rows per key derived from
//! each row, created, filled from the rows as they stand, and kept by triggers on
//! both databases (see m0020 for why triggers). Shared by the migrations that add
//! one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::schema_helpers::path_column;

/// How a key of a rollup is computed from a source row's column.
#[derive(Clone, Copy)]
pub enum Derive {
    /// The first `n` segments of a materialised path (`1/3/20/` is 3 of `1/3/20/200/`).
    PathPrefix(usize),
    /// `YYYY-MM` of a date.
    Month,
}

/// A count of the rows of `source`, kept per key.
pub struct Rollup {
    pub table: &'static str,
    pub source: &'static str,
    /// (key column, source column, how the key is derived from it).
    pub keys: &'static [(&'static str, &'static str, Derive)],
    pub count: &'static str,
}

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

    pub fn create_table(&self, backend: DatabaseBackend) -> TableCreateStatement {
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

    pub fn backfill(&self, backend: DatabaseBackend) -> String {
        let source = self.source;
        self.add(&format!(
            r#"SELECT {}, 1 AS "n" FROM "{source}""#,
            self.keys_of(backend, &format!(r#""{source}""#))
        ))
    }

    /// The statements that create the triggers keeping the rollup.
    pub fn triggers(&self, backend: DatabaseBackend) -> Vec<String> {
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

    pub fn drops(&self, backend: DatabaseBackend) -> Vec<String> {
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

impl Rollup {
    /// Create the rollup, fill it and start its triggers.
    pub async fn up(&self, manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager.create_table(self.create_table(backend)).await?;
        let db = manager.get_connection();
        db.execute_unprepared(&self.backfill(backend)).await?;
        for trigger in self.triggers(backend) {
            db.execute_unprepared(&trigger).await?;
        }
        Ok(())
    }

    pub async fn down(&self, manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        for drop in self.drops(manager.get_database_backend()) {
            manager.get_connection().execute_unprepared(&drop).await?;
        }
        Ok(())
    }
}
