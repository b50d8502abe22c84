//! Mediation cases (矛盾纠纷调解) as pure rules, before any table holds them: the
//! lifecycle OPEN → IN_MEDIATION → AGREED → FOLLOWED_UP → CLOSED, which outcome may
//! close a case from where, when the follow-up falls due, and the dates and notes a
//! step must carry.

use chrono::{Days, NaiveDate};

use super::requests::intake;

/// A follow-up visit is due this many days after the agreement is signed.
pub const FOLLOW_UP_DAYS: u64 = 30;
pub const MAX_NOTES_CHARS: usize = 2000;

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseStatus {
    Open,
    InMediation,
    Agreed,
    FollowedUp,
    Closed,
}

/// How a case ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The agreement holds (followed up).
    Resolved,
    /// Part of the dispute settled (followed up).
    Partial,
    /// Mediation gave up without an agreement.
    Failed,
    /// Handed to a court, arbitration or the police without an agreement.
    Referred,
}

/// A step of the lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    RecordSession,
    RecordAgreement,
    RecordFollowUp,
    Close(Outcome),
}

/// A step the case's status does not allow (CONFLICT in the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Illegal {
    pub from: CaseStatus,
    pub step: Step,
}

impl std::fmt::Display for Illegal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let step = match self.step {
            Step::RecordSession => "record a session",
            Step::RecordAgreement => "record an agreement",
            Step::RecordFollowUp => "record a follow-up",
            Step::Close(_) => "close with this outcome",
        };
        write!(f, "a case that is {:?} cannot {step}", self.from)
    }
}

/// The status after `step`, if `status` allows it. Sessions go on until an agreement;
/// an agreement needs a session first; RESOLVED and PARTIAL close a followed-up case,
/// FAILED and REFERRED one that never reached an agreement.
pub fn next(status: CaseStatus, step: Step) -> Result<CaseStatus, Illegal> {
    use CaseStatus::*;
    let to = match (status, step) {
        (Open | InMediation, Step::RecordSession) => Some(InMediation),
        (InMediation, Step::RecordAgreement) => Some(Agreed),
        (Agreed, Step::RecordFollowUp) => Some(FollowedUp),
        (FollowedUp, Step::Close(Outcome::Resolved | Outcome::Partial)) => Some(Closed),
        (Open | InMediation, Step::Close(Outcome::Failed | Outcome::Referred)) => Some(Closed),
        _ => None,
    };
    to.ok_or(Illegal { from: status, step })
}

/// When the follow-up of an agreement signed on `signed` falls due.
pub fn follow_up_due(signed: NaiveDate) -> NaiveDate {
    signed
        .checked_add_days(Days::new(FOLLOW_UP_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a case's follow-up is overdue on `today`: agreed, not followed up, past due.
pub fn follow_up_overdue(status: CaseStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == CaseStatus::Agreed && due.is_some_and(|due| due < today)
}

/// A date of something that has happened (a session, a signature): not after `today`.
pub fn past(what: &str, date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    if date > today {
        return Err(format!("`{what}` must not be in the future"));
    }
    Ok(date)
}

/// The date of a follow-up: it happened, and not before the agreement it checks.
pub fn follow_up_on(
    date: NaiveDate,
    agreement_signed: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    let date = past("followedUpOn", date, today)?;
    if date < agreement_signed {
        return Err("`followedUpOn` must not be before the agreement was signed".to_owned());
    }
    Ok(date)
}

/// Session notes, agreement text or follow-up notes: required, trimmed, bounded.
pub fn notes(what: &str, text: &str) -> Result<String, String> {
    intake::text(what, text, MAX_NOTES_CHARS)
}

#[cfg(test)]
mod tests;
