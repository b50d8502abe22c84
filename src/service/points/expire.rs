//! Expiry (积分过期): a ledger keeper retires points a volunteer did not use in time
//! with an EXPIRE entry. Like every movement it goes through [`ledger::post`], so it
//! never takes the available balance below zero (CONFLICT, nothing posted).

use entity::points_enums::EntryKind;

use super::ledger::{self, Posting};
use super::{Moved, reason, visible_resident};
use crate::access::audit::AuditEntry;
use crate::access::points_actions;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// The most points one expiry retires.
pub const MAX_EXPIRY: i64 = 100_000;

/// Retires `amount` available points of the volunteer `resident_id`, for `why`.
pub async fn expire(
    change: &Change<'_>,
    resident_id: i32,
    amount: i64,
    why: &str,
) -> AppResult<Moved> {
    let why = reason(why)?;
    if !(1..=MAX_EXPIRY).contains(&amount) {
        return Err(AppError::bad_input("an expiry retires 1 to 100,000 points"));
    }
    change
        .run("expirePoints", "points_entry", async |txn| {
            let resident = visible_resident(txn, change.viewer, resident_id).await?;
            if !points_actions::keeps_ledger(change.viewer, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "only a ledger keeper over the volunteer expires points".to_owned(),
                ));
            }
            let account = ledger::account_for(txn, &resident, change.now).await?;
            let posting = Posting {
                amount: -amount,
                source_kind: "EXPIRY",
                reason: Some(why.clone()),
                actor: change.viewer.principal().map(|principal| principal.id),
                ..Default::default()
            };
            let moved =
                ledger::post(txn, account.id, EntryKind::Expire, posting, change.now).await?;
            let entry = AuditEntry {
                action: "expirePoints",
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
