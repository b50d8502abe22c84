//! Indicators by name, for the views that pick them (`breakdown`, `series`,
//! `evaluation`): each belongs to one group of the dashboard, and its value is read
//! from that group's figures, so every view computes it with the dashboard's SQL.

use super::{GovernanceFigures, Population, RequestFigures};

/// One dashboard indicator.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Indicator {
    /// Households (a count of people: suppressed when small).
    Households,
    /// Residents (people).
    Residents,
    /// Residents aged 60 or more (people).
    Elderly60,
    /// Residents aged 80 or more (people).
    Elderly80,
    /// Residents under 18 (people).
    Children,
    Grids,
    /// Grids with fewer than 400 or more than 700 households.
    GridsOutsideStandard,
    /// Requests submitted in the period (新增).
    RequestsSubmitted,
    /// Requests open now.
    RequestsOpen,
    /// Requests open now past their running deadline.
    RequestsOverdue,
    /// 响应率: taken up of those submitted.
    ResponseRate,
    /// 解决率: closed resolved of those closed.
    SolvedRate,
    /// 满意率: satisfied or basically satisfied of those evaluated.
    SatisfactionRate,
    /// Evaluated of those closed.
    EvaluationCoverage,
    /// Closed on time of those closed plus those open past their deadline.
    OnTimeRate,
    EscalationRate,
    ReworkRate,
    ExtensionRate,
    /// 重复投诉率: repeats of an earlier request about the same place and category.
    RepeatComplaintRate,
    /// Closed at the building or grid level, of those closed.
    ClosedBelowCommunity,
    /// Closed at the community level or below, of those closed.
    ClosedWithinCommunity,
    /// Yellow supervision cards issued in the period.
    YellowCards,
    /// Red supervision cards issued in the period.
    RedCards,
    /// 调解成功率 of the mediation cases closed in the period.
    MediationSuccessRate,
    /// 走访率: households visited in the period, of all households.
    HouseholdsVisited,
}

/// The dashboard group an indicator is computed in (one statement each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Population,
    Requests,
    Governance,
}

/// An indicator's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// A count of people: suppressed below the small-cell threshold for some viewers.
    People(u64),
    Count(u64),
    Rate {
        numerator: u64,
        denominator: u64,
    },
}

impl Figure {
    /// The rate as a number (0 to 1), or the count.
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::People(n) | Figure::Count(n) => Some(n as f64),
            Figure::Rate {
                numerator,
                denominator,
            } => (denominator > 0).then(|| numerator as f64 / denominator as f64),
        }
    }
}

/// The figures of the groups computed for one area (the others left at zero).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    pub population: Population,
    pub requests: RequestFigures,
    pub governance: GovernanceFigures,
}

impl Indicator {
    pub fn group(self) -> Group {
        use Indicator::*;
        match self {
            Households | Residents | Elderly60 | Elderly80 | Children | Grids
            | GridsOutsideStandard => Group::Population,
            MediationSuccessRate | HouseholdsVisited => Group::Governance,
            _ => Group::Requests,
        }
    }

    /// Whether the indicator counts what happened in the period (and so has a time
    /// series): requests submitted in it, not what stands today.
    pub fn over_period(self) -> bool {
        use Indicator::*;
        self.group() == Group::Requests
            && !matches!(
                self,
                RequestsOpen | RequestsOverdue | YellowCards | RedCards
            )
    }

    /// Whether a lower rate is the better one (repeats, rework, escalations and
    /// extensions): its evaluation target is a ceiling.
    pub fn lower_is_better(self) -> bool {
        use Indicator::*;
        matches!(
            self,
            EscalationRate | ReworkRate | ExtensionRate | RepeatComplaintRate
        )
    }

    pub fn figure(self, figures: &Figures) -> Figure {
        use Indicator::*;
        let p = &figures.population;
        let r = &figures.requests;
        let g = &figures.governance;
        let rate = |numerator, denominator| Figure::Rate {
            numerator,
            denominator,
        };
        match self {
            Households => Figure::People(p.households),
            Residents => Figure::People(p.residents),
            Elderly60 => Figure::People(p.elderly_60),
            Elderly80 => Figure::People(p.elderly_80),
            Children => Figure::People(p.children),
            Grids => Figure::Count(p.grids),
            GridsOutsideStandard => Figure::Count(p.grids_outside_standard),
            RequestsSubmitted => Figure::Count(r.submitted),
            RequestsOpen => Figure::Count(r.open_now),
            RequestsOverdue => Figure::Count(r.overdue_now),
            ResponseRate => rate(r.responded, r.submitted),
            SolvedRate => rate(r.solved, r.closed),
            SatisfactionRate => rate(r.satisfied, r.evaluated),
            EvaluationCoverage => rate(r.evaluated, r.closed),
            OnTimeRate => rate(r.closed_on_time, r.closed + r.open_overdue),
            EscalationRate => rate(r.escalated, r.submitted),
            ReworkRate => rate(r.reworked, r.submitted),
            ExtensionRate => rate(r.extended, r.submitted),
            RepeatComplaintRate => rate(r.repeated, r.submitted),
            ClosedBelowCommunity => rate(r.closed_below_community, r.closed),
            ClosedWithinCommunity => rate(r.closed_within_community, r.closed),
            YellowCards => Figure::Count(r.yellow_cards),
            RedCards => Figure::Count(r.red_cards),
            MediationSuccessRate => rate(g.cases_settled, g.cases_closed),
            HouseholdsVisited => rate(g.households_visited, g.households),
        }
    }
}
