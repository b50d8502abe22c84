//! Rules of service items and orders (一老一小 services) that need no database: who is
//! eligible for an item, and how an order moves through its lifecycle. The tables,
//! mutations and provider visibility build on these (not yet written).

pub mod eligibility;
pub mod lifecycle;
