//! `setFacilityOpeningHours`: replaces a facility's opening periods as a whole, after
//! checking them together (no overlaps), as a versioned change of the facility.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::{facility, facility_opening_period as period};

use crate::access::audit::AuditEntry;
use crate::access::{self, booking_actions};
use crate::domain::facilities::opening_hours::{self, HoursError, OpeningPeriod};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// The facility after the change, and its periods in order.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Hours {
    pub facility: facility::Model,
    pub periods: Vec<period::Model>,
}

/// Replaces the opening hours of facility `id`, last read at `version`.
pub async fn set(
    change: &Change<'_>,
    id: i32,
    version: i32,
    periods: Vec<OpeningPeriod>,
) -> AppResult<Hours> {
    let periods =
        opening_hours::validate(periods).map_err(|err| AppError::bad_input(explain(err)))?;
    change
        .run("setFacilityOpeningHours", "facility", async |txn| {
            let facility = visible_facility(change, txn, id).await?;
            if !booking_actions::may_manage(
                change.viewer,
                &facility.area_path,
                facility.manager_user_id,
            ) {
                return Err(AppError::Forbidden(
                    "only the facility's manager and the staff over its area set its hours"
                        .to_owned(),
                ));
            }
            let bump = facility::ActiveModel {
                updated_at: Set(change.now),
                ..Default::default()
            };
            use facility::Column;
            versioned::update(txn, bump, Column::Id, id, Column::Version, version).await?;
            let written = replace(txn, &facility, &periods).await?;
            let entry = AuditEntry {
                action: "setFacilityOpeningHours",
                entity: Some("facility"),
                entity_id: Some(id),
                fields: Some("openingHours".to_owned()),
                area_path: Some(facility.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            let facility = facility::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(Hours {
                facility,
                periods: written,
            })
        })
        .await
}

/// The facility `id` if the viewer sees it; NOT_FOUND otherwise.
pub async fn visible_facility(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
) -> AppResult<facility::Model> {
    access::visible::<facility::Entity>(change.viewer)
        .filter(facility::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// The stored periods of a facility, as the booking rules take them.
pub async fn periods_of(txn: &DatabaseTransaction, facility: i32) -> AppResult<Vec<OpeningPeriod>> {
    let rows = period::Entity::find()
        .filter(period::Column::FacilityId.eq(facility))
        .all(txn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| OpeningPeriod {
            weekday: row.weekday as u8,
            opens_at: row.opens_at as u16,
            closes_at: row.closes_at as u16,
        })
        .collect())
}

async fn replace(
    txn: &DatabaseTransaction,
    facility: &facility::Model,
    periods: &[OpeningPeriod],
) -> AppResult<Vec<period::Model>> {
    period::Entity::delete_many()
        .filter(period::Column::FacilityId.eq(facility.id))
        .exec(txn)
        .await?;
    let mut written = Vec::with_capacity(periods.len());
    for each in periods {
        let row = period::ActiveModel {
            facility_id: Set(facility.id),
            area_path: Set(facility.area_path.clone()),
            weekday: Set(i32::from(each.weekday)),
            opens_at: Set(i32::from(each.opens_at)),
            closes_at: Set(i32::from(each.closes_at)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        written.push(row);
    }
    Ok(written)
}

fn explain(err: HoursError) -> String {
    let hhmm = |minutes: u16| format!("{:02}:{:02}", minutes / 60, minutes % 60);
    match err {
        HoursError::WeekdayOutOfRange(day) => format!("weekday {day} is not 1 (Monday) to 7"),
        HoursError::EmptyOrInverted(p) => format!(
            "a period on weekday {} must open before it closes, by 24:00 ({}–{})",
            p.weekday,
            hhmm(p.opens_at),
            hhmm(p.closes_at)
        ),
        HoursError::Overlap(a, b) => format!(
            "periods overlap on weekday {}: {}–{} and {}–{}",
            a.weekday,
            hhmm(a.opens_at),
            hhmm(a.closes_at),
            hhmm(b.opens_at),
            hhmm(b.closes_at)
        ),
    }
}
