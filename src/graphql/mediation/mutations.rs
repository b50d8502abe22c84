//! The mediation mutations: each decodes its input and makes one call into
//! `service::mediation`, one idempotent, audited transaction.

use async_graphql::{Context, Object};

use super::inputs::*;
use crate::error::AppResult;
use crate::graphql::mutation::change;
use crate::service::mediation;

#[derive(Default)]
pub struct MediationMutation;

#[Object]
impl MediationMutation {
    /// Opens a case in a community or grid the viewer manages (community staff, grid
    /// leaders), naming its parties and mediator.
    async fn open_mediation_case(
        &self,
        ctx: &Context<'_>,
        input: OpenMediationCaseInput,
    ) -> AppResult<OpenMediationCasePayload> {
        let new = input.into_new()?;
        Ok(mediation::open(&change(ctx)?, new).await?.into())
    }
    /// Records a session (OPEN or IN_MEDIATION → IN_MEDIATION); by the mediator or a manager.
    async fn record_mediation_session(
        &self,
        ctx: &Context<'_>,
        input: RecordMediationSessionInput,
    ) -> AppResult<MediationStepPayload> {
        let step = input.into_step()?;
        Ok(mediation::step(&change(ctx)?, step).await?.into())
    }
    /// Records the agreement (IN_MEDIATION → AGREED) and sets its follow-up 30 days on.
    async fn record_mediation_agreement(
        &self,
        ctx: &Context<'_>,
        input: RecordMediationAgreementInput,
    ) -> AppResult<MediationStepPayload> {
        let step = input.into_step()?;
        Ok(mediation::step(&change(ctx)?, step).await?.into())
    }
    /// Records the follow-up of the agreement (AGREED → FOLLOWED_UP).
    async fn record_mediation_follow_up(
        &self,
        ctx: &Context<'_>,
        input: RecordMediationFollowUpInput,
    ) -> AppResult<MediationStepPayload> {
        let step = input.into_step()?;
        Ok(mediation::step(&change(ctx)?, step).await?.into())
    }
    /// Closes a case with its outcome; by its managers only.
    async fn close_mediation_case(
        &self,
        ctx: &Context<'_>,
        input: CloseMediationCaseInput,
    ) -> AppResult<MediationStepPayload> {
        let step = input.into_step()?;
        Ok(mediation::step(&change(ctx)?, step).await?.into())
    }
}
