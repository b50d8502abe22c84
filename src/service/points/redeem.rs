//! Redemption orders: [`redeem`] holds the points and takes one unit of stock,
//! [`fulfil`] spends the held points (REDEEM), [`cancel`] gives them back (RELEASE) and
//! returns the stock.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use entity::points_enums::{EntryKind, OrderStatus};
use entity::{points_account, points_entry, redemption_order, reward};

use super::ledger::{self, Posting};
use super::visible_resident;
use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// An order after a change, with the account and the entry the change posted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ordered {
    pub order: redemption_order::Model,
    pub account: points_account::Model,
    pub entry: points_entry::Model,
}

/// Redeems `reward_id` for the volunteer `resident_id`: HOLD of the reward's cost and
/// one unit of stock, or CONFLICT (not enough points, out of stock) with nothing done.
pub async fn redeem(change: &Change<'_>, reward_id: i32, resident_id: i32) -> AppResult<Ordered> {
    change
        .run("redeemReward", "redemption_order", async |txn| {
            let resident = visible_resident(txn, change.viewer, resident_id).await?;
            if !points_actions::may_redeem(change.viewer, resident.id, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "only the volunteer or a ledger keeper redeems their points".to_owned(),
                ));
            }
            let reward = access::visible::<reward::Entity>(change.viewer)
                .filter(reward::Column::Id.eq(reward_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !access::path_is_under(&resident.area_path, &reward.area_path) {
                return Err(AppError::bad_input(
                    "this reward is not offered where the volunteer lives",
                ));
            }
            let account = ledger::account_for(txn, &resident, change.now).await?;
            take_stock(txn, reward.id).await?;
            let order = redemption_order::ActiveModel {
                account_id: Set(account.id),
                reward_id: Set(reward.id),
                area_path: Set(account.area_path.clone()),
                points: Set(reward.cost),
                status: Set(OrderStatus::Held),
                requested_by_user_id: Set(change.viewer.principal().map(|p| p.id)),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let posting = Posting {
                amount: -reward.cost,
                held_amount: reward.cost,
                ..order_posting(change, &order)
            };
            let moved = ledger::post(txn, account.id, EntryKind::Hold, posting, change.now).await?;
            audit(change, txn, "redeemReward", &order).await?;
            Ok(Ordered {
                order,
                account: moved.account,
                entry: moved.entry,
            })
        })
        .await
}

/// One unit of stock, if any is left: a conditional UPDATE, so two redemptions of the
/// last unit cannot both take it.
async fn take_stock(txn: &DatabaseTransaction, reward_id: i32) -> AppResult<()> {
    let taken = reward::Entity::update_many()
        .col_expr(
            reward::Column::Stock,
            Expr::col(reward::Column::Stock).sub(1),
        )
        .col_expr(
            reward::Column::Version,
            Expr::col(reward::Column::Version).add(1),
        )
        .filter(reward::Column::Id.eq(reward_id))
        .filter(reward::Column::Stock.gt(0))
        .exec(txn)
        .await?;
    if taken.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict("this reward is out of stock".to_owned()))
    }
}

fn order_posting(change: &Change<'_>, order: &redemption_order::Model) -> Posting {
    Posting {
        source_kind: "REDEMPTION_ORDER",
        source_id: Some(order.id),
        actor: change.viewer.principal().map(|p| p.id),
        ..Default::default()
    }
}

async fn audit(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    action: &'static str,
    order: &redemption_order::Model,
) -> AppResult<()> {
    let entry = AuditEntry {
        action,
        entity: Some("redemption_order"),
        entity_id: Some(order.id),
        fields: Some("status,points".to_owned()),
        area_path: Some(order.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await
}

/// What ends a held order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Handed over: the held points are spent.
    Fulfil,
    /// Called off: the points come back and the stock is returned.
    Cancel,
}

/// Ends the held order `id`, read at `version`.
pub async fn settle(
    change: &Change<'_>,
    id: i32,
    version: i32,
    outcome: Outcome,
) -> AppResult<Ordered> {
    let action = match outcome {
        Outcome::Fulfil => "fulfilRedemption",
        Outcome::Cancel => "cancelRedemption",
    };
    change
        .run(action, "redemption_order", async |txn| {
            let order = access::visible::<redemption_order::Entity>(change.viewer)
                .filter(redemption_order::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let account = points_account::Entity::find_by_id(order.account_id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let allowed = match outcome {
                Outcome::Fulfil => points_actions::keeps_ledger(change.viewer, &order.area_path),
                Outcome::Cancel => {
                    points_actions::may_cancel(change.viewer, account.resident_id, &order.area_path)
                }
            };
            if !allowed {
                return Err(AppError::Forbidden(format!(
                    "this account may not {} this order",
                    if outcome == Outcome::Fulfil {
                        "fulfil"
                    } else {
                        "cancel"
                    }
                )));
            }
            if order.version != version {
                return Err(versioned::stale());
            }
            if order.status != OrderStatus::Held {
                return Err(AppError::Conflict("the order is no longer held".to_owned()));
            }
            let (kind, status, posting) = match outcome {
                Outcome::Fulfil => (
                    EntryKind::Redeem,
                    OrderStatus::Fulfilled,
                    Posting {
                        held_amount: -order.points,
                        ..order_posting(change, &order)
                    },
                ),
                Outcome::Cancel => (
                    EntryKind::Release,
                    OrderStatus::Cancelled,
                    Posting {
                        amount: order.points,
                        held_amount: -order.points,
                        ..order_posting(change, &order)
                    },
                ),
            };
            let changes = redemption_order::ActiveModel {
                status: Set(status),
                updated_at: Set(change.now),
                ..Default::default()
            };
            versioned::update::<redemption_order::Entity, _, _>(
                txn,
                changes,
                redemption_order::Column::Id,
                id,
                redemption_order::Column::Version,
                version,
            )
            .await?;
            if outcome == Outcome::Cancel {
                reward::Entity::update_many()
                    .col_expr(
                        reward::Column::Stock,
                        Expr::col(reward::Column::Stock).add(1),
                    )
                    .col_expr(
                        reward::Column::Version,
                        Expr::col(reward::Column::Version).add(1),
                    )
                    .filter(reward::Column::Id.eq(order.reward_id))
                    .exec(txn)
                    .await?;
            }
            let moved = ledger::post(txn, account.id, kind, posting, change.now).await?;
            let order = redemption_order::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            audit(change, txn, action, &order).await?;
            Ok(Ordered {
                order,
                account: moved.account,
                entry: moved.entry,
            })
        })
        .await
}
