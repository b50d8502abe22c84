//! One transition in a request's history.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::request_event;

use super::Request;
use super::enums::{HandlingLevel, RequestStatus};
use super::filters::{NoFilter, RequestEventOrder};
use crate::error::AppResult;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::resolve::by_id;

/// A transition of a request (流转记录): who did what, from which state to which, when.
#[derive(Clone)]
pub struct RequestEvent(pub request_event::Model);
resource!(RequestEvent, request_event, RequestEventOrder, NoFilter);

#[Object]
impl RequestEvent {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::RequestEvent, self.0.id)
    }
    /// What happened: `SUBMIT` or the action taken (`ACCEPT`, `ESCALATE`, …).
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// The status before; null for the submission.
    async fn from_status(&self) -> Option<RequestStatus> {
        self.0.from_status.map(Into::into)
    }
    /// The status after.
    async fn to_status(&self) -> RequestStatus {
        self.0.to_status.into()
    }
    /// The level before; null for the submission.
    async fn from_level(&self) -> Option<HandlingLevel> {
        self.0.from_level.map(Into::into)
    }
    /// The level after.
    async fn to_level(&self) -> HandlingLevel {
        self.0.to_level.into()
    }
    /// The reason, note or comment given with the action.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// When it happened.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    /// Who acted: `USER`, `CLIENT` or `SYSTEM`.
    async fn actor_kind(&self) -> &str {
        &self.0.actor_kind
    }
    /// The request this event belongs to.
    async fn request(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        by_id(ctx, self.0.request_id).await
    }
}
