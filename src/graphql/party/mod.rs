//! Party building (党建): party organisations as a tree, scoped by the area each serves;
//! party members (personal information, masked) with their registration and transfers;
//! and the organisations of a grid and a community (`grid.partyBranch`,
//! `community.partyCommittee`).

mod member;
mod member_mutations;
mod organization;
mod places;

pub use member::PartyMember;
pub use member_mutations::PartyMutation;
pub use organization::{PartyOrganization, PartyQuery};
pub use places::{party_branch, party_committee};
