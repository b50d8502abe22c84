//! The `Request` node.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use entity::{request, request_event, request_extension, request_supervision};

use super::category::{self, RequestCategory};
use super::enums::{
    Channel, HandlingLevel, RequestAction, RequestStatus, Satisfaction, SlaState, SupervisionCard,
    Urgency,
};
use super::event::RequestEvent;
use super::filters::{
    RequestEventOrder, RequestExtensionOrder, RequestFilter, RequestOrder, RequestSupervisionOrder,
};
use super::supervision::{RequestExtension, RequestSupervision};
use crate::access::{pii, request_actions};
use crate::domain::requests::lifecycle::{self, Action};
use crate::domain::requests::sla;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::territory::{Building, Household, Resident, Unit};
use crate::service::requests::{facts, state};

/// A resident's request (诉求), from intake to evaluation.
#[derive(Clone)]
pub struct Request(pub request::Model);
resource!(Request, request, RequestOrder, RequestFilter);

/// An anonymous reporter's contact, masked like a resident's name and phone.
#[derive(SimpleObject)]
pub struct Contact {
    /// Name, or `张*` for roles that may not see it.
    name: String,
    /// Mobile number, or `138****5678`.
    phone: String,
}

impl Request {
    /// Whether the viewer reads this request's details (see `detailsHidden`).
    async fn shows_details(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let sensitive = category::of(ctx, self.0.category_id)
            .await?
            .is_some_and(|category| category.0.sensitive);
        let viewer = &RequestContext::of(ctx)?.viewer;
        Ok(pii::shows_request_details(
            viewer,
            facts(&self.0),
            sensitive,
        ))
    }
}

