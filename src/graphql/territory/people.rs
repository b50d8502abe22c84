//! Households and their residents.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;

use entity::{household, resident};

use super::enums::{Gender, HouseholdRelation, ResidenceStatus};
use super::filters::HouseholdFilter;
use super::orders::{HouseholdOrder, ResidentOrder};
use super::{ResidentFilter, Unit};
use crate::domain::age::age_on;
use crate::domain::tags::{ADULT_AGE, ELDERLY_AGE, ResidentTag};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};

/// A household (户) in a flat of a unit.
#[derive(Clone)]
pub struct Household(pub household::Model);
resource!(Household, household, HouseholdOrder, HouseholdFilter);

#[Object]
impl Household {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Household, self.0.id)
    }
    /// The unit code and the room number padded to four digits.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Room number as written on the door.
    async fn room(&self) -> &str {
        &self.0.room
    }
    async fn residence_status(&self) -> ResidenceStatus {
        self.0.residence_status.into()
    }
    /// Address of the household registration when it is elsewhere.
    async fn registered_address(&self) -> Option<&str> {
        self.0.registered_address.as_deref()
    }
    /// The unit this household lives in.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        by_id(ctx, self.0.unit_id).await
    }
    /// The members of this household.
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
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        children(
            ctx,
            resident::Column::HouseholdId,
            self.0.id,
            args,
            order_by,
            filter,
        )
        .await
    }
}

/// A resident (居民) of a household.
#[derive(Clone)]
pub struct Resident(pub resident::Model);
resource!(Resident, resident, ResidentOrder, ResidentFilter);

#[Object]
impl Resident {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Resident, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn gender(&self) -> Gender {
        self.0.gender.into()
    }
    async fn birth_date(&self) -> NaiveDate {
        self.0.birth_date
    }
    /// Completed years today in Asia/Shanghai.
    async fn age(&self, ctx: &Context<'_>) -> AppResult<i32> {
        Ok(age_on(
            self.0.birth_date,
            RequestContext::of(ctx)?.filter_env().today,
        ))
    }
    /// The 18-character resident ID number.
    async fn id_number(&self) -> &str {
        &self.0.id_number
    }
    /// Mobile phone number, 11 digits.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// Relation to the head of the household.
    async fn relation(&self) -> HouseholdRelation {
        self.0.relation.into()
    }
    /// Stored tags, plus ELDERLY or CHILD derived from the age today.
    async fn tags(&self, ctx: &Context<'_>) -> AppResult<Vec<ResidentTag>> {
        let age = age_on(
            self.0.birth_date,
            RequestContext::of(ctx)?.filter_env().today,
        );
        let derived = if age >= ELDERLY_AGE as i32 {
            Some(ResidentTag::Elderly)
        } else if age < ADULT_AGE as i32 {
            Some(ResidentTag::Child)
        } else {
            None
        };
        Ok(derived
            .into_iter()
            .chain(ResidentTag::from_bits(self.0.tags))
            .collect())
    }
    /// Whether the resident is a member of the Communist Party of China.
    async fn is_party_member(&self) -> bool {
        self.0.is_party_member
    }
    async fn moved_in_on(&self) -> Option<NaiveDate> {
        self.0.moved_in_on
    }
    async fn moved_out_on(&self) -> Option<NaiveDate> {
        self.0.moved_out_on
    }
    /// The household this resident belongs to.
    async fn household(&self, ctx: &Context<'_>) -> AppResult<Option<Household>> {
        by_id(ctx, self.0.household_id).await
    }
}
