//! The activity mutations, one service call each.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::nodes::{Activity, ActivityParticipation, ActivityType};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::graphql::points::{PointsEntry, Volunteer};
use crate::service::activities::organizer::Organizer;
use crate::service::activities::{self, NewActivity};

/// An activity to schedule: at a facility or an address.
#[derive(InputObject)]
pub struct ScheduleActivityInput {
    pub community_id: ID,
    pub title: String,
    pub activity_type: ActivityType,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub facility_id: Option<ID>,
    pub address: Option<String>,
    /// Seats (1 to 10,000).
    pub capacity: i32,
    /// Points a verified hour earns (1 to 100).
    pub points_per_hour: i32,
    /// A co-building unit organising it with the community (in its alliance today).
    pub organizer_unit_id: Option<ID>,
    /// A party organisation organising it with the community (its own, one of its
    /// grids', or the street's); not together with `organizerUnitId`.
    pub organizer_party_organization_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct ScheduleActivityPayload {
    pub activity: Activity,
}

#[derive(InputObject)]
pub struct SignUpForActivityInput {
    pub activity_id: ID,
    /// The participant: the caller themself, or one the community's staff sign up.
    pub resident_id: ID,
}

#[derive(InputObject)]
pub struct CheckInParticipantInput {
    pub participation_id: ID,
    pub version: i32,
}

#[derive(SimpleObject)]
pub struct ParticipationPayload {
    pub participation: ActivityParticipation,
}

#[derive(InputObject)]
pub struct VerifyHoursInput {
    pub participation_id: ID,
    /// Whole hours given (1 to 24).
    pub hours: i32,
}

#[derive(SimpleObject)]
pub struct VerifyHoursPayload {
    pub participation: ActivityParticipation,
    pub volunteer: Volunteer,
    /// The EARN entry (the same one when verified again).
    pub entry: PointsEntry,
}

#[derive(Default)]
pub struct ActivitiesMutation;

#[Object]
impl ActivitiesMutation {
    /// Schedules an activity in a community (its staff).
    async fn schedule_activity(
        &self,
        ctx: &Context<'_>,
        input: ScheduleActivityInput,
    ) -> AppResult<ScheduleActivityPayload> {
        let facility_id = match &input.facility_id {
            Some(id) => Some(ids::decode_as(id, NodeKind::Facility)?),
            None => None,
        };
        let unit = input
            .organizer_unit_id
            .as_ref()
            .map(|id| ids::decode_as(id, NodeKind::CoBuildingUnit))
            .transpose()?;
        let org = input
            .organizer_party_organization_id
            .as_ref()
            .map(|id| ids::decode_as(id, NodeKind::PartyOrganization))
            .transpose()?;
        let new = NewActivity {
            organizer: Organizer::of(unit, org)?,
            community_id: ids::decode_as(&input.community_id, NodeKind::Community)?,
            title: input.title,
            activity_type: input.activity_type.into(),
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            facility_id,
            address: input.address,
            capacity: input.capacity,
            points_per_hour: input.points_per_hour,
        };
        let activity = activities::schedule(&change(ctx)?, new).await?;
        Ok(ScheduleActivityPayload {
            activity: Activity(activity),
        })
    }
    /// Takes a seat; CONFLICT when full or signed up already.
    async fn sign_up_for_activity(
        &self,
        ctx: &Context<'_>,
        input: SignUpForActivityInput,
    ) -> AppResult<ParticipationPayload> {
        let activity = ids::decode_as(&input.activity_id, NodeKind::Activity)?;
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        let row = activities::sign_up(&change(ctx)?, activity, resident).await?;
        Ok(ParticipationPayload {
            participation: ActivityParticipation(row),
        })
    }
    /// SIGNED_UP → CHECKED_IN.
    async fn check_in_participant(
        &self,
        ctx: &Context<'_>,
        input: CheckInParticipantInput,
    ) -> AppResult<ParticipationPayload> {
        let id = ids::decode_as(&input.participation_id, NodeKind::ActivityParticipation)?;
        let row = activities::check_in(&change(ctx)?, id, input.version).await?;
        Ok(ParticipationPayload {
            participation: ActivityParticipation(row),
        })
    }
    /// CHECKED_IN → VERIFIED: earns hours × points per hour, once per participation.
    async fn verify_hours(
        &self,
        ctx: &Context<'_>,
        input: VerifyHoursInput,
    ) -> AppResult<VerifyHoursPayload> {
        let id = ids::decode_as(&input.participation_id, NodeKind::ActivityParticipation)?;
        let verified = activities::verify_hours(&change(ctx)?, id, input.hours).await?;
        Ok(VerifyHoursPayload {
            participation: ActivityParticipation(verified.participation),
            volunteer: Volunteer(verified.moved.account),
            entry: PointsEntry(verified.moved.entry),
        })
    }
}
