//! The ticker: escalates every request whose handling deadline has passed (RED) one
//! level up, as SYSTEM, with the same transition as `escalateRequest`. Safe with several
//! instances ticking at once: each escalation is a versioned UPDATE, so for one request
//! and one deadline exactly one instance succeeds and the others meet a stale version
//! and skip it. Idempotent: an escalated request's handling deadline restarts at its new
//! level, so it is not red any more.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use entity::request;
use entity::request_enums::{HandlingLevel, RequestStatus};

use super::{Command, transition};
use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// How many overdue requests one tick escalates at most (the next tick takes the rest).
const BATCH: u64 = 200;

/// The reason on the events of automatic escalations.
pub const REASON: &str = "deadline passed: escalated automatically";

/// Escalates the requests that are red at `now`; returns how many this call escalated.
pub async fn escalate_overdue(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let due: Vec<(i32, i32)> = request::Entity::find()
        .filter(request::Column::Status.is_in([
            RequestStatus::Accepted,
            RequestStatus::Assigned,
            RequestStatus::Signed,
            RequestStatus::InProgress,
        ]))
        .filter(request::Column::Level.ne(HandlingLevel::District))
        .filter(request::Column::SlaDueAt.lte(now))
        .order_by_asc(request::Column::SlaDueAt)
        .select_only()
        .column(request::Column::Id)
        .column(request::Column::Version)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let meta = RequestMeta {
        request_id: "ticker".to_owned(),
        ..Default::default()
    };
    let mut escalated = 0;
    for (id, version) in due {
        let change = Change {
            db,
            viewer: &Viewer::System,
            meta: &meta,
            now,
            idempotency: None,
        };
        let command = Command::Escalate {
            reason: REASON.to_owned(),
        };
        match transition(&change, "autoEscalateRequest", id, version, command).await {
            Ok(_) => escalated += 1,
            // Another instance escalated it first, or someone acted on it meanwhile.
            Err(AppError::Conflict(_)) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(escalated)
}

/// Ticks every `every` until the process ends; failures are logged and retried.
pub async fn run(state: AppState, every: Duration) {
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        match escalate_overdue(&state.db, state.clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(escalated = n, "overdue requests escalated"),
            Err(err) => tracing::error!(error = %err, "request ticker failed"),
        }
    }
}
