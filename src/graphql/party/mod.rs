//! Party building (党建): party organisations as a tree, scoped by the area each serves;
//! party members (personal information, masked) with their registration and transfers;
//! and the organisations of a grid and a community (`grid.partyBranch`,
//! `community.partyCommittee`).

mod coverage;
mod dual_report;
mod dual_report_mutations;
mod liaison;
mod liaison_mutations;
mod linkage;
mod linkage_mutations;
mod member;
mod member_mutations;
mod organization;
mod places;
mod transfer;

pub use coverage::CoverageQuery;
pub use dual_report::{DualReport, DualReportQuery};
pub use dual_report_mutations::DualReportMutation;
pub use liaison::{LiaisonHousehold, liaison_member};
pub use liaison_mutations::LiaisonMutation;
pub use linkage::{LinkageMeeting, LinkageQuery};
pub use linkage_mutations::LinkageMutation;
pub use member::PartyMember;
pub use member_mutations::PartyMutation;
pub use organization::{PartyOrganization, PartyQuery};
pub use places::{party_branch, party_committee};
pub use transfer::PartyMemberTransfer;
