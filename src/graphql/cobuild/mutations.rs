//! The co-building mutations: each decodes its input and makes one call into
//! `service::cobuild`, which runs the change as one idempotent, audited transaction.

use async_graphql::{Context, Object};

use super::alliance_inputs::*;
use super::inputs::*;
use super::{AllianceMembership, CoBuildingUnit, NeedItem, ResourceItem};
use crate::domain::cobuild::lists::NeedStep;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::cobuild::{alliances, contacts, needs, projects, resources, units};

#[derive(Default)]
pub struct CoBuildMutation;

#[Object]
impl CoBuildMutation {
    /// Registers a co-building unit with an area its keepers keep; BAD_USER_INPUT for
    /// an invalid credit code, CONFLICT when the code is registered already.
    async fn register_co_building_unit(
        &self,
        ctx: &Context<'_>,
        input: RegisterCoBuildingUnitInput,
    ) -> AppResult<CoBuildingUnitPayload> {
        let unit = units::register(&change(ctx)?, input.into_new()?).await?;
        Ok(CoBuildingUnitPayload {
            unit: CoBuildingUnit(unit),
        })
    }
    /// Changes a unit at the version read (stale: CONFLICT).
    async fn update_co_building_unit(
        &self,
        ctx: &Context<'_>,
        input: UpdateCoBuildingUnitInput,
    ) -> AppResult<CoBuildingUnitPayload> {
        let unit = units::update(&change(ctx)?, input.into_changes()?).await?;
        Ok(CoBuildingUnitPayload {
            unit: CoBuildingUnit(unit),
        })
    }
    /// Records a unit's membership of a street's or community's alliance (党建联盟).
    async fn join_alliance(
        &self,
        ctx: &Context<'_>,
        input: JoinAllianceInput,
    ) -> AppResult<JoinAlliancePayload> {
        let row = units::join_alliance(&change(ctx)?, input.into_new()?).await?;
        Ok(JoinAlliancePayload {
            membership: AllianceMembership(row),
        })
    }
    /// Ends a membership (the row stays as history; the unit may join again later):
    /// stale version or a membership over already: CONFLICT; a day outside it:
    /// BAD_USER_INPUT.
    async fn leave_alliance(
        &self,
        ctx: &Context<'_>,
        input: LeaveAllianceInput,
    ) -> AppResult<LeaveAlliancePayload> {
        let row = alliances::leave(&change(ctx)?, input.into_departure()?).await?;
        Ok(LeaveAlliancePayload {
            membership: AllianceMembership(row),
        })
    }
    /// Ties a co-building contact's account to a unit: it acts for that unit (and no
    /// other) within its grant.
    async fn link_unit_contact(
        &self,
        ctx: &Context<'_>,
        input: LinkUnitContactInput,
    ) -> AppResult<LinkUnitContactPayload> {
        let unit = ids::decode_as(&input.unit_id, NodeKind::CoBuildingUnit)?;
        let user = ids::decode_as(&input.user_id, NodeKind::User)?;
        Ok(contacts::link(&change(ctx)?, unit, user).await?.into())
    }
    /// Publishes a need of a community or grid the viewer works in.
    async fn publish_need(
        &self,
        ctx: &Context<'_>,
        input: PublishNeedInput,
    ) -> AppResult<NeedPayload> {
        let need = needs::publish(&change(ctx)?, input.into_new()?).await?;
        Ok(NeedPayload {
            need: NeedItem(need),
        })
    }
    /// Claims an open need for an allied unit; a need is claimed once (else CONFLICT).
    async fn claim_need(&self, ctx: &Context<'_>, input: ClaimNeedInput) -> AppResult<NeedPayload> {
        let need = ids::decode_as(&input.need_id, NodeKind::NeedItem)?;
        let unit = ids::decode_as(&input.unit_id, NodeKind::CoBuildingUnit)?;
        let need = needs::claim(&change(ctx)?, need, unit).await?;
        Ok(NeedPayload {
            need: NeedItem(need),
        })
    }
    /// CLAIMED → FULFILLED, for a need no project answers (a project's needs are
    /// fulfilled when it completes).
    async fn fulfil_need(
        &self,
        ctx: &Context<'_>,
        input: SettleNeedInput,
    ) -> AppResult<NeedPayload> {
        settle(ctx, input, NeedStep::Fulfil).await
    }
    /// OPEN or CLAIMED → WITHDRAWN, for a need no project answers.
    async fn withdraw_need(
        &self,
        ctx: &Context<'_>,
        input: SettleNeedInput,
    ) -> AppResult<NeedPayload> {
        settle(ctx, input, NeedStep::Withdraw).await
    }
    /// Records what a unit offers.
    async fn offer_resource(
        &self,
        ctx: &Context<'_>,
        input: OfferResourceInput,
    ) -> AppResult<OfferResourcePayload> {
        let row = resources::offer(&change(ctx)?, input.into_new()?).await?;
        Ok(OfferResourcePayload {
            resource: ResourceItem(row),
        })
    }
    /// Creates a project answering needs with resources, with its milestones.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        input: CreateProjectInput,
    ) -> AppResult<CreateProjectPayload> {
        Ok(projects::create(&change(ctx)?, input.into_new()?)
            .await?
            .into())
    }
    /// Sets a milestone's progress and rolls it up: at 100 overall the project is
    /// COMPLETED and its needs FULFILLED.
    async fn update_milestone(
        &self,
        ctx: &Context<'_>,
        input: UpdateMilestoneInput,
    ) -> AppResult<UpdateMilestonePayload> {
        let id = ids::decode_as(&input.milestone_id, NodeKind::Milestone)?;
        let change = change(ctx)?;
        Ok(
            projects::update_milestone(&change, id, input.version, input.progress)
                .await?
                .into(),
        )
    }
}

async fn settle(
    ctx: &Context<'_>,
    input: SettleNeedInput,
    step: NeedStep,
) -> AppResult<NeedPayload> {
    let need = ids::decode_as(&input.need_id, NodeKind::NeedItem)?;
    let need = needs::settle(&change(ctx)?, need, input.version, step).await?;
    Ok(NeedPayload {
        need: NeedItem(need),
    })
}
