//! Reversals: an EARN or ADJUST entry posted in error is undone by a REVERSAL entry of
//! the opposite amount (entries are never edited), at most once, and only while the
//! points are still there to take back.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use entity::points_entry;
use entity::points_enums::EntryKind;

use super::ledger::{self, Posting};
use super::{Moved, reason};
use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Reverses the entry `id`, for `why`.
pub async fn reverse(change: &Change<'_>, id: i32, why: &str) -> AppResult<Moved> {
    let why = reason(why)?;
    change
        .run("reversePointsEntry", "points_entry", async |txn| {
            let original = access::visible::<points_entry::Entity>(change.viewer)
                .filter(points_entry::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !points_actions::keeps_ledger(change.viewer, &original.area_path) {
                return Err(AppError::Forbidden(
                    "only a ledger keeper over the volunteer reverses entries".to_owned(),
                ));
            }
            if !matches!(original.kind, EntryKind::Earn | EntryKind::Adjust) {
                return Err(AppError::bad_input(
                    "only EARN and ADJUST entries are reversed; orders are cancelled",
                ));
            }
            let reversed = points_entry::Entity::find()
                .filter(points_entry::Column::ReversesEntryId.eq(id))
                .count(txn)
                .await?;
            if reversed > 0 {
                return Err(AppError::Conflict(
                    "this entry was reversed already".to_owned(),
                ));
            }
            let posting = Posting {
                amount: -original.amount,
                source_kind: "ENTRY",
                source_id: Some(original.id),
                reverses: Some(original.id),
                reason: Some(why.clone()),
                actor: change.viewer.principal().map(|principal| principal.id),
                ..Default::default()
            };
            let moved = ledger::post(
                txn,
                original.account_id,
                EntryKind::Reversal,
                posting,
                change.now,
            )
            .await?;
            let entry = AuditEntry {
                action: "reversePointsEntry",
                entity: Some("points_entry"),
                entity_id: Some(moved.entry.id),
                fields: Some("amount".to_owned()),
                area_path: Some(moved.entry.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(moved)
        })
        .await
}
