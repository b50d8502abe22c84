//! Connecting to SQLite or PostgreSQL, migrating, and counting statements.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::config::Config;
use crate::error::AppResult;

/// Counts every statement sent through the pool, through sea-orm's metric hook on the
/// connection. The N+1 tests assert on it; `/metrics` will export it.
#[derive(Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

pub async fn connect(config: &Config, counter: &StatementCounter) -> AppResult<DatabaseConnection> {
    let mut options = ConnectOptions::new(config.database_url.expose());
    options
        .max_connections(config.db_max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(3))
        .sqlx_logging(false)
        // Scoped statements bind the area-path bounds as parameters. After five runs
        // PostgreSQL would switch a prepared statement to a generic plan that cannot see
        // how narrow the range is, and chose full scans (370 ms instead of 0.1 ms for a
        // page of households in bench/). Planning each execution is far cheaper.
        .map_sqlx_postgres_opts(|options| {
            options.options([("plan_cache_mode", "force_custom_plan")])
        });
    let mut db = Database::connect(options).await?;
    let count = counter.0.clone();
    db.set_metric_callback(move |_info| {
        count.fetch_add(1, Ordering::Relaxed);
    });
    if config.is_sqlite() {
        // WAL lets readers run beside the one writer; the setting sticks to the file.
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

pub async fn migrate(db: &DatabaseConnection) -> AppResult<()> {
    Migrator::up(db, None).await?;
    Ok(())
}
