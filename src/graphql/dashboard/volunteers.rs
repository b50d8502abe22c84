//! The `volunteers` group of a dashboard (志愿服务): volunteers, their hours and their
//! points under the area.

use async_graphql::Object;

use super::figures::Count;
use crate::access::aggregates::Suppression;
use crate::service::dashboard::VolunteerFigures;

/// Volunteers under the area: people counted today, hours and points over the period.
pub struct VolunteerIndicators {
    pub figures: VolunteerFigures,
    pub suppression: Suppression,
}

#[Object]
impl VolunteerIndicators {
    /// Residents with a points account or a place at an activity: a count of people,
    /// suppressed when small for viewers who could not list them.
    async fn volunteers(&self) -> Count {
        Count::of(self.figures.volunteers, self.suppression)
    }
    /// Volunteers checked in or credited at an activity that ended in the 90 days
    /// before now (people, suppressed like `volunteers`).
    async fn active_in_90_days(&self) -> Count {
        Count::of(self.figures.active, self.suppression)
    }
    /// Hours of the participations verified in the period.
    async fn hours_verified(&self) -> u64 {
        self.figures.hours
    }
    /// Points earned in the period.
    async fn points_issued(&self) -> u64 {
        self.figures.points_issued
    }
    /// Points spent on rewards in the period.
    async fn points_redeemed(&self) -> u64 {
        self.figures.points_redeemed
    }
    /// Points available or held on the volunteers' accounts now.
    async fn points_outstanding(&self) -> u64 {
        self.figures.points_outstanding
    }
}
