//! Liaison households (党员联系户): the `LiaisonHousehold` rows of a member
//! (`partyMember.liaisonHouseholds`, history on request) and a household's current
//! liaison member (`household.liaisonMember`), batched over every household of a request.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, ID, InputObject, Object};
use chrono::NaiveDate;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, QueryFilter};

use entity::liaison_assignment::{self, Column};
use entity::party_member;

use super::PartyMember;
use crate::access;
use crate::error::{AppError, AppResult};
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{order_enum, resource};
use crate::graphql::pagination::{DbLoader, FilterEnv};
use crate::graphql::resolve::by_id;
use crate::graphql::territory::Household;

/// A member's liaison with one household, from its first day to its last.
#[derive(Clone)]
pub struct LiaisonHousehold(pub liaison_assignment::Model);
resource!(
    LiaisonHousehold,
    liaison_assignment,
    LiaisonHouseholdOrder,
    LiaisonHouseholdFilter
);

order_enum! {
    /// How to order liaisons: by when they were made unless asked otherwise.
    LiaisonHouseholdOrder for liaison_assignment {}
}

/// Which liaisons to list: the current ones unless the history is asked for.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LiaisonHouseholdFilter {
    /// Also the liaisons that have ended (the history); false unless given.
    pub include_ended: Option<bool>,
}

impl LiaisonHouseholdFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(if self.include_ended == Some(true) {
            Condition::all()
        } else {
            Condition::all().add(Column::EndedOn.is_null())
        })
    }
}

#[Object]
impl LiaisonHousehold {
    /// Opaque global id.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::LiaisonHousehold, self.0.id)
    }
    /// The household looked after.
    async fn household(&self, ctx: &Context<'_>) -> AppResult<Option<Household>> {
        by_id(ctx, self.0.household_id).await
    }
    /// The member looking after it (masked by policy).
    async fn member(&self, ctx: &Context<'_>) -> AppResult<Option<PartyMember>> {
        by_id(ctx, self.0.member_id).await
    }
    /// The first day.
    async fn started_on(&self) -> NaiveDate {
        self.0.started_on
    }
    /// The last day; `null` while it lasts.
    async fn ended_on(&self) -> Option<NaiveDate> {
        self.0.ended_on
    }
}

/// The current liaison member of the household with this id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LiaisonMemberOf(pub i32);

impl Loader<LiaisonMemberOf> for DbLoader {
    type Value = PartyMember;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[LiaisonMemberOf],
    ) -> AppResult<HashMap<LiaisonMemberOf, PartyMember>> {
        self.batch_sizes.record(keys.len());
        let households = keys.iter().map(|key| key.0);
        let liaisons = access::visible::<liaison_assignment::Entity>(&self.viewer)
            .filter(Column::HouseholdId.is_in(households))
            .filter(Column::EndedOn.is_null())
            .all(&self.db)
            .await?;
        let members = access::visible::<party_member::Entity>(&self.viewer)
            .filter(party_member::Column::Id.is_in(liaisons.iter().map(|row| row.member_id)))
            .all(&self.db)
            .await?;
        let members: HashMap<i32, party_member::Model> =
            members.into_iter().map(|row| (row.id, row)).collect();
        Ok(liaisons
            .into_iter()
            .filter_map(|row| {
                let member = members.get(&row.member_id)?.clone();
                Some((LiaisonMemberOf(row.household_id), PartyMember(member)))
            })
            .collect())
    }
}

/// `household.liaisonMember`.
pub async fn liaison_member(ctx: &Context<'_>, household: i32) -> AppResult<Option<PartyMember>> {
    let request = RequestContext::of(ctx)?;
    request.loader.load_one(LiaisonMemberOf(household)).await
}
