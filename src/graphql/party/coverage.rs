//! `partyCoverage(areaId)`: the gaps of party building under an area the viewer sees,
//! counted over what the viewer sees (`service::coverage`).

use async_graphql::{Context, ID, Object, SimpleObject};

use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::graphql::node::visible_area_path;
use crate::graphql::resolve::by_id;
use crate::graphql::territory::Community;
use crate::service::coverage;

/// The gaps of party building under an area, today.
#[derive(SimpleObject)]
pub struct PartyCoverage {
    /// Grids without an active party branch.
    pub grids_without_branch: u64,
    /// Buildings without a building leader in office.
    pub buildings_without_leader: u64,
    /// Units without a unit leader in office.
    pub units_without_leader: u64,
    /// Households without a liaison member (党员联系户).
    pub households_without_liaison: u64,
    /// In-service members dual-reported (双报到) to each community under the area that
    /// has any.
    pub dual_reported: Vec<DualReportedMembers>,
}

/// Members dual-reported to one community.
pub struct DualReportedMembers {
    community_id: i32,
    members: u64,
}

#[Object]
impl DualReportedMembers {
    /// The community.
    async fn community(&self, ctx: &Context<'_>) -> AppResult<Option<Community>> {
        by_id(ctx, self.community_id).await
    }
    /// Members with an active registration there.
    async fn members(&self) -> u64 {
        self.members
    }
}

#[derive(Default)]
pub struct CoverageQuery;

#[Object]
impl CoverageQuery {
    /// The gaps of party building under the area `areaId` (any level), today;
    /// NOT_FOUND for an area out of scope.
    async fn party_coverage(&self, ctx: &Context<'_>, area_id: ID) -> AppResult<PartyCoverage> {
        let request = RequestContext::signed_in(ctx)?;
        let path = visible_area_path(ctx, &area_id).await?;
        let today = request.app.clock.today();
        let counts = coverage::party_coverage(&request.db, &request.viewer, &path, today).await?;
        let by_community =
            coverage::dual_reported_by_community(&request.db, &request.viewer, &path).await?;
        Ok(PartyCoverage {
            grids_without_branch: counts.grids_without_branch,
            buildings_without_leader: counts.buildings_without_leader,
            units_without_leader: counts.units_without_leader,
            households_without_liaison: counts.households_without_liaison,
            dual_reported: by_community
                .into_iter()
                .map(|(community_id, members)| DualReportedMembers {
                    community_id,
                    members,
                })
                .collect(),
        })
    }
}
