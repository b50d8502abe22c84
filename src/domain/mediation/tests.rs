use chrono::NaiveDate;

use super::CaseStatus::*;
use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
}

#[test]
fn a_case_walks_the_whole_loop() {
    let mut status = Open;
    for step in [
        Step::RecordSession,
        Step::RecordSession,
        Step::RecordAgreement,
        Step::RecordFollowUp,
        Step::Close(Outcome::Resolved),
    ] {
        status = next(status, step).unwrap();
    }
    assert_eq!(status, Closed);
}

#[test]
fn an_agreement_needs_a_session_first() {
    let refused = next(Open, Step::RecordAgreement).unwrap_err();
    assert_eq!(refused.from, Open);
}

#[test]
fn a_follow_up_needs_an_agreement() {
    for from in [Open, InMediation, FollowedUp, Closed] {
        assert!(next(from, Step::RecordFollowUp).is_err(), "{from:?}");
    }
}

#[test]
fn resolved_and_partial_close_only_a_followed_up_case() {
    for outcome in [Outcome::Resolved, Outcome::Partial] {
        assert_eq!(next(FollowedUp, Step::Close(outcome)), Ok(Closed));
        for from in [Open, InMediation, Agreed, Closed] {
            assert!(next(from, Step::Close(outcome)).is_err(), "{from:?}");
        }
    }
}

#[test]
fn failed_and_referred_close_a_case_without_an_agreement() {
    for outcome in [Outcome::Failed, Outcome::Referred] {
        assert_eq!(next(Open, Step::Close(outcome)), Ok(Closed));
        assert_eq!(next(InMediation, Step::Close(outcome)), Ok(Closed));
        assert!(next(Agreed, Step::Close(outcome)).is_err());
        assert!(next(FollowedUp, Step::Close(outcome)).is_err());
    }
}

#[test]
fn a_closed_case_takes_no_step() {
    for step in [
        Step::RecordSession,
        Step::RecordAgreement,
        Step::RecordFollowUp,
        Step::Close(Outcome::Failed),
    ] {
        assert!(next(Closed, step).is_err(), "{step:?}");
    }
}

#[test]
fn sessions_stop_once_agreed() {
    assert!(next(Agreed, Step::RecordSession).is_err());
}

#[test]
fn the_follow_up_falls_due_thirty_days_after_signing() {
    assert_eq!(
        follow_up_due(day(1)),
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    );
}

#[test]
fn only_an_agreed_case_past_its_due_date_is_overdue() {
    let due = Some(day(10));
    assert!(follow_up_overdue(Agreed, due, day(11)));
    assert!(!follow_up_overdue(Agreed, due, day(10)));
    assert!(!follow_up_overdue(FollowedUp, due, day(20)));
    assert!(!follow_up_overdue(Agreed, None, day(20)));
}

#[test]
fn dates_of_what_happened_are_not_in_the_future() {
    assert!(past("heldOn", day(16), day(15)).is_err());
    assert_eq!(past("heldOn", day(15), day(15)), Ok(day(15)));
}

#[test]
fn a_follow_up_is_not_before_the_agreement() {
    assert!(follow_up_on(day(4), day(5), day(15)).is_err());
    assert!(follow_up_on(day(16), day(5), day(15)).is_err());
    assert_eq!(follow_up_on(day(5), day(5), day(15)), Ok(day(5)));
}

#[test]
fn empty_notes_are_refused() {
    assert!(notes("notes", "   ").is_err());
    assert_eq!(notes("notes", " 双方同意 ").unwrap(), "双方同意");
}
