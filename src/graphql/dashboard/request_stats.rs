//! `requestStats(filter, groupBy)`: counts of residents' requests by category,
//! channel, status, level, urgency and grid for apps, under the scoping of the
//! dashboards and the small-cell rules of `residentStats` (a small group of requests
//! about a place can point at the household that made them).

use async_graphql::{Context, Enum, ID, SimpleObject};

use super::figures::Count;
use crate::access::aggregates::{self, Suppression};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::requests::{Channel, HandlingLevel, RequestFilter, RequestStatus, Urgency};
use crate::service::dashboard::{self, RequestDimension, RequestStatsGroup};

/// What `requestStats` groups by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[graphql(name = "RequestDimension")]
pub enum RequestGroupBy {
    /// The category code.
    Category,
    Channel,
    Status,
    /// The level handling it now.
    Level,
    Urgency,
    /// The grid of the request's building.
    Grid,
}

/// One group of requests; the keys not grouped by are null.
#[derive(SimpleObject)]
pub struct RequestStatsRow {
    pub category_code: Option<String>,
    pub channel: Option<Channel>,
    pub status: Option<RequestStatus>,
    pub level: Option<HandlingLevel>,
    pub urgency: Option<Urgency>,
    pub grid_id: Option<ID>,
    pub count: Count,
}

/// The groups, largest first (suppressed ones last).
pub async fn request_stats(
    ctx: &Context<'_>,
    filter: Option<RequestFilter>,
    group_by: Vec<RequestGroupBy>,
) -> AppResult<Vec<RequestStatsRow>> {
    let request = RequestContext::signed_in(ctx)?;
    if !aggregates::may_aggregate(&request.viewer) {
        return Err(AppError::Forbidden(
            "statistics need the aggregates:read scope".to_owned(),
        ));
    }
    let dimensions = dimensions(&group_by)?;
    let condition = filter.unwrap_or_default().condition(request.filter_env())?;
    let groups =
        dashboard::request_stats(&request.db, &request.viewer, condition, &dimensions).await?;
    let threshold = request.app.config.small_cell_threshold;
    let suppression = Suppression::for_viewer(&request.viewer, threshold);
    Ok(shown(groups, suppression))
}

fn dimensions(group_by: &[RequestGroupBy]) -> AppResult<Vec<RequestDimension>> {
    let mut dimensions = Vec::new();
    for dimension in group_by {
        let dimension = match dimension {
            RequestGroupBy::Category => RequestDimension::Category,
            RequestGroupBy::Channel => RequestDimension::Channel,
            RequestGroupBy::Status => RequestDimension::Status,
            RequestGroupBy::Level => RequestDimension::Level,
            RequestGroupBy::Urgency => RequestDimension::Urgency,
            RequestGroupBy::Grid => RequestDimension::Grid,
        };
        if dimensions.contains(&dimension) {
            return Err(AppError::bad_input("`groupBy` names a dimension twice"));
        }
        dimensions.push(dimension);
    }
    Ok(dimensions)
}

fn shown(groups: Vec<RequestStatsGroup>, suppression: Suppression) -> Vec<RequestStatsRow> {
    let cells: Vec<(Vec<String>, u64)> = groups
        .iter()
        .map(|group| {
            let key = [
                group.category.clone(),
                group.channel.map(|key| format!("{key:?}")),
                group.status.map(|key| format!("{key:?}")),
                group.level.map(|key| format!("{key:?}")),
                group.urgency.map(|key| format!("{key:?}")),
                group.grid_id.map(|id| id.to_string()),
            ];
            (key.into_iter().flatten().collect(), group.count)
        })
        .collect();
    let counts = Count::table(suppression, &cells);
    let mut shown: Vec<RequestStatsRow> = groups
        .into_iter()
        .zip(counts)
        .map(|(group, count)| RequestStatsRow {
            category_code: group.category,
            channel: group.channel.map(Channel::from),
            status: group.status.map(RequestStatus::from),
            level: group.level.map(HandlingLevel::from),
            urgency: group.urgency.map(Urgency::from),
            grid_id: group.grid_id.map(|id| ids::encode(NodeKind::Grid, id)),
            count,
        })
        .collect();
    shown.sort_by_key(|row| std::cmp::Reverse(row.count.value));
    shown
}
