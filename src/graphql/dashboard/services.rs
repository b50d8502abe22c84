//! The `services` group of a dashboard (为老为小服务): service orders of residents
//! under the area placed in the period, and the 15-minute facility coverage.

use async_graphql::{Context, Object};

use super::figures::Rate;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::service::dashboard::{self, ServiceFigures};

/// Service orders under the area placed in the period.
pub struct ServiceIndicators {
    pub figures: ServiceFigures,
    pub area_path: String,
}

#[Object]
impl ServiceIndicators {
    /// Orders placed in the period.
    async fn orders_placed(&self) -> u64 {
        self.figures.placed
    }
    /// Of those, delivered (the provider checked out), whatever came after.
    async fn orders_completed(&self) -> u64 {
        self.figures.completed
    }
    /// Delivered by the end of the scheduled slot, of those delivered plus those
    /// still undelivered past the end of their slot now (so overdue open orders are
    /// not hidden).
    async fn on_time_rate(&self) -> Rate {
        let figures = &self.figures;
        Rate::of(
            figures.completed_on_time,
            figures.completed + figures.open_overdue,
        )
    }
    /// Undelivered orders placed in the period and past the end of their slot now.
    async fn open_overdue(&self) -> u64 {
        self.figures.open_overdue
    }
    /// Rated 4 or 5 stars, of those rated.
    async fn satisfaction_rate(&self) -> Rate {
        Rate::of(self.figures.satisfied, self.figures.rated)
    }
    /// Rated of those delivered: read beside the satisfaction rate.
    async fn rating_coverage(&self) -> Rate {
        Rate::of(self.figures.rated, self.figures.completed)
    }
    /// 15分钟生活圈: households under the area whose building lies within 15 minutes'
    /// estimated walk of an open essential facility of any type (as in
    /// `facilityCoverage`), of all households; today, not over the period.
    async fn facility_coverage(&self, ctx: &Context<'_>) -> AppResult<Rate> {
        let request = RequestContext::of(ctx)?;
        let reach =
            dashboard::facility_reach(&request.db, &request.viewer, &self.area_path).await?;
        Ok(Rate::of(reach.covered, reach.households))
    }
}
