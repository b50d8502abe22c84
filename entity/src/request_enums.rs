//! Enumerations of residents' requests, stored as short strings like the others.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum,
            Serialize, Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
        pub enum $name {
            $($(#[$vmeta])* #[sea_orm(string_value = $value)] $variant,)+
        }
    };
}

stored_enum! {
    /// Where a request came in.
    Channel {
        /// The 12345 government hotline, with its own order id.
        Hotline12345 = "HOTLINE_12345",
        MiniProgram = "MINI_PROGRAM",
        WechatGroup = "WECHAT_GROUP",
        /// Raised by a grid worker on a visit (走访).
        GridVisit = "GRID_VISIT",
        WalkIn = "WALK_IN",
        ThirdPartyApp = "THIRD_PARTY_APP",
    }
}

stored_enum! {
    /// Where a request stands in its lifecycle.
    RequestStatus {
        Submitted = "SUBMITTED",
        Accepted = "ACCEPTED",
        Rejected = "REJECTED",
        Merged = "MERGED",
        Assigned = "ASSIGNED",
        Signed = "SIGNED",
        InProgress = "IN_PROGRESS",
        Resolved = "RESOLVED",
        Verifying = "VERIFYING",
        AwaitingEvaluation = "AWAITING_EVALUATION",
        /// Paused (挂起) on an approved extension request; its deadline does not run.
        Suspended = "SUSPENDED",
        ClosedResolved = "CLOSED_RESOLVED",
        ClosedUnresolved = "CLOSED_UNRESOLVED",
    }
}

stored_enum! {
    /// The level that handles a request, lowest first (the derived order is the ladder).
    HandlingLevel {
        Building = "BUILDING",
        Grid = "GRID",
        Community = "COMMUNITY",
        Street = "STREET",
        District = "DISTRICT",
    }
}

stored_enum! {
    /// How soon a request needs an answer.
    Urgency {
        Normal = "NORMAL",
        Urgent = "URGENT",
        Emergency = "EMERGENCY",
    }
}

stored_enum! {
    /// What the limits of an SLA policy count.
    LimitUnit {
        /// Hours around the clock.
        Hours = "HOURS",
        /// Working days (Monday to Friday, holidays skipped, make-up days worked).
        WorkingDays = "WORKING_DAYS",
    }
}

stored_enum! {
    /// A reporter's evaluation of how a request was handled.
    Satisfaction {
        Satisfied = "SATISFIED",
        BasicallySatisfied = "BASICALLY_SATISFIED",
        Dissatisfied = "DISSATISFIED",
        /// No evaluation came in time; never counted as satisfied.
        NotEvaluated = "NOT_EVALUATED",
    }
}

stored_enum! {
    /// A supervision card (督办) by street or district staff: YELLOW urges, RED demands.
    SupervisionCard {
        Yellow = "YELLOW",
        Red = "RED",
    }
}

stored_enum! {
    /// What an extension request asks for: more time, or a pause until a date.
    ExtensionKind {
        Extend = "EXTEND",
        Suspend = "SUSPEND",
    }
}

stored_enum! {
    /// Where an extension request stands.
    ExtensionStatus {
        Pending = "PENDING",
        Approved = "APPROVED",
        Rejected = "REJECTED",
    }
}
