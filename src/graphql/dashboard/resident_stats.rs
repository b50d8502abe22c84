//! `residentStats(filter, groupBy)`: counts of residents by age band, gender, grid and
//! tag for apps, under the same scoping as the lists and the same small-cell rules as
//! the dashboards (with the complementary suppression of `Suppression::table`).

use async_graphql::{Context, Enum, ID, SimpleObject};

use super::figures::Count;
use crate::access::aggregates::{self, Suppression};
use crate::access::pii;
use crate::domain::tags::ResidentTag;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::territory::{Gender, ResidentFilter};
use crate::service::dashboard::{self, AgeBand, Dimension, StatsGroup};

/// What `residentStats` groups by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ResidentDimension {
    AgeBand,
    Gender,
    Grid,
    /// Stored tags (a resident with two tags counts in both groups).
    Tag,
}

/// Age bands in completed years, Asia/Shanghai today.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ResidentAgeBand {
    #[graphql(name = "UNDER_18")]
    Under18,
    #[graphql(name = "FROM_18_TO_59")]
    From18To59,
    #[graphql(name = "FROM_60_TO_79")]
    From60To79,
    #[graphql(name = "FROM_80")]
    From80,
}

/// One group of residents; the keys not grouped by are null.
#[derive(SimpleObject)]
pub struct ResidentGroup {
    pub age_band: Option<ResidentAgeBand>,
    pub gender: Option<Gender>,
    pub grid_id: Option<ID>,
    pub tag: Option<ResidentTag>,
    pub count: Count,
}

/// The groups, largest first (suppressed ones last).
pub async fn resident_stats(
    ctx: &Context<'_>,
    filter: Option<ResidentFilter>,
    group_by: Vec<ResidentDimension>,
) -> AppResult<Vec<ResidentGroup>> {
    let request = RequestContext::signed_in(ctx)?;
    if !aggregates::may_aggregate(&request.viewer) {
        return Err(AppError::Forbidden(
            "statistics need the aggregates:read scope".to_owned(),
        ));
    }
    let dimensions = dimensions(&group_by)?;
    let env = request.filter_env();
    if dimensions.contains(&Dimension::Tag) && !aggregates::is_aggregates_client(&request.viewer) {
        for tag in ResidentTag::STORED {
            env.require(pii::tag_class(tag), "grouping by tag")?;
        }
    }
    let condition = filter.unwrap_or_default().condition(env)?;
    let groups = dashboard::resident_stats(
        &request.db,
        &request.viewer,
        condition,
        &dimensions,
        env.today,
    )
    .await?;
    let threshold = request.app.config.small_cell_threshold;
    let suppression = Suppression::for_viewer(&request.viewer, threshold);
    Ok(shown(groups, suppression))
}

fn dimensions(group_by: &[ResidentDimension]) -> AppResult<Vec<Dimension>> {
    let mut dimensions = Vec::new();
    for dimension in group_by {
        let dimension = match dimension {
            ResidentDimension::AgeBand => Dimension::AgeBand,
            ResidentDimension::Gender => Dimension::Gender,
            ResidentDimension::Grid => Dimension::Grid,
            ResidentDimension::Tag => Dimension::Tag,
        };
        if dimensions.contains(&dimension) {
            return Err(AppError::bad_input("`groupBy` names a dimension twice"));
        }
        dimensions.push(dimension);
    }
    Ok(dimensions)
}

fn shown(groups: Vec<StatsGroup>, suppression: Suppression) -> Vec<ResidentGroup> {
    let cells: Vec<(Vec<String>, u64)> = groups
        .iter()
        .map(|group| {
            let key = [
                group.age_band.map(|band| format!("{band:?}")),
                group.gender.clone(),
                group.grid_id.map(|id| id.to_string()),
                group.tag.map(|tag| format!("{tag:?}")),
            ];
            (key.into_iter().flatten().collect(), group.count)
        })
        .collect();
    let counts = Count::table(suppression, &cells);
    let mut shown: Vec<ResidentGroup> = groups
        .into_iter()
        .zip(counts)
        .map(|(group, count)| ResidentGroup {
            age_band: group.age_band.map(band),
            gender: group.gender.as_deref().and_then(gender),
            grid_id: group.grid_id.map(|id| ids::encode(NodeKind::Grid, id)),
            tag: group.tag,
            count,
        })
        .collect();
    shown.sort_by_key(|group| std::cmp::Reverse(group.count.value));
    shown
}

fn band(band: AgeBand) -> ResidentAgeBand {
    match band {
        AgeBand::Under18 => ResidentAgeBand::Under18,
        AgeBand::From18To59 => ResidentAgeBand::From18To59,
        AgeBand::From60To79 => ResidentAgeBand::From60To79,
        AgeBand::From80 => ResidentAgeBand::From80,
    }
}

fn gender(stored: &str) -> Option<Gender> {
    match stored {
        "MALE" => Some(Gender::Male),
        "FEMALE" => Some(Gender::Female),
        _ => None,
    }
}
