//! Input objects and payloads of the facility mutations.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, Utc};

use super::booking::{FacilityBooking, OpeningPeriod};
use super::facility::Facility;
use crate::domain::facilities::opening_hours;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::service::facilities::booking::NewBooking;
use crate::service::facilities::hours::Hours;

/// A booking of a facility.
#[derive(InputObject)]
pub struct BookFacilityInput {
    pub facility_id: ID,
    /// Within one of the facility's opening periods, on one local day, in the next 90
    /// days, on whole minutes.
    pub starts_at: DateTime<Utc>,
    /// Exclusive: another booking may start at this instant.
    pub ends_at: DateTime<Utc>,
    /// What for, 1 to 200 characters.
    pub purpose: String,
    /// The facility's `version` as read; CONFLICT when it has changed since.
    pub version: Option<i32>,
}

impl BookFacilityInput {
    pub fn into_new(self) -> AppResult<NewBooking> {
        Ok(NewBooking {
            facility_id: ids::decode_as(&self.facility_id, NodeKind::Facility)?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            purpose: self.purpose,
            facility_version: self.version,
        })
    }
}

/// The cancellation of a booking before it begins.
#[derive(InputObject)]
pub struct CancelBookingInput {
    pub booking_id: ID,
    /// The booking's `version` as read.
    pub version: i32,
}

/// The whole opening hours of a facility, replacing what it had.
#[derive(InputObject)]
pub struct SetFacilityOpeningHoursInput {
    pub facility_id: ID,
    /// The facility's `version` as read.
    pub version: i32,
    /// Every period (at most 50); none overlapping on one weekday.
    pub periods: Vec<OpeningPeriodInput>,
}

/// One period on one weekday, local time (Asia/Shanghai).
#[derive(InputObject)]
pub struct OpeningPeriodInput {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i32,
    /// `HH:MM`.
    pub opens_at: String,
    /// `HH:MM`, after `opensAt`; `24:00` for midnight.
    pub closes_at: String,
}

impl OpeningPeriodInput {
    pub fn parse(&self) -> AppResult<opening_hours::OpeningPeriod> {
        let weekday = u8::try_from(self.weekday)
            .map_err(|_| AppError::bad_input("`weekday` must be 1 (Monday) to 7"))?;
        Ok(opening_hours::OpeningPeriod {
            weekday,
            opens_at: minutes(&self.opens_at)?,
            closes_at: minutes(&self.closes_at)?,
        })
    }
}

/// `09:30` → 570; up to `24:00`.
fn minutes(text: &str) -> AppResult<u16> {
    let bad = || AppError::bad_input(format!("`{text}` is not a time HH:MM"));
    let (hours, minutes) = text.split_once(':').ok_or_else(bad)?;
    if hours.len() != 2 || minutes.len() != 2 {
        return Err(bad());
    }
    let hours: u16 = hours.parse().map_err(|_| bad())?;
    let minutes: u16 = minutes.parse().map_err(|_| bad())?;
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
        return Err(bad());
    }
    Ok(hours * 60 + minutes)
}

/// The booking as written or changed.
#[derive(SimpleObject)]
pub struct BookingPayload {
    pub booking: FacilityBooking,
}

/// The facility with its new hours.
#[derive(SimpleObject)]
pub struct SetFacilityOpeningHoursPayload {
    /// The facility, its version bumped.
    pub facility: Facility,
    /// Its periods by weekday and time.
    pub periods: Vec<OpeningPeriod>,
}

impl From<Hours> for SetFacilityOpeningHoursPayload {
    fn from(hours: Hours) -> Self {
        SetFacilityOpeningHoursPayload {
            facility: Facility(hours.facility),
            periods: hours.periods.into_iter().map(OpeningPeriod).collect(),
        }
    }
}
