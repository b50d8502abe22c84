//! The ledger's enums as the API shows them.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// What an entry of the ledger records.
    EntryKind = entity::points_enums::EntryKind {
        /// Points for a verified participation.
        Earn,
        /// Points set aside for a redemption order.
        Hold,
        /// Held points spent: the order was fulfilled.
        Redeem,
        /// Held points given back: the order was cancelled.
        Release,
        /// A correction with a reason, proposed by one keeper and approved by another.
        Adjust,
        /// Points past their validity.
        Expire,
        /// The undoing of an earlier EARN or ADJUST entry.
        Reversal,
    }
}

mirror_enum! {
    /// Where a redemption order stands.
    OrderStatus = entity::points_enums::OrderStatus {
        /// Points held, one unit of stock taken.
        Held,
        /// Handed over; the held points are spent.
        Fulfilled,
        /// Called off; points and stock given back.
        Cancelled,
    }
}

mirror_enum! {
    /// Where a proposed adjustment stands.
    AdjustmentStatus = entity::points_enums::AdjustmentStatus {
        /// Waiting for a second keeper.
        Pending,
        /// Approved and posted.
        Approved,
        /// Turned down.
        Rejected,
    }
}
