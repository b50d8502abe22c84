//! The `organisation` group of a dashboard (党建引领): the three leaders, grid workers,
//! party branches, liaison households and dual reporting under the area.

use async_graphql::Object;

use super::figures::{Count, Rate};
use crate::access::aggregates::Suppression;
use crate::service::dashboard::OrganisationFigures;

/// Party building under the area, today.
pub struct OrganisationIndicators {
    pub figures: OrganisationFigures,
    pub suppression: Suppression,
}

#[Object]
impl OrganisationIndicators {
    /// 三长到位率: grids, buildings and units whose leader (grid, building, unit) is in
    /// office today, of all of them.
    async fn three_leader_posts_filled(&self) -> Rate {
        Rate::of(
            self.figures.leader_places_filled,
            self.figures.leader_places,
        )
    }
    /// Grid workers (full- and part-time) in office per 1,000 households, to two
    /// decimals; `null` without households.
    async fn grid_workers_per_thousand_households(&self) -> Option<f64> {
        let households = self.figures.households;
        (households > 0).then(|| {
            let per = self.figures.grid_workers as f64 * 1000.0 / households as f64;
            (per * 100.0).round() / 100.0
        })
    }
    /// 网格党支部覆盖率: grids with an active party branch, of all grids.
    async fn grids_with_party_branch(&self) -> Rate {
        Rate::of(self.figures.grids_with_branch, self.figures.grids)
    }
    /// 党员联系户覆盖率: households with a liaison member, of all households.
    async fn households_with_liaison_member(&self) -> Rate {
        Rate::of(
            self.figures.households_with_liaison,
            self.figures.households,
        )
    }
    /// In-service members dual-reported (双报到) to communities under the area: a count
    /// of people, suppressed when small for viewers who could not list them.
    async fn members_dual_reported(&self) -> Count {
        let value = self.suppression.show(self.figures.members_dual_reported);
        Count {
            value,
            suppressed: value.is_none(),
        }
    }
}
