//! The `MediationCase` node, its `MediationParty` rows and `MediationSession`s.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};

use entity::{mediation_case, mediation_party, mediation_session};

use super::enums::{DisputeCategory, MediationOutcome, MediationStatus};
use super::filters::{
    MediationCaseFilter, MediationCaseOrder, MediationPartyOrder, MediationSessionOrder, NoFilter,
};
use crate::access::pii;
use crate::domain::mediation;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, children};
use crate::graphql::territory::{Community, Grid, Resident};

/// A people's mediation case (矛盾纠纷调解) placed in a community or a grid. Minor cases
/// stay with the community; major ones are also seen by the street.
#[derive(Clone)]
pub struct MediationCase(pub mediation_case::Model);
resource!(
    MediationCase,
    mediation_case,
    MediationCaseOrder,
    MediationCaseFilter
);

#[Object]
impl MediationCase {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::MediationCase, self.0.id)
    }
    /// Changes with every step; steps carry the version they read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The community the case lies in, or the grid's community.
    async fn community(&self, ctx: &Context<'_>) -> AppResult<Option<Community>> {
        let id = match self.0.area_kind.as_str() {
            "community" => self.0.area_id,
            _ => community_of(&self.0.area_path),
        };
        by_id(ctx, id).await
    }
    /// The grid the case lies in, when it was placed in a grid.
    async fn grid(&self, ctx: &Context<'_>) -> AppResult<Option<Grid>> {
        match self.0.area_kind.as_str() {
            "grid" => by_id(ctx, self.0.area_id).await,
            _ => Ok(None),
        }
    }
    /// Where the dispute is, in words.
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// What it is about.
    async fn category(&self) -> DisputeCategory {
        self.0.category.into()
    }
    /// Major cases are copied to the street.
    async fn major(&self) -> bool {
        self.0.major
    }
    /// The dispute in a few sentences.
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// Global id of the user who mediates.
    async fn mediator_id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.mediator_user_id)
    }
    /// Where the case stands.
    async fn status(&self) -> MediationStatus {
        self.0.status.into()
    }
    /// How it ended, once closed.
    async fn outcome(&self) -> Option<MediationOutcome> {
        self.0.outcome.map(Into::into)
    }
    /// The agreement's text, once signed.
    async fn agreement(&self) -> Option<&str> {
        self.0.agreement.as_deref()
    }
    /// The day the agreement was signed.
    async fn agreement_signed_on(&self) -> Option<NaiveDate> {
        self.0.agreement_signed_on
    }
    /// The day the follow-up falls due: 30 days after the agreement.
    async fn follow_up_due(&self) -> Option<NaiveDate> {
        self.0.follow_up_due
    }
    /// Whether the follow-up is past due today (Asia/Shanghai) and not made.
    async fn follow_up_overdue(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let today = RequestContext::of(ctx)?.filter_env().today;
        let status = crate::domain::mediation::CaseStatus::from(self.0.status);
        Ok(mediation::follow_up_overdue(
            status,
            self.0.follow_up_due,
            today,
        ))
    }
    /// The day the follow-up was made.
    async fn followed_up_on(&self) -> Option<NaiveDate> {
        self.0.followed_up_on
    }
    /// What the follow-up found.
    async fn follow_up_notes(&self) -> Option<&str> {
        self.0.follow_up_notes.as_deref()
    }
    /// When the case was opened.
    async fn opened_at(&self) -> DateTime<Utc> {
        self.0.opened_at
    }
    /// When it last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// The parties to the dispute, as named when the case was opened.
    async fn parties(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Connection<MediationParty>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = mediation_party::Column::CaseId;
        children(ctx, via, self.0.id, args, None, None).await
    }
    /// The mediation sessions held, as recorded unless ordered otherwise.
    async fn sessions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        order_by: Option<MediationSessionOrder>,
    ) -> AppResult<Connection<MediationSession>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = mediation_session::Column::CaseId;
        children(ctx, via, self.0.id, args, order_by, None).await
    }
}

/// The community id in a grid's path `district/street/community/grid/`.
fn community_of(path: &str) -> i32 {
    path.split('/')
        .nth(2)
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

/// A party to a dispute: a resident of the register (masked as residents are) or a
/// named outsider (name and phone masked like a resident's).
#[derive(Clone)]
pub struct MediationParty(pub mediation_party::Model);
resource!(
    MediationParty,
    mediation_party,
    MediationPartyOrder,
    NoFilter
);

#[Object]
impl MediationParty {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::MediationParty, self.0.id)
    }
    /// The resident, when the party is on the register and in the viewer's sight.
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        match self.0.resident_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// An outsider's name, or `张*` for roles that may not see it; null for residents.
    async fn name(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.contact(ctx)?.map(|(name, _)| name))
    }
    /// An outsider's mobile number, or `138****5678`; null for residents.
    async fn phone(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.contact(ctx)?.map(|(_, phone)| phone))
    }
}

impl MediationParty {
    fn contact(&self, ctx: &Context<'_>) -> AppResult<Option<(String, String)>> {
        let viewer = &RequestContext::of(ctx)?.viewer;
        let (Some(name), phone) = (&self.0.name, &self.0.phone) else {
            return Ok(None);
        };
        let phone = phone.as_deref().unwrap_or_default();
        Ok(Some(pii::contact(
            viewer,
            &self.0.area_path,
            false,
            name,
            phone,
        )))
    }
}

/// One mediation session (调解) of a case.
#[derive(Clone)]
pub struct MediationSession(pub mediation_session::Model);
resource!(
    MediationSession,
    mediation_session,
    MediationSessionOrder,
    NoFilter
);

#[Object]
impl MediationSession {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::MediationSession, self.0.id)
    }
    /// The day it was held.
    async fn held_on(&self) -> NaiveDate {
        self.0.held_on
    }
    /// What was said and settled.
    async fn notes(&self) -> &str {
        &self.0.notes
    }
    /// When it was recorded.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
    /// The case it belongs to.
    async fn case(&self, ctx: &Context<'_>) -> AppResult<Option<MediationCase>> {
        by_id(ctx, self.0.case_id).await
    }
}
