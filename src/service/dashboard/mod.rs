//! Dashboard figures over an area's subtree, each group one SQL statement: the
//! database counts (GROUP BY, CASE sums, scalar sub-selects), Rust only divides.
//! Every table is read through [`access::aggregates::countable`], so a figure counts
//! exactly what the viewer may count.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, QueryResult};

use entity::request_enums::{HandlingLevel, RequestStatus, Satisfaction};
use entity::resident;
use entity::{grid, request, request_event, request_extension, request_supervision};

mod breakdown;
mod evaluation;
mod governance;
mod indicators;
mod organisation;
mod request_groups;
mod request_rollups;
mod request_stats;
mod resident_stats;
mod rollups;
mod series;
mod services;
mod under;
mod volunteers;
mod whole_days;

pub use breakdown::{AreaFigures, Scope, breakdown};
pub use evaluation::{
    Deduction, EvaluationPeriod, Score, Weight, level_name, score, set_weights, weights,
};
pub use governance::{GovernanceFigures, governance};
pub(crate) use governance::{governance_columns, governance_of};
pub use indicators::{Figure, Figures, Group, Indicator};
pub use organisation::{OrganisationFigures, organisation};
pub(crate) use organisation::{organisation_columns, organisation_of};
pub use request_groups::{RequestGroup, RequestGroups, RequestKey, request_groups};
pub use request_stats::{RequestDimension, RequestStatsGroup, request_stats};
pub use resident_stats::{AgeBand, Dimension, StatsGroup, resident_stats};
pub(crate) use rollups::households;
pub use series::{Bucket, BucketSize, MAX_BUCKETS, buckets, request_series};
pub use services::{
    FacilityReach, REACH_MINUTES, SATISFIED_STARS, ServiceFigures, facility_reach, services,
};
pub(crate) use services::{facility_reach_by_child, services_columns, services_of};
pub use under::{ChildLevel, Under, child_areas};
pub use volunteers::{ACTIVE_DAYS, VolunteerFigures, volunteers};
pub(crate) use volunteers::{volunteer_columns, volunteers_of};

pub use crate::service::requests::repeats::REPEAT_WINDOW_DAYS;

use crate::access::{Scoped, Viewer};
use crate::error::{AppError, AppResult};
use rollups::AgeCuts;

/// A grid's standard size (households): outside it a grid should be split or merged.
pub const GRID_STANDARD: (i64, i64) = (400, 700);

/// The period a dashboard covers, `[from, to)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Who lives under the area (counts of people: suppressible).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Population {
    pub households: u64,
    pub residents: u64,
    pub elderly_60: u64,
    pub elderly_80: u64,
    /// Under 18.
    pub children: u64,
    pub grids: u64,
    pub grids_outside_standard: u64,
}

/// Residents' requests under the area: `open` and `overdue` now, the rest over the
/// requests submitted in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestFigures {
    pub submitted: u64,
    pub open_now: u64,
    pub overdue_now: u64,
    pub responded: u64,
    pub closed: u64,
    pub solved: u64,
    pub evaluated: u64,
    pub satisfied: u64,
    pub closed_on_time: u64,
    /// Submitted in the period, still open and overdue: they count against on-time.
    pub open_overdue: u64,
    pub escalated: u64,
    pub reworked: u64,
    pub extended: u64,
    pub closed_below_community: u64,
    pub closed_within_community: u64,
    pub yellow_cards: u64,
    pub red_cards: u64,
    /// Submitted in the period within [`REPEAT_WINDOW_DAYS`] of an earlier request of
    /// the same category about the same place (重复投诉).
    pub repeated: u64,
}

/// Handling time (submission to closure) of the requests closed in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HandlingTimes {
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
}

pub async fn population(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    today: NaiveDate,
) -> AppResult<Population> {
    let mut select = Query::select();
    let cuts = AgeCuts::on(today)?;
    match rollups::births_under(viewer, area_path.into()) {
        Some(path) => rollups::resident_columns_from_births(&mut select, path, cuts)?,
        None => {
            resident_columns(&mut select, cuts);
            select
                .from(resident::Entity)
                .cond_where(scoped::<resident::Entity>(viewer, area_path));
        }
    }
    area_columns(&mut select, viewer, area_path.into());
    population_of(&one(db, &select).await?)
}

/// The population figures as columns of `select`: the residents' in one pass over the
/// resident rows the caller puts in its FROM (the area's, or each child area's), the
/// households and grids one sub-select each.
pub(crate) fn population_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    area_path: Under<'_>,
    today: NaiveDate,
) -> AppResult<()> {
    resident_columns(select, AgeCuts::on(today)?);
    area_columns(select, viewer, area_path);
    Ok(())
}

