//! The lifecycle commands a request takes, with what each carries and the note its
//! event keeps.

use chrono::{DateTime, Utc};
use entity::request_enums::{ExtensionKind, Satisfaction, SupervisionCard};
use sea_orm::ActiveEnum;

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
    /// The assignee asks for `extra_hours` more (EXTEND) or a pause until
    /// `suspend_until` (SUSPEND).
    RequestExtension {
        kind: ExtensionKind,
        reason: String,
        extra_hours: Option<i32>,
        suspend_until: Option<DateTime<Utc>>,
    },
    /// A dispatcher approves extension request `extension` (an EXTEND one).
    Extend {
        extension: i32,
        extra_hours: i32,
        note: Option<String>,
    },
    /// A dispatcher approves extension request `extension` (a SUSPEND one).
    Suspend {
        extension: i32,
        until: DateTime<Utc>,
        note: Option<String>,
    },
    RejectExtension {
        extension: i32,
        reason: String,
    },
    Resume {
        note: Option<String>,
    },
    Supervise {
        card: SupervisionCard,
        reason: String,
    },
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
            Command::RequestExtension { .. } => Step::RequestExtension,
            Command::Extend { .. } => Step::Extend,
            Command::Suspend { .. } => Step::Suspend,
            Command::RejectExtension { .. } => Step::RejectExtension,
            Command::Resume { .. } => Step::Resume,
            Command::Supervise { .. } => Step::Supervise,
        }
    }

    /// The note of the event, trimmed and checked; reasons are required.
    pub(super) fn note(&self) -> AppResult<Option<String>> {
        let required =
            |what: &str, text: &str| intake::text(what, text, intake::MAX_NOTE_CHARS).map(Some);
        match self {
            Command::Reject { reason }
            | Command::Escalate { reason }
            | Command::Return { reason }
            | Command::RequestExtension { reason, .. }
            | Command::RejectExtension { reason, .. } => required("reason", reason),
            Command::Supervise { card, reason } => required("reason", reason)
                .map(|reason| reason.map(|reason| format!("{}: {reason}", card.to_value()))),
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
            | Command::Verify { note, .. }
            | Command::Extend { note, .. }
            | Command::Suspend { note, .. }
            | Command::Resume { note } => intake::note("note", note.as_deref()),
        }
        .map_err(AppError::BadUserInput)
    }
}
