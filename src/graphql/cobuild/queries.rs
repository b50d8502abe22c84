//! Root fields of co-building, `matchingNeeds`, and a community's open needs.

use async_graphql::{Context, ID, Object};

use entity::need_item;

use super::enums::NeedStatus;
use super::filters::*;
use super::{CoBuildingUnit, NeedItem, Project, ResourceItem};
use crate::error::AppResult;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{children, list, lookup};

#[derive(Default)]
pub struct CoBuildQuery;

#[Object]
impl CoBuildQuery {
    /// A co-building unit by id; NOT_FOUND when unknown or out of scope.
    async fn co_building_unit(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> AppResult<Option<CoBuildingUnit>> {
        lookup(ctx, &id).await
    }
    /// The co-building units the viewer may see.
    #[allow(clippy::too_many_arguments)]
    async fn co_building_units(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<CoBuildingUnitFilter>,
        order_by: Option<CoBuildingUnitOrder>,
    ) -> AppResult<Connection<CoBuildingUnit>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A need by id.
    async fn need_item(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<NeedItem>> {
        lookup(ctx, &id).await
    }
    /// The needs list (需求清单) the viewer may see.
    #[allow(clippy::too_many_arguments)]
    async fn needs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<NeedFilter>,
        order_by: Option<NeedOrder>,
    ) -> AppResult<Connection<NeedItem>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A resource by id.
    async fn resource_item(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<ResourceItem>> {
        lookup(ctx, &id).await
    }
    /// The resources list (资源清单) the viewer may see.
    #[allow(clippy::too_many_arguments)]
    async fn resources(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ResourceFilter>,
        order_by: Option<ResourceOrder>,
    ) -> AppResult<Connection<ResourceItem>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A project by id.
    async fn project(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Project>> {
        lookup(ctx, &id).await
    }
    /// The projects list (项目清单) the viewer may see.
    #[allow(clippy::too_many_arguments)]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ProjectFilter>,
        order_by: Option<ProjectOrder>,
    ) -> AppResult<Connection<Project>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// The open needs (in sight) that the unit's resources could answer: in the areas
    /// of the alliances it is in today, of a category one of its resources offers
    /// while some is left and its window is not over. NOT_FOUND for a unit out of sight.
    #[allow(clippy::too_many_arguments)]
    async fn matching_needs(
        &self,
        ctx: &Context<'_>,
        unit_id: ID,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<NeedOrder>,
    ) -> AppResult<Connection<NeedItem>> {
        let unit = lookup::<CoBuildingUnit>(ctx, &unit_id).await?;
        let filter = NeedFilter {
            matching_unit: unit.map(|unit| unit.0.id),
            ..Default::default()
        };
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, Some(filter)).await
    }
}

/// The open needs of `community` and its grids (`community.openNeeds`).
pub async fn community_open_needs(
    ctx: &Context<'_>,
    community: i32,
    args: PageArgs,
    order_by: Option<NeedOrder>,
) -> AppResult<Connection<NeedItem>> {
    let filter = NeedFilter::of_status(&[NeedStatus::Open]);
    let via = need_item::Column::CommunityId;
    children(ctx, via, community, args, order_by, Some(filter)).await
}
