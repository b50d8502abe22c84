//! GraphQL faces of the request enums.

use async_graphql::Enum;

use crate::domain::requests::lifecycle::Action;
use crate::domain::requests::sla::SlaState as DomainSla;
use crate::graphql::macros::mirror_enum;
use crate::service::requests::VerificationStep as DomainStep;

mirror_enum! {
    /// Where a request came in.
    Channel = entity::request_enums::Channel {
        /// The 12345 government hotline; carries `externalOrderId`.
        #[graphql(name = "HOTLINE_12345")]
        Hotline12345,
        /// The residents' WeChat mini-program.
        MiniProgram,
        /// A community WeChat group, taken in by staff.
        WechatGroup,
        /// Raised by a grid worker on a visit (走访).
        GridVisit,
        /// At the service counter.
        WalkIn,
        /// A third-party smart-community app (API client).
        ThirdPartyApp,
    }
}

mirror_enum! {
    /// Where a request stands in its lifecycle.
    RequestStatus = entity::request_enums::RequestStatus {
        Submitted,
        Accepted,
        /// Refused at intake, with a reason.
        Rejected,
        /// A duplicate of another request (`mergedInto`).
        Merged,
        Assigned,
        /// The assignee confirmed they took it (签收).
        Signed,
        InProgress,
        /// The assignee reports it done.
        Resolved,
        /// A verifier is checking the work.
        Verifying,
        /// Waiting for the reporter's evaluation.
        AwaitingEvaluation,
        /// Paused (挂起) on an approved extension request until `suspendedUntil`; its
        /// deadline does not run.
        Suspended,
        ClosedResolved,
        ClosedUnresolved,
    }
}

mirror_enum! {
    /// The level handling a request ("small matters stay in the building, big ones in
    /// the community").
    HandlingLevel = entity::request_enums::HandlingLevel {
        Building,
        Grid,
        Community,
        Street,
        District,
    }
}

mirror_enum! {
    /// How soon a request needs an answer.
    Urgency = entity::request_enums::Urgency {
        Normal,
        Urgent,
        Emergency,
    }
}

mirror_enum! {
    /// The reporter's evaluation.
    Satisfaction = entity::request_enums::Satisfaction {
        Satisfied,
        BasicallySatisfied,
        /// Reopens the request for rework (closes it unresolved after two reworks).
        Dissatisfied,
        /// No evaluation came within 7 days of the feedback; never counted as
        /// satisfied. Recorded by the hub, refused as input.
        NotEvaluated,
    }
}

mirror_enum! {
    /// What an SLA limit counts.
    LimitUnit = entity::request_enums::LimitUnit {
        /// Hours around the clock.
        Hours,
        /// Working days: Monday to Friday, holidays off, make-up days worked.
        WorkingDays,
    }
}

/// How the running deadline stands: YELLOW from 75 % of the time used, RED from 100 %.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum SlaState {
    Normal,
    Yellow,
    Red,
}

impl From<DomainSla> for SlaState {
    fn from(state: DomainSla) -> Self {
        match state {
            DomainSla::Normal => SlaState::Normal,
            DomainSla::Yellow => SlaState::Yellow,
            DomainSla::Red => SlaState::Red,
        }
    }
}

/// A verifier's step.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum VerificationStep {
    /// RESOLVED → VERIFYING.
    Begin,
    /// VERIFYING → AWAITING_EVALUATION.
    Pass,
    /// VERIFYING → IN_PROGRESS, one more rework.
    Fail,
}

impl From<VerificationStep> for DomainStep {
    fn from(step: VerificationStep) -> Self {
        match step {
            VerificationStep::Begin => DomainStep::Begin,
            VerificationStep::Pass => DomainStep::Pass,
            VerificationStep::Fail => DomainStep::Fail,
        }
    }
}

mirror_enum! {
    /// A supervision card (督办): YELLOW urges, RED demands.
    SupervisionCard = entity::request_enums::SupervisionCard {
        Yellow,
        Red,
    }
}

mirror_enum! {
    /// What an extension request asks for.
    ExtensionKind = entity::request_enums::ExtensionKind {
        /// More hours on the handling deadline (`extraHours`).
        Extend,
        /// A pause until `suspendUntil` (挂起): the deadline stops counting.
        Suspend,
    }
}

mirror_enum! {
    /// Where an extension request stands.
    ExtensionStatus = entity::request_enums::ExtensionStatus {
        Pending,
        Approved,
        Rejected,
    }
}

/// An action on a request, named like its mutation (`ACCEPT` is `acceptRequest`).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum RequestAction {
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
    /// `requestExtension`
    RequestExtension,
    /// `decideExtension`
    DecideExtension,
    /// `resumeRequest`
    Resume,
    /// `superviseRequest`
    Supervise,
}

impl From<Action> for RequestAction {
    fn from(action: Action) -> Self {
        match action {
            Action::Accept => RequestAction::Accept,
            Action::Reject => RequestAction::Reject,
            Action::Merge => RequestAction::Merge,
            Action::Assign => RequestAction::Assign,
            Action::Sign => RequestAction::Sign,
            Action::Start => RequestAction::Start,
            Action::Resolve => RequestAction::Resolve,
            Action::Verify => RequestAction::Verify,
            Action::Evaluate => RequestAction::Evaluate,
            Action::Escalate => RequestAction::Escalate,
            Action::Return => RequestAction::Return,
            Action::RequestExtension => RequestAction::RequestExtension,
            Action::DecideExtension => RequestAction::DecideExtension,
            Action::Resume => RequestAction::Resume,
            Action::Supervise => RequestAction::Supervise,
        }
    }
}
