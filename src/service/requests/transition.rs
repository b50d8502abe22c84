//! Every lifecycle mutation but submission: load the request through `access`, check
//! the viewer may take the action, that the version is the one they read and that the
//! state machine allows the step; then one versioned UPDATE, the event and the audit
//! row, in one transaction.

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::enums::AccountStatus;
use entity::request_enums::ExtensionStatus::{Approved, Rejected};
use entity::request_enums::{RequestStatus, Satisfaction};
use entity::{app_user, request};

use super::command::Command;
use super::record::{self, Transition};
use super::{Changed, deadlines, facts, repeats, state, supervision};
use crate::access::{self, request_actions};
use crate::auth::principal::grants_of;
use crate::domain::requests::lifecycle::{self, Clock, Outcome};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Applies `command` to request `id`, which the caller read at `version`.
pub async fn transition(
    change: &Change<'_>,
    mutation: &'static str,
    id: i32,
    version: i32,
    command: Command,
) -> AppResult<Changed> {
    let note = command.note()?;
    let step = command.step();
    change
        .run(mutation, "request", async |txn| {
            let current = access::visible::<request::Entity>(change.viewer)
                .filter(request::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !request_actions::may(change.viewer, facts(&current), step.action()) {
                return Err(AppError::Forbidden(format!(
                    "this account may not {} this request",
                    step.action().as_str().to_lowercase()
                )));
            }
            if current.version != version {
                return Err(versioned::stale());
            }
            let outcome = lifecycle::apply(state(&current), step)
                .map_err(|illegal| AppError::Conflict(illegal.to_string()))?;
            let mut changes = columns(change, txn, &current, outcome).await?;
            extras(change, txn, &current, &command, &note, &mut changes).await?;
            versioned::update::<request::Entity, _, _>(
                txn,
                changes,
                request::Column::Id,
                id,
                request::Column::Version,
                version,
            )
            .await?;
            if matches!(command, Command::Merge { .. }) {
                // A merged request no longer makes the later ones repeats.
                repeats::refresh(
                    txn,
                    current.category_id,
                    &current.area_path,
                    current.submitted_at,
                )
                .await?;
            }
            let after = request::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let transition = Transition {
                action: step.event_name(),
                from: Some((current.status, current.level)),
                note: note.as_deref(),
            };
            let event = record::event_and_audit(change, txn, mutation, &after, transition).await?;
            Ok(Changed {
                request: after,
                event,
            })
        })
        .await
}

/// The columns the state machine's outcome changes, deadlines included.
async fn columns(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: &request::Model,
    outcome: Outcome,
) -> AppResult<request::ActiveModel> {
    let mut row = request::ActiveModel {
        status: Set(outcome.state.status),
        level: Set(outcome.state.level),
        rework_count: Set(outcome.state.rework_count),
        updated_at: Set(change.now),
        ..Default::default()
    };
    if outcome.unassigns {
        row.assignee_user_id = Set(None);
    }
    match outcome.clock {
        Clock::Keep => {}
        Clock::Stop => {
            row.sla_started_at = Set(None);
            row.sla_warn_at = Set(None);
            row.sla_due_at = Set(None);
        }
        Clock::Start(deadline) => {
            let level = outcome.state.level;
            let policy =
                deadlines::policy(txn, current.category_id, level, current.urgency).await?;
            let calendar = deadlines::calendar(txn, change.now).await?;
            let window = deadlines::window(&policy, deadline, change.now, &calendar);
            match deadline {
                lifecycle::Deadline::Accept => row.accept_due_at = Set(window.due),
                lifecycle::Deadline::Handle => row.handle_due_at = Set(Some(window.due)),
                lifecycle::Deadline::Feedback => row.feedback_due_at = Set(Some(window.due)),
            }
            row.sla_started_at = Set(Some(window.started));
            row.sla_warn_at = Set(Some(window.warn));
            row.sla_due_at = Set(Some(window.due));
        }
        Clock::Pause => row.sla_paused_at = Set(Some(change.now)),
        Clock::Resume => supervision::resume(current, change.now, &mut row),
        // By how much is the command's: see `extras`.
        Clock::Extend => {}
    }
    Ok(row)
}

/// What a command sets besides the state: the assignee, the duplicate, the reason, the
/// evaluation. Checks the assignee and the duplicate against `access`.
async fn extras(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: &request::Model,
    command: &Command,
    note: &Option<String>,
    row: &mut request::ActiveModel,
) -> AppResult<()> {
    match command {
        Command::Assign { assignee, .. } => {
            let active = app_user::Entity::find_by_id(*assignee)
                .one(txn)
                .await?
                .is_some_and(|user| user.status == AccountStatus::Active);
            let grants = grants_of(txn, *assignee).await?;
            if !active || !request_actions::may_be_assigned(&grants, &current.area_path) {
                return Err(AppError::bad_input(
                    "the assignee is not an active account with a staff role over the place",
                ));
            }
            row.assignee_user_id = Set(Some(*assignee));
        }
        Command::Merge { duplicate_of, .. } => {
            let original = access::visible::<request::Entity>(change.viewer)
                .filter(request::Column::Id.eq(*duplicate_of))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let live = !matches!(
                original.status,
                RequestStatus::Merged | RequestStatus::Rejected
            );
            if original.id == current.id || !live {
                return Err(AppError::bad_input(
                    "a request merges into another request that is neither merged nor rejected",
                ));
            }
            row.merged_into_id = Set(Some(original.id));
        }
        Command::Reject { .. } => row.reject_reason = Set(note.clone()),
        Command::Resolve { .. } if current.first_resolved_at.is_none() => {
            row.first_resolved_at = Set(Some(change.now));
        }
        Command::Evaluate { satisfaction, .. } => row.satisfaction = Set(Some(*satisfaction)),
        Command::CloseUnevaluated => row.satisfaction = Set(Some(Satisfaction::NotEvaluated)),
        Command::RequestExtension {
            kind,
            extra_hours,
            suspend_until,
            ..
        } => {
            let reason = note.as_deref().unwrap_or_default();
            supervision::ask(
                change,
                txn,
                current,
                *kind,
                reason,
                *extra_hours,
                *suspend_until,
            )
            .await?
        }
        Command::Extend {
            extension,
            extra_hours,
            note,
        } => {
            supervision::decide(change, txn, current, *extension, Approved, note.as_deref())
                .await?;
            supervision::extend(current, *extra_hours, row);
        }
        Command::Suspend {
            extension,
            until,
            note,
        } => {
            supervision::decide(change, txn, current, *extension, Approved, note.as_deref())
                .await?;
            row.suspended_until = Set(Some(*until));
        }
        Command::RejectExtension { extension, .. } => {
            supervision::decide(change, txn, current, *extension, Rejected, note.as_deref()).await?
        }
        Command::Supervise { card, reason } => {
            supervision::supervise(change, txn, current, *card, reason.trim(), row).await?
        }
        _ => {}
    }
    Ok(())
}
