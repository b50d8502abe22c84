//! Households and their residents.

use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;

use entity::{household, resident};

use super::enums::{Gender, HouseholdRelation, ResidenceStatus};
use super::filters::HouseholdFilter;
use super::orders::{HouseholdOrder, ResidentOrder};
use super::{ResidentFilter, Unit};
use crate::access::pii::{HouseholdView, ResidentView};
use crate::domain::tags::ResidentTag;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::visits::{HouseholdVisit, HouseholdVisitOrder, household_visits};

/// A household (户) in a flat of a unit.
#[derive(Clone)]
pub struct Household(household::Model);
resource!(Household, household, HouseholdOrder, HouseholdFilter,
    parents { "unit" => Unit, UnitId }, decode = crate::graphql::pagination::by_position);

impl Household {
    fn view<'a>(&'a self, ctx: &Context<'_>) -> AppResult<HouseholdView<'a>> {
        Ok(HouseholdView::new(
            &RequestContext::of(ctx)?.viewer,
            &self.0,
        ))
    }
}

#[Object]
impl Household {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Household, self.0.id)
    }
    /// The unit code and the room number padded to four digits (room masked as `****`
    /// for roles that may not see it).
    async fn code(&self, ctx: &Context<'_>) -> AppResult<String> {
        Ok(self.view(ctx)?.code())
    }
    /// Room number as written on the door; null for roles that may not see it.
    async fn room(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.view(ctx)?.room())
    }
    async fn residence_status(&self) -> ResidenceStatus {
        self.0.residence_status.into()
    }
    /// Address of the household registration when it is elsewhere.
    async fn registered_address(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.view(ctx)?.registered_address())
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
    /// The visits (走访) that reached this household, latest first; empty for roles
    /// that do not read visits.
    async fn visits(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<HouseholdVisitOrder>,
    ) -> AppResult<Connection<HouseholdVisit>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        household_visits(ctx, self.0.id, args, order_by).await
    }
    /// The party member looking after this household (党员联系户), masked by policy;
    /// `null` when none does or the viewer does not read members.
    async fn liaison_member(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::graphql::party::PartyMember>> {
        crate::graphql::party::liaison_member(ctx, self.0.id).await
    }
}

/// A resident (居民) of a household. Personal fields are masked by the access policy:
/// the same shape for every role, with values whole, masked, or null.
#[derive(Clone)]
pub struct Resident(resident::Model);
resource!(Resident, resident, ResidentOrder, ResidentFilter,
    parents { "household" => Household, HouseholdId }, decode = crate::graphql::pagination::by_position);

impl Resident {
    fn view<'a>(&'a self, ctx: &Context<'_>) -> AppResult<ResidentView<'a>> {
        let request = RequestContext::of(ctx)?;
        Ok(ResidentView::new(
            &request.viewer,
            &self.0,
            request.filter_env().today,
        ))
    }
}

#[Object]
impl Resident {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Resident, self.0.id)
    }
    /// Full name, or `张*` for roles that only need to know of the person.
    async fn name(&self, ctx: &Context<'_>) -> AppResult<String> {
        Ok(self.view(ctx)?.name())
    }
    async fn gender(&self) -> Gender {
        self.0.gender.into()
    }
    /// Birth date; null for roles that may not see it (see `ageBand`).
    async fn birth_date(&self, ctx: &Context<'_>) -> AppResult<Option<NaiveDate>> {
        Ok(self.view(ctx)?.birth_date())
    }
    /// Completed years today in Asia/Shanghai; null where the birth date is hidden.
    async fn age(&self, ctx: &Context<'_>) -> AppResult<Option<i32>> {
        Ok(self.view(ctx)?.age())
    }
    /// Age band such as `60-69`, shown to every role.
    async fn age_band(&self, ctx: &Context<'_>) -> AppResult<&'static str> {
        Ok(self.view(ctx)?.age_band())
    }
    /// The 18-character resident ID number, masked as `110***********123X` unless the
    /// role sees sensitive data (use `revealResidentField`).
    async fn id_number(&self, ctx: &Context<'_>) -> AppResult<String> {
        Ok(self.view(ctx)?.id_number())
    }
    /// Mobile phone number, masked as `138****5678` for roles that may not see it.
    async fn phone(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.view(ctx)?.phone())
    }
    /// Relation to the head of the household; null for roles that may not see it.
    async fn relation(&self, ctx: &Context<'_>) -> AppResult<Option<HouseholdRelation>> {
        let shown = self.view(ctx)?.shows_household_facts();
        Ok(shown.then(|| self.0.relation.into()))
    }
    /// ELDERLY or CHILD from the age today, plus the stored tags the role may see.
    async fn tags(&self, ctx: &Context<'_>) -> AppResult<Vec<ResidentTag>> {
        Ok(self.view(ctx)?.tags())
    }
    /// Whether the resident is a member of the Communist Party of China; null for roles
    /// that may not see it.
    async fn is_party_member(&self, ctx: &Context<'_>) -> AppResult<Option<bool>> {
        let shown = self.view(ctx)?.shows_household_facts();
        Ok(shown.then_some(self.0.is_party_member))
    }
    async fn moved_in_on(&self, ctx: &Context<'_>) -> AppResult<Option<NaiveDate>> {
        let shown = self.view(ctx)?.shows_household_facts();
        Ok(self.0.moved_in_on.filter(|_| shown))
    }
    async fn moved_out_on(&self, ctx: &Context<'_>) -> AppResult<Option<NaiveDate>> {
        let shown = self.view(ctx)?.shows_household_facts();
        Ok(self.0.moved_out_on.filter(|_| shown))
    }
    /// The household this resident belongs to.
    async fn household(&self, ctx: &Context<'_>) -> AppResult<Option<Household>> {
        by_id(ctx, self.0.household_id).await
    }
    /// The resident's care profile, masked per role; null when none is recorded.
    async fn care_profile(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::graphql::care::CareProfile>> {
        crate::graphql::care::resident_care_profile(ctx, self.0.id).await
    }
    /// The resident's service orders the viewer may see, batched with every other
    /// resident's.
    #[allow(clippy::too_many_arguments)]
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<crate::graphql::services::ServiceOrderFilter>,
        order_by: Option<crate::graphql::services::ServiceOrderOrder>,
    ) -> AppResult<Connection<crate::graphql::services::ServiceOrder>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        crate::graphql::services::resident_service_orders(ctx, self.0.id, args, filter, order_by)
            .await
    }
}
