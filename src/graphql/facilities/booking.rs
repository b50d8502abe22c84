//! The `FacilityBooking` node and `OpeningPeriod`, one period of a facility's hours.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::{facility_booking, facility_opening_period};

use super::Facility;
use super::enums::BookingStatus;
use super::filters::{BookingFilter, BookingOrder, NoFilter, OpeningPeriodOrder};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::resolve::by_id;

/// A booking of a facility for a time range.
#[derive(Clone)]
pub struct FacilityBooking(pub facility_booking::Model);
resource!(
    FacilityBooking,
    facility_booking,
    BookingOrder,
    BookingFilter
);

#[Object]
impl FacilityBooking {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::FacilityBooking, self.0.id)
    }
    /// Changes with every change of the booking (cancellation).
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The facility booked; null when out of the viewer's sight.
    async fn facility(&self, ctx: &Context<'_>) -> AppResult<Option<Facility>> {
        by_id(ctx, self.0.facility_id).await
    }
    /// Global id of the user who booked.
    async fn booked_by_id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.booked_by_user_id)
    }
    /// When the booking begins.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }
    /// When it ends (exclusive: another booking may start then).
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }
    /// What the facility is booked for.
    async fn purpose(&self) -> &str {
        &self.0.purpose
    }
    async fn status(&self) -> BookingStatus {
        self.0.status.into()
    }
    /// When it was booked.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was cancelled, if it was.
    async fn cancelled_at(&self) -> Option<DateTime<Utc>> {
        self.0.cancelled_at
    }
}

/// One opening period of a facility on one weekday, in local time (Asia/Shanghai).
#[derive(Clone)]
pub struct OpeningPeriod(pub facility_opening_period::Model);
resource!(
    OpeningPeriod,
    facility_opening_period,
    OpeningPeriodOrder,
    NoFilter
);

#[Object]
impl OpeningPeriod {
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    async fn weekday(&self) -> i32 {
        self.0.weekday
    }
    /// Opening time, `HH:MM`.
    async fn opens_at(&self) -> String {
        hhmm(self.0.opens_at)
    }
    /// Closing time, `HH:MM` (`24:00` for midnight).
    async fn closes_at(&self) -> String {
        hhmm(self.0.closes_at)
    }
}

/// `570` → `09:30`.
pub fn hhmm(minutes: i32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
