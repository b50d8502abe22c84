//! The lifecycle commands a request takes, with what each carries and the note its
//! event keeps.

use entity::request_enums::Satisfaction;

use crate::domain::requests::intake;
use crate::domain::requests::lifecycle::Step;
use crate::error::{AppError, AppResult};

/// A verifier's step: begin checking, or finish with a pass or a fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerificationStep {
    Begin,
    Pass,
    Fail,
}

/// A lifecycle command with what it carries.
#[derive(Clone, Debug)]
pub enum Command {
    Accept {
        note: Option<String>,
    },
    Reject {
        reason: String,
    },
    Merge {
        duplicate_of: i32,
        note: Option<String>,
    },
    Assign {
        assignee: i32,
        note: Option<String>,
    },
    Sign {
        note: Option<String>,
    },
    Start {
        note: Option<String>,
    },
    Resolve {
        note: String,
    },
    Verify {
        step: VerificationStep,
        note: Option<String>,
    },
    Evaluate {
        satisfaction: Satisfaction,
        comment: Option<String>,
    },
    Escalate {
        reason: String,
    },
    Return {
        reason: String,
    },
    /// No evaluation came in time (the ticker's command).
    CloseUnevaluated,
}

impl Command {
    pub(super) fn step(&self) -> Step {
        match self {
            Command::Accept { .. } => Step::Accept,
            Command::Reject { .. } => Step::Reject,
            Command::Merge { .. } => Step::Merge,
            Command::Assign { .. } => Step::Assign,
            Command::Sign { .. } => Step::Sign,
            Command::Start { .. } => Step::Start,
            Command::Resolve { .. } => Step::Resolve,
            Command::Verify { step, .. } => match step {
                VerificationStep::Begin => Step::BeginVerification,
                VerificationStep::Pass => Step::PassVerification,
                VerificationStep::Fail => Step::FailVerification,
            },
            Command::Evaluate { satisfaction, .. } => Step::Evaluate(*satisfaction),
            Command::Escalate { .. } => Step::Escalate,
            Command::Return { .. } => Step::Return,
            Command::CloseUnevaluated => Step::CloseUnevaluated,
        }
    }

    /// The note of the event, trimmed and checked; reasons are required.
    pub(super) fn note(&self) -> AppResult<Option<String>> {
        let required =
            |what: &str, text: &str| intake::text(what, text, intake::MAX_NOTE_CHARS).map(Some);
        match self {
            Command::Reject { reason }
            | Command::Escalate { reason }
            | Command::Return { reason } => required("reason", reason),
            Command::Resolve { note } => required("note", note),
            Command::Evaluate {
                satisfaction: Satisfaction::NotEvaluated,
                ..
            } => Err("NOT_EVALUATED is recorded by the hub, not given".to_owned()),
            Command::Evaluate { comment, .. } => intake::note("comment", comment.as_deref()),
            Command::CloseUnevaluated => Ok(Some("no evaluation came in time".to_owned())),
            Command::Accept { note }
            | Command::Merge { note, .. }
            | Command::Assign { note, .. }
            | Command::Sign { note }
            | Command::Start { note }
            | Command::Verify { note, .. } => intake::note("note", note.as_deref()),
        }
        .map_err(AppError::BadUserInput)
    }
}
