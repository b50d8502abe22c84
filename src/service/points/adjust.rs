//! Adjustments (积分调整): one ledger keeper proposes, another approves, and only then
//! is the ADJUST entry posted, naming both.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use entity::points_adjustment;
use entity::points_enums::{AdjustmentStatus, EntryKind};

use super::ledger::{self, Posting};
use super::{Moved, reason, visible_resident};
use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// The largest correction one adjustment makes, either way.
pub const MAX_ADJUSTMENT: i64 = 100_000;

/// An approved adjustment with the entry it posted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Approved {
    pub adjustment: points_adjustment::Model,
    pub moved: Moved,
}

fn audit(adjustment: &points_adjustment::Model, action: &'static str) -> AuditEntry {
    AuditEntry {
        action,
        entity: Some("points_adjustment"),
        entity_id: Some(adjustment.id),
        fields: Some("amount,status".to_owned()),
        area_path: Some(adjustment.area_path.clone()),
        ..Default::default()
    }
}

/// Proposes moving `amount` points (either sign) for the volunteer `resident_id`.
pub async fn propose(
    change: &Change<'_>,
    resident_id: i32,
    amount: i64,
    why: &str,
) -> AppResult<points_adjustment::Model> {
    let why = reason(why)?;
    if amount == 0 || amount.abs() > MAX_ADJUSTMENT {
        return Err(AppError::bad_input(
            "an adjustment moves 1 to 100,000 points, up or down",
        ));
    }
    let proposer = change
        .viewer
        .principal()
        .map(|principal| principal.id)
        .ok_or_else(|| AppError::Forbidden("adjustments are proposed by a person".to_owned()))?;
    change
        .run("adjustPoints", "points_adjustment", async |txn| {
            let resident = visible_resident(txn, change.viewer, resident_id).await?;
            if !points_actions::keeps_ledger(change.viewer, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "only a ledger keeper over the volunteer proposes adjustments".to_owned(),
                ));
            }
            let row = points_adjustment::ActiveModel {
                resident_id: Set(resident.id),
                area_path: Set(resident.area_path.clone()),
                amount: Set(amount),
                reason: Set(why.clone()),
                status: Set(AdjustmentStatus::Pending),
                proposed_by_user_id: Set(proposer),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            change.audit(txn, audit(&row, "adjustPoints")).await?;
            Ok(row)
        })
        .await
}

/// Approves the pending adjustment `id` (read at `version`) and posts its entry.
pub async fn approve(change: &Change<'_>, id: i32, version: i32) -> AppResult<Approved> {
    change
        .run(
            "approvePointsAdjustment",
            "points_adjustment",
            async |txn| {
                let current = access::visible::<points_adjustment::Entity>(change.viewer)
                    .filter(points_adjustment::Column::Id.eq(id))
                    .one(txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let proposer = current.proposed_by_user_id;
                if !points_actions::may_approve(change.viewer, proposer, &current.area_path) {
                    return Err(AppError::Forbidden(
                        "a second ledger keeper, not the proposer, approves an adjustment"
                            .to_owned(),
                    ));
                }
                if current.version != version {
                    return Err(versioned::stale());
                }
                if current.status != AdjustmentStatus::Pending {
                    return Err(AppError::Conflict(
                        "the adjustment is not pending".to_owned(),
                    ));
                }
                let resident = visible_resident(txn, change.viewer, current.resident_id).await?;
                let account = ledger::account_for(txn, &resident, change.now).await?;
                let posting = Posting {
                    amount: current.amount,
                    source_kind: "ADJUSTMENT",
                    source_id: Some(current.id),
                    reason: Some(current.reason.clone()),
                    actor: Some(proposer),
                    approver: change.viewer.principal().map(|principal| principal.id),
                    ..Default::default()
                };
                let moved =
                    ledger::post(txn, account.id, EntryKind::Adjust, posting, change.now).await?;
                let changes = points_adjustment::ActiveModel {
                    status: Set(AdjustmentStatus::Approved),
                    approved_by_user_id: Set(moved.entry.approver_user_id),
                    entry_id: Set(Some(moved.entry.id)),
                    updated_at: Set(change.now),
                    ..Default::default()
                };
                versioned::update::<points_adjustment::Entity, _, _>(
                    txn,
                    changes,
                    points_adjustment::Column::Id,
                    id,
                    points_adjustment::Column::Version,
                    version,
                )
                .await?;
                let adjustment = points_adjustment::Entity::find_by_id(id)
                    .one(txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                change
                    .audit(txn, audit(&adjustment, "approvePointsAdjustment"))
                    .await?;
                Ok(Approved { adjustment, moved })
            },
        )
        .await
}
