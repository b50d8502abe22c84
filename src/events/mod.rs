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

use sea_orm::{DatabaseBackend, DatabaseConnection};
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
    /// Events may have been missed (the listener reconnected): act as if anything
    /// changed. Never sent between instances.
    Resync,
}

pub struct Events {
    local: broadcast::Sender<Event>,
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
        Events { local, postgres }
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

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }
}
