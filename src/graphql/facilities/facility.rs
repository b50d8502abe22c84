//! The `Facility` node and one entry of a building's living circle.

use async_graphql::{ID, Object, SimpleObject};

use entity::facility;

use super::enums::{FacilityStatus, FacilityType};
use super::filters::{FacilityFilter, FacilityOrder};
use crate::graphql::ids;
use crate::graphql::macros::resource;

/// A facility (阵地): a place where the community serves its residents.
#[derive(Clone)]
pub struct Facility(pub facility::Model);
resource!(Facility, facility, FacilityOrder, FacilityFilter);

#[Object]
impl Facility {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(ids::NodeKind::Facility, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What it is for.
    async fn facility_type(&self) -> FacilityType {
        self.0.facility_type.into()
    }
    async fn address(&self) -> &str {
        &self.0.address
    }
    /// Latitude in WGS-84 degrees.
    async fn latitude(&self) -> f64 {
        self.0.latitude
    }
    /// Longitude in WGS-84 degrees.
    async fn longitude(&self) -> f64 {
        self.0.longitude
    }
    /// People it holds at once.
    async fn capacity(&self) -> i32 {
        self.0.capacity
    }
    async fn status(&self) -> FacilityStatus {
        self.0.status.into()
    }
}

/// A facility within walking reach of a building, with the estimate.
#[derive(SimpleObject)]
pub struct NearbyFacility {
    pub facility: Facility,
    /// Great-circle distance from the building, in metres (rounded).
    pub straight_line_metres: i32,
    /// Estimated walk in minutes (one decimal): the straight line × the detour factor ÷
    /// the walking pace.
    pub walking_minutes: f64,
}
