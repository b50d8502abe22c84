//! `dashboard(areaId, from, to)`: indicators over an area's subtree for district data
//! dashboards (数据驾驶舱). Each group is computed when asked for, in one statement
//! (`service::dashboard`), over what the viewer may count; counts of people are
//! suppressed below the small-cell threshold for viewers who could not list them.

mod evaluation;
mod figures;
mod governance;
mod organisation;
mod request_stats;
mod resident_stats;
mod services;
mod views;
mod volunteers;

pub use evaluation::EvaluationMutation;

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Duration, Utc};

use crate::access::aggregates::{self, Suppression};
use crate::access::{AreaKind, Viewer};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids;
use crate::graphql::node::visible_area_path;
use crate::service::dashboard::Period;

use figures::{Population, RequestIndicators};
use governance::GovernanceIndicators;

/// The longest period one dashboard covers.
const MAX_PERIOD_DAYS: i64 = 366;

#[derive(Default)]
pub struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Indicators over the area `areaId` (any level) for requests submitted in
    /// `[from, to)` (at most 366 days); NOT_FOUND for an area out of scope. API clients
    /// need `aggregates:read`.
    async fn dashboard(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> AppResult<Dashboard> {
        let request = RequestContext::signed_in(ctx)?;
        let period = checked_period(&request.viewer, from, to)?;
        let area_path = area_path(ctx, &area_id).await?;
        let threshold = request.app.config.small_cell_threshold;
        Ok(Dashboard {
            area_id,
            area_path,
            period,
            suppression: Suppression::for_viewer(&request.viewer, threshold),
        })
    }
    /// Residents meeting `filter` (the `residents` filter) counted by any of age band,
    /// gender, grid and tag, over what the viewer may count. For viewers who could not
    /// list them, small groups are suppressed, and as many more as it takes that no
    /// total gives one back. API clients need `aggregates:read`.
    async fn resident_stats(
        &self,
        ctx: &Context<'_>,
        filter: Option<crate::graphql::territory::ResidentFilter>,
        group_by: Vec<resident_stats::ResidentDimension>,
    ) -> AppResult<Vec<resident_stats::ResidentGroup>> {
        resident_stats::resident_stats(ctx, filter, group_by).await
    }
    /// Residents' requests meeting `filter` (the `requests` filter) counted by any of
    /// category, channel, status, level, urgency and grid, over what the viewer may
    /// count; small groups suppressed as in `residentStats`. API clients need
    /// `aggregates:read`.
    async fn request_stats(
        &self,
        ctx: &Context<'_>,
        filter: Option<crate::graphql::requests::RequestFilter>,
        group_by: Vec<request_stats::RequestGroupBy>,
    ) -> AppResult<Vec<request_stats::RequestStatsRow>> {
        request_stats::request_stats(ctx, filter, group_by).await
    }
    /// Performance evaluation (绩效评估) of the child areas at `level` under the area
    /// `areaId` in `period` (`2026`, `2026-Q2`, `2026-06`), on the weights set for that
    /// level and period (BAD_USER_INPUT when none are): each area's score out of 100,
    /// its deductions per indicator and its rank. Areas the viewer may not count do
    /// not appear. NOT_FOUND for an unknown or out-of-scope area, before anything else.
    async fn evaluation(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
        period: String,
        level: crate::service::dashboard::ChildLevel,
    ) -> AppResult<evaluation::Evaluation> {
        evaluation::evaluation(ctx, area_id, period, level).await
    }
    /// The `indicators` for each child area at level `by` (below the area `areaId`,
    /// else BAD_USER_INPUT) that the viewer may count, over `[from, to)` as in
    /// `dashboard`; ordered by area. Counts of people are suppressed for viewers who
    /// could not list them, across the child areas, so no total gives one back.
    async fn breakdown(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
        by: crate::service::dashboard::ChildLevel,
        indicators: Vec<crate::service::dashboard::Indicator>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> AppResult<Vec<views::AreaIndicators>> {
        let ask = views::Breakdown {
            area_id,
            by,
            indicators,
            from,
            to,
        };
        views::breakdown(ctx, ask).await
    }
    /// A requests indicator over the area `areaId` per day, week (from Monday) or
    /// month in Asia/Shanghai, from `from` to `to` (the first and last buckets cut to
    /// them), over the requests submitted in each bucket; at most 366 buckets
    /// (BAD_USER_INPUT beyond). Only the requests indicators have a series (the others
    /// are BAD_USER_INPUT), and of those not the ones that stand at a moment (open,
    /// overdue, cards).
    async fn series(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
        indicator: crate::service::dashboard::Indicator,
        bucket: crate::service::dashboard::BucketSize,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> AppResult<Vec<views::SeriesPoint>> {
        let ask = views::Series {
            area_id,
            indicator,
            bucket,
            from,
            to,
        };
        views::series(ctx, ask).await
    }
}

/// `[from, to)` for a viewer who may aggregate, `from` before `to`.
fn ordered_period(viewer: &Viewer, from: DateTime<Utc>, to: DateTime<Utc>) -> AppResult<Period> {
    if !aggregates::may_aggregate(viewer) {
        return Err(AppError::Forbidden(
            "dashboards need the aggregates:read scope".to_owned(),
        ));
    }
    if from >= to {
        return Err(AppError::bad_input("`from` must be before `to`"));
    }
    Ok(Period { from, to })
}

/// [`ordered_period`] of at most [`MAX_PERIOD_DAYS`].
fn checked_period(viewer: &Viewer, from: DateTime<Utc>, to: DateTime<Utc>) -> AppResult<Period> {
    let period = ordered_period(viewer, from, to)?;
    if to - from > Duration::days(MAX_PERIOD_DAYS) {
        return Err(AppError::bad_input(format!(
            "a dashboard covers at most {MAX_PERIOD_DAYS} days"
        )));
    }
    Ok(period)
}

pub struct Dashboard {
    area_id: ID,
    area_path: String,
    period: Period,
    suppression: Suppression,
}

#[Object]
impl Dashboard {
    async fn area_id(&self) -> &ID {
        &self.area_id
    }
    async fn from(&self) -> DateTime<Utc> {
        self.period.from
    }
    async fn to(&self) -> DateTime<Utc> {
        self.period.to
    }
    /// Who lives under the area (today).
    async fn population(&self, ctx: &Context<'_>) -> AppResult<Population> {
        let request = RequestContext::of(ctx)?;
        let today = request.app.clock.today();
        let figures = crate::service::dashboard::population(
            &request.db,
            &request.viewer,
            &self.area_path,
            today,
        )
        .await?;
        Ok(Population::new(figures, self.suppression))
    }
    /// Residents' requests under the area.
    async fn requests(&self, ctx: &Context<'_>) -> AppResult<RequestIndicators> {
        let request = RequestContext::of(ctx)?;
        let now = request.app.clock.now();
        let selection = ctx.look_ahead();
        let wants_times = ["medianHandlingHours", "p90HandlingHours"]
            .iter()
            .any(|field| selection.field(field).exists());
        // Both statements at once; the handling times once for both of their fields.
        let (figures, handling_times) = futures_util::future::try_join(
            crate::service::dashboard::requests(
                &request.db,
                &request.viewer,
                &self.area_path,
                self.period,
                now,
            ),
            async {
                if !wants_times {
                    return Ok(None);
                }
                let times = crate::service::dashboard::handling_times(
                    &request.db,
                    &request.viewer,
                    &self.area_path,
                    self.period,
                )
                .await?;
                Ok(Some(times))
            },
        )
        .await?;
        Ok(RequestIndicators::new(
            figures,
            handling_times,
            self.area_path.clone(),
            self.period,
        ))
    }
    /// People's mediation and grid workers' visits under the area: mediation over the
    /// cases opened or closed in the period, visits over the period.
    async fn governance(&self, ctx: &Context<'_>) -> AppResult<GovernanceIndicators> {
        let request = RequestContext::of(ctx)?;
        let today = request.app.clock.today();
        let figures = crate::service::dashboard::governance(
            &request.db,
            &request.viewer,
            &self.area_path,
            self.period,
            today,
        )
        .await?;
        Ok(GovernanceIndicators(figures))
    }
    /// Party building under the area today (党建引领): the three leaders in office,
    /// grid workers, party branches, liaison households and dual reporting.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<organisation::OrganisationIndicators> {
        let request = RequestContext::of(ctx)?;
        let today = request.app.clock.today();
        let figures = crate::service::dashboard::organisation(
            &request.db,
            &request.viewer,
            &self.area_path,
            today,
        )
        .await?;
        Ok(organisation::OrganisationIndicators {
            figures,
            suppression: self.suppression,
        })
    }
    /// Services to the old and the young under the area (为老为小): the service orders
    /// of its residents placed in the period, and the 15-minute facility coverage.
    async fn services(&self, ctx: &Context<'_>) -> AppResult<services::ServiceIndicators> {
        let request = RequestContext::of(ctx)?;
        let now = request.app.clock.now();
        let figures = crate::service::dashboard::services(
            &request.db,
            &request.viewer,
            &self.area_path,
            self.period,
            now,
        )
        .await?;
        Ok(services::ServiceIndicators {
            figures,
            area_path: self.area_path.clone(),
        })
    }
    /// Volunteers under the area (志愿服务): how many, how many active in the last 90
    /// days, hours and points over the period, points outstanding now.
    async fn volunteers(&self, ctx: &Context<'_>) -> AppResult<volunteers::VolunteerIndicators> {
        let request = RequestContext::of(ctx)?;
        let now = request.app.clock.now();
        let figures = crate::service::dashboard::volunteers(
            &request.db,
            &request.viewer,
            &self.area_path,
            self.period,
            now,
        )
        .await?;
        Ok(volunteers::VolunteerIndicators {
            figures,
            suppression: self.suppression,
        })
    }
}

/// The path of the area a dashboard is asked about: one the viewer sees, or for an API
/// client reading aggregates, one inside its area (unknown ones are NOT_FOUND alike).
async fn area_path(ctx: &Context<'_>, id: &ID) -> AppResult<String> {
    let request = RequestContext::signed_in(ctx)?;
    let is_aggregates_client = request
        .viewer
        .principal()
        .is_some_and(|principal| principal.kind == crate::access::PrincipalKind::Client);
    if !is_aggregates_client {
        return visible_area_path(ctx, id).await;
    }
    let (kind, id) = ids::decode(id)?;
    let area = kind
        .area_table()
        .and_then(AreaKind::parse)
        .ok_or_else(|| AppError::bad_input("`areaId` must be the id of an area"))?;
    let path = crate::auth::accounts::area_path(&request.db, area, id)
        .await
        .map_err(|_| AppError::NotFound)?;
    if aggregates::addresses(&request.viewer, &path) {
        Ok(path)
    } else {
        Err(AppError::NotFound)
    }
}
