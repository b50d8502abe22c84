//! The facility mutations: each decodes its input and makes one call into
//! `service::facilities`, which runs the change as one idempotent, audited transaction.

use async_graphql::{Context, Object};

use super::booking::FacilityBooking;
use super::inputs::*;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::facilities::{booking, hours};

/// The most opening periods one facility has.
const MAX_PERIODS: usize = 50;

#[derive(Default)]
pub struct FacilitiesMutation;

#[Object]
impl FacilitiesMutation {
    /// Books a facility for a time range inside its opening hours; CONFLICT when any
    /// part of the range is booked already (also when two ask at once for the last
    /// free slot: one of them wins).
    async fn book_facility(
        &self,
        ctx: &Context<'_>,
        input: BookFacilityInput,
    ) -> AppResult<BookingPayload> {
        let new = input.into_new()?;
        let row = booking::book(&change(ctx)?, new).await?;
        Ok(BookingPayload {
            booking: FacilityBooking(row),
        })
    }
    /// Cancels a booking before it begins: its booker, the facility's manager or the
    /// staff over its area.
    async fn cancel_booking(
        &self,
        ctx: &Context<'_>,
        input: CancelBookingInput,
    ) -> AppResult<BookingPayload> {
        let id = ids::decode_as(&input.booking_id, NodeKind::FacilityBooking)?;
        let row = booking::cancel(&change(ctx)?, id, input.version).await?;
        Ok(BookingPayload {
            booking: FacilityBooking(row),
        })
    }
    /// Replaces a facility's opening hours (its manager or the staff over its area);
    /// overlapping periods on one weekday are BAD_USER_INPUT.
    async fn set_facility_opening_hours(
        &self,
        ctx: &Context<'_>,
        input: SetFacilityOpeningHoursInput,
    ) -> AppResult<SetFacilityOpeningHoursPayload> {
        if input.periods.len() > MAX_PERIODS {
            return Err(AppError::bad_input(format!(
                "at most {MAX_PERIODS} opening periods"
            )));
        }
        let id = ids::decode_as(&input.facility_id, NodeKind::Facility)?;
        let periods = input
            .periods
            .iter()
            .map(OpeningPeriodInput::parse)
            .collect::<AppResult<_>>()?;
        Ok(hours::set(&change(ctx)?, id, input.version, periods)
            .await?
            .into())
    }
}