/// The residents' population columns over the resident rows in the FROM.
fn resident_columns(select: &mut SelectStatement, cuts: AgeCuts) {
    let birth = || Expr::col((resident::Entity, resident::Column::BirthDate));
    // The scope column, not the id: the (area_path, birth_date) index alone answers.
    let counted = Expr::col((resident::Entity, resident::Entity::scope_column())).count();
    select
        .expr_as(counted, Alias::new("residents"))
        .expr_as(
            count_if(Condition::all().add(birth().lte(cuts.born_60))),
            Alias::new("elderly_60"),
        )
        .expr_as(
            count_if(Condition::all().add(birth().lte(cuts.born_80))),
            Alias::new("elderly_80"),
        )
        .expr_as(
            count_if(Condition::all().add(birth().gt(cuts.born_18))),
            Alias::new("children"),
        );
}

/// The households and grids of the population, one sub-select each.
fn area_columns(select: &mut SelectStatement, viewer: &Viewer, area_path: Under<'_>) {
    select
        .expr_as(
            rollups::households(viewer, area_path),
            Alias::new("households"),
        )
        .expr_as(
            sub(count::<grid::Entity>(viewer, area_path, Condition::all())),
            Alias::new("grids"),
        )
        .expr_as(
            sub(rollups::grids_outside_standard(viewer, area_path)),
            Alias::new("grids_outside"),
        );
}

pub(crate) fn population_of(row: &QueryResult) -> AppResult<Population> {
    Ok(Population {
        households: get(row, "households")?,
        residents: get(row, "residents")?,
        elderly_60: get(row, "elderly_60")?,
        elderly_80: get(row, "elderly_80")?,
        children: get(row, "children")?,
        grids: get(row, "grids")?,
        grids_outside_standard: get(row, "grids_outside")?,
    })
}

pub async fn requests(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
    now: DateTime<Utc>,
) -> AppResult<RequestFigures> {
    let mut select = Query::select();
    match whole_days::days_under::<request::Entity>(viewer, area_path.into(), period) {
        Some((path, days)) => {
            request_rollups::request_columns(&mut select, viewer, path, days, now)
        }
        None => {
            request_sums(&mut select, period, now);
            select
                .from(request::Entity)
                .cond_where(scoped::<request::Entity>(viewer, area_path));
        }
    }
    card_columns(&mut select, viewer, area_path.into(), period);
    request_figures_of(&one(db, &select).await?)
}

/// The request figures that sum over request rows, as columns of `select`: the
/// caller puts the requests counted in its FROM (the area's, or each child area's).
pub(crate) fn request_sums(select: &mut SelectStatement, period: Period, now: DateTime<Utc>) {
    for (name, condition) in request_conditions(period, now) {
        select.expr_as(count_if(condition), Alias::new(name));
    }
}

