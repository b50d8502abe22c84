//! `breakdown` and `series`: chosen indicators of the dashboard per child area, or per
//! day, week or month. Counts of people are suppressed in a breakdown like in
//! `residentStats` (complementary, across the child areas), so the area's own
//! dashboard minus the shown children gives no small one back.

use async_graphql::{Context, ID, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::checked_period;
use crate::access::aggregates::Suppression;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::service::dashboard::{
    self, AreaFigures, BucketSize, ChildLevel, Figure, Figures, Group, Indicator, Scope,
};

/// One indicator's value: `value` is the count, the rate (0 to 1, four decimals) or
/// the ratio per thousand (grid workers per 1,000 households); rates and ratios carry
/// their `numerator` and `denominator`. `value` is null for a rate with
/// nothing to divide by, and for a count of people too small to show
/// (`suppressed: true`).
#[derive(SimpleObject, Clone)]
pub struct IndicatorValue {
    pub indicator: Indicator,
    pub value: Option<f64>,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub suppressed: bool,
}

impl IndicatorValue {
    pub fn of(indicator: Indicator, figure: Figure, shown: bool) -> IndicatorValue {
        let (numerator, denominator) = match figure {
            Figure::Rate {
                numerator,
                denominator,
            }
            | Figure::PerThousand {
                numerator,
                denominator,
            } => (Some(numerator), Some(denominator)),
            _ => (None, None),
        };
        let value = figure
            .value()
            .map(|value| (value * 10_000.0).round() / 10_000.0);
        IndicatorValue {
            indicator,
            value: value.filter(|_| shown),
            numerator,
            denominator,
            suppressed: !shown,
        }
    }
}

/// A child area and its indicators, in the order asked.
#[derive(SimpleObject)]
pub struct AreaIndicators {
    pub area_id: ID,
    pub name: String,
    pub values: Vec<IndicatorValue>,
}

/// One bucket of a series.
#[derive(SimpleObject)]
pub struct SeriesPoint {
    /// The first day of the bucket (Asia/Shanghai).
    pub date: NaiveDate,
    /// The bucket's bounds, cut to the series' range.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub value: IndicatorValue,
}

pub struct Breakdown {
    pub area_id: ID,
    pub by: ChildLevel,
    pub indicators: Vec<Indicator>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// The computed figures of every child area (shared with `evaluation`).
pub async fn child_figures(
    ctx: &Context<'_>,
    ask: &Breakdown,
) -> AppResult<(Vec<AreaFigures>, Suppression)> {
    let request = RequestContext::signed_in(ctx)?;
    checked_period(&request.viewer, ask.from, ask.to)?;
    if ask.indicators.is_empty() {
        return Err(AppError::bad_input("`indicators` names no indicator"));
    }
    let area_path = super::area_path(ctx, &ask.area_id).await?;
    child_figures_at(ctx, ask, &area_path).await
}

/// [`child_figures`] under an area already found in the viewer's scope.
pub async fn child_figures_at(
    ctx: &Context<'_>,
    ask: &Breakdown,
    area_path: &str,
) -> AppResult<(Vec<AreaFigures>, Suppression)> {
    let request = RequestContext::signed_in(ctx)?;
    let period = checked_period(&request.viewer, ask.from, ask.to)?;
    let mut groups: Vec<Group> = ask.indicators.iter().map(|i| i.group()).collect();
    groups.sort_by_key(|group| *group as u8);
    groups.dedup();
    let scope = Scope {
        area_path,
        level: ask.by,
        period,
        now: request.app.clock.now(),
        today: request.app.clock.today(),
    };
    let areas = dashboard::breakdown(&request.db, &request.viewer, scope, &groups).await?;
    let threshold = request.app.config.small_cell_threshold;
    Ok((areas, Suppression::for_viewer(&request.viewer, threshold)))
}

pub async fn breakdown(ctx: &Context<'_>, ask: Breakdown) -> AppResult<Vec<AreaIndicators>> {
    let (areas, suppression) = child_figures(ctx, &ask).await?;
    let kind = match ask.by {
        ChildLevel::Street => NodeKind::Street,
        ChildLevel::Community => NodeKind::Community,
        ChildLevel::Grid => NodeKind::Grid,
    };
    let shown: Vec<Vec<bool>> = ask
        .indicators
        .iter()
        .map(|indicator| shown_across(&areas, *indicator, suppression))
        .collect();
    Ok(areas
        .iter()
        .enumerate()
        .map(|(row, area)| AreaIndicators {
            area_id: ids::encode(kind, area.id),
            name: area.name.clone(),
            values: ask
                .indicators
                .iter()
                .zip(&shown)
                .map(|(indicator, shown)| {
                    IndicatorValue::of(*indicator, indicator.figure(&area.figures), shown[row])
                })
                .collect(),
        })
        .collect())
}

/// Which child areas show `indicator`: all of them, unless it counts people; then
/// the table of child areas is suppressed as a whole.
fn shown_across(
    areas: &[AreaFigures],
    indicator: Indicator,
    suppression: Suppression,
) -> Vec<bool> {
    let cells: Vec<(Vec<i32>, u64)> = areas
        .iter()
        .map(|area| match indicator.figure(&area.figures) {
            Figure::People(n) => (vec![area.id], n),
            _ => (vec![area.id], 0),
        })
        .collect();
    suppression
        .table(&cells)
        .into_iter()
        .map(|shown| shown.is_some())
        .collect()
}

pub struct Series {
    pub area_id: ID,
    pub indicator: Indicator,
    pub bucket: BucketSize,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

pub async fn series(ctx: &Context<'_>, ask: Series) -> AppResult<Vec<SeriesPoint>> {
    let request = RequestContext::signed_in(ctx)?;
    if ask.indicator.group() != Group::Requests {
        return Err(AppError::bad_input(
            "a series covers the requests indicators only: ask `dashboard` or `breakdown` for this one",
        ));
    }
    if !ask.indicator.over_period() {
        return Err(AppError::bad_input(
            "this indicator stands at a moment and has no series",
        ));
    }
    let period = super::ordered_period(&request.viewer, ask.from, ask.to)?;
    let buckets = dashboard::buckets(ask.bucket, period)?;
    let area_path = super::area_path(ctx, &ask.area_id).await?;
    let now = request.app.clock.now();
    let figures =
        dashboard::request_series(&request.db, &request.viewer, &area_path, &buckets, now).await?;
    Ok(buckets
        .into_iter()
        .zip(figures)
        .map(|(bucket, requests)| {
            let figures = Figures {
                requests,
                ..Figures::default()
            };
            SeriesPoint {
                date: bucket.date,
                from: bucket.from,
                to: bucket.to,
                value: IndicatorValue::of(ask.indicator, ask.indicator.figure(&figures), true),
            }
        })
        .collect())
}
