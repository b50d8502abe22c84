//! The `Facility` node and one entry of a building's living circle.

use async_graphql::{Context, ID, Object, SimpleObject};

use entity::{facility, facility_booking, facility_opening_period};

use super::booking::{FacilityBooking, OpeningPeriod};
use super::enums::{FacilityStatus, FacilityType};
use super::filters::{BookingFilter, BookingOrder, FacilityFilter, FacilityOrder};
use crate::error::AppResult;
use crate::graphql::ids;
use crate::graphql::macros::resource;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::children;

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
    /// Changes with every change of the facility (its opening hours included).
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When it is open, by weekday and time (local time); bookings fit inside.
    async fn opening_hours(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<Connection<OpeningPeriod>> {
        let args = PageArgs {
            first,
            after,
            last: None,
            before: None,
        };
        let via = facility_opening_period::Column::FacilityId;
        children(ctx, via, self.0.id, args, None, None).await
    }
    /// Its bookings the viewer may see (staff over it: all; others: their own).
    #[allow(clippy::too_many_arguments)]
    async fn bookings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<BookingFilter>,
        order_by: Option<BookingOrder>,
    ) -> AppResult<Connection<FacilityBooking>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        let via = facility_booking::Column::FacilityId;
        children(ctx, via, self.0.id, args, order_by, filter).await
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
