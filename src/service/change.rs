//! One state change: who makes it, when, with which idempotency key, and the
//! transaction that holds the change, its event and its audit row.

use chrono::{DateTime, Utc};
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use std::sync::Mutex;

use super::idempotency::{self, IdempotencyKey};
use crate::access::Viewer;
use crate::access::audit::{self, AuditEntry, Outcome, RequestMeta};
use crate::error::{AppError, AppResult};
use crate::events::{Event, Events};

/// Everything a domain mutation needs besides its input.
pub struct Change<'a> {
    pub db: &'a DatabaseConnection,
    pub viewer: &'a Viewer,
    pub meta: &'a RequestMeta,
    pub now: DateTime<Utc>,
    pub idempotency: Option<IdempotencyKey>,
    /// Where this instance's subscribers hear of committed changes; `None` where nobody
    /// listens (tools, some tests).
    events: Option<&'a Events>,
    /// Events announced in the transaction, sent once it commits (SQLite; PostgreSQL
    /// sends them within the transaction).
    announced: Mutex<Vec<Event>>,
}

impl<'a> Change<'a> {
    pub fn new(
        db: &'a DatabaseConnection,
        viewer: &'a Viewer,
        meta: &'a RequestMeta,
        now: DateTime<Utc>,
    ) -> Self {
        Change {
            db,
            viewer,
            meta,
            now,
            idempotency: None,
            events: None,
            announced: Mutex::new(Vec::new()),
        }
    }

    pub fn with_idempotency(mut self, key: Option<IdempotencyKey>) -> Self {
        self.idempotency = key;
        self
    }

    pub fn with_events(mut self, events: &'a Events) -> Self {
        self.events = Some(events);
        self
    }

    /// Tells subscribers of `event` if and only if this change commits.
    pub async fn announce(&self, txn: &DatabaseTransaction, event: Event) -> AppResult<()> {
        if let Some(event) = Events::announce(txn, event).await? {
            self.announced
                .lock()
                .unwrap_or_else(|err| err.into_inner())
                .push(event);
        }
        Ok(())
    }

    /// Sends what the committed transaction announced.
    fn committed(&self) {
        let announced =
            std::mem::take(&mut *self.announced.lock().unwrap_or_else(|err| err.into_inner()));
        if let Some(events) = self.events {
            for event in announced {
                events.publish_local(event);
            }
        }
    }

    /// Forgets what a failed transaction announced.
    fn rolled_back(&self) {
        self.announced
            .lock()
            .unwrap_or_else(|err| err.into_inner())
            .clear();
    }

    /// Runs `work` in one transaction, at most once per idempotency key. A refusal for
    /// want of access (NOT_FOUND, FORBIDDEN) leaves a DENIED audit row for `action` on
    /// the table `entity`; other failures (bad input, conflicts) leave nothing.
    pub async fn run<T>(
        &self,
        action: &'static str,
        entity: &'static str,
        work: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<T>,
    ) -> AppResult<T>
    where
        T: Serialize + DeserializeOwned,
    {
        let result = self.once(work).await;
        match &result {
            Ok(_) => self.committed(),
            Err(_) => self.rolled_back(),
        }
        if Outcome::of(&result) == Outcome::Denied {
            let entry = AuditEntry {
                action,
                entity: Some(entity),
                outcome: Outcome::Denied,
                ..Default::default()
            };
            audit::record(self.db, self.viewer, self.meta, self.now, entry).await?;
        }
        result
    }

    async fn once<T>(
        &self,
        work: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<T>,
    ) -> AppResult<T>
    where
        T: Serialize + DeserializeOwned,
    {
        let Some(key) = &self.idempotency else {
            let txn = self.begin().await?;
            let outcome = work(&txn).await?;
            txn.commit().await?;
            return Ok(outcome);
        };
        if let Some(stored) = idempotency::stored(self.db, self.viewer, key, self.now).await? {
            return Ok(stored);
        }
        let txn = self.begin().await?;
        let Some(claim) = idempotency::claim(&txn, self.viewer, key, self.now).await? else {
            txn.rollback().await?;
            return idempotency::stored(self.db, self.viewer, key, self.now)
                .await?
                .ok_or_else(|| AppError::Conflict("retry with the same key".to_owned()));
        };
        let outcome = work(&txn).await?;
        idempotency::store(&txn, claim, &outcome).await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// A transaction that writes. On SQLite it takes the write lock at BEGIN, so two
    /// changes queue for it instead of one failing when it reads before it writes
    /// (PostgreSQL ignores the option and relies on the versioned UPDATE).
    async fn begin(&self) -> Result<DatabaseTransaction, DbErr> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        self.db.begin_with_options(options).await
    }

    /// The audit row of a successful change, in its transaction.
    pub async fn audit(&self, txn: &DatabaseTransaction, entry: AuditEntry) -> AppResult<()> {
        audit::record(txn, self.viewer, self.meta, self.now, entry).await
    }
}
