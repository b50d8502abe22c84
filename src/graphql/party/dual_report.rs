//! The `DualReport` type (双报到), its filter and the `dualReports` root list.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::NaiveDate;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::dual_report::{self, Column};

use super::{PartyMember, PartyOrganization};
use crate::error::AppResult;
use crate::graphql::cobuild::Project;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::{order_enum, resource};
use crate::graphql::pagination::{Connection, FilterEnv, PageArgs};
use crate::graphql::resolve::{by_id, list};
use crate::graphql::territory::{Community, under_area};

/// An in-service member or a co-building unit's party organisation registered with a
/// residential community (双报到).
#[derive(Clone)]
pub struct DualReport(pub dual_report::Model);
resource!(DualReport, dual_report, DualReportOrder, DualReportFilter);

order_enum! {
    /// How to order dual reports: by registration unless asked otherwise.
    DualReportOrder for dual_report {
        /// Most hours served first.
        HoursDesc => (HoursTenths, true),
    }
}

/// Who reports.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum DualReporterKind {
    /// An in-service party member (在职党员).
    Member,
    /// The party organisation of a co-building unit.
    Organization,
}

/// Which dual reports to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DualReportFilter {
    /// Only reports to a community under (or being) this area.
    pub area_id: Option<ID>,
    /// Only this member's reports.
    pub member_id: Option<ID>,
    /// Only members' or only organisations' reports.
    pub reporter: Option<DualReporterKind>,
    /// Only registrations still running (true) or ended (false).
    pub active: Option<bool>,
}

impl DualReportFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(member) = &self.member_id {
            let member = ids::decode_as(member, NodeKind::PartyMember)?;
            condition = condition.add(Column::MemberId.eq(member));
        }
        condition = match self.reporter {
            Some(DualReporterKind::Member) => condition.add(Column::MemberId.is_not_null()),
            Some(DualReporterKind::Organization) => {
                condition.add(Column::OrganizationId.is_not_null())
            }
            None => condition,
        };
        condition = match self.active {
            Some(true) => condition.add(Column::EndedOn.is_null()),
            Some(false) => condition.add(Column::EndedOn.is_not_null()),
            None => condition,
        };
        Ok(condition)
    }
}

#[Object]
impl DualReport {
    /// Opaque global id.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::DualReport, self.0.id)
    }
    /// Send it back with `recordDualReportHours` and `endDualReport`.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The member reporting (masked by policy); `null` for an organisation or when
    /// the member's own organisation is out of the viewer's sight.
    async fn member(&self, ctx: &Context<'_>) -> AppResult<Option<PartyMember>> {
        match self.0.member_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The co-building unit's party organisation reporting; `null` for a member.
    async fn organization(&self, ctx: &Context<'_>) -> AppResult<Option<PartyOrganization>> {
        match self.0.organization_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The residential community reported to.
    async fn community(&self, ctx: &Context<'_>) -> AppResult<Option<Community>> {
        by_id(ctx, self.0.community_id).await
    }
    /// The volunteer post taken, if any.
    async fn volunteer_post(&self) -> Option<&str> {
        self.0.volunteer_post.as_deref()
    }
    /// The co-building project claimed, if any (and in sight).
    async fn project(&self, ctx: &Context<'_>) -> AppResult<Option<Project>> {
        match self.0.project_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The first day.
    async fn registered_on(&self) -> NaiveDate {
        self.0.registered_on
    }
    /// The last day; `null` while it runs.
    async fn ended_on(&self) -> Option<NaiveDate> {
        self.0.ended_on
    }
    /// Hours served so far, to a tenth.
    async fn hours_served(&self) -> f64 {
        f64::from(self.0.hours_tenths) / 10.0
    }
}

#[derive(Default)]
pub struct DualReportQuery;

#[Object]
impl DualReportQuery {
    /// The dual reports (双报到) to communities the viewer reads members in, paged.
    async fn dual_reports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<DualReportFilter>,
        order_by: Option<DualReportOrder>,
    ) -> AppResult<Connection<DualReport>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}
