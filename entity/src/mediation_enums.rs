//! Enumerations of mediation cases, stored as short strings.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum,
            Serialize, Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
        pub enum $name {
            $($(#[$vmeta])* #[sea_orm(string_value = $value)] $variant,)+
        }
    };
}

stored_enum! {
    /// What the dispute is about.
    DisputeCategory {
        Neighbour = "NEIGHBOUR",
        Family = "FAMILY",
        Property = "PROPERTY",
        Labour = "LABOUR",
        Other = "OTHER",
    }
}

stored_enum! {
    /// Where a case stands.
    CaseStatus {
        Open = "OPEN",
        InMediation = "IN_MEDIATION",
        Agreed = "AGREED",
        FollowedUp = "FOLLOWED_UP",
        Closed = "CLOSED",
    }
}

stored_enum! {
    /// How a case ended.
    CaseOutcome {
        Resolved = "RESOLVED",
        Partial = "PARTIAL",
        Failed = "FAILED",
        Referred = "REFERRED",
    }
}
