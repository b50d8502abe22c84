//! The request lifecycle as a pure state machine:
//!
//! SUBMITTED → ACCEPTED | REJECTED | MERGED; ACCEPTED → ASSIGNED → SIGNED → IN_PROGRESS →
//! RESOLVED → VERIFYING → AWAITING_EVALUATION → CLOSED_RESOLVED | CLOSED_UNRESOLVED.
//! A failed verification or a dissatisfied evaluation reopens the request (IN_PROGRESS,
//! rework count + 1); a dissatisfied evaluation after [`MAX_REWORK`] reworks closes it
//! unresolved. Escalation climbs one level (BUILDING → GRID → COMMUNITY → STREET →
//! DISTRICT) from ACCEPTED to IN_PROGRESS; return goes one level down, only before
//! signing. Both hand the request back to ACCEPTED at the new level, unassigned. A
//! request whose evaluation never comes is closed as resolved but NOT_EVALUATED
//! ([`Step::CloseUnevaluated`], taken by the ticker).
//!
//! While SIGNED or IN_PROGRESS the assignee may ask for an extension: more hours on the
//! handling deadline, or a suspension (SUSPENDED, the deadline paused) until a date. A
//! dispatcher's approval applies it ([`Step::Extend`], [`Step::Suspend`]); a suspended
//! request resumes IN_PROGRESS with the time it had left. Street and district staff may
//! issue supervision cards on any open request; they change no state.

use entity::request_enums::{HandlingLevel as Level, RequestStatus as Status, Satisfaction};
use sea_orm::ActiveEnum;

/// Reworks after which a dissatisfied evaluation closes the request as unresolved.
pub const MAX_REWORK: i32 = 2;

/// What a caller may do to a request (the `availableActions` of the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Accept,
    Reject,
    Merge,
    Assign,
    Sign,
    Start,
    Resolve,
    Verify,
    Evaluate,
    Escalate,
    Return,
    /// Ask for more time or a suspension (the assignee).
    RequestExtension,
    /// Approve or reject an extension request (a dispatcher).
    DecideExtension,
    /// Take a suspended request up again before its date.
    Resume,
    /// Issue a supervision card (督办).
    Supervise,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::Accept,
        Action::Reject,
        Action::Merge,
        Action::Assign,
        Action::Sign,
        Action::Start,
        Action::Resolve,
        Action::Verify,
        Action::Evaluate,
        Action::Escalate,
        Action::Return,
        Action::RequestExtension,
        Action::DecideExtension,
        Action::Resume,
        Action::Supervise,
    ];

    /// The name in events and audit rows.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "ACCEPT",
            Action::Reject => "REJECT",
            Action::Merge => "MERGE",
            Action::Assign => "ASSIGN",
            Action::Sign => "SIGN",
            Action::Start => "START",
            Action::Resolve => "RESOLVE",
            Action::Verify => "VERIFY",
            Action::Evaluate => "EVALUATE",
            Action::Escalate => "ESCALATE",
            Action::Return => "RETURN",
            Action::RequestExtension => "REQUEST_EXTENSION",
            Action::DecideExtension => "DECIDE_EXTENSION",
            Action::Resume => "RESUME",
            Action::Supervise => "SUPERVISE",
        }
    }

    /// The steps this action stands for (verification has three).
    fn steps(self) -> &'static [Step] {
        match self {
            Action::Accept => &[Step::Accept],
            Action::Reject => &[Step::Reject],
            Action::Merge => &[Step::Merge],
            Action::Assign => &[Step::Assign],
            Action::Sign => &[Step::Sign],
            Action::Start => &[Step::Start],
            Action::Resolve => &[Step::Resolve],
            Action::Verify => &[
                Step::BeginVerification,
                Step::PassVerification,
                Step::FailVerification,
            ],
            Action::Evaluate => &[Step::Evaluate(Satisfaction::Satisfied)],
            Action::Escalate => &[Step::Escalate],
            Action::Return => &[Step::Return],
            Action::RequestExtension => &[Step::RequestExtension],
            Action::DecideExtension => &[Step::Extend, Step::Suspend, Step::RejectExtension],
            Action::Resume => &[Step::Resume],
            Action::Supervise => &[Step::Supervise],
        }
    }
}

