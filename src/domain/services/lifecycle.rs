//! The lifecycle of a service order as a pure state machine: REQUESTED →
//! ELIGIBILITY_CHECKED → APPROVED | REJECTED → SCHEDULED → IN_SERVICE → COMPLETED →
//! CONFIRMED → SETTLED, with CANCELLED before the service begins, NO_SHOW for a
//! scheduled visit nobody answered, and DISPUTED instead of confirming.

/// Where an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    Requested,
    EligibilityChecked,
    Approved,
    Rejected,
    Scheduled,
    InService,
    Completed,
    Confirmed,
    Settled,
    Cancelled,
    NoShow,
    Disputed,
}

/// What is done to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrderAction {
    CheckEligibility,
    Approve,
    Reject,
    Schedule,
    CheckIn,
    Complete,
    /// The resident confirms (with a rating).
    Confirm,
    Dispute,
    Settle,
    Cancel,
    MarkNoShow,
}

use OrderAction as A;
use OrderStatus as S;

/// The status after `action`, or `None` when the action is illegal from `from`.
pub fn next(from: OrderStatus, action: OrderAction) -> Option<OrderStatus> {
    Some(match (from, action) {
        (S::Requested, A::CheckEligibility) => S::EligibilityChecked,
        (S::EligibilityChecked, A::Approve) => S::Approved,
        (S::EligibilityChecked, A::Reject) => S::Rejected,
        (S::Approved, A::Schedule) => S::Scheduled,
        (S::Scheduled, A::CheckIn) => S::InService,
        (S::Scheduled, A::MarkNoShow) => S::NoShow,
        (S::InService, A::Complete) => S::Completed,
        (S::Completed, A::Confirm) => S::Confirmed,
        (S::Completed, A::Dispute) => S::Disputed,
        (S::Confirmed, A::Settle) => S::Settled,
        (S::Requested | S::EligibilityChecked | S::Approved | S::Scheduled, A::Cancel) => {
            S::Cancelled
        }
        _ => return None,
    })
}

/// Whether an order is still open: a provider sees it only while it is.
pub fn is_open(status: OrderStatus) -> bool {
    !matches!(
        status,
        S::Rejected | S::Settled | S::Cancelled | S::NoShow | S::Confirmed | S::Disputed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_ACTIONS: [OrderAction; 11] = [
        A::CheckEligibility,
        A::Approve,
        A::Reject,
        A::Schedule,
        A::CheckIn,
        A::Complete,
        A::Confirm,
        A::Dispute,
        A::Settle,
        A::Cancel,
        A::MarkNoShow,
    ];

    #[test]
    fn the_happy_path_ends_settled() {
        let path = [
            A::CheckEligibility,
            A::Approve,
            A::Schedule,
            A::CheckIn,
            A::Complete,
            A::Confirm,
            A::Settle,
        ];
        let end = path
            .iter()
            .try_fold(S::Requested, |status, action| next(status, *action));
        assert_eq!(end, Some(S::Settled));
    }

    #[test]
    fn final_states_accept_nothing() {
        for from in [
            S::Rejected,
            S::Settled,
            S::Cancelled,
            S::NoShow,
            S::Disputed,
        ] {
            assert!(
                ALL_ACTIONS
                    .iter()
                    .all(|action| next(from, *action).is_none()),
                "{from:?}"
            );
            assert!(!is_open(from));
        }
    }

    #[test]
    fn illegal_steps_are_refused() {
        assert_eq!(next(S::Requested, A::Approve), None, "eligibility first");
        assert_eq!(next(S::InService, A::Cancel), None, "too late to cancel");
        assert_eq!(next(S::Approved, A::CheckIn), None, "schedule first");
        assert_eq!(next(S::Scheduled, A::Cancel), Some(S::Cancelled));
        assert!(is_open(S::InService));
    }
}
