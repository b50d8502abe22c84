//! The lower levels of the territory tree: grid, building, unit.

use async_graphql::{Context, ID, Object};

use entity::{building, grid, household, unit};

use super::counters::{Counter, grid_count};
use super::enums::{FormerGrid, GridKind};
use super::filters::{BuildingFilter, HouseholdFilter, UnitFilter};
use super::orders::{BuildingOrder, GridOrder, HouseholdOrder, UnitOrder};
use super::{Community, GridFilter, Household};
use crate::error::AppResult;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};

/// A grid (网格): 400-700 households served by one team for every former grid.
#[derive(Clone)]
pub struct Grid(pub grid::Model);
resource!(Grid, grid, GridOrder, GridFilter, parents { "community" => Community, CommunityId });

#[Object]
impl Grid {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Grid, self.0.id)
    }
    /// Fifteen digits: the community code and three more.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> GridKind {
        self.0.kind.into()
    }
    /// The former single-purpose grids this grid merges (多网合一).
    async fn merged_grids(&self) -> Vec<FormerGrid> {
        FormerGrid::parse_list(&self.0.merged_grids)
    }
    /// The community this grid belongs to.
    async fn community(&self, ctx: &Context<'_>) -> AppResult<Option<Community>> {
        by_id(ctx, self.0.community_id).await
    }
    /// Households anywhere in this grid that the viewer may see. Every counter of every
    /// grid in a request is one SQL statement.
    async fn household_count(&self, ctx: &Context<'_>) -> AppResult<u64> {
        grid_count(ctx, self.0.id, Counter::Households).await
    }
    /// Residents anywhere in this grid that the viewer may see.
    async fn resident_count(&self, ctx: &Context<'_>) -> AppResult<u64> {
        grid_count(ctx, self.0.id, Counter::Residents).await
    }
    /// ELDERLY residents (60 or older today) anywhere in this grid that the viewer may see.
    async fn elderly_count(&self, ctx: &Context<'_>) -> AppResult<u64> {
        grid_count(ctx, self.0.id, Counter::Elderly).await
    }
    /// The grid's active party branch (网格党支部), if the viewer sees it.
    async fn party_branch(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::graphql::party::PartyOrganization>> {
        crate::graphql::party::party_branch(ctx, self.0.id).await
    }
    /// The buildings of this grid.
    async fn buildings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<BuildingFilter>,
        order_by: Option<BuildingOrder>,
    ) -> AppResult<Connection<Building>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            building::Column::GridId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}

/// A residential building (楼栋).
#[derive(Clone)]
pub struct Building(pub building::Model);
resource!(Building, building, BuildingOrder, BuildingFilter, parents { "grid" => Grid, GridId });

#[Object]
impl Building {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Building, self.0.id)
    }
    /// Eighteen digits: the grid code and three more.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn address(&self) -> &str {
        &self.0.address
    }
    /// Number of floors above ground.
    async fn floors(&self) -> i32 {
        self.0.floors
    }
    /// Latitude in WGS-84 degrees.
    async fn latitude(&self) -> Option<f64> {
        self.0.latitude
    }
    /// Longitude in WGS-84 degrees.
    async fn longitude(&self) -> Option<f64> {
        self.0.longitude
    }
    /// The grid this building belongs to.
    async fn grid(&self, ctx: &Context<'_>) -> AppResult<Option<Grid>> {
        by_id(ctx, self.0.grid_id).await
    }
    /// Its three leaders in office today (三长): the grid leader of its grid, its
    /// building leader, its unit leaders; batched over every building of a request.
    async fn leaders(&self, ctx: &Context<'_>) -> AppResult<Vec<crate::graphql::posts::Post>> {
        crate::graphql::posts::building_leaders(ctx, &self.0.path).await
    }
    /// The units (stairwells) of this building.
    async fn units(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<UnitFilter>,
        order_by: Option<UnitOrder>,
    ) -> AppResult<Connection<Unit>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            unit::Column::BuildingId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}

/// A unit (单元): one stairwell entrance of a building.
#[derive(Clone)]
pub struct Unit(pub unit::Model);
resource!(Unit, unit, UnitOrder, UnitFilter, parents { "building" => Building, BuildingId });

#[Object]
impl Unit {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Unit, self.0.id)
    }
    /// Twenty digits: the building code and two more.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// The unit's number within its building.
    async fn unit_no(&self) -> i32 {
        self.0.unit_no
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The building this unit belongs to.
    async fn building(&self, ctx: &Context<'_>) -> AppResult<Option<Building>> {
        by_id(ctx, self.0.building_id).await
    }
    /// The households of this unit.
    async fn households(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<HouseholdFilter>,
        order_by: Option<HouseholdOrder>,
    ) -> AppResult<Connection<Household>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            household::Column::UnitId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}
