//! Grid workers' visits (走访记录) in the API: the `Visit`, `VisitFinding` and
//! `HouseholdVisit` types, the `visits` list with its filters, `household.visits`, and
//! the `recordVisit` / `openRequestFromFinding` mutations.

mod enums;
mod filters;
mod finding;
mod inputs;
mod mutations;
mod queries;
mod visit;

pub use enums::Duty;
pub use filters::HouseholdVisitOrder;
pub use finding::VisitFinding;
pub use mutations::VisitsMutation;
pub use queries::{VisitsQuery, household_visits};
pub use visit::{HouseholdVisit, Visit};
