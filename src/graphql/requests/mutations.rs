//! The request mutations: each decodes its input and makes one call into
//! `service::requests`, which runs the change as one idempotent, versioned transaction.

use async_graphql::{Context, ID, Object};

use super::inputs::*;
use super::payloads::*;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::requests::{self, Changed, Command};

/// Applies `command` to the request `id` read at `version`.
async fn apply(
    ctx: &Context<'_>,
    mutation: &'static str,
    id: &ID,
    version: i32,
    command: Command,
) -> AppResult<Changed> {
    let id = ids::decode_as(id, NodeKind::Request)?;
    requests::transition(&change(ctx)?, mutation, id, version, command).await
}

#[derive(Default)]
pub struct RequestsMutation;

#[Object]
impl RequestsMutation {
    /// Takes a request in (SUBMITTED at its category's level, accept deadline running).
    async fn submit_request(
        &self,
        ctx: &Context<'_>,
        input: SubmitRequestInput,
    ) -> AppResult<SubmitRequestPayload> {
        let new = input.into_new()?;
        Ok(requests::submit(&change(ctx)?, new).await?.into())
    }
    /// SUBMITTED → ACCEPTED; the handling deadline starts.
    async fn accept_request(
        &self,
        ctx: &Context<'_>,
        input: AcceptRequestInput,
    ) -> AppResult<AcceptRequestPayload> {
        let command = Command::Accept { note: input.note };
        let changed = apply(
            ctx,
            "acceptRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// SUBMITTED → REJECTED, with a reason.
    async fn reject_request(
        &self,
        ctx: &Context<'_>,
        input: RejectRequestInput,
    ) -> AppResult<RejectRequestPayload> {
        let command = Command::Reject {
            reason: input.reason,
        };
        let changed = apply(
            ctx,
            "rejectRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// SUBMITTED → MERGED into the request it duplicates.
    async fn merge_request(
        &self,
        ctx: &Context<'_>,
        input: MergeRequestInput,
    ) -> AppResult<MergeRequestPayload> {
        let command = Command::Merge {
            duplicate_of: ids::decode_as(&input.duplicate_of_id, NodeKind::Request)?,
            note: input.note,
        };
        let changed = apply(
            ctx,
            "mergeRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// ACCEPTED → ASSIGNED to a person at the request's level.
    async fn assign_request(
        &self,
        ctx: &Context<'_>,
        input: AssignRequestInput,
    ) -> AppResult<AssignRequestPayload> {
        let command = Command::Assign {
            assignee: ids::decode_as(&input.assignee_id, NodeKind::User)?,
            note: input.note,
        };
        let changed = apply(
            ctx,
            "assignRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// ASSIGNED → SIGNED, by the assignee.
    async fn sign_request(
        &self,
        ctx: &Context<'_>,
        input: SignRequestInput,
    ) -> AppResult<SignRequestPayload> {
        let command = Command::Sign { note: input.note };
        let changed = apply(
            ctx,
            "signRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// SIGNED → IN_PROGRESS, by the assignee.
    async fn start_request(
        &self,
        ctx: &Context<'_>,
        input: StartRequestInput,
    ) -> AppResult<StartRequestPayload> {
        let command = Command::Start { note: input.note };
        let changed = apply(
            ctx,
            "startRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// IN_PROGRESS → RESOLVED, by the assignee; the feedback deadline starts.
    async fn resolve_request(
        &self,
        ctx: &Context<'_>,
        input: ResolveRequestInput,
    ) -> AppResult<ResolveRequestPayload> {
        let command = Command::Resolve { note: input.note };
        let changed = apply(
            ctx,
            "resolveRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// RESOLVED → VERIFYING (BEGIN), then AWAITING_EVALUATION (PASS) or back to
    /// IN_PROGRESS with one more rework (FAIL); never by the assignee.
    async fn verify_request(
        &self,
        ctx: &Context<'_>,
        input: VerifyRequestInput,
    ) -> AppResult<VerifyRequestPayload> {
        let command = Command::Verify {
            step: input.step.into(),
            note: input.note,
        };
        let changed = apply(
            ctx,
            "verifyRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// AWAITING_EVALUATION → CLOSED_RESOLVED, or (DISSATISFIED) reopened for rework,
    /// closed unresolved after two reworks.
    async fn evaluate_request(
        &self,
        ctx: &Context<'_>,
        input: EvaluateRequestInput,
    ) -> AppResult<EvaluateRequestPayload> {
        let command = Command::Evaluate {
            satisfaction: input.satisfaction.into(),
            comment: input.comment,
        };
        let changed = apply(
            ctx,
            "evaluateRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// One level up (BUILDING → … → DISTRICT), back to ACCEPTED and unassigned.
    async fn escalate_request(
        &self,
        ctx: &Context<'_>,
        input: EscalateRequestInput,
    ) -> AppResult<EscalateRequestPayload> {
        let command = Command::Escalate {
            reason: input.reason,
        };
        let changed = apply(
            ctx,
            "escalateRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
    /// One level down before signing, back to ACCEPTED and unassigned.
    async fn return_request(
        &self,
        ctx: &Context<'_>,
        input: ReturnRequestInput,
    ) -> AppResult<ReturnRequestPayload> {
        let command = Command::Return {
            reason: input.reason,
        };
        let changed = apply(
            ctx,
            "returnRequest",
            &input.request_id,
            input.version,
            command,
        );
        Ok(changed.await?.into())
    }
}
