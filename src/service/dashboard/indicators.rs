//! Indicators by name, for the views that pick them (`breakdown`, `series`,
//! `evaluation`): each belongs to one group of the dashboard, and its value is read
//! from that group's figures, so every view computes it with the dashboard's SQL.

use super::{
    FacilityReach, GovernanceFigures, OrganisationFigures, Population, RequestFigures,
    ServiceFigures, VolunteerFigures,
};

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
    /// 三长到位率: grids, buildings and units whose leader is in office today.
    LeaderPostsFilled,
    /// Grid workers in office per 1,000 households.
    GridWorkersPerThousandHouseholds,
    /// Grids with an active party branch, of all grids.
    GridsWithPartyBranch,
    /// Households with a liaison party member, of all households.
    HouseholdsWithLiaison,
    /// Members dual-reported to communities under the area (people).
    MembersDualReported,
    /// Service orders placed in the period.
    ServiceOrdersPlaced,
    /// Of those, delivered (the provider checked out).
    ServiceOrdersCompleted,
    /// Delivered by the end of the scheduled slot, of those delivered plus those still
    /// undelivered past it.
    ServiceOnTimeRate,
    /// Rated 4 or 5 stars, of those rated.
    ServiceSatisfactionRate,
    /// Rated of those delivered.
    ServiceRatingCoverage,
    /// 15分钟生活圈: households within 15 minutes' walk of an open essential facility.
    FacilityCoverage,
    /// Residents with a points account or a place at an activity (people).
    Volunteers,
    /// Volunteers checked in or credited at an activity that ended in the last 90
    /// days (people).
    VolunteersActive,
    /// Volunteer hours verified in the period.
    VolunteerHours,
    /// Points earned in the period.
    PointsIssued,
    /// Points spent on rewards in the period.
    PointsRedeemed,
    /// Points available or held now.
    PointsOutstanding,
}

/// The dashboard group an indicator is computed in (one statement each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Population,
    Requests,
    Governance,
    Organisation,
    Services,
    /// The services group's facility coverage: its own statement (walking time is
    /// decided in Rust).
    Facilities,
    Volunteers,
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
    /// So many per thousand of the denominator (grid workers per 1,000 households).
    PerThousand {
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
            Figure::PerThousand {
                numerator,
                denominator,
            } => (denominator > 0).then(|| numerator as f64 * 1000.0 / denominator as f64),
        }
    }
}

/// The figures of the groups computed for one area (the others left at zero).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    pub population: Population,
    pub requests: RequestFigures,
    pub governance: GovernanceFigures,
    pub organisation: OrganisationFigures,
    pub services: ServiceFigures,
    pub facilities: FacilityReach,
    pub volunteers: VolunteerFigures,
}

impl Indicator {
    pub fn group(self) -> Group {
        use Indicator::*;
        match self {
            Households | Residents | Elderly60 | Elderly80 | Children | Grids
            | GridsOutsideStandard => Group::Population,
            MediationSuccessRate | HouseholdsVisited => Group::Governance,
            LeaderPostsFilled
            | GridWorkersPerThousandHouseholds
            | GridsWithPartyBranch
            | HouseholdsWithLiaison
            | MembersDualReported => Group::Organisation,
            ServiceOrdersPlaced
            | ServiceOrdersCompleted
            | ServiceOnTimeRate
            | ServiceSatisfactionRate
            | ServiceRatingCoverage => Group::Services,
            FacilityCoverage => Group::Facilities,
            Volunteers | VolunteersActive | VolunteerHours | PointsIssued | PointsRedeemed
            | PointsOutstanding => Group::Volunteers,
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
        let o = &figures.organisation;
        let s = &figures.services;
        let v = &figures.volunteers;
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
            LeaderPostsFilled => rate(o.leader_places_filled, o.leader_places),
            GridWorkersPerThousandHouseholds => Figure::PerThousand {
                numerator: o.grid_workers,
                denominator: o.households,
            },
            GridsWithPartyBranch => rate(o.grids_with_branch, o.grids),
            HouseholdsWithLiaison => rate(o.households_with_liaison, o.households),
            MembersDualReported => Figure::People(o.members_dual_reported),
            ServiceOrdersPlaced => Figure::Count(s.placed),
            ServiceOrdersCompleted => Figure::Count(s.completed),
            ServiceOnTimeRate => rate(s.completed_on_time, s.completed + s.open_overdue),
            ServiceSatisfactionRate => rate(s.satisfied, s.rated),
            ServiceRatingCoverage => rate(s.rated, s.completed),
            FacilityCoverage => rate(figures.facilities.covered, figures.facilities.households),
            Volunteers => Figure::People(v.volunteers),
            VolunteersActive => Figure::People(v.active),
            VolunteerHours => Figure::Count(v.hours),
            PointsIssued => Figure::Count(v.points_issued),
            PointsRedeemed => Figure::Count(v.points_redeemed),
            PointsOutstanding => Figure::Count(v.points_outstanding),
        }
    }
}
