//! The governance group of a dashboard: people's mediation (cases opened and closed in
//! the period, how many ended settled, follow-ups overdue today) and grid workers'
//! visits (households reached in the period out of all), in one statement.

use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Condition, Expr, Func, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryResult};

use entity::mediation_enums::{CaseOutcome, CaseStatus};
use entity::{mediation_case, visit_household};

use super::{Period, Under, count, get, households, one, scoped, sub};
use crate::access::Viewer;
use crate::error::AppResult;

/// Mediation and visits under the area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GovernanceFigures {
    pub cases_opened: u64,
    /// Closed in the period, whatever the outcome.
    pub cases_closed: u64,
    /// Closed in the period RESOLVED or PARTIAL (调解成功).
    pub cases_settled: u64,
    /// Agreed, follow-up past due today and not made.
    pub follow_ups_overdue: u64,
    pub households: u64,
    /// Households reached by at least one visit in the period.
    pub households_visited: u64,
}

pub async fn governance(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
    today: NaiveDate,
) -> AppResult<GovernanceFigures> {
    let mut select = Query::select();
    governance_columns(&mut select, viewer, area_path.into(), period, today);
    governance_of(&one(db, &select).await?)
}

/// The governance figures as columns of `select`, one sub-select each.
pub(crate) fn governance_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    area_path: Under<'_>,
    period: Period,
    today: NaiveDate,
) {
    use mediation_case::Column as Case;
    let cases = |extra: Condition| count::<mediation_case::Entity>(viewer, area_path, extra);
    let closed_in_period = || {
        Condition::all()
            .add(Case::Status.eq(CaseStatus::Closed))
            .add(Case::UpdatedAt.gte(period.from))
            .add(Case::UpdatedAt.lt(period.to))
    };
    let settled = [CaseOutcome::Resolved, CaseOutcome::Partial];
    select
        .expr_as(
            sub(cases(
                Condition::all()
                    .add(Case::OpenedAt.gte(period.from))
                    .add(Case::OpenedAt.lt(period.to)),
            )),
            Alias::new("opened"),
        )
        .expr_as(sub(cases(closed_in_period())), Alias::new("closed"))
        .expr_as(
            sub(cases(closed_in_period().add(Case::Outcome.is_in(settled)))),
            Alias::new("settled"),
        )
        .expr_as(
            sub(cases(
                Condition::all()
                    .add(Case::Status.eq(CaseStatus::Agreed))
                    .add(Case::FollowUpDue.lt(today)),
            )),
            Alias::new("overdue"),
        )
        .expr_as(households(viewer, area_path), Alias::new("households"))
        .expr_as(
            sub(households_visited(viewer, area_path, period)),
            Alias::new("visited"),
        );
}

pub(crate) fn governance_of(row: &QueryResult) -> AppResult<GovernanceFigures> {
    Ok(GovernanceFigures {
        cases_opened: get(row, "opened")?,
        cases_closed: get(row, "closed")?,
        cases_settled: get(row, "settled")?,
        follow_ups_overdue: get(row, "overdue")?,
        households: get(row, "households")?,
        households_visited: get(row, "visited")?,
    })
}

/// `COUNT(DISTINCT household_id)` of the countable visit links under the area in the
/// period.
fn households_visited(viewer: &Viewer, area_path: Under<'_>, period: Period) -> SelectStatement {
    use visit_household::Column;
    let household = Expr::col((visit_household::Entity, Column::HouseholdId));
    Query::select()
        .expr(Func::count_distinct(household))
        .from(visit_household::Entity)
        .cond_where(
            scoped::<visit_household::Entity>(viewer, area_path)
                .add(Column::VisitedAt.gte(period.from))
                .add(Column::VisitedAt.lt(period.to)),
        )
        .to_owned()
}
