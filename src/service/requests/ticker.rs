//! The ticker: escalates every request whose handling deadline has passed (RED) one
//! level up, as SYSTEM, with the same transition as `escalateRequest`, and closes the
//! requests whose evaluation has not come [`EVALUATION_DAYS`] after the feedback as
//! NOT_EVALUATED, and resumes the suspended requests whose date has come. Safe with
//! several instances: on PostgreSQL one instance ticks at a time (an advisory lock,
//! [`super::tick_lock`]), and each change is a versioned UPDATE anyway, so for one
//! request exactly one change succeeds and the others meet a stale version and skip
//! it. Idempotent: an escalated request's handling
//! deadline restarts at its new level, and a closed request is closed. Each tick also
//! deletes the idempotency keys past their 24 hours.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use entity::request;
use entity::request_enums::{HandlingLevel, RequestStatus};

use super::tick_lock::TickLock;
use super::{Command, transition};
use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::error::{AppError, AppResult};
use crate::events::Events;
use crate::service::change::Change;
use crate::service::idempotency;

/// How many overdue requests one tick escalates at most (the next tick takes the rest).
const BATCH: u64 = 200;

/// The reason on the events of automatic escalations.
pub const REASON: &str = "deadline passed: escalated automatically";

/// The note on the events of suspensions that ended on their date.
pub const RESUMED: &str = "the suspension ended: resumed automatically";

/// Days a reporter has to evaluate once verification passed.
pub const EVALUATION_DAYS: i64 = 7;

/// Escalates the requests that are red at `now`; returns how many this call escalated.
/// `events` tells this instance's subscribers (SQLite; PostgreSQL tells every instance
/// from the transaction).
pub async fn escalate_overdue(
    db: &DatabaseConnection,
    events: Option<&Events>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let due = request::Entity::find()
        .filter(request::Column::Status.is_in([
            RequestStatus::Accepted,
            RequestStatus::Assigned,
            RequestStatus::Signed,
            RequestStatus::InProgress,
        ]))
        .filter(request::Column::Level.ne(HandlingLevel::District))
        .filter(request::Column::SlaDueAt.lte(now))
        .order_by_asc(request::Column::SlaDueAt);
    let escalate = || Command::Escalate {
        reason: REASON.to_owned(),
    };
    sweep(db, events, now, due, "autoEscalateRequest", escalate).await
}

/// Closes the requests whose evaluation is overdue at `now`; returns how many.
pub async fn close_unevaluated(
    db: &DatabaseConnection,
    events: Option<&Events>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let waited_since = now - chrono::Duration::days(EVALUATION_DAYS);
    let due = request::Entity::find()
        .filter(request::Column::Status.eq(RequestStatus::AwaitingEvaluation))
        .filter(request::Column::UpdatedAt.lte(waited_since))
        .order_by_asc(request::Column::UpdatedAt);
    let close = || Command::CloseUnevaluated;
    sweep(db, events, now, due, "closeUnevaluatedRequest", close).await
}

/// Resumes the suspended requests whose suspension ends by `now`; returns how many.
pub async fn resume_suspended(
    db: &DatabaseConnection,
    events: Option<&Events>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let due = request::Entity::find()
        .filter(request::Column::Status.eq(RequestStatus::Suspended))
        .filter(request::Column::SuspendedUntil.lte(now))
        .order_by_asc(request::Column::SuspendedUntil);
    let resume = || Command::Resume {
        note: Some(RESUMED.to_owned()),
    };
    sweep(db, events, now, due, "autoResumeRequest", resume).await
}

/// Applies `command` as SYSTEM to up to [`BATCH`] requests of `due`.
async fn sweep(
    db: &DatabaseConnection,
    events: Option<&Events>,
    now: DateTime<Utc>,
    due: Select<request::Entity>,
    mutation: &'static str,
    command: impl Fn() -> Command,
) -> AppResult<usize> {
    let due: Vec<(i32, i32)> = due
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
    let mut done = 0;
    for (id, version) in due {
        let mut change = Change::new(db, &Viewer::System, &meta, now);
        if let Some(events) = events {
            change = change.with_events(events);
        }
        match transition(&change, mutation, id, version, command()).await {
            Ok(_) => done += 1,
            // Another instance got there first, or someone acted on it meanwhile.
            Err(AppError::Conflict(_)) => {}
            Err(err) => return Err(err),
        }
    }
    Ok(done)
}

/// What one tick did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tick {
    pub escalated: usize,
    pub resumed: usize,
    pub closed: usize,
}

/// One tick at `now`: escalations, resumptions, close-outs and the purge of old
/// idempotency keys, while holding the ticker's lock; `None` when another instance
/// holds it (and so does this work). A failing sweep is logged and the others run.
pub async fn tick(
    db: &DatabaseConnection,
    events: Option<&Events>,
    now: DateTime<Utc>,
) -> AppResult<Option<Tick>> {
    let Some(lock) = TickLock::try_take(db).await? else {
        return Ok(None);
    };
    let logged = |what: &str, result: AppResult<usize>| {
        result.unwrap_or_else(|err| {
            tracing::error!(error = %err, "request ticker failed to {what}");
            0
        })
    };
    let done = Tick {
        escalated: logged("escalate", escalate_overdue(db, events, now).await),
        resumed: logged("resume", resume_suspended(db, events, now).await),
        closed: logged("close", close_unevaluated(db, events, now).await),
    };
    if let Err(err) = idempotency::purge_expired(db, now).await {
        tracing::error!(error = %err, "request ticker failed to purge idempotency keys");
    }
    lock.release().await?;
    Ok(Some(done))
}

/// Ticks every `every` until the process ends; failures are logged and retried.
pub async fn run(state: AppState, every: Duration) {
    // A server may start before its database answers: nothing to tick until then.
    state.readiness.wait().await;
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        match tick(&state.db, Some(&state.events), state.clock.now()).await {
            Ok(Some(done)) if done != Tick::default() => tracing::info!(
                escalated = done.escalated,
                resumed = done.resumed,
                closed = done.closed,
                "request ticker"
            ),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "request ticker failed"),
        }
        let rule = state.config.points_expiry;
        match crate::service::points::auto_expiry::tick(&state.db, rule, state.clock.now()).await {
            Ok(Some(expired)) if expired > 0 => tracing::info!(expired, "points expiry"),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "points expiry failed"),
        }
    }
}
