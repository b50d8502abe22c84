//! The territory graph: district → street → community → grid → building → unit →
//! household → resident, with root look-ups and lists, and relations both ways.

mod areas;
mod counters;
mod enums;
mod filters;
mod orders;
mod people;
mod places;
mod queries;
mod resident_filter;
mod with_children;

pub use areas::{Community, District, Street};
pub use enums::Gender;
pub(crate) use filters::under_area;
pub use filters::{
    BuildingFilter, CommunityFilter, DistrictFilter, GridFilter, HouseholdFilter, StreetFilter,
};
pub use people::{Household, Resident};
pub use places::{Building, Grid, Unit};
pub use queries::TerritoryQuery;
pub use resident_filter::ResidentFilter;
