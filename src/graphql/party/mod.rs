//! Party building (党建): party organisations as a tree, scoped by the area each serves.

mod organization;

pub use organization::{PartyOrganization, PartyQuery};
