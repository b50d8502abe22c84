//! The shapes of dashboard figures: counts that may be suppressed, rates with their
//! numerator and denominator, and the indicator groups.

use async_graphql::{Context, Enum, Object, SimpleObject};
use tokio::sync::OnceCell;

use crate::access::aggregates::Suppression;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::service::dashboard::{self, Period, RequestFigures, RequestGroups, RequestKey};

/// A count of people: `null` with `suppressed: true` when the group is too small to
/// show to this viewer.
#[derive(SimpleObject, Clone, Copy)]
pub struct Count {
    pub value: Option<u64>,
    pub suppressed: bool,
}

impl Count {
    pub fn of(count: u64, suppression: Suppression) -> Count {
        let value = suppression.show(count);
        Count {
            value,
            suppressed: value.is_none(),
        }
    }
}

impl Count {
    /// The cells of a table of counts (keyed by one value per dimension) as shown:
    /// small cells suppressed, with as many more as [`Suppression::table`] takes.
    pub fn table(suppression: Suppression, cells: &[(Vec<String>, u64)]) -> Vec<Count> {
        suppression
            .table(cells)
            .into_iter()
            .map(|value| Count {
                value,
                suppressed: value.is_none(),
            })
            .collect()
    }
}

/// A share: `value` is `numerator / denominator` (0 to 1, four decimals), `null` when
/// there is nothing to divide by.
#[derive(SimpleObject, Clone, Copy)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
    pub value: Option<f64>,
}

impl Rate {
    pub fn of(numerator: u64, denominator: u64) -> Rate {
        let value = (denominator > 0)
            .then(|| (numerator as f64 / denominator as f64 * 10_000.0).round() / 10_000.0);
        Rate {
            numerator,
            denominator,
            value,
        }
    }
}

/// Who lives under the area.
#[derive(SimpleObject)]
pub struct Population {
    pub households: Count,
    pub residents: Count,
    /// Aged 60 or more today (Asia/Shanghai).
    pub elderly_60: Count,
    /// Aged 80 or more today.
    pub elderly_80: Count,
    /// Under 18 today.
    pub children: Count,
    pub grids: u64,
    /// Grids with fewer than 400 or more than 700 households.
    pub grids_outside_standard: u64,
}

impl Population {
    pub fn new(figures: dashboard::Population, suppression: Suppression) -> Population {
        let count = |n| Count::of(n, suppression);
        Population {
            households: count(figures.households),
            residents: count(figures.residents),
            elderly_60: count(figures.elderly_60),
            elderly_80: count(figures.elderly_80),
            children: count(figures.children),
            grids: figures.grids,
            grids_outside_standard: figures.grids_outside_standard,
        }
    }
}

/// What requests are grouped by in a breakdown.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum RequestGrouping {
    Category,
    Channel,
    Level,
}

/// One group of a breakdown of the period's requests.
#[derive(SimpleObject)]
pub struct RequestGroup {
    /// The category code, channel or level.
    pub key: String,
    pub submitted: u64,
    pub closed: u64,
    pub solved: u64,
}

/// Residents' requests under the area: `openNow` and `overdueNow` as they stand, the
/// rest over the requests submitted in the period.
pub struct RequestIndicators {
    figures: RequestFigures,
    /// Read once with the figures, where the selection asks for either of them.
    handling_times: Option<dashboard::HandlingTimes>,
    /// The three groupings, read in one statement by whichever `breakdown` field is
    /// resolved first and shared with the others.
    groups: OnceCell<RequestGroups>,
    area_path: String,
    period: Period,
}

impl RequestIndicators {
    pub fn new(
        figures: RequestFigures,
        handling_times: Option<dashboard::HandlingTimes>,
        area_path: String,
        period: Period,
    ) -> Self {
        RequestIndicators {
            figures,
            handling_times,
            groups: OnceCell::new(),
            area_path,
            period,
        }
    }
}