#[Object]
impl Request {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Request, self.0.id)
    }
    /// Send it back with every change: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Where it came in.
    async fn channel(&self) -> Channel {
        self.0.channel.into()
    }
    /// The channel's own order id (12345 hotline orders).
    async fn external_order_id(&self) -> Option<&str> {
        self.0.external_order_id.as_deref()
    }
    /// What it is about.
    async fn category(&self, ctx: &Context<'_>) -> AppResult<Option<RequestCategory>> {
        category::of(ctx, self.0.category_id).await
    }
    /// The building it concerns.
    async fn building(&self, ctx: &Context<'_>) -> AppResult<Option<Building>> {
        by_id(ctx, self.0.building_id).await
    }
    /// The unit it concerns, when it is that precise.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        match self.0.unit_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The household it concerns, when it is that precise.
    async fn household(&self, ctx: &Context<'_>) -> AppResult<Option<Household>> {
        match self.0.household_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The resident who reported it, masked by the access policy; null when the
    /// reporter is not in the register, out of the viewer's sight, or the details are
    /// hidden (`detailsHidden`).
    async fn reporter(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        match self.0.reporter_resident_id {
            Some(id) if self.shows_details(ctx).await? => by_id(ctx, id).await,
            _ => Ok(None),
        }
    }
    /// The contact of a reporter not in the register; null when the details are hidden.
    async fn contact(&self, ctx: &Context<'_>) -> AppResult<Option<Contact>> {
        let request = RequestContext::of(ctx)?;
        let (Some(name), Some(phone)) = (&self.0.contact_name, &self.0.contact_phone) else {
            return Ok(None);
        };
        if !self.shows_details(ctx).await? {
            return Ok(None);
        }
        let own = request
            .viewer
            .principal()
            .is_some_and(|principal| self.0.reporter_user_id == Some(principal.id));
        let (name, phone) = pii::contact(&request.viewer, &self.0.area_path, own, name, phone);
        Ok(Some(Contact { name, phone }))
    }
    /// What the reporter wrote; null when the details are hidden.
    async fn description(&self, ctx: &Context<'_>) -> AppResult<Option<&str>> {
        let shown = self.shows_details(ctx).await?;
        Ok(shown.then_some(self.0.description.as_str()))
    }
    /// Photos and documents (http/https URLs); null when the details are hidden.
    async fn attachments(&self, ctx: &Context<'_>) -> AppResult<Option<Vec<String>>> {
        let shown = self.shows_details(ctx).await?;
        Ok(shown.then(|| serde_json::from_str(&self.0.attachments).unwrap_or_default()))
    }
    /// The category is sensitive (social assistance, elderly care) and the viewer does
    /// not handle the request: description, attachments, reporter and contact are null.
    async fn details_hidden(&self, ctx: &Context<'_>) -> AppResult<bool> {
        Ok(!self.shows_details(ctx).await?)
    }
    /// How soon it needs an answer (chooses the SLA policy).
    async fn urgency(&self) -> Urgency {
        self.0.urgency.into()
    }
    /// Where it stands in its lifecycle.
    async fn status(&self) -> RequestStatus {
        self.0.status.into()
    }
    /// The level handling it now.
    async fn level(&self) -> HandlingLevel {
        self.0.level.into()
    }
    /// Global id of the assigned user, if any.
    async fn assignee_id(&self) -> Option<ID> {
        self.0
            .assignee_user_id
            .map(|id| ids::encode(NodeKind::User, id))
    }
    /// The request this one duplicates (MERGED).
    async fn merged_into(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        match self.0.merged_into_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// Why it was rejected (REJECTED).
    async fn reject_reason(&self) -> Option<&str> {
        self.0.reject_reason.as_deref()
    }
    /// The reporter's last evaluation.
    async fn satisfaction(&self) -> Option<Satisfaction> {
        self.0.satisfaction.map(Into::into)
    }
    /// How many times it was reopened (failed verification, dissatisfied evaluation).
    async fn rework_count(&self) -> i32 {
        self.0.rework_count
    }
    /// When it came in.
    async fn submitted_at(&self) -> DateTime<Utc> {
        self.0.submitted_at
    }
    /// When it last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// The deadline to accept it.
    async fn accept_due_at(&self) -> DateTime<Utc> {
        self.0.accept_due_at
    }
    /// The deadline to resolve it at its current level, once accepted.
    async fn handle_due_at(&self) -> Option<DateTime<Utc>> {
        self.0.handle_due_at
    }
    /// The deadline to verify and report back, once resolved.
    async fn feedback_due_at(&self) -> Option<DateTime<Utc>> {
        self.0.feedback_due_at
    }
    /// The running deadline; null when none runs (closed, or awaiting evaluation).
    async fn due_at(&self) -> Option<DateTime<Utc>> {
        self.0.sla_due_at
    }
    /// How the running deadline stands now; null when none runs.
    async fn sla_state(&self, ctx: &Context<'_>) -> AppResult<Option<SlaState>> {
        let now = RequestContext::of(ctx)?.filter_env().now;
        // A paused deadline stands as it stood when it was paused.
        let now = self.0.sla_paused_at.unwrap_or(now);
        Ok(match (self.0.sla_warn_at, self.0.sla_due_at) {
            (Some(warn), Some(due)) => Some(sla::state(now, warn, due).into()),
            _ => None,
        })
    }
    /// What the viewer may do to it now (its state and their role allowing).
    async fn available_actions(&self, ctx: &Context<'_>) -> AppResult<Vec<RequestAction>> {
        let viewer = &RequestContext::of(ctx)?.viewer;
        Ok(Action::ALL
            .into_iter()
            .filter(|action| lifecycle::allows(state(&self.0), *action))
            .filter(|action| request_actions::may(viewer, facts(&self.0), *action))
            .map(Into::into)
            .collect())
    }
    /// When a SUSPENDED request resumes by itself.
    async fn suspended_until(&self) -> Option<DateTime<Utc>> {
        self.0.suspended_until
    }
    /// The strongest supervision card issued on it, if any.
    async fn supervision_card(&self) -> Option<SupervisionCard> {
        self.0.supervision_card.map(Into::into)
    }
    /// Its extension requests, oldest first.
    async fn extensions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<RequestExtensionOrder>,
    ) -> AppResult<Connection<RequestExtension>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = request_extension::Column::RequestId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
    /// The supervision cards issued on it, oldest first.
    async fn supervisions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<RequestSupervisionOrder>,
    ) -> AppResult<Connection<RequestSupervision>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = request_supervision::Column::RequestId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
    /// Its history, oldest first.
    async fn events(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<RequestEventOrder>,
    ) -> AppResult<Connection<RequestEvent>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = request_event::Column::RequestId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
}
