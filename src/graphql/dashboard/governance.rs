//! The `governance` group of a dashboard: people's mediation and grid workers' visits.

use async_graphql::Object;

use super::figures::Rate;
use crate::service::dashboard::GovernanceFigures;

/// Mediation cases (矛盾纠纷调解) and visits (走访) under the area.
pub struct GovernanceIndicators(pub GovernanceFigures);

#[Object]
impl GovernanceIndicators {
    /// Mediation cases opened in the period.
    async fn mediation_cases_opened(&self) -> u64 {
        self.0.cases_opened
    }
    /// Mediation cases closed in the period, whatever the outcome.
    async fn mediation_cases_closed(&self) -> u64 {
        self.0.cases_closed
    }
    /// 调解成功率: closed RESOLVED or PARTIAL of the cases closed in the period.
    async fn mediation_success_rate(&self) -> Rate {
        Rate::of(self.0.cases_settled, self.0.cases_closed)
    }
    /// Agreed cases whose 30-day follow-up is past due today and not made.
    async fn follow_ups_overdue(&self) -> u64 {
        self.0.follow_ups_overdue
    }
    /// 走访率: households reached by a visit in the period, of all households.
    async fn households_visited(&self) -> Rate {
        Rate::of(self.0.households_visited, self.0.households)
    }
}
