//! The lifecycle mutations of a service order other than ordering and scheduling:
//! each loads the order the viewer sees (NOT_FOUND otherwise), checks who may take the
//! step (FORBIDDEN), asks [`lifecycle::next`] whether the step is legal from the
//! current status (CONFLICT otherwise), and writes the new status with the step's own
//! fields at the version the caller read.

use sea_orm::{DatabaseTransaction, EntityTrait, Set};

use entity::service_enums::OrderStatus;
use entity::{service_order, service_provider};

use crate::access::service_actions;
use crate::domain::services::lifecycle::{self, OrderAction};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Who may take a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The staff running the resident's area.
    Runner,
    /// The assigned provider's account, or the staff.
    Deliverer,
    /// Whoever ordered, the resident or their household.
    ResidentSide,
    /// The resident's side or the staff.
    Either,
}

/// One step as asked for.
pub struct Step {
    pub id: i32,
    pub version: i32,
    pub action: OrderAction,
    /// Notes, a reason or a comment, by step.
    pub text: Option<String>,
    /// The rating of CONFIRM.
    pub rating: Option<i32>,
}

/// The mutation name, who may take it and the audited fields of `action`.
fn describe(action: OrderAction) -> (&'static str, Who, &'static str) {
    use OrderAction as A;
    match action {
        A::Approve => ("approveServiceOrder", Who::Runner, "status"),
        A::Reject => ("rejectServiceOrder", Who::Runner, "status,reason"),
        A::CheckIn => ("checkInService", Who::Deliverer, "status,checkedInAt"),
        A::Complete => (
            "completeService",
            Who::Deliverer,
            "status,checkedOutAt,notes",
        ),
        A::Confirm => ("confirmService", Who::ResidentSide, "status,rating"),
        A::Dispute => ("disputeService", Who::ResidentSide, "status,reason"),
        A::Settle => ("settleServiceOrder", Who::Runner, "status"),
        A::Cancel => ("cancelServiceOrder", Who::Either, "status,reason"),
        A::MarkNoShow => ("markNoShow", Who::Deliverer, "status,reason"),
        A::Schedule => (
            "scheduleServiceOrder",
            Who::Runner,
            "status,provider,schedule",
        ),
        A::CheckEligibility => ("orderService", Who::Runner, "status"),
    }
}

/// Takes `step`.
pub async fn take(change: &Change<'_>, step: Step) -> AppResult<service_order::Model> {
    let (name, _, fields) = describe(step.action);
    let changes = fields_of(&step, change)?;
    change
        .run(name, "service_order", async |txn| {
            let (_, next) = load(change, txn, step.id, step.action).await?;
            write(change, txn, step.id, step.version, next, changes).await?;
            super::audited(change, txn, name, step.id, fields).await
        })
        .await
}

/// The order the viewer sees and may take `action` on, and the status it leads to.
pub async fn load(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
    action: OrderAction,
) -> AppResult<(service_order::Model, OrderStatus)> {
    let row = super::visible_order(change, txn, id).await?;
    let (_, who, _) = describe(action);
    let allowed = match who {
        Who::Runner => service_actions::may_run(change.viewer, &row.area_path),
        Who::Deliverer => {
            let account = match row.provider_id {
                Some(provider) => service_provider::Entity::find_by_id(provider)
                    .one(txn)
                    .await?
                    .and_then(|provider| provider.account_user_id),
                None => None,
            };
            service_actions::may_deliver(change.viewer, &row, account)
        }
        Who::ResidentSide => service_actions::speaks_for_resident(change.viewer, &row),
        Who::Either => service_actions::may_cancel(change.viewer, &row),
    };
    if !allowed {
        return Err(AppError::Forbidden(format!(
            "this role may not {} a service order",
            verb(action)
        )));
    }
    let next = lifecycle::next(row.status.into(), action).ok_or_else(|| {
        AppError::Conflict(format!(
            "an order that is {:?} cannot be {}",
            row.status,
            verb(action)
        ))
    })?;
    Ok((row, next.into()))
}

