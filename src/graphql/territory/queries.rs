//! Root fields of the territory: one look-up and one list per type.

use async_graphql::{Context, ID, Object};

use super::orders::{
    BuildingOrder, CommunityOrder, DistrictOrder, GridOrder, HouseholdOrder, ResidentOrder,
    StreetOrder,
};
use super::*;
use crate::error::AppResult;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup, lookup_with_children};

#[derive(Default)]
pub struct TerritoryQuery;

#[Object]
impl TerritoryQuery {
    /// A district by id.
    async fn district(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<District>> {
        lookup_with_children(ctx, &id).await
    }
    /// A street by id.
    async fn street(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Street>> {
        lookup_with_children(ctx, &id).await
    }
    /// A community by id.
    async fn community(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Community>> {
        lookup_with_children(ctx, &id).await
    }
    /// A grid by id.
    async fn grid(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Grid>> {
        lookup_with_children(ctx, &id).await
    }
    /// A building by id.
    async fn building(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Building>> {
        lookup_with_children(ctx, &id).await
    }
    /// A unit by id.
    async fn unit(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Unit>> {
        lookup_with_children(ctx, &id).await
    }
    /// A household by id.
    async fn household(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Household>> {
        lookup_with_children(ctx, &id).await
    }
    /// A resident by id.
    async fn resident(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Resident>> {
        lookup(ctx, &id).await
    }

    /// Districts, paged.
    async fn districts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<DistrictFilter>,
        order_by: Option<DistrictOrder>,
    ) -> AppResult<Connection<District>> {
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Streets, paged.
    async fn streets(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<StreetFilter>,
        order_by: Option<StreetOrder>,
    ) -> AppResult<Connection<Street>> {
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Communities, paged.
    async fn communities(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<CommunityFilter>,
        order_by: Option<CommunityOrder>,
    ) -> AppResult<Connection<Community>> {
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Grids, paged.
    async fn grids(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<GridFilter>,
        order_by: Option<GridOrder>,
    ) -> AppResult<Connection<Grid>> {
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Buildings, paged.
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
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Households, paged.
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
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
    /// Residents, paged.
    async fn residents(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ResidentFilter>,
        order_by: Option<ResidentOrder>,
    ) -> AppResult<Connection<Resident>> {
        list(
            ctx,
            PageArgs {
                first,
                after,
                last,
                before,
            },
            order_by,
            filter,
        )
        .await
    }
}
