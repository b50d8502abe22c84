//! Rules of service items and orders (一老一小 services) that need no database: who is
//! eligible for an item, and how an order moves through its lifecycle. The tables,
//! mutations and provider visibility build on these (`service::services`,
//! `access::service_actions`).

pub mod catalogue;
pub mod eligibility;
pub mod lifecycle;
pub mod schedule;
pub mod stored;