/// One step of the state machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Accept,
    Reject,
    Merge,
    Assign,
    Sign,
    Start,
    Resolve,
    BeginVerification,
    PassVerification,
    FailVerification,
    Evaluate(Satisfaction),
    /// No evaluation came in time (the ticker's step, no caller's).
    CloseUnevaluated,
    Escalate,
    Return,
    RequestExtension,
    /// An approved extension of the handling deadline.
    Extend,
    /// An approved suspension.
    Suspend,
    RejectExtension,
    Resume,
    Supervise,
}

impl Step {
    /// The name of the step on its event.
    pub fn event_name(self) -> &'static str {
        match self {
            Step::CloseUnevaluated => "CLOSE_UNEVALUATED",
            Step::Extend => "EXTEND",
            Step::Suspend => "SUSPEND",
            Step::RejectExtension => "REJECT_EXTENSION",
            step => step.action().as_str(),
        }
    }

    pub fn action(self) -> Action {
        match self {
            Step::Accept => Action::Accept,
            Step::Reject => Action::Reject,
            Step::Merge => Action::Merge,
            Step::Assign => Action::Assign,
            Step::Sign => Action::Sign,
            Step::Start => Action::Start,
            Step::Resolve => Action::Resolve,
            Step::BeginVerification | Step::PassVerification | Step::FailVerification => {
                Action::Verify
            }
            Step::Evaluate(_) | Step::CloseUnevaluated => Action::Evaluate,
            Step::Escalate => Action::Escalate,
            Step::Return => Action::Return,
            Step::RequestExtension => Action::RequestExtension,
            Step::Extend | Step::Suspend | Step::RejectExtension => Action::DecideExtension,
            Step::Resume => Action::Resume,
            Step::Supervise => Action::Supervise,
        }
    }
}

/// The part of a request the state machine reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub level: Level,
    pub rework_count: i32,
}

/// Which deadline runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    Accept,
    Handle,
    Feedback,
}

/// What a step does to the running deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    Keep,
    Start(Deadline),
    Stop,
    /// The running deadline moves later by the approved extension.
    Extend,
    /// The running deadline stops counting (a suspension).
    Pause,
    /// The paused deadline counts again, moved later by the time it was paused.
    Resume,
}

/// The state after a step, and what else it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub state: State,
    /// The assignee is cleared (the request moved to another level).
    pub unassigns: bool,
    pub clock: Clock,
}

/// Why a step is not allowed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Illegal {
    #[error("a {} request cannot take the action {}", .status.to_value(), .action.as_str())]
    Status { action: Action, status: Status },
    #[error("a request at the {} level cannot {}", .level.to_value(), .action.as_str())]
    Level { action: Action, level: Level },
}

/// The level above, if any.
pub fn level_up(level: Level) -> Option<Level> {
    match level {
        Level::Building => Some(Level::Grid),
        Level::Grid => Some(Level::Community),
        Level::Community => Some(Level::Street),
        Level::Street => Some(Level::District),
        Level::District => None,
    }
}

/// The level below, if any.
pub fn level_down(level: Level) -> Option<Level> {
    match level {
        Level::Building => None,
        Level::Grid => Some(Level::Building),
        Level::Community => Some(Level::Grid),
        Level::Street => Some(Level::Community),
        Level::District => Some(Level::Street),
    }
}

/// The state a new request starts in.
pub fn submitted(level: Level) -> State {
    State {
        status: Status::Submitted,
        level,
        rework_count: 0,
    }
}

