//! The node types of the ledger: explicit wrappers, so a column reaches the API only
//! when a field here says so.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::{points_account, points_adjustment, points_entry, redemption_order, reward};

use super::enums::{AdjustmentStatus, EntryKind, OrderStatus};
use super::filters::{
    NoFilter, PointsAdjustmentOrder, PointsEntryOrder, RedemptionOrderFilter, RedemptionOrderOrder,
    RewardFilter, RewardOrder, VolunteerFilter, VolunteerOrder,
};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::territory::Resident;

/// A volunteer's points account (志愿积分账户), one per resident.
#[derive(Clone)]
pub struct Volunteer(pub points_account::Model);
resource!(Volunteer, points_account, VolunteerOrder, VolunteerFilter);

#[Object]
impl Volunteer {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Volunteer, self.0.id)
    }
    /// Changes with every entry.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The resident, masked by the access policy; null when out of the viewer's sight.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
    /// Points that can be redeemed now (never below zero).
    async fn available(&self) -> i64 {
        self.0.available
    }
    /// Points held by redemption orders not yet fulfilled or cancelled.
    async fn held(&self) -> i64 {
        self.0.held
    }
    /// Every entry of the account, oldest first: each with the balances after it.
    async fn ledger(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<PointsEntryOrder>,
    ) -> AppResult<Connection<PointsEntry>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = points_entry::Column::AccountId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
}

/// One entry of a volunteer's ledger (append-only).
#[derive(Clone)]
pub struct PointsEntry(pub points_entry::Model);
resource!(PointsEntry, points_entry, PointsEntryOrder, NoFilter);

#[Object]
impl PointsEntry {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::PointsEntry, self.0.id)
    }
    /// What the entry records.
    async fn kind(&self) -> EntryKind {
        self.0.kind.into()
    }
    /// Change of the available balance (negative for HOLD, EXPIRE, most REVERSALs).
    async fn amount(&self) -> i64 {
        self.0.amount
    }
    /// Change of the held balance (HOLD adds, REDEEM and RELEASE take away).
    async fn held_amount(&self) -> i64 {
        self.0.held_amount
    }
    /// The available balance after this entry.
    async fn available_after(&self) -> i64 {
        self.0.available_after
    }
    /// The held balance after this entry.
    async fn held_after(&self) -> i64 {
        self.0.held_after
    }
    /// What it came from: `PARTICIPATION`, `REDEMPTION_ORDER`, `ADJUSTMENT`, `ENTRY`
    /// (a reversal) or `SEED`.
    async fn source_kind(&self) -> &str {
        &self.0.source_kind
    }
    /// The database id of the source within its kind.
    async fn source_id(&self) -> Option<i32> {
        self.0.source_id
    }
    /// Why (adjustments and reversals).
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// Global id of the user who made it (the proposer, for an adjustment).
    async fn actor_id(&self) -> Option<ID> {
        self.0
            .actor_user_id
            .map(|id| ids::encode(NodeKind::User, id))
    }
    /// Global id of the second user who approved it (adjustments).
    async fn approver_id(&self) -> Option<ID> {
        self.0
            .approver_user_id
            .map(|id| ids::encode(NodeKind::User, id))
    }
    /// When it was posted.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// The entry this one reverses.
    async fn reverses(&self, ctx: &Context<'_>) -> AppResult<Option<PointsEntry>> {
        match self.0.reverses_entry_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The account it belongs to.
    async fn volunteer(&self, ctx: &Context<'_>) -> AppResult<Option<Volunteer>> {
        by_id(ctx, self.0.account_id).await
    }
}

/// A reward of the catalogue (积分兑换), offered to the volunteers of an area.
#[derive(Clone)]
pub struct Reward(pub reward::Model);
resource!(Reward, reward, RewardOrder, RewardFilter);

#[Object]
impl Reward {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Reward, self.0.id)
    }
    /// Changes with every redemption and cancellation.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Points it costs.
    async fn cost(&self) -> i64 {
        self.0.cost
    }
    /// Units left (never below zero).
    async fn stock(&self) -> i32 {
        self.0.stock
    }
}

/// A redemption of a reward by a volunteer.
#[derive(Clone)]
pub struct RedemptionOrder(pub redemption_order::Model);
resource!(
    RedemptionOrder,
    redemption_order,
    RedemptionOrderOrder,
    RedemptionOrderFilter
);

#[Object]
impl RedemptionOrder {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::RedemptionOrder, self.0.id)
    }
    /// Send it back to fulfil or cancel: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> OrderStatus {
        self.0.status.into()
    }
    /// Points held (then spent or given back).
    async fn points(&self) -> i64 {
        self.0.points
    }
    /// When it was placed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn reward(&self, ctx: &Context<'_>) -> AppResult<Option<Reward>> {
        by_id(ctx, self.0.reward_id).await
    }
    async fn volunteer(&self, ctx: &Context<'_>) -> AppResult<Option<Volunteer>> {
        by_id(ctx, self.0.account_id).await
    }
}

/// A correction of a volunteer's points awaiting (or past) its second approver.
#[derive(Clone)]
pub struct PointsAdjustment(pub points_adjustment::Model);
resource!(
    PointsAdjustment,
    points_adjustment,
    PointsAdjustmentOrder,
    NoFilter
);

#[Object]
impl PointsAdjustment {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::PointsAdjustment, self.0.id)
    }
    /// Send it back to approve: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> AdjustmentStatus {
        self.0.status.into()
    }
    /// Points to add (or, negative, to take away).
    async fn amount(&self) -> i64 {
        self.0.amount
    }
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// The resident whose points it corrects.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
    /// Global id of the keeper who proposed it.
    async fn proposed_by_id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.proposed_by_user_id)
    }
    /// Global id of the keeper who approved it.
    async fn approved_by_id(&self) -> Option<ID> {
        self.0
            .approved_by_user_id
            .map(|id| ids::encode(NodeKind::User, id))
    }
    /// The ADJUST entry it posted, once approved.
    async fn entry(&self, ctx: &Context<'_>) -> AppResult<Option<PointsEntry>> {
        match self.0.entry_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
}
