//! The upper levels of the territory tree: district, street, community.

use async_graphql::{Context, ID, Object};

use entity::{community, district, street};

use super::filters::{CommunityFilter, GridFilter, StreetFilter};
use super::orders::{CommunityOrder, DistrictOrder, GridOrder, StreetOrder};
use super::{DistrictFilter, Grid};
use crate::error::AppResult;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};

/// A district (区), the root of the territory tree.
#[derive(Clone)]
pub struct District(pub district::Model);
resource!(District, district, DistrictOrder, DistrictFilter);

#[Object]
impl District {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::District, self.0.id)
    }
    /// Six-digit administrative division code (GB/T 2260).
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The streets of this district.
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
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            street::Column::DistrictId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}

/// A street (街道), a sub-district office's area.
#[derive(Clone)]
pub struct Street(pub street::Model);
resource!(Street, street, StreetOrder, StreetFilter, parents { "district" => District, DistrictId });

#[Object]
impl Street {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Street, self.0.id)
    }
    /// Nine digits: the district code and three more.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The district this street belongs to.
    async fn district(&self, ctx: &Context<'_>) -> AppResult<Option<District>> {
        by_id(ctx, self.0.district_id).await
    }
    /// The communities of this street.
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
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            community::Column::StreetId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}

/// A residents' community (社区).
#[derive(Clone)]
pub struct Community(pub community::Model);
resource!(Community, community, CommunityOrder, CommunityFilter, parents { "street" => Street, StreetId });

#[Object]
impl Community {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Community, self.0.id)
    }
    /// Twelve digits: the street code and three more.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Address of the community office.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// The street this community belongs to.
    async fn street(&self, ctx: &Context<'_>) -> AppResult<Option<Street>> {
        by_id(ctx, self.0.street_id).await
    }
    /// The community's active party committee (社区大党委), if the viewer sees it.
    async fn party_committee(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::graphql::party::PartyOrganization>> {
        crate::graphql::party::party_committee(ctx, self.0.id).await
    }
    /// The grids of this community.
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
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            entity::grid::Column::CommunityId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
    /// The open needs (需求清单) of this community and its grids.
    async fn open_needs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<crate::graphql::cobuild::NeedOrder>,
    ) -> AppResult<Connection<crate::graphql::cobuild::NeedItem>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        crate::graphql::cobuild::community_open_needs(ctx, self.0.id, args, order_by).await
    }
}
