//! Co-building (共驻共建) in the API: co-building units and their alliance memberships,
//! the three lists (三张清单) — `NeedItem`, `ResourceItem`, `Project` with its
//! `Milestone`s — with their connections and filters, `matchingNeeds`, and the
//! mutations that register, publish, claim, offer, plan and settle.

mod alliance_inputs;
mod enums;
mod filters;
mod inputs;
mod lists;
mod mutations;
mod project;
mod queries;
mod unit;

pub use filters::NeedOrder;
pub use lists::{NeedItem, ResourceItem};
pub use mutations::CoBuildMutation;
pub use project::{Milestone, Project, ProjectResource};
pub use queries::{CoBuildQuery, community_open_needs};
pub use unit::{AllianceMembership, CoBuildingUnit};
