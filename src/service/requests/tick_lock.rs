//! One ticker at a time across instances. On PostgreSQL a tick runs only while its
//! instance holds a session advisory lock on a connection of its own; an instance that
//! cannot take it skips the tick, since another is doing the same work. The lock goes
//! with the connection, so a crashed instance never leaves it held. SQLite is one
//! process's database: nothing to share, nothing to take. Correctness never rests on the
//! lock alone: every change is still a versioned UPDATE.

use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::{self, Postgres};
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, RuntimeErr};

use crate::error::AppResult;

/// The advisory lock key of the request ticker (any constant the hub owns).
pub const TICKER_LOCK: i64 = 0x6875_625f_7469_636b; // "hub_tick"

/// The lock while it is held; [`TickLock::release`] gives it back.
pub enum TickLock {
    Postgres(PoolConnection<Postgres>),
    Sqlite,
}

impl TickLock {
    /// Takes the ticker's lock if no other instance holds it.
    pub async fn try_take(db: &DatabaseConnection) -> AppResult<Option<TickLock>> {
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(Some(TickLock::Sqlite));
        }
        let mut conn = db
            .get_postgres_connection_pool()
            .acquire()
            .await
            .map_err(db_err)?;
        let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(TICKER_LOCK)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
        Ok(taken.then_some(TickLock::Postgres(conn)))
    }

    /// Gives the lock back (dropping the connection would too, later).
    pub async fn release(self) -> AppResult<()> {
        if let TickLock::Postgres(mut conn) = self {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(TICKER_LOCK)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        Ok(())
    }
}

fn db_err(err: sqlx::Error) -> crate::error::AppError {
    DbErr::Conn(RuntimeErr::SqlxError(err.into())).into()
}
