//! The points mutations: each decodes its one input and makes one call into
//! `service::points`, which runs it as one idempotent, audited transaction.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use super::nodes::{PointsAdjustment, PointsEntry, RedemptionOrder, Reward, Volunteer};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::points::redeem::{self, Ordered, Outcome};
use crate::service::points::{Moved, adjust, catalogue, expire, reverse};

/// A reward to offer in a community.
#[derive(InputObject)]
pub struct CreateRewardInput {
    pub community_id: ID,
    pub name: String,
    pub description: Option<String>,
    /// Points it costs (1 to 1,000,000).
    pub cost: i64,
    /// Units on offer (zero or more).
    pub stock: i32,
}

#[derive(SimpleObject)]
pub struct CreateRewardPayload {
    pub reward: Reward,
}

/// A reward to redeem for a volunteer.
#[derive(InputObject)]
pub struct RedeemRewardInput {
    pub reward_id: ID,
    /// The volunteer (a resident): the caller themself, or one a ledger keeper serves.
    pub resident_id: ID,
}

/// A held order to fulfil or cancel, at the version read.
#[derive(InputObject)]
pub struct SettleRedemptionInput {
    pub order_id: ID,
    pub version: i32,
}

/// An order after a change, with the account and the entry posted.
#[derive(SimpleObject)]
pub struct RedemptionPayload {
    pub order: RedemptionOrder,
    pub volunteer: Volunteer,
    pub entry: PointsEntry,
}

impl From<Ordered> for RedemptionPayload {
    fn from(ordered: Ordered) -> Self {
        RedemptionPayload {
            order: RedemptionOrder(ordered.order),
            volunteer: Volunteer(ordered.account),
            entry: PointsEntry(ordered.entry),
        }
    }
}

/// A correction to propose.
#[derive(InputObject)]
pub struct AdjustPointsInput {
    pub resident_id: ID,
    /// Points to add, or (negative) to take away; at most 100,000 either way.
    pub amount: i64,
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct AdjustPointsPayload {
    /// PENDING until another keeper approves it.
    pub adjustment: PointsAdjustment,
}

/// A pending adjustment to approve, at the version read.
#[derive(InputObject)]
pub struct ApprovePointsAdjustmentInput {
    pub adjustment_id: ID,
    pub version: i32,
}

#[derive(SimpleObject)]
pub struct ApprovePointsAdjustmentPayload {
    pub adjustment: PointsAdjustment,
    pub volunteer: Volunteer,
    pub entry: PointsEntry,
}

/// An EARN or ADJUST entry to undo.
#[derive(InputObject)]
pub struct ReversePointsEntryInput {
    pub entry_id: ID,
    pub reason: String,
}

/// Points a volunteer did not use in time, to retire.
#[derive(InputObject)]
pub struct ExpirePointsInput {
    pub resident_id: ID,
    /// 1 to 100,000, at most the available balance.
    pub amount: i64,
    pub reason: String,
}

/// An account after a movement, with the entry that moved it.
#[derive(SimpleObject)]
pub struct PointsMovedPayload {
    pub volunteer: Volunteer,
    pub entry: PointsEntry,
}

impl From<Moved> for PointsMovedPayload {
    fn from(moved: Moved) -> Self {
        PointsMovedPayload {
            volunteer: Volunteer(moved.account),
            entry: PointsEntry(moved.entry),
        }
    }
}

#[derive(Default)]
pub struct PointsMutation;

#[Object]
impl PointsMutation {
    /// Offers a reward in a community (its ledger keepers).
    async fn create_reward(
        &self,
        ctx: &Context<'_>,
        input: CreateRewardInput,
    ) -> AppResult<CreateRewardPayload> {
        let new = catalogue::NewReward {
            community_id: ids::decode_as(&input.community_id, NodeKind::Community)?,
            name: input.name,
            description: input.description,
            cost: input.cost,
            stock: input.stock,
        };
        let reward = catalogue::create(&change(ctx)?, new).await?;
        Ok(CreateRewardPayload {
            reward: Reward(reward),
        })
    }
    /// Redeems a reward: holds its cost (HOLD) and one unit of stock. CONFLICT when
    /// the points or the stock do not suffice; nothing changes then.
    async fn redeem_reward(
        &self,
        ctx: &Context<'_>,
        input: RedeemRewardInput,
    ) -> AppResult<RedemptionPayload> {
        let reward = ids::decode_as(&input.reward_id, NodeKind::Reward)?;
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        Ok(redeem::redeem(&change(ctx)?, reward, resident)
            .await?
            .into())
    }
    /// HELD → FULFILLED: the held points are spent (REDEEM).
    async fn fulfil_redemption(
        &self,
        ctx: &Context<'_>,
        input: SettleRedemptionInput,
    ) -> AppResult<RedemptionPayload> {
        let id = ids::decode_as(&input.order_id, NodeKind::RedemptionOrder)?;
        let change = change(ctx)?;
        let settled = redeem::settle(&change, id, input.version, Outcome::Fulfil);
        Ok(settled.await?.into())
    }
    /// HELD → CANCELLED: the points come back (RELEASE), and the stock.
    async fn cancel_redemption(
        &self,
        ctx: &Context<'_>,
        input: SettleRedemptionInput,
    ) -> AppResult<RedemptionPayload> {
        let id = ids::decode_as(&input.order_id, NodeKind::RedemptionOrder)?;
        let change = change(ctx)?;
        let settled = redeem::settle(&change, id, input.version, Outcome::Cancel);
        Ok(settled.await?.into())
    }
    /// Proposes a correction of a volunteer's points; posted only once another ledger
    /// keeper approves it.
    async fn adjust_points(
        &self,
        ctx: &Context<'_>,
        input: AdjustPointsInput,
    ) -> AppResult<AdjustPointsPayload> {
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        let change = change(ctx)?;
        let proposed = adjust::propose(&change, resident, input.amount, &input.reason);
        Ok(AdjustPointsPayload {
            adjustment: PointsAdjustment(proposed.await?),
        })
    }
    /// Approves a pending adjustment (not by its proposer) and posts its ADJUST entry.
    async fn approve_points_adjustment(
        &self,
        ctx: &Context<'_>,
        input: ApprovePointsAdjustmentInput,
    ) -> AppResult<ApprovePointsAdjustmentPayload> {
        let id = ids::decode_as(&input.adjustment_id, NodeKind::PointsAdjustment)?;
        let approved = adjust::approve(&change(ctx)?, id, input.version).await?;
        Ok(ApprovePointsAdjustmentPayload {
            adjustment: PointsAdjustment(approved.adjustment),
            volunteer: Volunteer(approved.moved.account),
            entry: PointsEntry(approved.moved.entry),
        })
    }
    /// Undoes an EARN or ADJUST entry with a REVERSAL entry, once.
    async fn reverse_points_entry(
        &self,
        ctx: &Context<'_>,
        input: ReversePointsEntryInput,
    ) -> AppResult<PointsMovedPayload> {
        let id = ids::decode_as(&input.entry_id, NodeKind::PointsEntry)?;
        Ok(reverse::reverse(&change(ctx)?, id, &input.reason)
            .await?
            .into())
    }
    /// Retires unused points with an EXPIRE entry (a ledger keeper); CONFLICT when it
    /// would take the available balance below zero.
    async fn expire_points(
        &self,
        ctx: &Context<'_>,
        input: ExpirePointsInput,
    ) -> AppResult<PointsMovedPayload> {
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        let change = change(ctx)?;
        Ok(
            expire::expire(&change, resident, input.amount, &input.reason)
                .await?
                .into(),
        )
    }
}
