//! Mediation cases (矛盾纠纷调解) against the database: [`open`] a case with its parties,
//! then [`step`] it through sessions, the agreement, the follow-up and its close. Each
//! change is one idempotent transaction with its audit row; steps carry the version read.

mod open;
mod steps;

pub use open::{NewCase, NewParty, OpenedCase, open};
pub use steps::{CaseStep, StepInput, SteppedCase, step};

use entity::mediation_enums as stored;

use crate::domain::mediation::{CaseStatus, Outcome};

impl From<stored::CaseStatus> for CaseStatus {
    fn from(status: stored::CaseStatus) -> Self {
        match status {
            stored::CaseStatus::Open => CaseStatus::Open,
            stored::CaseStatus::InMediation => CaseStatus::InMediation,
            stored::CaseStatus::Agreed => CaseStatus::Agreed,
            stored::CaseStatus::FollowedUp => CaseStatus::FollowedUp,
            stored::CaseStatus::Closed => CaseStatus::Closed,
        }
    }
}

impl From<CaseStatus> for stored::CaseStatus {
    fn from(status: CaseStatus) -> Self {
        match status {
            CaseStatus::Open => stored::CaseStatus::Open,
            CaseStatus::InMediation => stored::CaseStatus::InMediation,
            CaseStatus::Agreed => stored::CaseStatus::Agreed,
            CaseStatus::FollowedUp => stored::CaseStatus::FollowedUp,
            CaseStatus::Closed => stored::CaseStatus::Closed,
        }
    }
}

impl From<Outcome> for stored::CaseOutcome {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Resolved => stored::CaseOutcome::Resolved,
            Outcome::Partial => stored::CaseOutcome::Partial,
            Outcome::Failed => stored::CaseOutcome::Failed,
            Outcome::Referred => stored::CaseOutcome::Referred,
        }
    }
}

impl From<stored::CaseOutcome> for Outcome {
    fn from(outcome: stored::CaseOutcome) -> Self {
        match outcome {
            stored::CaseOutcome::Resolved => Outcome::Resolved,
            stored::CaseOutcome::Partial => Outcome::Partial,
            stored::CaseOutcome::Failed => Outcome::Failed,
            stored::CaseOutcome::Referred => Outcome::Referred,
        }
    }
}
