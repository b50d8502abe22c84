//! Input objects and payloads of the visit mutations.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::Duty;
use super::{Visit, VisitFinding};
use crate::domain::visits::FindingInput;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::requests::{Request, RequestEvent, Urgency};
use crate::service::visits::{FindingRequest, NewVisit, OpenedRequest, RecordedVisit};

/// A visit just made, recorded by the worker who made it.
#[derive(InputObject)]
pub struct RecordVisitInput {
    /// When it took place: not in the future, within the last 90 days.
    pub visited_at: DateTime<Utc>,
    /// The households reached (1 to 50), all of one grid the recorder works in.
    pub household_ids: Vec<ID>,
    /// What it found (at most 20).
    #[graphql(default)]
    pub findings: Vec<VisitFindingInput>,
}

/// One finding of a visit.
#[derive(InputObject)]
pub struct VisitFindingInput {
    /// The duty it is filed under.
    pub duty: Duty,
    /// What was found, 1 to 2,000 characters.
    pub note: String,
}

impl RecordVisitInput {
    pub fn into_new(self, worker_user_id: i32) -> AppResult<NewVisit> {
        let household_ids = self
            .household_ids
            .iter()
            .map(|id| ids::decode_as(id, NodeKind::Household))
            .collect::<AppResult<_>>()?;
        let findings = self
            .findings
            .into_iter()
            .map(|finding| FindingInput {
                duty: finding.duty.into(),
                note: finding.note,
            })
            .collect();
        Ok(NewVisit {
            worker_user_id,
            visited_at: self.visited_at,
            household_ids,
            findings,
        })
    }
}

/// A request opened from a finding (channel GRID_VISIT).
#[derive(InputObject)]
pub struct OpenRequestFromFindingInput {
    /// The finding; it must not have opened a request yet.
    pub finding_id: ID,
    /// A category code from `requestCategories`.
    pub category_code: String,
    /// NORMAL unless given.
    #[graphql(default_with = "Urgency::Normal")]
    pub urgency: Urgency,
    /// The request's text, 1 to 2,000 characters; the finding's note when absent.
    pub description: Option<String>,
    /// The household it is about, one of the visit's; the first visited when absent.
    pub household_id: Option<ID>,
}

impl OpenRequestFromFindingInput {
    pub fn into_request(self) -> AppResult<FindingRequest> {
        Ok(FindingRequest {
            finding_id: ids::decode_as(&self.finding_id, NodeKind::VisitFinding)?,
            category_code: self.category_code,
            urgency: self.urgency.into(),
            description: self.description,
            household_id: self
                .household_id
                .map(|id| ids::decode_as(&id, NodeKind::Household))
                .transpose()?,
        })
    }
}

/// The recorded visit.
#[derive(SimpleObject)]
pub struct RecordVisitPayload {
    /// The visit as written.
    pub visit: Visit,
    /// Its findings, in the order given.
    pub findings: Vec<VisitFinding>,
}

impl From<RecordedVisit> for RecordVisitPayload {
    fn from(recorded: RecordedVisit) -> Self {
        RecordVisitPayload {
            visit: Visit(recorded.visit),
            findings: recorded.findings.into_iter().map(VisitFinding).collect(),
        }
    }
}

/// The finding, linked, and the request it opened.
#[derive(SimpleObject)]
pub struct OpenRequestFromFindingPayload {
    /// The finding after the change.
    pub finding: VisitFinding,
    /// The new request (SUBMITTED, channel GRID_VISIT).
    pub request: Request,
    /// The request's SUBMITTED event.
    pub event: RequestEvent,
}

impl From<OpenedRequest> for OpenRequestFromFindingPayload {
    fn from(opened: OpenedRequest) -> Self {
        OpenRequestFromFindingPayload {
            finding: VisitFinding(opened.finding),
            request: Request(opened.request.request),
            event: RequestEvent(opened.request.event),
        }
    }
}
