//! The visit mutations: each decodes its input and makes one call into
//! `service::visits`, which runs the change as one idempotent transaction.

use async_graphql::{Context, Object};

use super::inputs::*;
use crate::access::PrincipalKind;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::mutation::change;
use crate::service::visits;

#[derive(Default)]
pub struct VisitsMutation;

#[Object]
impl VisitsMutation {
    /// Records a visit made by the signed-in worker (grid worker, grid leader or
    /// community staff) to households of one grid they work in, with its findings.
    async fn record_visit(
        &self,
        ctx: &Context<'_>,
        input: RecordVisitInput,
    ) -> AppResult<RecordVisitPayload> {
        let worker = RequestContext::signed_in(ctx)?
            .viewer
            .principal()
            .filter(|principal| principal.kind == PrincipalKind::User)
            .map(|principal| principal.id)
            .ok_or_else(|| AppError::Forbidden("visits are recorded by people".to_owned()))?;
        let new = input.into_new(worker)?;
        Ok(visits::record(&change(ctx)?, new).await?.into())
    }
    /// Opens a request (channel GRID_VISIT) from a finding, through the same intake as
    /// `submitRequest`; a finding opens one request at most (a second is CONFLICT).
    async fn open_request_from_finding(
        &self,
        ctx: &Context<'_>,
        input: OpenRequestFromFindingInput,
    ) -> AppResult<OpenRequestFromFindingPayload> {
        let request = input.into_request()?;
        Ok(visits::open_request(&change(ctx)?, request).await?.into())
    }
}
