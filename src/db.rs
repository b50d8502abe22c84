//! Connecting to SQLite or PostgreSQL, migrating, and counting statements.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::error::SqlxError;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, RuntimeErr};

use crate::config::Config;
use crate::error::AppResult;

/// Counts every statement sent through the pool, through sea-orm's metric hook on the
/// connection, and apart those sent while answering a request ([`answering`]): the
/// N+1 tests assert on it, `/metrics` exports both, and bench/ tells a request's
/// statements from the ticker's by the difference.
#[derive(Clone, Default)]
pub struct StatementCounter {
    all: Arc<AtomicU64>,
    answering: Arc<AtomicU64>,
}

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.all.load(Ordering::Relaxed)
    }

    /// Statements sent by work running under [`answering`].
    pub fn answering(&self) -> u64 {
        self.answering.load(Ordering::Relaxed)
    }
}

tokio::task_local! {
    /// Set in the task answering a request: sea-orm calls the metric hook in the task
    /// that awaited the statement, so the hook can tell whose it was.
    static ANSWERING: ();
}

/// Runs `work` (the answering of one request) with its statements counted as a
/// request's.
pub async fn answering<F: Future>(work: F) -> F::Output {
    ANSWERING.scope((), work).await
}

/// `work`, to be spawned, counted as the spawning task's statements are: a request's
/// batch finished in a task of its own is still the request's.
pub fn same_origin<F: Future>(work: F) -> impl Future<Output = F::Output> {
    let answering = ANSWERING.try_with(|_| ()).is_ok();
    async move {
        if answering {
            ANSWERING.scope((), work).await
        } else {
            work.await
        }
    }
}

/// How long a pooled connection may sit idle before it is tested before use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(10);

/// Opens the pool. Connections are made on first use, so a database that is down at
/// start-up fails the first statement (see [`migrate_when_reachable`]), not this call.
pub async fn connect(config: &Config, counter: &StatementCounter) -> AppResult<DatabaseConnection> {
    let statement_timeout = config.db_statement_timeout.as_millis().to_string();
    let parallel_workers = config.db_parallel_workers.to_string();
    let mut options = ConnectOptions::new(config.database_url.expose());
    options
        .max_connections(config.db_max_connections)
        .min_connections(1)
        .acquire_timeout(config.db_acquire_timeout)
        .connect_timeout(config.db_acquire_timeout)
        .connect_lazy(true)
        .sqlx_logging(false)
        // sqlx would test every connection it hands out with a round trip of its own
        // (and tests it again on release), a third of the round trips of a one-statement
        // request and of the database's work for it (bench/README.md). Only a connection
        // idle long enough to have been dropped by a proxy, a firewall or a restart is
        // tested; one dropped sooner fails the one statement that finds it, as
        // DB_UNAVAILABLE, and is replaced.
        .test_before_acquire_if_idle_for(PING_AFTER_IDLE)
        // plan_cache_mode is left to the database (`auto`): prepared statements reuse a
        // generic plan, which is safe because the area-path bounds of scoped statements
        // are literals (`access::under_path`), not parameters.
        //
        // statement_timeout: PostgreSQL cancels a statement running longer, so one slow
        // query cannot hold a pooled connection for the whole request timeout.
        //
        // max_parallel_workers_per_gather (DB_PARALLEL_WORKERS, none by default): a
        // request's independent statements already run at once on their own
        // connections; parallel workers on top of them fought for the same cores and
        // made the district dashboard slower (bench/README.md, "Dashboards").
        .map_sqlx_postgres_opts(move |options| {
            options.options([
                ("statement_timeout", statement_timeout.as_str()),
                ("max_parallel_workers_per_gather", parallel_workers.as_str()),
            ])
        });
    let mut db = Database::connect(options).await?;
    let counter = counter.clone();
    db.set_metric_callback(move |_info| {
        counter.all.fetch_add(1, Ordering::Relaxed);
        if ANSWERING.try_with(|_| ()).is_ok() {
            counter.answering.fetch_add(1, Ordering::Relaxed);
        }
    });
    Ok(db)
}

