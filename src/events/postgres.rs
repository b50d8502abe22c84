//! LISTEN/NOTIFY: one listening connection per instance, reconnected with a backoff
//! when lost (and a [`Event::Resync`] then, since notifications may have been missed).

use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use tokio::sync::broadcast;

use super::{CHANNEL, Event};
use crate::error::{AppError, AppResult};

pub async fn notify(db: &impl ConnectionTrait, event: &Event) -> AppResult<()> {
    let payload = serde_json::to_string(event)
        .map_err(|err| AppError::Internal(format!("event payload: {err}")))?;
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), payload.into()],
    );
    db.execute_raw(statement).await?;
    Ok(())
}

/// Forwards the channel's notifications to `local` for as long as the process runs.
pub async fn listen(db: DatabaseConnection, local: broadcast::Sender<Event>) {
    let mut backoff = Duration::from_millis(200);
    let mut connected_before = false;
    loop {
        let pool = db.get_postgres_connection_pool().clone();
        let listener = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.listen(CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        match listener.await {
            Ok(mut listener) => {
                if connected_before {
                    let _ = local.send(Event::Resync);
                }
                connected_before = true;
                backoff = Duration::from_millis(200);
                // `try_recv` gives `None` when the connection dropped: reconnect.
                while let Ok(Some(notification)) = listener.try_recv().await {
                    match serde_json::from_str::<Event>(notification.payload()) {
                        Ok(event) => {
                            let _ = local.send(event);
                        }
                        Err(err) => tracing::warn!(error = %err, "an event that is not ours"),
                    }
                }
                tracing::warn!("events: the listening connection was lost; reconnecting");
            }
            Err(err) => tracing::warn!(error = %err, "events: cannot listen yet"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}
