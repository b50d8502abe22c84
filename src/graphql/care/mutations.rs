//! `upsertCareProfile`: decodes its input and makes one call into `service::care`.

use async_graphql::{Context, Object};

use super::inputs::{UpsertCareProfileInput, UpsertCareProfilePayload};
use super::profile::CareProfile;
use crate::error::AppResult;
use crate::graphql::mutation::change;
use crate::service::care;

#[derive(Default)]
pub struct CareMutation;

#[Object]
impl CareMutation {
    /// Creates a resident's care profile (no `version`) or replaces it (its `version`
    /// as read; stale is CONFLICT): grid workers, grid leaders and community staff over
    /// the resident.
    async fn upsert_care_profile(
        &self,
        ctx: &Context<'_>,
        input: UpsertCareProfileInput,
    ) -> AppResult<UpsertCareProfilePayload> {
        let (resident, version, profile) = input.parse()?;
        let row = care::upsert(&change(ctx)?, resident, version, profile).await?;
        Ok(UpsertCareProfilePayload {
            care_profile: CareProfile(row),
        })
    }
}
