//! The `Visit` node and `HouseholdVisit`, one household reached on one visit.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::{visit, visit_finding, visit_household};

use super::filters::{HouseholdVisitOrder, NoFilter, VisitFilter, VisitOrder};
use super::finding::VisitFinding;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::territory::{Grid, Household};

/// A grid worker's visit (走访) to households of one grid.
#[derive(Clone)]
pub struct Visit(pub visit::Model);
resource!(Visit, visit, VisitOrder, VisitFilter);

#[Object]
impl Visit {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Visit, self.0.id)
    }
    /// Changes only when one of its findings opens a request.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the visit took place.
    async fn visited_at(&self) -> DateTime<Utc> {
        self.0.visited_at
    }
    /// When it was recorded.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Global id of the user who made the visit.
    async fn worker_id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.worker_user_id)
    }
    /// The grid of the households visited.
    async fn grid(&self, ctx: &Context<'_>) -> AppResult<Option<Grid>> {
        by_id(ctx, self.0.grid_id).await
    }
    /// The households reached, each masked by the access policy.
    async fn households(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Connection<HouseholdVisit>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = visit_household::Column::VisitId;
        children(ctx, via, self.0.id, args, None, None).await
    }
    /// What the visit found, as recorded.
    async fn findings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Connection<VisitFinding>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = visit_finding::Column::VisitId;
        children(ctx, via, self.0.id, args, None, None).await
    }
}

/// One household reached on one visit.
#[derive(Clone)]
pub struct HouseholdVisit(pub visit_household::Model);
resource!(
    HouseholdVisit,
    visit_household,
    HouseholdVisitOrder,
    NoFilter
);

#[Object]
impl HouseholdVisit {
    /// When the visit took place.
    async fn visited_at(&self) -> DateTime<Utc> {
        self.0.visited_at
    }
    /// The visit.
    async fn visit(&self, ctx: &Context<'_>) -> AppResult<Option<Visit>> {
        by_id(ctx, self.0.visit_id).await
    }
    /// The household, masked by the access policy; null when out of the viewer's sight.
    async fn household(&self, ctx: &Context<'_>) -> AppResult<Option<Household>> {
        by_id(ctx, self.0.household_id).await
    }
}