/// Each request figure that sums over request rows: its column and the condition a
/// request meets to count in it.
pub(crate) fn request_conditions(
    period: Period,
    now: DateTime<Utc>,
) -> Vec<(&'static str, Condition)> {
    use RequestStatus::*;
    let status = || Expr::col((request::Entity, request::Column::Status));
    let in_period = || {
        Condition::all()
            .add(Expr::col((request::Entity, request::Column::SubmittedAt)).gte(period.from))
            .add(Expr::col((request::Entity, request::Column::SubmittedAt)).lt(period.to))
    };
    let closed = || status().is_in([ClosedResolved, ClosedUnresolved]);
    let open = || status().is_not_in([Rejected, Merged, ClosedResolved, ClosedUnresolved]);
    let overdue = || {
        Condition::all()
            .add(open())
            .add(Expr::col((request::Entity, request::Column::SlaDueAt)).lte(now))
            .add(Expr::col((request::Entity, request::Column::SlaPausedAt)).is_null())
    };
    let satisfaction = || Expr::col((request::Entity, request::Column::Satisfaction));
    let level = || Expr::col((request::Entity, request::Column::Level));
    // The first resolution is kept on the request: no probe of its events.
    let resolved_in_time = Expr::col((request::Entity, request::Column::FirstResolvedAt))
        .lte(Expr::col((request::Entity, request::Column::HandleDueAt)));
    // Few requests are escalated or extended: as uncorrelated `IN` sub-selects the
    // database reads those few rows once (a hashed sub-plan), where a correlated EXISTS
    // probed the events of every request counted.
    let escalated = Expr::col((request::Entity, request::Column::Id)).in_subquery(
        Query::select()
            .column(request_event::Column::RequestId)
            .from(request_event::Entity)
            .and_where(request_event::Column::Action.eq("ESCALATE"))
            .to_owned(),
    );
    let extended = Expr::col((request::Entity, request::Column::Id)).in_subquery(
        Query::select()
            .column(request_extension::Column::RequestId)
            .from(request_extension::Entity)
            .to_owned(),
    );
    vec![
        ("submitted", in_period()),
        ("open_now", Condition::all().add(open())),
        ("overdue_now", overdue()),
        ("responded", in_period().add(status().ne(Submitted))),
        ("closed", in_period().add(closed())),
        ("solved", in_period().add(status().eq(ClosedResolved))),
        (
            "evaluated",
            in_period().add(satisfaction().is_in([
                Satisfaction::Satisfied,
                Satisfaction::BasicallySatisfied,
                Satisfaction::Dissatisfied,
            ])),
        ),
        (
            "satisfied",
            in_period().add(
                satisfaction().is_in([Satisfaction::Satisfied, Satisfaction::BasicallySatisfied]),
            ),
        ),
        ("on_time", in_period().add(closed()).add(resolved_in_time)),
        ("open_overdue", in_period().add(overdue())),
        ("escalated", in_period().add(escalated)),
        (
            "reworked",
            in_period().add(Expr::col((request::Entity, request::Column::ReworkCount)).gt(0)),
        ),
        ("extended", in_period().add(extended)),
        (
            "repeated",
            in_period().add(Expr::col((request::Entity, request::Column::IsRepeat)).eq(true)),
        ),
        (
            "closed_below",
            in_period()
                .add(closed())
                .add(level().is_in([HandlingLevel::Building, HandlingLevel::Grid])),
        ),
        (
            "closed_within",
            in_period().add(closed()).add(level().is_in([
                HandlingLevel::Building,
                HandlingLevel::Grid,
                HandlingLevel::Community,
            ])),
        ),
    ]
}

/// The supervision cards issued in the period under the area, as columns of `select`.
pub(crate) fn card_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    area_path: Under<'_>,
    period: Period,
) {
    select
        .expr_as(
            sub(cards(viewer, area_path, period, "YELLOW")),
            Alias::new("yellow"),
        )
        .expr_as(
            sub(cards(viewer, area_path, period, "RED")),
            Alias::new("red"),
        );
}

/// The figures of a row with the columns of [`request_sums`] and [`card_columns`]
/// (cards read as 0 where absent: a series has none).
pub(crate) fn request_figures_of(row: &QueryResult) -> AppResult<RequestFigures> {
    let optional = |column: &str| get(row, column).or_else(|_| Ok::<u64, AppError>(0));
    Ok(RequestFigures {
        submitted: get(row, "submitted")?,
        open_now: get(row, "open_now")?,
        overdue_now: get(row, "overdue_now")?,
        responded: get(row, "responded")?,
        closed: get(row, "closed")?,
        solved: get(row, "solved")?,
        evaluated: get(row, "evaluated")?,
        satisfied: get(row, "satisfied")?,
        closed_on_time: get(row, "on_time")?,
        open_overdue: get(row, "open_overdue")?,
        escalated: get(row, "escalated")?,
        reworked: get(row, "reworked")?,
        extended: get(row, "extended")?,
        closed_below_community: get(row, "closed_below")?,
        closed_within_community: get(row, "closed_within")?,
        yellow_cards: optional("yellow")?,
        red_cards: optional("red")?,
        repeated: get(row, "repeated")?,
    })
}

