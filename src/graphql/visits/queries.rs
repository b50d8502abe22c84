//! Root fields of visits, and a household's visits.

use async_graphql::{Context, ID, Object};

use entity::visit_household;

use super::filters::{HouseholdVisitOrder, VisitFilter, VisitOrder};
use super::finding::VisitFinding;
use super::visit::{HouseholdVisit, Visit};
use crate::error::AppResult;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{children, list, lookup};

#[derive(Default)]
pub struct VisitsQuery;

#[Object]
impl VisitsQuery {
    /// A visit by id; NOT_FOUND when it does not exist or is out of scope.
    async fn visit(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Visit>> {
        lookup(ctx, &id).await
    }
    /// A finding by id; NOT_FOUND when it does not exist or is out of scope.
    async fn visit_finding(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<VisitFinding>> {
        lookup(ctx, &id).await
    }
    /// The visits the viewer may see, paged.
    async fn visits(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<VisitFilter>,
        order_by: Option<VisitOrder>,
    ) -> AppResult<Connection<Visit>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}

/// The visits that reached `household`, latest first unless ordered otherwise
/// (`household.visits`).
pub async fn household_visits(
    ctx: &Context<'_>,
    household: i32,
    args: PageArgs,
    order_by: Option<HouseholdVisitOrder>,
) -> AppResult<Connection<HouseholdVisit>> {
    let order = order_by.unwrap_or(HouseholdVisitOrder::VisitedAtDesc);
    let via = visit_household::Column::HouseholdId;
    children(ctx, via, household, args, Some(order), None).await
}
