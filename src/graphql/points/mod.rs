//! Volunteer points (志愿积分) in the API: the `Volunteer` account with its `ledger`,
//! the rewards catalogue, redemption orders, adjustments awaiting a second approver,
//! reconciliation, and the mutations that move points.

mod enums;
mod filters;
mod honours;
mod mutations;
mod nodes;
mod queries;

pub use honours::{Honour, HonoursMutation, HonoursQuery};
pub use mutations::PointsMutation;
pub use nodes::{PointsAdjustment, PointsEntry, RedemptionOrder, Reward, Volunteer};
pub use queries::PointsQuery;
