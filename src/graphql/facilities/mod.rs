//! Facilities (阵地) in the API: the `Facility` node, the `facilities` list with its
//! filter, and `facilitiesNear`, the 15-minute living circle (15分钟生活圈) of a building.

mod enums;
mod facility;
mod filters;
mod queries;

pub use facility::Facility;
pub use queries::FacilitiesQuery;
