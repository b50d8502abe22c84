//! The `PartyOrganization` node, its filter and the `partyOrganizations` root list.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::party_organization::{self, Column};

use super::member::{PartyMember, PartyMemberFilter, PartyMemberOrder};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{mirror_enum, order_enum, resource};
use crate::graphql::node::{Node, fetch};
use crate::graphql::pagination::{Connection, FilterEnv, PageArgs};
use crate::graphql::resolve::{by_id, children, list, lookup};
use crate::graphql::territory::under_area;

/// A party organisation (党组织): a community's committee, a grid's branch, a group.
#[derive(Clone)]
pub struct PartyOrganization(pub party_organization::Model);
resource!(
    PartyOrganization,
    party_organization,
    PartyOrganizationOrder,
    PartyOrganizationFilter
);

mirror_enum! {
    /// The level of a party organisation in the tree.
    PartyOrgType = entity::party_organization::PartyOrgType {
        /// 党委, including a community's 大党委 and a street's 大工委.
        Committee,
        /// 党总支
        GeneralBranch,
        /// 党支部, e.g. a grid's party branch.
        Branch,
        /// 党小组
        Group,
    }
}

mirror_enum! {
    /// Whether an organisation still works.
    PartyOrgStatus = entity::party_organization::PartyOrgStatus {
        Active,
        Dissolved,
    }
}

order_enum! {
    /// How to order party organisations: by id (creation) unless asked otherwise.
    PartyOrganizationOrder for party_organization {}
}

/// Which party organisations to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PartyOrganizationFilter {
    /// Only organisations serving an area anywhere under this area.
    pub area_id: Option<ID>,
    /// Only organisations of one of these types.
    pub org_type: Option<Vec<PartyOrgType>>,
    /// Only organisations in this status.
    pub status: Option<PartyOrgStatus>,
}

impl PartyOrganizationFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(types) = &self.org_type {
            let types = types
                .iter()
                .map(|kind| party_organization::PartyOrgType::from(*kind));
            condition = condition.add(Column::OrgType.is_in(types));
        }
        if let Some(status) = self.status {
            let status = party_organization::PartyOrgStatus::from(status);
            condition = condition.add(Column::Status.eq(status));
        }
        Ok(condition)
    }
}

/// The node kind of an area table name stored in `area_kind`.
fn area_node_kind(table: &str) -> Option<NodeKind> {
    match table {
        "street" => Some(NodeKind::Street),
        "community" => Some(NodeKind::Community),
        "grid" => Some(NodeKind::Grid),
        "building" => Some(NodeKind::Building),
        _ => None,
    }
}

#[Object]
impl PartyOrganization {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::PartyOrganization, self.0.id)
    }
    /// Send it back with every change: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Full name, e.g. `幸福社区党委`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Its level in the tree.
    async fn org_type(&self) -> PartyOrgType {
        self.0.org_type.into()
    }
    /// Whether it still works.
    async fn status(&self) -> PartyOrgStatus {
        self.0.status.into()
    }
    /// The day it was founded.
    async fn founded_on(&self) -> NaiveDate {
        self.0.founded_on
    }
    /// The organisation above it; `null` at the top or when out of the viewer's scope.
    async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<PartyOrganization>> {
        match self.0.parent_id {
            Some(parent) => by_id(ctx, parent).await,
            None => Ok(None),
        }
    }
    /// The area it serves (a street, community, grid or building), if the viewer sees it.
    async fn area(&self, ctx: &Context<'_>) -> AppResult<Option<Node>> {
        match area_node_kind(&self.0.area_kind) {
            Some(kind) => fetch(ctx, kind, self.0.area_id).await,
            None => Ok(None),
        }
    }
    /// The organisations directly under it that the viewer may see.
    async fn children(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PartyOrganizationFilter>,
        order_by: Option<PartyOrganizationOrder>,
    ) -> AppResult<Connection<PartyOrganization>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(ctx, Column::ParentId, self.0.id, args, order_by, filter).await
    }
}

#[derive(Default)]
pub struct PartyQuery;

#[Object]
impl PartyQuery {
    /// A party organisation by id; NOT_FOUND when it does not exist or is out of scope.
    async fn party_organization(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> AppResult<Option<PartyOrganization>> {
        lookup(ctx, &id).await
    }
    /// The party organisations serving areas the viewer may see, paged.
    async fn party_organizations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PartyOrganizationFilter>,
        order_by: Option<PartyOrganizationOrder>,
    ) -> AppResult<Connection<PartyOrganization>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A party member by id; NOT_FOUND when it does not exist or is out of scope.
    async fn party_member(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<PartyMember>> {
        lookup(ctx, &id).await
    }
    /// The party members the viewer may see (masked by policy), paged.
    async fn party_members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PartyMemberFilter>,
        order_by: Option<PartyMemberOrder>,
    ) -> AppResult<Connection<PartyMember>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}
