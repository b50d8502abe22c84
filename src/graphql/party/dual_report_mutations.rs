//! The dual report mutations (双报到) and their inputs: each decodes its input and
//! makes one call into `service::dual_report`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;

use super::dual_report::DualReport;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::dual_report::{self, EndReport, NewReport, RecordHours, Reporter};

/// A registration with a residential community.
#[derive(InputObject)]
pub struct RegisterDualReportInput {
    /// An in-service member reporting (give this or `organizationId`).
    pub member_id: Option<ID>,
    /// A co-building unit's party organisation reporting (or `memberId`).
    pub organization_id: Option<ID>,
    /// The residential community, one the registrar keeps.
    pub community_id: ID,
    /// The volunteer post taken (1 to 64 characters).
    pub volunteer_post: Option<String>,
    /// A co-building project of the community (or of an area above it) claimed.
    pub project_id: Option<ID>,
    /// Not in the future; today unless given.
    pub registered_on: Option<NaiveDate>,
}

/// Hours served under a registration.
#[derive(InputObject)]
pub struct RecordDualReportHoursInput {
    pub report_id: ID,
    /// The version read; a stale one is CONFLICT.
    pub version: i32,
    /// Between the registration and today.
    pub served_on: NaiveDate,
    /// More than 0, at most 24, in tenths.
    pub hours: f64,
    /// What was done (at most 200 characters).
    pub note: Option<String>,
}

/// The end of a registration.
#[derive(InputObject)]
pub struct EndDualReportInput {
    pub report_id: ID,
    /// The version read; a stale one is CONFLICT.
    pub version: i32,
    /// The last day: between the registration and today.
    pub ended_on: NaiveDate,
}

/// The registration as written.
#[derive(SimpleObject)]
pub struct DualReportPayload {
    pub report: DualReport,
}

fn reporter(input: &RegisterDualReportInput) -> AppResult<Reporter> {
    match (&input.member_id, &input.organization_id) {
        (Some(member), None) => Ok(Reporter::Member(ids::decode_as(
            member,
            NodeKind::PartyMember,
        )?)),
        (None, Some(organization)) => Ok(Reporter::Organization(ids::decode_as(
            organization,
            NodeKind::PartyOrganization,
        )?)),
        _ => Err(AppError::bad_input(
            "give exactly one of `memberId` and `organizationId`",
        )),
    }
}

fn payload(report: entity::dual_report::Model) -> DualReportPayload {
    DualReportPayload {
        report: DualReport(report),
    }
}

#[derive(Default)]
pub struct DualReportMutation;

#[Object]
impl DualReportMutation {
    /// Registers an in-service member or a co-building unit's party organisation with
    /// a residential community (双报到); once per reporter and community while active.
    async fn register_dual_report(
        &self,
        ctx: &Context<'_>,
        input: RegisterDualReportInput,
    ) -> AppResult<DualReportPayload> {
        let project_id = input
            .project_id
            .as_ref()
            .map(|id| ids::decode_as(id, NodeKind::Project))
            .transpose()?;
        let new = NewReport {
            reporter: reporter(&input)?,
            community_id: ids::decode_as(&input.community_id, NodeKind::Community)?,
            volunteer_post: input.volunteer_post,
            project_id,
            registered_on: input.registered_on,
        };
        Ok(payload(dual_report::register(&change(ctx)?, new).await?))
    }
    /// Records hours served under an active registration (versioned).
    async fn record_dual_report_hours(
        &self,
        ctx: &Context<'_>,
        input: RecordDualReportHoursInput,
    ) -> AppResult<DualReportPayload> {
        let record = RecordHours {
            report_id: ids::decode_as(&input.report_id, NodeKind::DualReport)?,
            version: input.version,
            served_on: input.served_on,
            hours: input.hours,
            note: input.note,
        };
        Ok(payload(
            dual_report::record_hours(&change(ctx)?, record).await?,
        ))
    }
    /// Ends a registration (versioned); its hours stay.
    async fn end_dual_report(
        &self,
        ctx: &Context<'_>,
        input: EndDualReportInput,
    ) -> AppResult<DualReportPayload> {
        let end = EndReport {
            report_id: ids::decode_as(&input.report_id, NodeKind::DualReport)?,
            version: input.version,
            ended_on: input.ended_on,
        };
        Ok(payload(dual_report::end(&change(ctx)?, end).await?))
    }
}
