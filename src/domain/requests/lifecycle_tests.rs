//! Every pair of (status, step) is either a listed transition or illegal.

use super::*;
use entity::request_enums::{HandlingLevel as Level, RequestStatus as Status, Satisfaction};
use sea_orm::Iterable;

const ALL_STEPS: [Step; 23] = [
    Step::Accept,
    Step::Reject,
    Step::Merge,
    Step::Assign,
    Step::Sign,
    Step::Start,
    Step::Resolve,
    Step::BeginVerification,
    Step::PassVerification,
    Step::FailVerification,
    Step::Evaluate(Satisfaction::Satisfied),
    Step::Evaluate(Satisfaction::BasicallySatisfied),
    Step::Evaluate(Satisfaction::Dissatisfied),
    Step::Evaluate(Satisfaction::NotEvaluated),
    Step::CloseUnevaluated,
    Step::Escalate,
    Step::Return,
    Step::RequestExtension,
    Step::Extend,
    Step::Suspend,
    Step::RejectExtension,
    Step::Resume,
    Step::Supervise,
];

fn at(status: Status, level: Level) -> State {
    State {
        status,
        level,
        rework_count: 0,
    }
}

fn status_after(state: State, step: Step) -> Result<Status, Illegal> {
    apply(state, step).map(|outcome| outcome.state.status)
}

#[test]
fn the_happy_path_runs_from_submitted_to_closed_resolved() {
    let mut state = submitted(Level::Grid);
    let steps = [
        (Step::Accept, Status::Accepted),
        (Step::Assign, Status::Assigned),
        (Step::Sign, Status::Signed),
        (Step::Start, Status::InProgress),
        (Step::Resolve, Status::Resolved),
        (Step::BeginVerification, Status::Verifying),
        (Step::PassVerification, Status::AwaitingEvaluation),
        (
            Step::Evaluate(Satisfaction::Satisfied),
            Status::ClosedResolved,
        ),
    ];
    for (step, expected) in steps {
        state = apply(state, step).unwrap().state;
        assert_eq!(state.status, expected, "after {step:?}");
    }
    assert_eq!(state.rework_count, 0);
}

/// The transitions the lifecycle allows, and nothing else.
fn legal(status: Status, step: Step) -> bool {
    use Status::*;
    matches!(
        (status, step),
        (Submitted, Step::Accept | Step::Reject | Step::Merge)
            | (Accepted, Step::Assign)
            | (Assigned, Step::Sign)
            | (Signed, Step::Start)
            | (InProgress, Step::Resolve)
            | (Resolved, Step::BeginVerification)
            | (Verifying, Step::PassVerification | Step::FailVerification)
            | (
                AwaitingEvaluation,
                Step::Evaluate(
                    Satisfaction::Satisfied
                        | Satisfaction::BasicallySatisfied
                        | Satisfaction::Dissatisfied
                ) | Step::CloseUnevaluated
            )
            | (Accepted | Assigned | Signed | InProgress, Step::Escalate)
            | (Accepted | Assigned, Step::Return)
            | (
                Signed | InProgress,
                Step::RequestExtension | Step::Extend | Step::Suspend
            )
            | (Suspended, Step::Resume)
            | (
                Submitted
                    | Accepted
                    | Assigned
                    | Signed
                    | InProgress
                    | Resolved
                    | Verifying
                    | AwaitingEvaluation
                    | Suspended,
                Step::RejectExtension | Step::Supervise
            )
    )
}

#[test]
fn every_step_outside_the_lifecycle_is_illegal() {
    for status in Status::iter() {
        for step in ALL_STEPS {
            let result = apply(at(status, Level::Community), step);
            assert_eq!(result.is_ok(), legal(status, step), "{status:?} + {step:?}");
            if let Err(illegal) = result {
                assert!(matches!(illegal, Illegal::Status { .. }), "{illegal:?}");
            }
        }
    }
}

#[test]
fn closed_rejected_and_merged_requests_take_no_step_at_all() {
    for status in [
        Status::Rejected,
        Status::Merged,
        Status::ClosedResolved,
        Status::ClosedUnresolved,
    ] {
        for step in ALL_STEPS {
            assert!(
                apply(at(status, Level::Grid), step).is_err(),
                "{status:?} {step:?}"
            );
        }
        for action in Action::ALL {
            assert!(!allows(at(status, Level::Grid), action));
        }
    }
}

#[test]
fn failed_verification_and_dissatisfaction_reopen_with_one_more_rework() {
    let verifying = at(Status::Verifying, Level::Grid);
    let reopened = apply(verifying, Step::FailVerification).unwrap();
    assert_eq!(reopened.state.status, Status::InProgress);
    assert_eq!(reopened.state.rework_count, 1);
    assert_eq!(reopened.clock, Clock::Start(Deadline::Handle));

    let waiting = at(Status::AwaitingEvaluation, Level::Grid);
    let dissatisfied = Step::Evaluate(Satisfaction::Dissatisfied);
    let reopened = apply(waiting, dissatisfied).unwrap();
    assert_eq!(reopened.state.status, Status::InProgress);
    assert_eq!(reopened.state.rework_count, 1);
}

