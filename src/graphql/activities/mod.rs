//! Activities (活动) in the API: the `Activity` node with its `participants`, the root
//! list, and the mutations from scheduling to verified hours (which earn points).

mod mutations;
mod nodes;

pub use mutations::ActivitiesMutation;
pub use nodes::{ActivitiesQuery, Activity, ActivityParticipation};
