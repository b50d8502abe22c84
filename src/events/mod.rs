//! Events between instances: what one instance changed that the others must act on at
//! once (a user disabled or signed out everywhere: drop the cached principal; request
//! transitions for subscribers later). On PostgreSQL they travel by LISTEN/NOTIFY, so
//! no broker is needed; on SQLite, which serves one instance, they stay in process.
//! Every instance, the sender included, receives every event.
//!
//! An event is published after the change has committed. If an instance loses its
//! listening connection it may miss events: it then hears [`Event::Resync`] and must
//! assume anything changed (the principal cache is emptied).

mod postgres;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::error::AppResult;

/// The PostgreSQL channel every instance listens on.
pub const CHANNEL: &str = "hub_events";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A user's or client's status, sessions or grants changed (`user:12`).
    PrincipalChanged { subject: String },
    /// A request changed: its event row `event_id`, under `area_path`. Subscribers load
    /// the row through their own scope. On PostgreSQL it is sent inside the change's
    /// transaction ([`Events::announce`]), so it goes out if and only if the change
    /// commits.
    RequestEvent { event_id: i32, area_path: String },
    /// Events may have been missed (the listener reconnected): act as if anything
    /// changed. Never sent between instances.
    Resync,
}

pub struct Events {
    local: broadcast::Sender<Event>,
    /// Live subscriptions (GraphQL subscriptions following the bus), for `/metrics`.
    following: Arc<AtomicUsize>,
    /// Where events go to reach the other instances; `None` on SQLite.
    postgres: Option<DatabaseConnection>,
}

impl Events {
    /// The bus over `db`; on PostgreSQL a task listens for the other instances' events.
    pub fn start(db: &DatabaseConnection) -> Events {
        let (local, _) = broadcast::channel(1024);
        let postgres = (db.get_database_backend() == DatabaseBackend::Postgres).then(|| {
            tokio::spawn(postgres::listen(db.clone(), local.clone()));
            db.clone()
        });
        Events {
            local,
            following: Arc::default(),
            postgres,
        }
    }

    /// Sends `event` to every instance (this one included).
    pub async fn publish(&self, event: Event) -> AppResult<()> {
        match &self.postgres {
            Some(db) => postgres::notify(db, &event).await,
            None => {
                let _ = self.local.send(event);
                Ok(())
            }
        }
    }

    /// Sends `event` as part of the transaction `txn`: on PostgreSQL a NOTIFY, delivered
    /// at commit and dropped on rollback; elsewhere `Ok(Some(event))`, for the caller to
    /// [`Events::publish_local`] once it has committed.
    pub async fn announce(txn: &impl ConnectionTrait, event: Event) -> AppResult<Option<Event>> {
        if txn.get_database_backend() == DatabaseBackend::Postgres {
            postgres::notify(txn, &event).await?;
            return Ok(None);
        }
        Ok(Some(event))
    }

    /// Sends `event` to this instance's subscribers only (SQLite serves one instance).
    pub fn publish_local(&self, event: Event) {
        let _ = self.local.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    /// A receiver for a client's subscription, counted while it lives.
    pub fn follow(&self) -> Following {
        self.following.fetch_add(1, Ordering::Relaxed);
        Following {
            receiver: self.local.subscribe(),
            count: self.following.clone(),
        }
    }

    /// How many [`Following`] receivers are alive.
    pub fn following(&self) -> usize {
        self.following.load(Ordering::Relaxed)
    }
}

/// The receiver of one client subscription.
pub struct Following {
    pub receiver: broadcast::Receiver<Event>,
    count: Arc<AtomicUsize>,
}

impl Drop for Following {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::Relaxed);
    }
}