/// Applies pending migrations (and, on SQLite, turns on WAL: readers then run beside
/// the one writer; the setting sticks to the file).
pub async fn migrate(db: &DatabaseConnection) -> AppResult<()> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Migrator::up(db, None).await?;
    Ok(())
}

/// Connections of the pool, for `/metrics`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUsage {
    pub open: u32,
    pub idle: u32,
}

pub fn pool_usage(db: &DatabaseConnection) -> PoolUsage {
    let (open, idle) = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    PoolUsage {
        open,
        idle: u32::try_from(idle).unwrap_or(u32::MAX),
    }
}

/// Whether the schema is migrated and the app may serve: false while a server that
/// started with its database down waits for it.
#[derive(Clone, Debug, Default)]
pub struct Readiness(Arc<ReadyState>);

#[derive(Debug, Default)]
struct ReadyState {
    ready: AtomicBool,
    changed: tokio::sync::Notify,
}

impl Readiness {
    pub fn ready() -> Self {
        let readiness = Readiness::default();
        readiness.set();
        readiness
    }
    pub fn is_ready(&self) -> bool {
        self.0.ready.load(Ordering::Acquire)
    }
    /// Returns once the database is migrated (at once if it is).
    pub async fn wait(&self) {
        loop {
            let changed = self.0.changed.notified();
            if self.is_ready() {
                return;
            }
            changed.await;
        }
    }
    fn set(&self) {
        self.0.ready.store(true, Ordering::Release);
        self.0.changed.notify_waiters();
    }
}

/// Migrates as soon as the database answers, retrying with a capped exponential
/// backoff, then marks `readiness`. Runs in the background of a server that must come
/// up (and answer `/healthz`) before its database does.
pub async fn migrate_when_reachable(db: DatabaseConnection, readiness: Readiness) {
    let mut backoff = Duration::from_millis(200);
    loop {
        match migrate(&db).await {
            Ok(()) => {
                tracing::info!("database reachable and migrated: ready");
                readiness.set();
                return;
            }
            Err(err) => {
                tracing::warn!(error = %err, retry_in_ms = backoff.as_millis() as u64, "database not ready");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}

/// What kind of failure a database error is, for the code a client sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The database could not be reached or the connection broke: retryable.
    Unavailable,
    /// The statement was cancelled by `statement_timeout`.
    TimedOut,
    Other,
}

impl Failure {
    pub fn of(err: &DbErr) -> Failure {
        match err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => Failure::Unavailable,
            DbErr::Exec(RuntimeErr::SqlxError(sqlx))
            | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => Self::of_sqlx(sqlx),
            _ => Failure::Other,
        }
    }

    fn of_sqlx(err: &SqlxError) -> Failure {
        match err {
            SqlxError::Io(_)
            | SqlxError::Tls(_)
            | SqlxError::PoolTimedOut
            | SqlxError::PoolClosed
            | SqlxError::WorkerCrashed => Failure::Unavailable,
            SqlxError::Database(db) => match db.code().as_deref() {
                // query_canceled: statement_timeout (or an operator's cancel).
                Some("57014") => Failure::TimedOut,
                // Connection exceptions, and the server shutting down or starting up.
                Some(code) if code.starts_with("08") || code.starts_with("57P") => {
                    Failure::Unavailable
                }
                _ => Failure::Other,
            },
            _ => Failure::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiting_for_readiness_ends_when_the_database_is_migrated() {
        let readiness = Readiness::default();
        let waiter = tokio::spawn({
            let readiness = readiness.clone();
            async move { readiness.wait().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        readiness.set();
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("the waiter woke")
            .unwrap();
        // Once ready, waiting returns at once.
        Readiness::ready().wait().await;
    }
}
