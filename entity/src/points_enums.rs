//! Enumerations of the volunteer points ledger, stored as short strings.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize,
            Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
        pub enum $name {
            $($(#[$vmeta])* #[sea_orm(string_value = $value)] $variant,)+
        }
    };
}

stored_enum! {
    /// What an entry of the ledger records.
    EntryKind {
        /// Points for a verified participation (hours given).
        Earn = "EARN",
        /// Points set aside for a redemption order.
        Hold = "HOLD",
        /// Held points spent: the order was fulfilled.
        Redeem = "REDEEM",
        /// Held points given back: the order was cancelled.
        Release = "RELEASE",
        /// A correction, with a reason and a second approver.
        Adjust = "ADJUST",
        /// Points past their validity.
        Expire = "EXPIRE",
        /// The undoing of an earlier entry.
        Reversal = "REVERSAL",
    }
}

stored_enum! {
    /// Where a redemption order stands.
    OrderStatus {
        Held = "HELD",
        Fulfilled = "FULFILLED",
        Cancelled = "CANCELLED",
    }
}

stored_enum! {
    /// Where a proposed adjustment stands.
    AdjustmentStatus {
        Pending = "PENDING",
        Approved = "APPROVED",
        Rejected = "REJECTED",
    }
}
