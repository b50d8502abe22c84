//! Honours (荣誉, e.g. "最美三长"): a ledger keeper over the resident [`nominate`]s, a
//! second keeper — not the nominator — [`decide`]s, at the version read, once.

use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};

use entity::honour::{self, HonourStatus};

use super::{reason, visible_resident};
use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

fn audit(row: &honour::Model, action: &'static str) -> AuditEntry {
    AuditEntry {
        action,
        entity: Some("honour"),
        entity_id: Some(row.id),
        fields: Some("status".to_owned()),
        area_path: Some(row.area_path.clone()),
        ..Default::default()
    }
}

/// Nominates the resident `resident_id` for `title`, for `why`.
pub async fn nominate(
    change: &Change<'_>,
    resident_id: i32,
    title: &str,
    why: &str,
) -> AppResult<honour::Model> {
    let title = intake::text("title", title, 64).map_err(AppError::BadUserInput)?;
    let why = reason(why)?;
    let nominator = change
        .viewer
        .principal()
        .map(|principal| principal.id)
        .ok_or_else(|| AppError::Forbidden("honours are nominated by a person".to_owned()))?;
    change
        .run("nominateHonour", "honour", async |txn| {
            let resident = visible_resident(txn, change.viewer, resident_id).await?;
            if !points_actions::keeps_ledger(change.viewer, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "only a ledger keeper over the resident nominates honours".to_owned(),
                ));
            }
            let row = honour::ActiveModel {
                resident_id: Set(resident.id),
                area_path: Set(resident.area_path.clone()),
                title: Set(title.clone()),
                reason: Set(why.clone()),
                status: Set(HonourStatus::Nominated),
                nominated_by_user_id: Set(nominator),
                decided_by_user_id: Set(None),
                decided_at: Set(None),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            change.audit(txn, audit(&row, "nominateHonour")).await?;
            Ok(row)
        })
        .await
}

/// Approves (or rejects) the nomination `id` read at `version`.
pub async fn decide(
    change: &Change<'_>,
    id: i32,
    version: i32,
    approve: bool,
) -> AppResult<honour::Model> {
    change
        .run("decideHonour", "honour", async |txn| {
            let current = access::visible::<honour::Entity>(change.viewer)
                .filter(honour::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let nominator = current.nominated_by_user_id;
            if !points_actions::may_approve(change.viewer, nominator, &current.area_path) {
                return Err(AppError::Forbidden(
                    "a second ledger keeper, not the nominator, decides an honour".to_owned(),
                ));
            }
            if current.version != version {
                return Err(versioned::stale());
            }
            if current.status != HonourStatus::Nominated {
                return Err(AppError::Conflict(
                    "the honour is decided already".to_owned(),
                ));
            }
            let status = if approve {
                HonourStatus::Approved
            } else {
                HonourStatus::Rejected
            };
            let decider = change.viewer.principal().map(|principal| principal.id);
            let changes = honour::ActiveModel {
                status: Set(status),
                decided_by_user_id: Set(decider),
                decided_at: Set(Some(change.now)),
                ..Default::default()
            };
            let (id_column, version_column) = (honour::Column::Id, honour::Column::Version);
            versioned::update(txn, changes, id_column, id, version_column, version).await?;
            let row = honour::Model {
                status,
                decided_by_user_id: decider,
                decided_at: Some(change.now),
                version: version + 1,
                ..current
            };
            change.audit(txn, audit(&row, "decideHonour")).await?;
            Ok(row)
        })
        .await
}
