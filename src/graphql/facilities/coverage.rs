//! `facilityCoverage`: the 15-minute living circle of a whole area.

use async_graphql::{Context, ID, SimpleObject};

use super::enums::FacilityType;
use crate::domain::facilities::coverage::ESSENTIAL;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::node::visible_area_path;
use crate::service::facilities::coverage::facility_coverage;

/// How many of an area's households live within `minutes` of each facility type.
#[derive(SimpleObject)]
pub struct FacilityCoverage {
    pub minutes: i32,
    /// Households under the area (those of buildings without coordinates count and
    /// are never covered).
    pub households: u64,
    pub types: Vec<FacilityTypeCoverage>,
}

/// The coverage of one facility type.
#[derive(SimpleObject)]
pub struct FacilityTypeCoverage {
    pub facility_type: FacilityType,
    /// Households within reach of an open facility of the type.
    pub households: u64,
    /// `households` over all the area's households, 0 to 1 (0 for an empty area).
    pub share: f64,
}

/// The coverage of the area `area_id`; see [`FacilityCoverage`].
pub async fn coverage(
    ctx: &Context<'_>,
    area_id: &ID,
    minutes: Option<i32>,
    types: Option<Vec<FacilityType>>,
) -> AppResult<FacilityCoverage> {
    let minutes = minutes.unwrap_or(15);
    if !(1..=60).contains(&minutes) {
        return Err(AppError::bad_input("`minutes` must be from 1 to 60"));
    }
    let path = visible_area_path(ctx, area_id).await?;
    let request = RequestContext::signed_in(ctx)?;
    let types: Vec<_> = match types {
        Some(types) if types.is_empty() => {
            return Err(AppError::bad_input("`types` names at least one type"));
        }
        Some(types) => types.into_iter().map(Into::into).collect(),
        None => ESSENTIAL.to_vec(),
    };
    let found = facility_coverage(
        &request.db,
        &request.viewer,
        &path,
        f64::from(minutes),
        &types,
    )
    .await?;
    let share = |covered: u64| match found.households {
        0 => 0.0,
        all => (covered as f64 / all as f64 * 10_000.0).round() / 10_000.0,
    };
    Ok(FacilityCoverage {
        minutes,
        households: found.households,
        types: found
            .covered
            .iter()
            .map(|(kind, households)| FacilityTypeCoverage {
                facility_type: (*kind).into(),
                households: *households,
                share: share(*households),
            })
            .collect(),
    })
}