/// Median and 90th percentile (nearest rank) of the handling time of the requests
/// submitted in the period and closed, in one statement: PostgreSQL's
/// `percentile_disc`, elsewhere each closed request ranked by its duration and the rows
/// at the two ranks picked.
pub async fn handling_times(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
) -> AppResult<HandlingTimes> {
    let seconds = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            r#"CAST(EXTRACT(EPOCH FROM ("request"."updated_at" - "request"."submitted_at")) AS DOUBLE PRECISION)"#
        }
        _ => {
            r#"(julianday("request"."updated_at") - julianday("request"."submitted_at")) * 86400.0"#
        }
    };
    let closed = scoped::<request::Entity>(viewer, area_path)
        .add(request::Column::SubmittedAt.gte(period.from))
        .add(request::Column::SubmittedAt.lt(period.to))
        .add(request::Column::Status.is_in([
            RequestStatus::ClosedResolved,
            RequestStatus::ClosedUnresolved,
        ]));
    let mut select = Query::select();
    match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            // One sort for both (an ordered-set aggregate), where the ranking below
            // sorts and then windows twice. PostgreSQL takes row ceil(p × n) in
            // floating point: a hair under p keeps it on the integer nearest rank
            // when p × n is whole (0.9 × 70 is 63.000…01 in floating point).
            let at_rank = |percent: u32| {
                let fraction = f64::from(percent) / 100.0 - 1e-12;
                Expr::cust(format!(
                    "percentile_disc({fraction}) WITHIN GROUP (ORDER BY {seconds})"
                ))
            };
            select
                .expr_as(at_rank(50), Alias::new("median"))
                .expr_as(at_rank(90), Alias::new("p90"))
                .from(request::Entity)
                .cond_where(closed);
        }
        _ => {
            let mut ranked = Query::select();
            ranked
                .expr_as(Expr::cust(seconds), Alias::new("seconds"))
                .expr_as(
                    Expr::cust(format!("ROW_NUMBER() OVER (ORDER BY {seconds})")),
                    Alias::new("rank"),
                )
                .expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new("n"))
                .from(request::Entity)
                .cond_where(closed);
            // Nearest rank: ceil(n × p), in integers.
            let at_rank = |percent: i64| {
                Expr::cust(format!(
                    "MAX(CASE WHEN \"rank\" = (\"n\" * {percent} + 99) / 100 THEN \"seconds\" END)"
                ))
            };
            select
                .expr_as(at_rank(50), Alias::new("median"))
                .expr_as(at_rank(90), Alias::new("p90"))
                .from_subquery(ranked, Alias::new("ranked"));
        }
    }
    let row = one(db, &select).await?;
    let hours = |column: &str| -> AppResult<Option<f64>> {
        let seconds: Option<f64> = row
            .try_get("", column)
            .map_err(|err| AppError::Internal(format!("dashboard column {column}: {err}")))?;
        Ok(seconds.map(|seconds| (seconds / 3600.0 * 10.0).round() / 10.0))
    };
    Ok(HandlingTimes {
        median_hours: hours("median")?,
        p90_hours: hours("p90")?,
    })
}

/// The rows of `E` under `area_path` that the viewer may count.
fn scoped<'a, E: Scoped>(viewer: &Viewer, area_path: impl Into<Under<'a>>) -> Condition {
    area_path.into().countable::<E>(viewer)
}

/// `SELECT COUNT(*)` of the countable rows of `E` under `area_path` meeting `extra`.
fn count<'a, E: Scoped>(
    viewer: &Viewer,
    area_path: impl Into<Under<'a>>,
    extra: Condition,
) -> SelectStatement {
    Query::select()
        .expr(Expr::col((E::default(), E::scope_column())).count())
        .from(E::default())
        .cond_where(scoped::<E>(viewer, area_path).add(extra))
        .to_owned()
}

/// Supervision cards of `card` issued in the period on requests under the area.
fn cards(viewer: &Viewer, area_path: Under<'_>, period: Period, card: &str) -> SelectStatement {
    let issued = (
        request_supervision::Entity,
        request_supervision::Column::IssuedAt,
    );
    Query::select()
        .expr(Expr::col((request_supervision::Entity, request_supervision::Column::Id)).count())
        .from(request_supervision::Entity)
        .cond_where(
            scoped::<request_supervision::Entity>(viewer, area_path)
                .add(
                    Expr::col((
                        request_supervision::Entity,
                        request_supervision::Column::Card,
                    ))
                    .eq(card),
                )
                .add(Expr::col(issued).gte(period.from))
                .add(Expr::col(issued).lt(period.to)),
        )
        .to_owned()
}

fn sub(select: SelectStatement) -> SimpleExpr {
    Expr::SubQuery(None, Box::new(select.into()))
}

/// `COUNT(CASE WHEN condition THEN 1 END)`: the rows meeting `condition`, 0 over no
/// rows (a count, so no COALESCE and no addition per row, unlike the
/// `SUM(CASE … ELSE 0 END)` it replaced).
fn count_if(condition: Condition) -> SimpleExpr {
    let case: SimpleExpr = Expr::case(condition, 1).into();
    Func::count(case).into()
}

async fn one(db: &impl ConnectionTrait, select: &SelectStatement) -> AppResult<QueryResult> {
    db.query_one(select)
        .await?
        .ok_or_else(|| AppError::Internal("an aggregate returned no row".into()))
}

fn get(row: &QueryResult, column: &str) -> AppResult<u64> {
    let value: i64 = row
        .try_get("", column)
        .map_err(|err| AppError::Internal(format!("dashboard column {column}: {err}")))?;
    Ok(u64::try_from(value).unwrap_or(0))
}