/// Writes `next` with `changes` at `version`.
pub async fn write(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
    version: i32,
    next: OrderStatus,
    mut changes: service_order::ActiveModel,
) -> AppResult<()> {
    changes.status = Set(next);
    changes.updated_at = Set(change.now);
    use service_order::Column;
    versioned::update(txn, changes, Column::Id, id, Column::Version, version).await
}

/// The fields a step writes beside its status, checked before anything is read.
fn fields_of(step: &Step, change: &Change<'_>) -> AppResult<service_order::ActiveModel> {
    use OrderAction as A;
    let mut row = service_order::ActiveModel::default();
    let text = |max: usize, what: &str| bounded(step.text.as_deref(), max, what);
    match step.action {
        A::CheckIn => row.checked_in_at = Set(Some(change.now)),
        A::Complete => {
            row.checked_out_at = Set(Some(change.now));
            row.notes = Set(text(500, "notes")?);
        }
        A::Confirm => {
            if let Some(rating) = step.rating {
                row.rating = Set(Some(rating_in_range(rating)?));
            }
            row.rating_comment = Set(text(200, "comment")?);
        }
        A::Dispute | A::Reject => {
            let reason = text(200, "reason")?;
            if reason.is_none() {
                return Err(AppError::bad_input("a `reason` is required"));
            }
            row.reason = Set(reason);
        }
        A::Cancel | A::MarkNoShow => row.reason = Set(text(200, "reason")?),
        A::Approve | A::Settle | A::Schedule | A::CheckEligibility => {}
    }
    Ok(row)
}

/// A rating is 1 to 5 stars.
pub fn rating_in_range(rating: i32) -> AppResult<i32> {
    if (1..=5).contains(&rating) {
        Ok(rating)
    } else {
        Err(AppError::bad_input("a rating is 1 to 5"))
    }
}

/// Trimmed text of at most `max` characters; blank is none.
pub fn bounded(text: Option<&str>, max: usize, what: &str) -> AppResult<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(AppError::bad_input(format!(
            "`{what}` is at most {max} characters"
        )));
    }
    Ok(Some(text.to_owned()))
}

fn verb(action: OrderAction) -> &'static str {
    use OrderAction as A;
    match action {
        A::CheckEligibility => "checked",
        A::Approve => "approved",
        A::Reject => "rejected",
        A::Schedule => "scheduled",
        A::CheckIn => "checked in",
        A::Complete => "completed",
        A::Confirm => "confirmed",
        A::Dispute => "disputed",
        A::Settle => "settled",
        A::Cancel => "cancelled",
        A::MarkNoShow => "marked no-show",
    }
}

/// `rateService`: rates a confirmed (or settled) order that has no rating yet; the
/// resident's side only. Not a lifecycle step: the status stays.
pub async fn rate(
    change: &Change<'_>,
    id: i32,
    version: i32,
    rating: i32,
    comment: Option<String>,
) -> AppResult<service_order::Model> {
    let rating = rating_in_range(rating)?;
    let comment = bounded(comment.as_deref(), 200, "comment")?;
    change
        .run("rateService", "service_order", async |txn| {
            let row = super::visible_order(change, txn, id).await?;
            if !service_actions::speaks_for_resident(change.viewer, &row) {
                return Err(AppError::Forbidden(
                    "a service is rated by the resident's side".to_owned(),
                ));
            }
            if !matches!(row.status, OrderStatus::Confirmed | OrderStatus::Settled) {
                return Err(AppError::Conflict(
                    "a service is rated once it is confirmed".to_owned(),
                ));
            }
            if row.rating.is_some() {
                return Err(AppError::Conflict(
                    "the service is rated already".to_owned(),
                ));
            }
            let changes = service_order::ActiveModel {
                rating: Set(Some(rating)),
                rating_comment: Set(comment.clone()),
                updated_at: Set(change.now),
                ..Default::default()
            };
            use service_order::Column;
            versioned::update(txn, changes, Column::Id, id, Column::Version, version).await?;
            super::audited(change, txn, "rateService", id, "rating").await
        })
        .await
}
