//! Extension requests, their decisions, resumption and supervision cards: each decodes
//! its input and makes one call into `service::requests`.

use async_graphql::Context;
use async_graphql::{ID, InputObject, Object};
use chrono::{DateTime, Utc};

use super::enums::{ExtensionKind, SupervisionCard};
use super::payloads::{
    DecideExtensionPayload, RequestExtensionPayload, ResumeRequestPayload, SuperviseRequestPayload,
};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::requests::{self, Command};

/// The assignee asks for more time or a suspension of a SIGNED or IN_PROGRESS request.
#[derive(InputObject)]
pub struct RequestExtensionInput {
    pub request_id: ID,
    /// The `version` of the request as read.
    pub version: i32,
    pub kind: ExtensionKind,
    /// Why, 1 to 500 characters.
    pub reason: String,
    /// EXTEND: 1 to 720 hours.
    pub extra_hours: Option<i32>,
    /// SUSPEND: a time in the next 90 days.
    pub suspend_until: Option<DateTime<Utc>>,
}

/// A dispatcher's decision on a pending extension request.
#[derive(InputObject)]
pub struct DecideExtensionInput {
    pub extension_id: ID,
    /// The `version` of the request (not the extension) as read.
    pub version: i32,
    pub approve: bool,
    /// Up to 500 characters; required (the reason) when rejecting.
    pub note: Option<String>,
}

/// Take a SUSPENDED request up again before its date.
#[derive(InputObject)]
pub struct ResumeRequestInput {
    pub request_id: ID,
    pub version: i32,
    /// Up to 500 characters, kept on the event.
    pub note: Option<String>,
}

/// Issue a supervision card on an open request.
#[derive(InputObject)]
pub struct SuperviseRequestInput {
    pub request_id: ID,
    pub version: i32,
    pub card: SupervisionCard,
    /// Why, 1 to 500 characters.
    pub reason: String,
}

#[derive(Default)]
pub struct SupervisionMutation;

#[Object]
impl SupervisionMutation {
    /// The assignee asks for more hours (EXTEND) or a pause (SUSPEND); one may wait for
    /// a decision at a time. The request's state does not change until it is approved.
    async fn request_extension(
        &self,
        ctx: &Context<'_>,
        input: RequestExtensionInput,
    ) -> AppResult<RequestExtensionPayload> {
        let id = ids::decode_as(&input.request_id, NodeKind::Request)?;
        let command = Command::RequestExtension {
            kind: input.kind.into(),
            reason: input.reason,
            extra_hours: input.extra_hours,
            suspend_until: input.suspend_until,
        };
        let change = change(ctx)?;
        let changed = requests::transition(&change, "requestExtension", id, input.version, command);
        Ok(changed.await?.into())
    }
    /// Approve (EXTEND: the deadline moves; SUSPEND: the request is SUSPENDED, its
    /// deadline paused) or reject a pending extension request. A dispatcher of the
    /// request other than its assignee decides, once.
    async fn decide_extension(
        &self,
        ctx: &Context<'_>,
        input: DecideExtensionInput,
    ) -> AppResult<DecideExtensionPayload> {
        let extension = ids::decode_as(&input.extension_id, NodeKind::RequestExtension)?;
        let change = change(ctx)?;
        let changed = requests::decide_extension(
            &change,
            "decideExtension",
            extension,
            input.version,
            input.approve,
            input.note,
        );
        Ok(changed.await?.into())
    }
    /// SUSPENDED → IN_PROGRESS, with the time the deadline had left (the ticker does it
    /// at `suspendedUntil`).
    async fn resume_request(
        &self,
        ctx: &Context<'_>,
        input: ResumeRequestInput,
    ) -> AppResult<ResumeRequestPayload> {
        let id = ids::decode_as(&input.request_id, NodeKind::Request)?;
        let command = Command::Resume { note: input.note };
        let change = change(ctx)?;
        let changed = requests::transition(&change, "resumeRequest", id, input.version, command);
        Ok(changed.await?.into())
    }
    /// A supervision card (督办) by street or district staff over the place; the
    /// request shows the strongest card issued.
    async fn supervise_request(
        &self,
        ctx: &Context<'_>,
        input: SuperviseRequestInput,
    ) -> AppResult<SuperviseRequestPayload> {
        let id = ids::decode_as(&input.request_id, NodeKind::Request)?;
        let command = Command::Supervise {
            card: input.card.into(),
            reason: input.reason,
        };
        let change = change(ctx)?;
        let changed = requests::transition(&change, "superviseRequest", id, input.version, command);
        Ok(changed.await?.into())
    }
}
