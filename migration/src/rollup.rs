//! Rollups kept by database triggers: a count of a table's rows per key derived from
//! each row (and, beside it, counts of the rows meeting conditions), created, filled
//! from the rows as they stand, and kept by triggers on both databases (see m0020 for
//! why triggers). Shared by the migrations that add one.

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
    /// The column as it is: a whole number (an id).
    Id,
    /// The column as it is: a short code (an enum's stored string).
    Code,
    /// `YYYY-MM-DD` of an instant in China Standard Time (UTC+8, Asia/Shanghai's offset
    /// since 1991): the day a dashboard's period is split by.
    Day,
}

/// A count of the rows of `source`, kept per key.
pub struct Rollup {
    pub table: &'static str,
    pub source: &'static str,
    /// (key column, source column, how the key is derived from it).
    pub keys: &'static [(&'static str, &'static str, Derive)],
    pub count: &'static str,
    /// Further columns: (column, condition over the source row as SQL, value), each
    /// the sum of the value over the rows of its key meeting the condition (a count
    /// where the value is `1`); `{row}` stands where the row's qualifier goes.
    pub flags: &'static [(&'static str, &'static str, &'static str)],
    /// The source columns the flags' conditions read (SQLite's update trigger
    /// watches them with the keys' columns).
    pub reads: &'static [&'static str],
}

