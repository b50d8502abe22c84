//! `partyMember.transfers`: the history of a member's transfers between organisations
//! (组织关系转接), oldest first, scoped by the receiving organisation's area.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use sea_orm::sea_query::Condition;

use entity::party_member_transfer;

use super::PartyOrganization;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{order_enum, resource};
use crate::graphql::pagination::FilterEnv;
use crate::graphql::resolve::by_id;

/// One transfer of a member from one organisation to another.
#[derive(Clone)]
pub struct PartyMemberTransfer(pub party_member_transfer::Model);
resource!(
    PartyMemberTransfer,
    party_member_transfer,
    PartyMemberTransferOrder,
    AllTransfers
);

order_enum! {
    /// How to order transfers: in the order they were made unless asked otherwise.
    PartyMemberTransferOrder for party_member_transfer {
        /// Latest transfer day first.
        TransferredOnDesc => (TransferredOn, true),
    }
}

/// A member's transfers take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AllTransfers;

impl AllTransfers {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}

#[Object]
impl PartyMemberTransfer {
    /// Opaque global id.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::PartyMemberTransfer, self.0.id)
    }
    /// The organisation left, if the viewer sees it.
    async fn from_organization(&self, ctx: &Context<'_>) -> AppResult<Option<PartyOrganization>> {
        by_id(ctx, self.0.from_organization_id).await
    }
    /// The organisation joined, if the viewer sees it.
    async fn to_organization(&self, ctx: &Context<'_>) -> AppResult<Option<PartyOrganization>> {
        by_id(ctx, self.0.to_organization_id).await
    }
    /// The day of the transfer.
    async fn transferred_on(&self) -> NaiveDate {
        self.0.transferred_on
    }
}