#[test]
fn dissatisfaction_after_the_last_rework_closes_unresolved() {
    let waiting = State {
        rework_count: MAX_REWORK,
        ..at(Status::AwaitingEvaluation, Level::Grid)
    };
    let closed = apply(waiting, Step::Evaluate(Satisfaction::Dissatisfied)).unwrap();
    assert_eq!(closed.state.status, Status::ClosedUnresolved);
    assert_eq!(closed.state.rework_count, MAX_REWORK);
    let basically = Step::Evaluate(Satisfaction::BasicallySatisfied);
    assert_eq!(status_after(waiting, basically), Ok(Status::ClosedResolved));
}

#[test]
fn escalation_climbs_one_level_and_hands_the_request_back_unassigned() {
    let ladder = [
        Level::Building,
        Level::Grid,
        Level::Community,
        Level::Street,
        Level::District,
    ];
    for pair in ladder.windows(2) {
        for status in [
            Status::Accepted,
            Status::Assigned,
            Status::Signed,
            Status::InProgress,
        ] {
            let outcome = apply(at(status, pair[0]), Step::Escalate).unwrap();
            assert_eq!(outcome.state.level, pair[1]);
            assert_eq!(outcome.state.status, Status::Accepted);
            assert!(outcome.unassigns);
            assert_eq!(outcome.clock, Clock::Start(Deadline::Handle));
        }
    }
}

#[test]
fn a_district_request_cannot_be_escalated_further() {
    let result = apply(at(Status::InProgress, Level::District), Step::Escalate);
    assert!(matches!(result, Err(Illegal::Level { .. })), "{result:?}");
}

#[test]
fn return_goes_one_level_down_only_before_signing() {
    let returned = apply(at(Status::Assigned, Level::Community), Step::Return).unwrap();
    assert_eq!(returned.state.level, Level::Grid);
    assert_eq!(returned.state.status, Status::Accepted);
    assert!(returned.unassigns);
    for status in [Status::Signed, Status::InProgress, Status::Resolved] {
        assert!(apply(at(status, Level::Community), Step::Return).is_err());
    }
    let bottom = apply(at(Status::Accepted, Level::Building), Step::Return);
    assert!(matches!(bottom, Err(Illegal::Level { .. })), "{bottom:?}");
}

#[test]
fn clocks_follow_the_phase_of_the_request() {
    let clock = |status, step| apply(at(status, Level::Grid), step).unwrap().clock;
    assert_eq!(
        clock(Status::Submitted, Step::Accept),
        Clock::Start(Deadline::Handle)
    );
    assert_eq!(clock(Status::Accepted, Step::Assign), Clock::Keep);
    assert_eq!(
        clock(Status::InProgress, Step::Resolve),
        Clock::Start(Deadline::Feedback)
    );
    assert_eq!(
        clock(Status::Verifying, Step::PassVerification),
        Clock::Stop
    );
    assert_eq!(clock(Status::Submitted, Step::Reject), Clock::Stop);
}

#[test]
fn a_missing_evaluation_closes_resolved_and_cannot_be_given_as_an_evaluation() {
    let waiting = at(Status::AwaitingEvaluation, Level::Grid);
    let closed = apply(waiting, Step::CloseUnevaluated).unwrap();
    assert_eq!(closed.state.status, Status::ClosedResolved);
    assert_eq!(closed.state.rework_count, 0);
    let given = apply(waiting, Step::Evaluate(Satisfaction::NotEvaluated));
    assert!(given.is_err());
    assert_eq!(Step::CloseUnevaluated.event_name(), "CLOSE_UNEVALUATED");
}

#[test]
fn illegal_steps_say_what_was_refused_in_the_api_s_words() {
    let illegal = apply(at(Status::Submitted, Level::Grid), Step::Sign).unwrap_err();
    assert_eq!(
        illegal.to_string(),
        "a SUBMITTED request cannot take the action SIGN"
    );
    let top = apply(at(Status::Accepted, Level::District), Step::Escalate).unwrap_err();
    assert_eq!(
        top.to_string(),
        "a request at the DISTRICT level cannot ESCALATE"
    );
}

#[test]
fn a_suspension_pauses_and_a_resumption_restarts_the_clock() {
    let working = at(Status::InProgress, Level::Grid);
    let suspended = apply(working, Step::Suspend).unwrap();
    assert_eq!(suspended.state.status, Status::Suspended);
    assert_eq!(suspended.clock, Clock::Pause);
    let resumed = apply(suspended.state, Step::Resume).unwrap();
    assert_eq!(resumed.state.status, Status::InProgress);
    assert_eq!(resumed.clock, Clock::Resume);
    // Neither an extension nor a card changes the state.
    let extended = apply(working, Step::Extend).unwrap();
    assert_eq!((extended.state, extended.clock), (working, Clock::Extend));
    assert_eq!(apply(working, Step::Supervise).unwrap().state, working);
    // A suspended request neither escalates nor resolves.
    assert!(apply(suspended.state, Step::Escalate).is_err());
    assert!(apply(suspended.state, Step::Resolve).is_err());
}
