//! The `CoBuildingUnit` and `AllianceMembership` nodes.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};

use entity::{alliance_membership, co_building_unit, need_item, resource_item};

use super::enums::{CoBuildingUnitStatus, CoBuildingUnitType, area_id};
use super::filters::{
    AllianceOrder, CoBuildingUnitFilter, CoBuildingUnitOrder, NeedFilter, NeedOrder, NoFilter,
    ResourceFilter, ResourceOrder,
};
use super::lists::{NeedItem, ResourceItem};
use crate::access::pii;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};

/// A co-building unit (共建单位) that builds the community together with it.
#[derive(Clone)]
pub struct CoBuildingUnit(pub co_building_unit::Model);
resource!(
    CoBuildingUnit,
    co_building_unit,
    CoBuildingUnitOrder,
    CoBuildingUnitFilter
);

impl CoBuildingUnit {
    fn contact(&self, ctx: &Context<'_>) -> AppResult<(Option<String>, Option<String>)> {
        let request = RequestContext::of(ctx)?;
        Ok(pii::unit_contact(
            &request.viewer,
            &self.0.area_path,
            self.0.contact_name.as_deref(),
            self.0.contact_phone.as_deref(),
        ))
    }
}

#[Object]
impl CoBuildingUnit {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::CoBuildingUnit, self.0.id)
    }
    /// Send it back to `updateCoBuildingUnit`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The unit's registered name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What sort of organisation it is.
    async fn unit_type(&self) -> CoBuildingUnitType {
        self.0.unit_type.into()
    }
    /// Its unified social credit code (统一社会信用代码, GB 32100), checked on entry.
    async fn credit_code(&self) -> &str {
        &self.0.credit_code
    }
    /// The contact person's name, masked unless the viewer's role sees personal data here.
    async fn contact_name(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.contact(ctx)?.0)
    }
    /// The contact person's phone, masked likewise.
    async fn contact_phone(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.contact(ctx)?.1)
    }
    /// The unit's address.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Whether it takes part.
    async fn status(&self) -> CoBuildingUnitStatus {
        self.0.status.into()
    }
    /// The district, street or community it is registered with.
    async fn area_id(&self) -> ID {
        area_id(&self.0.area_kind, self.0.area_id)
    }
    /// When it was registered.
    async fn registered_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Its memberships of street and community alliances (党建联盟).
    async fn alliances(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<AllianceOrder>,
    ) -> AppResult<Connection<AllianceMembership>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = alliance_membership::Column::UnitId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
    /// What it offers (资源清单).
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
        let via = resource_item::Column::UnitId;
        children(ctx, via, self.0.id, args, order_by, filter).await
    }
    /// The needs it has claimed (and fulfilled), those the viewer may see.
    #[allow(clippy::too_many_arguments)]
    async fn needs_answered(
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
        let via = need_item::Column::ClaimedByUnitId;
        children(ctx, via, self.0.id, args, order_by, filter).await
    }
}

/// A unit's membership of a street's or community's alliance.
#[derive(Clone)]
pub struct AllianceMembership(pub alliance_membership::Model);
resource!(
    AllianceMembership,
    alliance_membership,
    AllianceOrder,
    NoFilter
);

#[Object]
impl AllianceMembership {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::AllianceMembership, self.0.id)
    }
    /// Bumped on every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The member unit.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<CoBuildingUnit>> {
        by_id(ctx, self.0.unit_id).await
    }
    /// The street or community whose alliance it is.
    async fn area_id(&self) -> ID {
        area_id(&self.0.area_kind, self.0.area_id)
    }
    /// The day it joined.
    async fn joined_on(&self) -> NaiveDate {
        self.0.joined_on
    }
    /// The day it left (or leaves); null while open-ended.
    async fn left_on(&self) -> Option<NaiveDate> {
        self.0.left_on
    }
    /// The co-building agreement (共建协议) it joined under.
    async fn agreement(&self) -> Option<&str> {
        self.0.agreement.as_deref()
    }
}
