//! Root fields of the points ledger.

use async_graphql::{Context, ID, Object, SimpleObject};

use super::filters::{
    RedemptionOrderFilter, RedemptionOrderOrder, RewardFilter, RewardOrder, VolunteerFilter,
    VolunteerOrder,
};
use super::nodes::{PointsAdjustment, PointsEntry, RedemptionOrder, Reward, Volunteer};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup};
use crate::graphql::territory::under_area;
use crate::service::points::reconcile::{self, Balance};

#[derive(Default)]
pub struct PointsQuery;

/// One account whose stored balances disagree with its entries.
#[derive(SimpleObject)]
pub struct PointsMismatch {
    /// The account.
    volunteer_id: ID,
    /// Balances as stored on the account.
    available: i64,
    held: i64,
    /// Balances as the sums of the entries' movements.
    summed_available: i64,
    summed_held: i64,
    /// Balances as the last entry recorded them.
    last_available: i64,
    last_held: i64,
}

/// The outcome of recomputing balances from entries (对账).
#[derive(SimpleObject)]
pub struct PointsReconciliation {
    /// Accounts checked (those the viewer sees).
    accounts_checked: i32,
    /// Entries summed.
    entries_checked: i64,
    /// Every checked account agrees with its entries.
    consistent: bool,
    /// The accounts that do not.
    mismatches: Vec<PointsMismatch>,
}

impl From<Vec<Balance>> for PointsReconciliation {
    fn from(balances: Vec<Balance>) -> Self {
        let mismatches: Vec<PointsMismatch> = balances
            .iter()
            .filter(|balance| !balance.consistent())
            .map(|balance| PointsMismatch {
                volunteer_id: ids::encode(NodeKind::Volunteer, balance.account_id),
                available: balance.available,
                held: balance.held,
                summed_available: balance.summed_available,
                summed_held: balance.summed_held,
                last_available: balance.last_available,
                last_held: balance.last_held,
            })
            .collect();
        PointsReconciliation {
            accounts_checked: balances.len() as i32,
            entries_checked: balances.iter().map(|balance| balance.entries).sum(),
            consistent: mismatches.is_empty(),
            mismatches,
        }
    }
}

#[Object]
impl PointsQuery {
    /// A volunteer's points account by id; NOT_FOUND when unknown or out of scope.
    async fn volunteer(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Volunteer>> {
        lookup(ctx, &id).await
    }
    /// The points accounts the viewer may see (residents: their household's).
    #[allow(clippy::too_many_arguments)]
    async fn volunteers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<VolunteerFilter>,
        order_by: Option<VolunteerOrder>,
    ) -> AppResult<Connection<Volunteer>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A ledger entry by id.
    async fn points_entry(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<PointsEntry>> {
        lookup(ctx, &id).await
    }
    /// A reward by id.
    async fn reward(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Reward>> {
        lookup(ctx, &id).await
    }
    /// The rewards offered where the viewer is (their area, and the areas above it).
    async fn rewards(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<RewardFilter>,
        order_by: Option<RewardOrder>,
    ) -> AppResult<Connection<Reward>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A redemption order by id.
    async fn redemption_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> AppResult<Option<RedemptionOrder>> {
        lookup(ctx, &id).await
    }
    /// The redemption orders the viewer may see.
    async fn redemption_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<RedemptionOrderFilter>,
        order_by: Option<RedemptionOrderOrder>,
    ) -> AppResult<Connection<RedemptionOrder>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A proposed points adjustment by id.
    async fn points_adjustment(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> AppResult<Option<PointsAdjustment>> {
        lookup(ctx, &id).await
    }
    /// Recomputes the balances of every account the viewer sees (under `areaId`, when
    /// given) from their entries, and names those that disagree.
    async fn points_reconciliation(
        &self,
        ctx: &Context<'_>,
        area_id: Option<ID>,
    ) -> AppResult<PointsReconciliation> {
        let request = RequestContext::signed_in(ctx)?;
        let only = under_area(entity::points_account::Column::AreaPath, area_id.as_ref())?;
        let balances = reconcile::balances(&request.db, &request.viewer, only).await?;
        Ok(balances.into())
    }
}
