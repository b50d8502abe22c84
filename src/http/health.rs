//! `/healthz` (the process answers) and `/readyz` (it should get traffic: the database
//! answers and no shutdown has begun).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use tokio::sync::watch;

use super::HttpState;

/// Set once a shutdown has begun; `/readyz` answers 503 from then on, and open
/// WebSockets, which outlive any drain, are told to close.
#[derive(Clone, Debug)]
pub struct Draining(Arc<watch::Sender<bool>>);

impl Default for Draining {
    fn default() -> Self {
        Draining(Arc::new(watch::Sender::new(false)))
    }
}

impl Draining {
    pub fn begin(&self) {
        self.0.send_replace(true);
    }
    pub fn is_set(&self) -> bool {
        *self.0.borrow()
    }
    /// Resolves once a shutdown has begun.
    pub async fn wait(&self) {
        let mut receiver = self.0.subscribe();
        let _ = receiver.wait_for(|draining| *draining).await;
    }
}

pub(super) async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

pub(super) async fn readyz(State(state): State<HttpState>) -> impl IntoResponse {
    if state.draining.is_set() {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down");
    }
    if !state.app.readiness.is_ready() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database not reachable yet",
        );
    }
    // `ping` is sea-orm's `SELECT 1` on a pooled connection.
    let ping = state.app.db.ping();
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "readiness: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
