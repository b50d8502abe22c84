//! The `Activity` and `ActivityParticipation` nodes and the root fields.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;

use entity::{activity, activity_participation};

use crate::error::AppResult;
use crate::graphql::cobuild::CoBuildingUnit;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{mirror_enum, order_enum, resource};
use crate::graphql::pagination::{Connection, FilterEnv, PageArgs};
use crate::graphql::party::PartyOrganization;
use crate::graphql::resolve::{by_id, children, list, lookup};
use crate::graphql::territory::{Resident, under_area};

mirror_enum! {
    /// What sort of activity.
    ActivityType = entity::activity::ActivityType {
        /// 党课
        PartyLesson,
        /// 走访慰问
        Visit,
        /// 结对帮扶
        PairedHelp,
        /// 特色活动
        Featured,
        /// 志愿服务
        VolunteerService,
    }
}

mirror_enum! {
    /// Where a participant stands.
    ParticipationStatus = entity::activity_participation::ParticipationStatus {
        SignedUp,
        CheckedIn,
        /// Hours verified; points earned.
        Verified,
    }
}

/// Which activities to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ActivityFilter {
    /// Only activities of communities anywhere under this area.
    pub area_id: Option<ID>,
}

impl ActivityFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        under_area(activity::Column::AreaPath, self.area_id.as_ref())
    }
}

/// Participant lists take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}

order_enum! {
    /// How to order activities.
    ActivityOrder for activity {
        /// Soonest first.
        StartsAtAsc => (StartsAt, false),
    }
}

order_enum! {
    /// How to order participants: by sign-up.
    ParticipationOrder for activity_participation {}
}

/// An activity of a community, at a facility or an address.
#[derive(Clone)]
pub struct Activity(pub activity::Model);
resource!(Activity, activity, ActivityOrder, ActivityFilter);

#[Object]
impl Activity {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Activity, self.0.id)
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn activity_type(&self) -> ActivityType {
        self.0.activity_type.into()
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
    /// The address, when it is not held at a facility.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Seats in all.
    async fn capacity(&self) -> i32 {
        self.0.capacity
    }
    /// Seats taken (never more than `capacity`).
    async fn signed_up(&self) -> i32 {
        self.0.signed_up
    }
    /// Points a verified hour earns.
    async fn points_per_hour(&self) -> i32 {
        self.0.points_per_hour
    }
    /// The co-building unit organising it with the community, if any (null also when
    /// the viewer does not see co-building units).
    async fn organizer_unit(&self, ctx: &Context<'_>) -> AppResult<Option<CoBuildingUnit>> {
        match self.0.co_building_unit_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The party organisation organising it with the community, if any (and seen).
    async fn organizer_party_organization(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<PartyOrganization>> {
        match self.0.party_organization_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// Who signed up, in sign-up order (those the viewer may see).
    async fn participants(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<ParticipationOrder>,
    ) -> AppResult<Connection<ActivityParticipation>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = activity_participation::Column::ActivityId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
}

/// A resident's place at an activity.
#[derive(Clone)]
pub struct ActivityParticipation(pub activity_participation::Model);
resource!(
    ActivityParticipation,
    activity_participation,
    ParticipationOrder,
    NoFilter
);

#[Object]
impl ActivityParticipation {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::ActivityParticipation, self.0.id)
    }
    /// Send it back to check in: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> ParticipationStatus {
        self.0.status.into()
    }
    /// Hours verified.
    async fn hours(&self) -> Option<i32> {
        self.0.hours
    }
    async fn checked_in_at(&self) -> Option<DateTime<Utc>> {
        self.0.checked_in_at
    }
    /// The participant, masked by the access policy.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
    async fn activity(&self, ctx: &Context<'_>) -> AppResult<Option<Activity>> {
        by_id(ctx, self.0.activity_id).await
    }
}

#[derive(Default)]
pub struct ActivitiesQuery;

#[Object]
impl ActivitiesQuery {
    /// An activity by id.
    async fn activity(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Activity>> {
        lookup(ctx, &id).await
    }
    /// The activities of the viewer's communities (and those above a resident's home).
    async fn activities(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ActivityFilter>,
        order_by: Option<ActivityOrder>,
    ) -> AppResult<Connection<Activity>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}
