//! The `RequestExtension` and `RequestSupervision` nodes: extension requests (延期申请)
//! with their decisions, and supervision cards (督办).

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::{request_extension, request_supervision};

use super::Request;
use super::enums::{ExtensionKind, ExtensionStatus, SupervisionCard};
use super::filters::{NoFilter, RequestExtensionOrder, RequestSupervisionOrder};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::resolve::by_id;

/// The assignee's request for more time or a suspension, and its decision.
#[derive(Clone)]
pub struct RequestExtension(pub request_extension::Model);
resource!(
    RequestExtension,
    request_extension,
    RequestExtensionOrder,
    NoFilter
);

#[Object]
impl RequestExtension {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::RequestExtension, self.0.id)
    }
    async fn kind(&self) -> ExtensionKind {
        self.0.kind.into()
    }
    async fn status(&self) -> ExtensionStatus {
        self.0.status.into()
    }
    /// Why the assignee asks.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    /// EXTEND: the hours asked for.
    async fn extra_hours(&self) -> Option<i32> {
        self.0.extra_hours
    }
    /// SUSPEND: when the request would resume by itself.
    async fn suspend_until(&self) -> Option<DateTime<Utc>> {
        self.0.suspend_until
    }
    async fn requested_at(&self) -> DateTime<Utc> {
        self.0.requested_at
    }
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }
    /// The approver's note, or the reason for a rejection.
    async fn decision_note(&self) -> Option<&str> {
        self.0.decision_note.as_deref()
    }
    /// The request it concerns.
    async fn request(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        by_id(ctx, self.0.request_id).await
    }
}

/// A supervision card issued on a request by street or district staff.
#[derive(Clone)]
pub struct RequestSupervision(pub request_supervision::Model);
resource!(
    RequestSupervision,
    request_supervision,
    RequestSupervisionOrder,
    NoFilter
);

#[Object]
impl RequestSupervision {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::RequestSupervision, self.0.id)
    }
    async fn card(&self) -> SupervisionCard {
        self.0.card.into()
    }
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn issued_at(&self) -> DateTime<Utc> {
        self.0.issued_at
    }
    /// The request it concerns.
    async fn request(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        by_id(ctx, self.0.request_id).await
    }
}