impl Derive {
    /// The key as SQL over `column` (already qualified and quoted).
    fn sql(self, backend: DatabaseBackend, column: &str) -> String {
        match (self, backend) {
            (Derive::Month, DatabaseBackend::Postgres) => format!("to_char({column}, 'YYYY-MM')"),
            // SQLite keeps dates as `YYYY-MM-DD` text.
            (Derive::Month, _) => format!("substr({column}, 1, 7)"),
            (Derive::Day, DatabaseBackend::Postgres) => {
                format!("to_char(({column} AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYY-MM-DD')")
            }
            // SQLite keeps instants as RFC 3339 text in UTC. Whole seconds only: its date
            // functions round the fraction to milliseconds, which would carry
            // 23:59:59.9995 into the next day.
            (Derive::Day, _) => format!("date(substr({column}, 1, 19), '+8 hours')"),
            (Derive::Id | Derive::Code, _) => column.to_owned(),
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

    /// The count columns: the rows', then the flags'.
    fn counts(&self) -> Vec<&'static str> {
        let flags = self.flags.iter().map(|(flag, _, _)| *flag);
        std::iter::once(self.count).chain(flags).collect()
    }

    /// The values a source row adds, as SQL: its keys and `n` (1 or -1) for the count,
    /// `n` times its value or 0 for each flag; `row` is the row's qualifier (`NEW`, `OLD`, a table).
    fn values_of(&self, backend: DatabaseBackend, row: &str, n: i32) -> Vec<String> {
        let keys = self
            .keys
            .iter()
            .map(|(_, column, derive)| derive.sql(backend, &format!(r#"{row}."{column}""#)));
        let flags = self.flags.iter().map(|(_, condition, value)| {
            let condition = condition.replace("{row}", row);
            let value = match *value {
                "1" => n.to_string(),
                value => format!("{n} * ({})", value.replace("{row}", row)),
            };
            format!("CASE WHEN {condition} THEN {value} ELSE 0 END")
        });
        keys.chain(std::iter::once(n.to_string()))
            .chain(flags)
            .collect()
    }

    /// `SELECT` the values of the rows of `rows` (a table or transition table), each
    /// named after its rollup column.
    fn counted(&self, backend: DatabaseBackend, rows: &str, n: i32) -> String {
        let names = self
            .keys
            .iter()
            .map(|(key, _, _)| *key)
            .chain(self.counts());
        let values = self
            .values_of(backend, &format!(r#""{rows}""#), n)
            .into_iter()
            .zip(names)
            .map(|(value, name)| format!(r#"{value} AS "{name}""#))
            .collect::<Vec<_>>()
            .join(", ");
        format!(r#"SELECT {values} FROM "{rows}""#)
    }

    /// `INSERT … SELECT` the rows of `counted` (keys and signed counts per row) added
    /// up per key into the rollup. (`WHERE true`: SQLite could read the `ON` of the
    /// upsert as a join's.)
    fn add(&self, counted: &str) -> String {
        let (table, keys) = (self.table, self.key_columns());
        let counts = self.counts();
        let list = |each: &dyn Fn(&str) -> String, by: &str| {
            counts.iter().map(|c| each(c)).collect::<Vec<_>>().join(by)
        };
        let columns = list(&|c| format!(r#""{c}""#), ", ");
        let sums = list(&|c| format!(r#"SUM("{c}")"#), ", ");
        // An update that moves a flag alone leaves the count as it was.
        let moved = list(&|c| format!(r#"SUM("{c}") <> 0"#), " OR ");
        let set = list(
            &|c| format!(r#""{c}" = "rollup"."{c}" + EXCLUDED."{c}""#),
            ", ",
        );
        format!(
            r#"INSERT INTO "{table}" AS "rollup" ({keys}, {columns})
               SELECT {keys}, {sums} FROM ({counted}) AS "delta" WHERE true
               GROUP BY {keys} HAVING {moved} ORDER BY {keys}
               ON CONFLICT ({keys}) DO UPDATE SET {set}"#
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
                Derive::Day => create.col(ColumnDef::new(*key).string_len(10).not_null()),
                Derive::Id => create.col(ColumnDef::new(*key).integer().not_null()),
                Derive::Code => create.col(ColumnDef::new(*key).string_len(24).not_null()),
            };
            primary.col(*key);
        }
        for count in self.counts() {
            create.col(ColumnDef::new(count).big_integer().not_null());
        }
        create.primary_key(&mut primary).to_owned()
    }

    pub fn backfill(&self, backend: DatabaseBackend) -> String {
        self.add(&self.counted(backend, self.source, 1))
    }

    /// The statements that create the triggers keeping the rollup.
    pub fn triggers(&self, backend: DatabaseBackend) -> Vec<String> {
        let (table, source) = (self.table, self.source);
        match backend {
            DatabaseBackend::Postgres => {
                let counted = |rows: &str, n: i32| self.counted(backend, rows, n);
                statement_triggers(
                    table,
                    source,
                    [
                        self.add(&counted("new_rows", 1)),
                        self.add(&counted("old_rows", -1)),
                        self.add(&format!(
                            "{} UNION ALL {}",
                            counted("new_rows", 1),
                            counted("old_rows", -1)
                        )),
                    ],
                )
            }
            _ => {
                let keys = self.key_columns();
                let counts = self.counts();
                let columns = counts
                    .iter()
                    .map(|c| format!(r#""{c}""#))
                    .collect::<Vec<_>>()
                    .join(", ");
                let set = counts
                    .iter()
                    .map(|c| format!(r#""{c}" = "{c}" + excluded."{c}""#))
                    .collect::<Vec<_>>()
                    .join(", ");
                let upsert = |row: &str, n: i32| {
                    let values = self.values_of(backend, row, n).join(", ");
                    format!(
                        r#"INSERT INTO "{table}" ({keys}, {columns}) VALUES ({values})
                           ON CONFLICT ({keys}) DO UPDATE SET {set};"#
                    )
                };
                let watched = self
                    .keys
                    .iter()
                    .map(|(_, column, _)| *column)
                    .chain(self.reads.iter().copied())
                    .map(|column| format!(r#""{column}""#))
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
        let mut drops = trigger_drops(backend, self.table, self.source);
        drops.push(format!(r#"DROP TABLE IF EXISTS "{}""#, self.table));
        drops
    }
}

/// PostgreSQL: the function `{name}_keep` running one of `[insert, delete, update]`
/// (statements over the transition tables `new_rows` and `old_rows`) by the event, and
/// its three statement-level triggers `{name}_insert`, `_delete`, `_update` on
/// `source`. A whole batch is handled at once.
pub fn statement_triggers(
    name: &str,
    source: &str,
    [insert, delete, update]: [String; 3],
) -> Vec<String> {
    let function = format!(
        r#"CREATE FUNCTION "{name}_keep"() RETURNS trigger LANGUAGE plpgsql AS $body$
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
        $body$"#
    );
    // A trigger with transition tables has one event.
    let trigger = |event: &str, referencing: &str| {
        format!(
            r#"CREATE TRIGGER "{name}_{}" AFTER {event} ON "{source}"
               REFERENCING {referencing} FOR EACH STATEMENT
               EXECUTE FUNCTION "{name}_keep"()"#,
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

/// Drops the triggers `{name}_insert`, `_delete` and `_update` on `source` (and on
/// PostgreSQL their function `{name}_keep`).
pub fn trigger_drops(backend: DatabaseBackend, name: &str, source: &str) -> Vec<String> {
    let mut drops: Vec<String> = ["insert", "delete", "update"]
        .iter()
        .map(|event| match backend {
            DatabaseBackend::Postgres => {
                format!(r#"DROP TRIGGER IF EXISTS "{name}_{event}" ON "{source}""#)
            }
            _ => format!(r#"DROP TRIGGER IF EXISTS "{name}_{event}""#),
        })
        .collect();
    if backend == DatabaseBackend::Postgres {
        drops.push(format!(r#"DROP FUNCTION IF EXISTS "{name}_keep"()"#));
    }
    drops
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
