//! Facilities (阵地) in the API: the `Facility` node, the `facilities` list with its
//! filter, and `facilitiesNear`, the 15-minute living circle (15分钟生活圈) of a building;
//! opening hours and bookings (`bookFacility`, `cancelBooking`, `bookings`).

mod booking;
mod coverage;
mod enums;
mod facility;
mod filters;
mod inputs;
mod mutations;
mod queries;

pub use booking::{FacilityBooking, OpeningPeriod};
pub use facility::Facility;
pub use mutations::FacilitiesMutation;
pub use queries::FacilitiesQuery;
