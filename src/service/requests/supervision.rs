//! What the extension and supervision commands write besides the request's state: the
//! extension request and its decision, the supervision card, and the moved deadline.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use entity::request_enums::{ExtensionKind, ExtensionStatus, SupervisionCard};
use entity::{request, request_extension, request_supervision};

use crate::access::Viewer;
use crate::domain::requests::extension::{self, Running};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Records the assignee's extension request; one may be pending per request.
pub async fn ask(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: &request::Model,
    kind: ExtensionKind,
    reason: &str,
    extra_hours: Option<i32>,
    suspend_until: Option<DateTime<Utc>>,
) -> AppResult<()> {
    extension::check(kind, extra_hours, suspend_until, change.now)
        .map_err(AppError::BadUserInput)?;
    let pending = request_extension::Entity::find()
        .filter(request_extension::Column::RequestId.eq(current.id))
        .filter(request_extension::Column::Status.eq(ExtensionStatus::Pending))
        .count(txn)
        .await?;
    if pending > 0 {
        return Err(AppError::Conflict(
            "an extension request of this request awaits a decision".to_owned(),
        ));
    }
    request_extension::ActiveModel {
        request_id: Set(current.id),
        area_path: Set(current.area_path.clone()),
        kind: Set(kind),
        reason: Set(reason.to_owned()),
        extra_hours: Set(extra_hours),
        suspend_until: Set(suspend_until),
        status: Set(ExtensionStatus::Pending),
        requested_by: Set(user_id(change.viewer)?),
        requested_at: Set(change.now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Settles extension request `extension` of `current` as `status`. Only a pending one
/// is settled, once: a concurrent second decision finds it decided (CONFLICT).
pub async fn decide(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: &request::Model,
    extension: i32,
    status: ExtensionStatus,
    note: Option<&str>,
) -> AppResult<()> {
    let settled = request_extension::Entity::update_many()
        .col_expr(request_extension::Column::Status, Expr::value(status))
        .col_expr(
            request_extension::Column::DecidedBy,
            Expr::value(user_id(change.viewer)?),
        )
        .col_expr(
            request_extension::Column::DecidedAt,
            Expr::value(change.now),
        )
        .col_expr(
            request_extension::Column::DecisionNote,
            Expr::value(note.map(str::to_owned)),
        )
        .filter(request_extension::Column::Id.eq(extension))
        .filter(request_extension::Column::RequestId.eq(current.id))
        .filter(request_extension::Column::Status.eq(ExtensionStatus::Pending))
        .exec(txn)
        .await?;
    if settled.rows_affected != 1 {
        return Err(AppError::Conflict(
            "the extension request was already decided".to_owned(),
        ));
    }
    Ok(())
}

/// The handling deadline of `current` with `hours` more.
pub fn extend(current: &request::Model, hours: i32, row: &mut request::ActiveModel) {
    if let Some(running) = running(current) {
        set_running(row, extension::extended(running, hours));
    }
}

/// The paused deadline of `current`, counting again from `now`.
pub fn resume(current: &request::Model, now: DateTime<Utc>, row: &mut request::ActiveModel) {
    if let (Some(running), Some(paused_at)) = (running(current), current.sla_paused_at) {
        set_running(row, extension::resumed(running, paused_at, now));
    }
    row.sla_paused_at = Set(None);
    row.suspended_until = Set(None);
}

/// Records a supervision card on `current`; the request shows the strongest one.
pub async fn supervise(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    current: &request::Model,
    card: SupervisionCard,
    reason: &str,
    row: &mut request::ActiveModel,
) -> AppResult<()> {
    request_supervision::ActiveModel {
        request_id: Set(current.id),
        area_path: Set(current.area_path.clone()),
        card: Set(card),
        reason: Set(reason.to_owned()),
        issued_by: Set(user_id(change.viewer)?),
        issued_at: Set(change.now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    row.supervision_card = Set(Some(current.supervision_card.map_or(card, |c| c.max(card))));
    Ok(())
}

fn running(current: &request::Model) -> Option<Running> {
    Some(Running {
        started: current.sla_started_at?,
        warn: current.sla_warn_at?,
        due: current.sla_due_at?,
    })
}

fn set_running(row: &mut request::ActiveModel, running: Running) {
    row.sla_started_at = Set(Some(running.started));
    row.sla_warn_at = Set(Some(running.warn));
    row.sla_due_at = Set(Some(running.due));
    row.handle_due_at = Set(Some(running.due));
}

/// The acting user: these records name a person (the permission table admits users
/// only to these actions).
fn user_id(viewer: &Viewer) -> AppResult<i32> {
    match viewer {
        Viewer::Principal(principal) if principal.kind == crate::access::PrincipalKind::User => {
            Ok(principal.id)
        }
        _ => Err(AppError::Forbidden(
            "only a signed-in user takes this action".to_owned(),
        )),
    }
}

/// A dispatcher's decision on extension request `extension`, which the request's
/// `version` was read with: the approval of its kind, or a rejection with `note` as
/// the reason.
pub async fn decide_extension(
    change: &Change<'_>,
    mutation: &'static str,
    extension: i32,
    version: i32,
    approve: bool,
    note: Option<String>,
) -> AppResult<super::Changed> {
    let asked = crate::access::visible::<request_extension::Entity>(change.viewer)
        .filter(request_extension::Column::Id.eq(extension))
        .one(change.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let command = match (approve, asked.kind, asked.extra_hours, asked.suspend_until) {
        (false, ..) => super::Command::RejectExtension {
            extension,
            reason: note.unwrap_or_default(),
        },
        (true, ExtensionKind::Extend, Some(extra_hours), _) => super::Command::Extend {
            extension,
            extra_hours,
            note,
        },
        (true, ExtensionKind::Suspend, _, Some(until)) => super::Command::Suspend {
            extension,
            until,
            note,
        },
        // The table's CHECK makes these impossible.
        (true, ..) => {
            return Err(AppError::Internal(format!(
                "extension request {extension} lacks its amount"
            )));
        }
    };
    super::transition(change, mutation, asked.request_id, version, command).await
}
