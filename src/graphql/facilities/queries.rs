//! Root fields of facilities.

use async_graphql::{Context, ID, Object};

use super::booking::FacilityBooking;
use super::coverage::{self, FacilityCoverage};
use super::enums::FacilityType;
use super::facility::{Facility, NearbyFacility};
use super::filters::{BookingFilter, BookingOrder, FacilityFilter, FacilityOrder};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{by_id, list, lookup};
use crate::graphql::territory::Building;
use crate::service::facilities::near;

#[derive(Default)]
pub struct FacilitiesQuery;

#[Object]
impl FacilitiesQuery {
    /// A facility by id; NOT_FOUND when it does not exist or is out of scope.
    async fn facility(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Facility>> {
        lookup(ctx, &id).await
    }
    /// The facilities the viewer may see (those of its areas and of the areas above).
    async fn facilities(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<FacilityFilter>,
        order_by: Option<FacilityOrder>,
    ) -> AppResult<Connection<Facility>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A booking by id; NOT_FOUND when it does not exist or is out of scope.
    async fn facility_booking(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> AppResult<Option<FacilityBooking>> {
        lookup(ctx, &id).await
    }
    /// The bookings the viewer may see: all bookings of the facilities it runs, and its
    /// own.
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
        list(ctx, args, order_by, filter).await
    }
    /// The open facilities the viewer may see within `minutes` (1 to 60, default 15) of
    /// estimated walk from a building, nearest first: the 15-minute living circle.
    async fn facilities_near(
        &self,
        ctx: &Context<'_>,
        building_id: ID,
        minutes: Option<i32>,
        types: Option<Vec<FacilityType>>,
    ) -> AppResult<Vec<NearbyFacility>> {
        let request = RequestContext::signed_in(ctx)?;
        let minutes = minutes.unwrap_or(15);
        if !(1..=60).contains(&minutes) {
            return Err(AppError::bad_input("`minutes` must be from 1 to 60"));
        }
        let id = ids::decode_as(&building_id, NodeKind::Building)?;
        let building = by_id::<Building>(ctx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let types = types.map(|types| types.into_iter().map(Into::into).collect());
        let found = near::facilities_near(request, &building.0, f64::from(minutes), types).await?;
        Ok(found
            .into_iter()
            .map(|near| NearbyFacility {
                facility: Facility(near.facility),
                straight_line_metres: near.straight_line_metres.round() as i32,
                walking_minutes: (near.walking_minutes * 10.0).round() / 10.0,
            })
            .collect())
    }
    /// The share of an area's households within `minutes` (1 to 60, default 15) of
    /// estimated walk of each facility type (default: the essential ones — party-mass
    /// service centres, minors' activity rooms, civilisation practice stations, elderly
    /// canteens), over the open facilities the viewer sees.
    async fn facility_coverage(
        &self,
        ctx: &Context<'_>,
        area_id: ID,
        minutes: Option<i32>,
        types: Option<Vec<FacilityType>>,
    ) -> AppResult<FacilityCoverage> {
        coverage::coverage(ctx, &area_id, minutes, types).await
    }
}
