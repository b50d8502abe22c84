//! The `PartyMember` node, its filter and orders, and the `partyMembers` root list.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::party_member::{self, Column};

use super::PartyOrganization;
use super::liaison::{LiaisonHousehold, LiaisonHouseholdFilter, LiaisonHouseholdOrder};
use super::transfer::{PartyMemberTransfer, PartyMemberTransferOrder};
use crate::access::pii::PartyMemberView;
use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{mirror_enum, order_enum, resource};
use crate::graphql::pagination::{Connection, FilterEnv, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::territory::{Resident, under_area};

/// A party member (党员): personal information, masked by the access policy.
#[derive(Clone)]
pub struct PartyMember(pub party_member::Model);
resource!(
    PartyMember,
    party_member,
    PartyMemberOrder,
    PartyMemberFilter
);

mirror_enum! {
    /// How a member belongs to the community's party life.
    MemberCategory = entity::party_member::MemberCategory {
        /// A member of a community organisation.
        Direct,
        /// An in-service member (在职党员), registered with their residential community.
        InService,
        /// A retired member.
        Retired,
        /// A mobile member (流动党员).
        Mobile,
    }
}

order_enum! {
    /// How to order party members: by registration unless asked otherwise.
    PartyMemberOrder for party_member {
        /// Longest membership first; needs S2 in full wherever the viewer reaches.
        JoinedOnAsc => (JoinedOn, false, S2),
    }
}

/// Which party members to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PartyMemberFilter {
    /// Only members of this organisation.
    pub organization_id: Option<ID>,
    /// Only members of organisations serving an area under this area.
    pub area_id: Option<ID>,
    /// Only members of one of these categories.
    pub category: Option<Vec<MemberCategory>>,
}

impl PartyMemberFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(organization) = &self.organization_id {
            let organization = ids::decode_as(organization, NodeKind::PartyOrganization)?;
            condition = condition.add(Column::OrganizationId.eq(organization));
        }
        if let Some(categories) = &self.category {
            let categories = categories
                .iter()
                .map(|category| party_member::MemberCategory::from(*category));
            condition = condition.add(Column::Category.is_in(categories));
        }
        Ok(condition)
    }
}

impl PartyMember {
    fn view<'a>(&'a self, ctx: &Context<'_>) -> AppResult<PartyMemberView<'a>> {
        let request = RequestContext::of(ctx)?;
        Ok(PartyMemberView::new(&request.viewer, &self.0))
    }
}

#[Object]
impl PartyMember {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::PartyMember, self.0.id)
    }
    /// Send it back with `transferPartyMember`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The member's name: masked unless the viewer sees S2 here or the member shows
    /// their identity (亮身份).
    async fn name(&self, ctx: &Context<'_>) -> AppResult<String> {
        Ok(self.view(ctx)?.name())
    }
    /// Their category.
    async fn category(&self) -> MemberCategory {
        self.0.category.into()
    }
    /// The day they joined; `null` when masked.
    async fn joined_on(&self, ctx: &Context<'_>) -> AppResult<Option<NaiveDate>> {
        Ok(self.view(ctx)?.joined_on())
    }
    /// Whether they show their identity (亮身份).
    async fn shows_identity(&self) -> bool {
        self.0.shows_identity
    }
    /// Their organisation.
    async fn organization(&self, ctx: &Context<'_>) -> AppResult<Option<PartyOrganization>> {
        by_id(ctx, self.0.organization_id).await
    }
    /// Their resident record, masked by policy; `null` for staff members or when the
    /// viewer does not see S2 here.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        match self.0.resident_id {
            Some(id) if self.view(ctx)?.shows_person() => by_id(ctx, id).await,
            _ => Ok(None),
        }
    }
    /// The households they look after (党员联系户), current ones unless the filter
    /// asks for the history too.
    async fn liaison_households(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<LiaisonHouseholdFilter>,
        order_by: Option<LiaisonHouseholdOrder>,
    ) -> AppResult<Connection<LiaisonHousehold>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = entity::liaison_assignment::Column::MemberId;
        children(ctx, via, self.0.id, args, order_by, filter).await
    }
    /// Their transfers between organisations (组织关系转接), oldest first unless
    /// ordered otherwise.
    async fn transfers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<PartyMemberTransferOrder>,
    ) -> AppResult<Connection<PartyMemberTransfer>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = entity::party_member_transfer::Column::MemberId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
}
