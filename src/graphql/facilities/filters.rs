//! The `facilities` filter and order.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use chrono::{DateTime, Utc};

use entity::{facility, facility_booking};

use super::enums::{BookingStatus, FacilityStatus, FacilityType};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which facilities to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FacilityFilter {
    /// Only facilities registered anywhere under this area.
    pub area_id: Option<ID>,
    /// Only facilities of one of these types.
    pub types: Option<Vec<FacilityType>>,
    /// Only facilities in this status.
    pub status: Option<FacilityStatus>,
}

impl FacilityFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use facility::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(types) = &self.types {
            let types = types.iter().map(|kind| facility::FacilityType::from(*kind));
            condition = condition.add(Column::FacilityType.is_in(types));
        }
        if let Some(status) = self.status {
            condition = condition.add(Column::Status.eq(facility::FacilityStatus::from(status)));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order facilities: by registration (ids grow with it), or by name.
    FacilityOrder for facility {
        /// By name, A to Z.
        NameAsc => (Name, false),
    }
}

/// Which bookings to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BookingFilter {
    /// Only bookings of this facility.
    pub facility_id: Option<ID>,
    /// Only bookings of facilities registered anywhere under this area.
    pub area_id: Option<ID>,
    /// Only bookings that end after this time.
    pub from: Option<DateTime<Utc>>,
    /// Only bookings that start before this time.
    pub to: Option<DateTime<Utc>>,
    /// Only bookings in this status.
    pub status: Option<BookingStatus>,
}

impl BookingFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use facility_booking::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(facility) = &self.facility_id {
            let facility = ids::decode_as(facility, NodeKind::Facility)?;
            condition = condition.add(Column::FacilityId.eq(facility));
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from >= to
        {
            return Err(AppError::bad_input("`from` must be before `to`"));
        }
        if let Some(from) = self.from {
            condition = condition.add(Column::EndsAt.gt(from));
        }
        if let Some(to) = self.to {
            condition = condition.add(Column::StartsAt.lt(to));
        }
        if let Some(status) = self.status {
            let status = facility_booking::BookingStatus::from(status);
            condition = condition.add(Column::Status.eq(status));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order bookings: as made (ids grow with it), or by when they start.
    BookingOrder for facility_booking {
        /// Earliest start first.
        StartsAtAsc => (StartsAt, false),
        /// Latest start first.
        StartsAtDesc => (StartsAt, true),
    }
}

order_enum! {
    /// Opening periods in the order they were set: by weekday, then time.
    OpeningPeriodOrder for facility_opening_period {}
}

/// Opening periods take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}
