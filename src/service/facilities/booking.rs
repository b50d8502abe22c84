//! `bookFacility` and `cancelBooking`. A booking is written only after the facility
//! row is locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's single writer holds
//! the whole transaction), so the overlap check and the insert cannot interleave with
//! another booking of the same facility: of two requests for the last slot one wins,
//! the other is CONFLICT.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
};

use entity::facility;
use entity::facility_booking::{self as booking, BookingStatus};

use super::hours::{periods_of, visible_facility};
use crate::access::audit::AuditEntry;
use crate::access::{self, booking_actions};
use crate::domain::facilities::booking as rules;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A booking as asked for.
#[derive(Clone, Debug)]
pub struct NewBooking {
    pub facility_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub purpose: String,
    /// The facility's version as the booker read it; CONFLICT when it changed since.
    pub facility_version: Option<i32>,
}

/// Books a facility; see the module documentation.
pub async fn book(change: &Change<'_>, input: NewBooking) -> AppResult<booking::Model> {
    let booker = booking_actions::booker(change.viewer)
        .ok_or_else(|| AppError::Forbidden("facilities are booked by people".to_owned()))?;
    change
        .run("bookFacility", "facility_booking", async |txn| {
            visible_facility(change, txn, input.facility_id).await?;
            let facility = lock(txn, input.facility_id).await?;
            if input
                .facility_version
                .is_some_and(|version| version != facility.version)
            {
                return Err(versioned::stale());
            }
            if facility.status != facility::FacilityStatus::Open {
                return Err(AppError::Conflict("the facility is closed".to_owned()));
            }
            let periods = periods_of(txn, facility.id).await?;
            let slot = rules::validate(
                input.starts_at,
                input.ends_at,
                &input.purpose,
                &periods,
                change.now,
            )
            .map_err(AppError::BadUserInput)?;
            if taken(txn, facility.id, &slot).await? {
                return Err(AppError::Conflict(
                    "the facility is already booked for part of that time".to_owned(),
                ));
            }
            let row = booking::ActiveModel {
                facility_id: Set(facility.id),
                booked_by_user_id: Set(booker),
                area_path: Set(facility.area_path.clone()),
                starts_at: Set(slot.starts_at),
                ends_at: Set(slot.ends_at),
                purpose: Set(slot.purpose),
                status: Set(BookingStatus::Booked),
                created_at: Set(change.now),
                cancelled_at: Set(None),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            audit(change, txn, "bookFacility", &row).await?;
            Ok(row)
        })
        .await
}

/// Cancels booking `id`, last read at `version`, before it starts.
pub async fn cancel(change: &Change<'_>, id: i32, version: i32) -> AppResult<booking::Model> {
    change
        .run("cancelBooking", "facility_booking", async |txn| {
            let row = access::visible::<booking::Entity>(change.viewer)
                .filter(booking::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let facility = facility::Entity::find_by_id(row.facility_id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let manages = booking_actions::may_manage(
                change.viewer,
                &facility.area_path,
                facility.manager_user_id,
            );
            if !booking_actions::may_cancel(change.viewer, row.booked_by_user_id, manages) {
                return Err(AppError::Forbidden(
                    "a booking is cancelled by its booker or the facility's staff".to_owned(),
                ));
            }
            if row.status == BookingStatus::Cancelled {
                return Err(AppError::Conflict(
                    "the booking is cancelled already".to_owned(),
                ));
            }
            if row.starts_at <= change.now {
                return Err(AppError::Conflict("the booking has begun".to_owned()));
            }
            let changes = booking::ActiveModel {
                status: Set(BookingStatus::Cancelled),
                cancelled_at: Set(Some(change.now)),
                ..Default::default()
            };
            use booking::Column;
            versioned::update(txn, changes, Column::Id, id, Column::Version, version).await?;
            let row = booking::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            audit(change, txn, "cancelBooking", &row).await?;
            Ok(row)
        })
        .await
}

/// The facility row, locked until the transaction ends.
async fn lock(txn: &DatabaseTransaction, id: i32) -> AppResult<facility::Model> {
    let mut query = facility::Entity::find_by_id(id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    query.one(txn).await?.ok_or(AppError::NotFound)
}

/// Whether a live booking of the facility overlaps `slot`.
async fn taken(
    txn: &DatabaseTransaction,
    facility: i32,
    slot: &rules::ValidSlot,
) -> AppResult<bool> {
    use booking::Column;
    let clashes = booking::Entity::find()
        .filter(Column::FacilityId.eq(facility))
        .filter(Column::Status.eq(BookingStatus::Booked))
        .filter(Column::StartsAt.lt(slot.ends_at))
        .filter(Column::EndsAt.gt(slot.starts_at))
        .count(txn)
        .await?;
    Ok(clashes > 0)
}

async fn audit(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    action: &'static str,
    row: &booking::Model,
) -> AppResult<()> {
    let entry = AuditEntry {
        action,
        entity: Some("facility_booking"),
        entity_id: Some(row.id),
        fields: Some("startsAt,endsAt,status".to_owned()),
        area_path: Some(row.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await
}
