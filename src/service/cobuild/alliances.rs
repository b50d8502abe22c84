//! The life of an alliance membership after `joinAlliance`: `leaveAlliance` ends it on
//! a day (the row stays, with its `leftOn`, as the unit's history), and a unit that
//! left may join the same alliance again as a new membership, provided the spans do
//! not overlap. Joins of one unit are serialised by a lock on the unit's row
//! (PostgreSQL; SQLite's changes hold the write lock from BEGIN), and the database
//! keeps one open-ended membership per unit and area whatever happens.

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, NotSet,
    QueryFilter, QuerySelect, Set,
};

use entity::{alliance_membership, co_building_unit};

use super::{audit, visible_row};
use crate::access::cobuild_actions;
use crate::domain::cobuild::lists::{self, Leaving};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A membership to end.
#[derive(Clone, Debug)]
pub struct Departure {
    pub membership_id: i32,
    pub version: i32,
    /// The last day of membership; today (Asia/Shanghai) when absent.
    pub left_on: Option<NaiveDate>,
}

/// Locks the unit `id` for the rest of the transaction (PostgreSQL).
pub async fn lock_unit(txn: &DatabaseTransaction, id: i32) -> AppResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        co_building_unit::Entity::find_by_id(id)
            .lock_exclusive()
            .one(txn)
            .await?;
    }
    Ok(())
}

/// CONFLICT when `unit` has a membership of the area (`kind`, `id`) sharing a day with
/// `span`.
pub async fn refuse_overlap(
    db: &impl ConnectionTrait,
    unit: i32,
    area: (&str, i32),
    span: (NaiveDate, Option<NaiveDate>),
) -> AppResult<()> {
    use alliance_membership::Column;
    let earlier = alliance_membership::Entity::find()
        .filter(Column::UnitId.eq(unit))
        .filter(Column::AreaKind.eq(area.0))
        .filter(Column::AreaId.eq(area.1))
        .all(db)
        .await?;
    if earlier
        .iter()
        .any(|row| lists::spans_overlap((row.joined_on, row.left_on), span))
    {
        return Err(AppError::Conflict(
            "the unit is a member of this alliance in that time already".into(),
        ));
    }
    Ok(())
}

/// Ends a membership on its `left_on` at the version read: CONFLICT when it is stale
/// or over already, BAD_USER_INPUT for a day outside its span.
pub async fn leave(
    change: &Change<'_>,
    departure: Departure,
) -> AppResult<alliance_membership::Model> {
    change
        .run("leaveAlliance", "alliance_membership", async |txn| {
            use alliance_membership::Column;
            let row = visible_row::<alliance_membership::Entity>(
                txn,
                change.viewer,
                Column::Id,
                departure.membership_id,
            )
            .await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &row.area_path) {
                return Err(AppError::Forbidden(
                    "only the area's keepers record who leaves its alliance".into(),
                ));
            }
            if row.version != departure.version {
                return Err(versioned::stale());
            }
            let today = lists::day_of(change.now);
            let left_on = departure.left_on.unwrap_or(today);
            lists::check_leaving(row.joined_on, row.left_on, left_on, today).map_err(
                |refusal| match refusal {
                    Leaving::BadDay(message) => AppError::BadUserInput(message),
                    Leaving::Ended => {
                        AppError::Conflict("the unit has left this alliance already".into())
                    }
                },
            )?;
            let active = alliance_membership::ActiveModel {
                left_on: Set(Some(left_on)),
                version: NotSet,
                ..Default::default()
            };
            versioned::update(
                txn,
                active,
                Column::Id,
                row.id,
                Column::Version,
                departure.version,
            )
            .await?;
            let entry = audit(
                "leaveAlliance",
                "alliance_membership",
                row.id,
                &row.area_path,
                "left_on",
            );
            change.audit(txn, entry).await?;
            alliance_membership::Entity::find_by_id(row.id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)
        })
        .await
}