/// Applies `step` to `state`, or says why it is not allowed.
pub fn apply(state: State, step: Step) -> Result<Outcome, Illegal> {
    use Status::*;
    let wrong = || Illegal::Status {
        action: step.action(),
        status: state.status,
    };
    let to = |status, clock| Outcome {
        state: State { status, ..state },
        unassigns: false,
        clock,
    };
    let reopen = || Outcome {
        state: State {
            status: InProgress,
            rework_count: state.rework_count + 1,
            ..state
        },
        unassigns: false,
        clock: Clock::Start(Deadline::Handle),
    };
    let move_to = |level: Option<Level>| {
        let level = level.ok_or(Illegal::Level {
            action: step.action(),
            level: state.level,
        })?;
        Ok(Outcome {
            state: State {
                status: Accepted,
                level,
                ..state
            },
            unassigns: true,
            clock: Clock::Start(Deadline::Handle),
        })
    };
    match (state.status, step) {
        (Submitted, Step::Accept) => Ok(to(Accepted, Clock::Start(Deadline::Handle))),
        (Submitted, Step::Reject) => Ok(to(Rejected, Clock::Stop)),
        (Submitted, Step::Merge) => Ok(to(Merged, Clock::Stop)),
        (Accepted, Step::Assign) => Ok(to(Assigned, Clock::Keep)),
        (Assigned, Step::Sign) => Ok(to(Signed, Clock::Keep)),
        (Signed, Step::Start) => Ok(to(InProgress, Clock::Keep)),
        (InProgress, Step::Resolve) => Ok(to(Resolved, Clock::Start(Deadline::Feedback))),
        (Resolved, Step::BeginVerification) => Ok(to(Verifying, Clock::Keep)),
        (Verifying, Step::PassVerification) => Ok(to(AwaitingEvaluation, Clock::Stop)),
        (Verifying, Step::FailVerification) => Ok(reopen()),
        // Only the ticker records that no evaluation came.
        (_, Step::Evaluate(Satisfaction::NotEvaluated)) => Err(wrong()),
        (AwaitingEvaluation, Step::CloseUnevaluated) => Ok(to(ClosedResolved, Clock::Stop)),
        (AwaitingEvaluation, Step::Evaluate(Satisfaction::Dissatisfied)) => {
            if state.rework_count < MAX_REWORK {
                Ok(reopen())
            } else {
                Ok(to(ClosedUnresolved, Clock::Stop))
            }
        }
        (AwaitingEvaluation, Step::Evaluate(_)) => Ok(to(ClosedResolved, Clock::Stop)),
        (Accepted | Assigned | Signed | InProgress, Step::Escalate) => {
            move_to(level_up(state.level))
        }
        (Accepted | Assigned, Step::Return) => move_to(level_down(state.level)),
        (Signed | InProgress, Step::RequestExtension) => Ok(to(state.status, Clock::Keep)),
        (Signed | InProgress, Step::Extend) => Ok(to(state.status, Clock::Extend)),
        (Signed | InProgress, Step::Suspend) => Ok(to(Suspended, Clock::Pause)),
        (Suspended, Step::Resume) => Ok(to(InProgress, Clock::Resume)),
        // A request may have moved on since the extension was asked for: refusing it
        // is always possible while the request is open, and so is supervising it.
        (status, Step::RejectExtension | Step::Supervise) if is_open(status) => {
            Ok(to(status, Clock::Keep))
        }
        _ => Err(wrong()),
    }
}

/// Whether a request in `status` is still being dealt with.
pub fn is_open(status: Status) -> bool {
    !matches!(
        status,
        Status::Rejected | Status::Merged | Status::ClosedResolved | Status::ClosedUnresolved
    )
}

/// Whether some step of `action` is allowed in `state`.
pub fn allows(state: State, action: Action) -> bool {
    action
        .steps()
        .iter()
        .any(|step| apply(state, *step).is_ok())
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