#[Object]
impl RequestIndicators {
    /// Submitted in the period (新增).
    async fn submitted(&self) -> u64 {
        self.figures.submitted
    }
    /// Open now, whenever submitted.
    async fn open_now(&self) -> u64 {
        self.figures.open_now
    }
    /// Open now and past their running deadline (suspended ones are not).
    async fn overdue_now(&self) -> u64 {
        self.figures.overdue_now
    }
    /// 响应率: taken up (accepted, rejected or merged) of those submitted.
    async fn response_rate(&self) -> Rate {
        Rate::of(self.figures.responded, self.figures.submitted)
    }
    /// 解决率: closed resolved of those closed.
    async fn solved_rate(&self) -> Rate {
        Rate::of(self.figures.solved, self.figures.closed)
    }
    /// 满意率: satisfied or basically satisfied of those evaluated (NOT_EVALUATED is
    /// not an evaluation).
    async fn satisfaction_rate(&self) -> Rate {
        Rate::of(self.figures.satisfied, self.figures.evaluated)
    }
    /// Evaluated of those closed: read beside the satisfaction rate.
    async fn evaluation_coverage(&self) -> Rate {
        Rate::of(self.figures.evaluated, self.figures.closed)
    }
    /// Closed and resolved by the handling deadline, of those closed plus those still
    /// open past their deadline (so open overdue requests are not hidden).
    async fn on_time_rate(&self) -> Rate {
        let denominator = self.figures.closed + self.figures.open_overdue;
        Rate::of(self.figures.closed_on_time, denominator)
    }
    /// Escalated at least once, of those submitted.
    async fn escalation_rate(&self) -> Rate {
        Rate::of(self.figures.escalated, self.figures.submitted)
    }
    /// Reopened for rework at least once, of those submitted.
    async fn rework_rate(&self) -> Rate {
        Rate::of(self.figures.reworked, self.figures.submitted)
    }
    /// With an extension request, of those submitted.
    async fn extension_rate(&self) -> Rate {
        Rate::of(self.figures.extended, self.figures.submitted)
    }
    /// 重复投诉率: within 30 days of an earlier request (not merged) of the same
    /// category about the same place, of those submitted.
    async fn repeat_complaint_rate(&self) -> Rate {
        Rate::of(self.figures.repeated, self.figures.submitted)
    }
    /// Closed at the building or grid level, of those closed.
    async fn closed_below_community(&self) -> Rate {
        Rate::of(self.figures.closed_below_community, self.figures.closed)
    }
    /// Closed at the community level or below, of those closed.
    async fn closed_within_community(&self) -> Rate {
        Rate::of(self.figures.closed_within_community, self.figures.closed)
    }
    /// Yellow supervision cards issued in the period.
    async fn yellow_cards(&self) -> u64 {
        self.figures.yellow_cards
    }
    /// Red supervision cards issued in the period.
    async fn red_cards(&self) -> u64 {
        self.figures.red_cards
    }
    /// Median hours from submission to closure of those closed (nearest rank).
    async fn median_handling_hours(&self) -> Option<f64> {
        self.handling_times.and_then(|times| times.median_hours)
    }
    /// 90th percentile of the same (nearest rank).
    async fn p90_handling_hours(&self) -> Option<f64> {
        self.handling_times.and_then(|times| times.p90_hours)
    }
    /// The period's requests by category, channel or level, largest first.
    async fn breakdown(
        &self,
        ctx: &Context<'_>,
        by: RequestGrouping,
    ) -> AppResult<Vec<RequestGroup>> {
        let request = RequestContext::of(ctx)?;
        let key = match by {
            RequestGrouping::Category => RequestKey::Category,
            RequestGrouping::Channel => RequestKey::Channel,
            RequestGrouping::Level => RequestKey::Level,
        };
        let groups = self
            .groups
            .get_or_try_init(|| {
                dashboard::request_groups(
                    &request.db,
                    &request.viewer,
                    &self.area_path,
                    self.period,
                )
            })
            .await?;
        Ok(groups
            .by(key)
            .iter()
            .map(|group| RequestGroup {
                key: group.key.clone(),
                submitted: group.submitted,
                closed: group.closed,
                solved: group.solved,
            })
            .collect())
    }
}
