//! Activities (活动) against the database: [`schedule`] one in a community, let
//! residents [`sign_up`] (never past capacity: the seat is taken by a conditional
//! UPDATE, and a CHECK holds `signed_up <= capacity`), [`check_in`] who came, and
//! [`verify_hours`], which earns the participant points exactly once (the EARN entry is
//! unique per participation and person, so a retry finds the first one).

pub mod organizer;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};

use entity::activity::ActivityType;
use entity::activity_participation::ParticipationStatus;
use entity::{activity, activity_participation, community, facility};

use super::change::Change;
use super::points::{Moved, ledger, visible_resident};
use super::versioned;
use crate::access::audit::AuditEntry;
use crate::access::{self, points_actions};
use crate::error::{AppError, AppResult};

/// An activity as asked for.
#[derive(Clone, Debug)]
pub struct NewActivity {
    pub community_id: i32,
    pub title: String,
    pub activity_type: ActivityType,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub facility_id: Option<i32>,
    pub address: Option<String>,
    pub capacity: i32,
    pub points_per_hour: i32,
    /// Who organises it with the community.
    pub organizer: organizer::Organizer,
}

impl NewActivity {
    fn check(&self) -> AppResult<()> {
        let title = self.title.trim().chars().count();
        if title == 0 || title > 128 {
            return Err(AppError::bad_input("a title is 1 to 128 characters"));
        }
        if self.ends_at <= self.starts_at {
            return Err(AppError::bad_input("an activity ends after it starts"));
        }
        let address = self
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if self.facility_id.is_some() == address.is_some() {
            return Err(AppError::bad_input(
                "give a facility or an address, not both",
            ));
        }
        if !(1..=10_000).contains(&self.capacity) {
            return Err(AppError::bad_input("capacity is 1 to 10,000"));
        }
        if !(1..=100).contains(&self.points_per_hour) {
            return Err(AppError::bad_input("points per hour are 1 to 100"));
        }
        Ok(())
    }
}

fn audit(action: &'static str, entity: &'static str, id: i32, path: &str) -> AuditEntry {
    AuditEntry {
        action,
        entity: Some(entity),
        entity_id: Some(id),
        fields: Some("status".to_owned()),
        area_path: Some(path.to_owned()),
        ..Default::default()
    }
}

/// Schedules an activity in a community the viewer keeps the ledger of.
pub async fn schedule(change: &Change<'_>, new: NewActivity) -> AppResult<activity::Model> {
    new.check()?;
    change
        .run("scheduleActivity", "activity", async |txn| {
            let area = access::visible::<community::Entity>(change.viewer)
                .filter(community::Column::Id.eq(new.community_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !points_actions::keeps_ledger(change.viewer, &area.path) {
                return Err(AppError::Forbidden(
                    "only the community's staff schedule its activities".to_owned(),
                ));
            }
            if let Some(id) = new.facility_id {
                let place = facility::Entity::find_by_id(id).one(txn).await?;
                if !place.is_some_and(|place| access::path_is_under(&place.area_path, &area.path)) {
                    return Err(AppError::bad_input("the facility is not in this community"));
                }
            }
            let organized_by =
                organizer::columns(txn, change.viewer, &area, new.organizer, change.now).await?;
            let row = activity::ActiveModel {
                title: Set(new.title.trim().to_owned()),
                activity_type: Set(new.activity_type),
                starts_at: Set(new.starts_at),
                ends_at: Set(new.ends_at),
                facility_id: Set(new.facility_id),
                address: Set(new.address.as_deref().map(|a| a.trim().to_owned())),
                co_building_unit_id: Set(organized_by.0),
                party_organization_id: Set(organized_by.1),
                community_id: Set(area.id),
                area_path: Set(area.path.clone()),
                capacity: Set(new.capacity),
                signed_up: Set(0),
                points_per_hour: Set(new.points_per_hour),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = audit("scheduleActivity", "activity", row.id, &row.area_path);
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}

/// Signs the resident `resident_id` up (themself, or by a keeper); CONFLICT when the
/// activity is full or they are signed up already.
pub async fn sign_up(
    change: &Change<'_>,
    activity_id: i32,
    resident_id: i32,
) -> AppResult<activity_participation::Model> {
    change
        .run("signUpForActivity", "activity_participation", async |txn| {
            let resident = visible_resident(txn, change.viewer, resident_id).await?;
            if !points_actions::may_redeem(change.viewer, resident.id, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "only the resident or the community's staff sign them up".to_owned(),
                ));
            }
            let current = access::visible::<activity::Entity>(change.viewer)
                .filter(activity::Column::Id.eq(activity_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !access::path_is_under(&resident.area_path, &current.area_path) {
                return Err(AppError::bad_input(
                    "the resident does not live in this community",
                ));
            }
            let already = activity_participation::Entity::find()
                .filter(activity_participation::Column::ActivityId.eq(current.id))
                .filter(activity_participation::Column::ResidentId.eq(resident.id))
                .count(txn)
                .await?;
            if already > 0 {
                return Err(AppError::Conflict("signed up already".to_owned()));
            }
            take_seat(txn, current.id).await?;
            let row = activity_participation::ActiveModel {
                activity_id: Set(current.id),
                resident_id: Set(resident.id),
                area_path: Set(resident.area_path.clone()),
                status: Set(ParticipationStatus::SignedUp),
                hours: Set(None),
                checked_in_at: Set(None),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = audit(
                "signUpForActivity",
                "activity_participation",
                row.id,
                &row.area_path,
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}

/// One seat, if any is left: concurrent sign-ups for the last seat cannot both get it.
async fn take_seat(txn: &DatabaseTransaction, activity_id: i32) -> AppResult<()> {
    use activity::Column;
    let taken = activity::Entity::update_many()
        .col_expr(Column::SignedUp, Expr::col(Column::SignedUp).add(1))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::Id.eq(activity_id))
        .filter(Expr::col(Column::SignedUp).lt(Expr::col(Column::Capacity)))
        .exec(txn)
        .await?;
    if taken.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Conflict("the activity is full".to_owned()))
    }
}

/// A participation the viewer sees, with its activity, for a keeper of the activity.
async fn kept(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
) -> AppResult<(activity_participation::Model, activity::Model)> {
    let participation = access::visible::<activity_participation::Entity>(change.viewer)
        .filter(activity_participation::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let activity = activity::Entity::find_by_id(participation.activity_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !points_actions::keeps_ledger(change.viewer, &activity.area_path) {
        return Err(AppError::Forbidden(
            "only the community's staff check in and verify participants".to_owned(),
        ));
    }
    Ok((participation, activity))
}

/// SIGNED_UP → CHECKED_IN, at the version read.
pub async fn check_in(
    change: &Change<'_>,
    id: i32,
    version: i32,
) -> AppResult<activity_participation::Model> {
    change
        .run(
            "checkInParticipant",
            "activity_participation",
            async |txn| {
                let (current, _) = kept(change, txn, id).await?;
                if current.version != version {
                    return Err(versioned::stale());
                }
                if current.status != ParticipationStatus::SignedUp {
                    return Err(AppError::Conflict("checked in already".to_owned()));
                }
                let changes = activity_participation::ActiveModel {
                    status: Set(ParticipationStatus::CheckedIn),
                    checked_in_at: Set(Some(change.now)),
                    ..Default::default()
                };
                update(txn, changes, id, version).await?;
                let row = reread(txn, id).await?;
                let entry = audit(
                    "checkInParticipant",
                    "activity_participation",
                    id,
                    &row.area_path,
                );
                change.audit(txn, entry).await?;
                Ok(row)
            },
        )
        .await
}

/// A verified participation and the EARN entry it made.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Verified {
    pub participation: activity_participation::Model,
    pub moved: Moved,
}

/// CHECKED_IN → VERIFIED with `hours`, earning `hours × points per hour` once. A
/// participation verified already answers with its first entry and changes nothing.
pub async fn verify_hours(change: &Change<'_>, id: i32, hours: i32) -> AppResult<Verified> {
    if !(1..=24).contains(&hours) {
        return Err(AppError::bad_input("hours are 1 to 24"));
    }
    change
        .run("verifyHours", "activity_participation", async |txn| {
            let (current, activity) = kept(change, txn, id).await?;
            let resident = visible_resident(txn, change.viewer, current.resident_id).await?;
            match current.status {
                ParticipationStatus::SignedUp => {
                    return Err(AppError::Conflict(
                        "check the participant in first".to_owned(),
                    ));
                }
                ParticipationStatus::Verified if current.hours != Some(hours) => {
                    return Err(AppError::Conflict(
                        "verified already with other hours".to_owned(),
                    ));
                }
                ParticipationStatus::Verified => {}
                ParticipationStatus::CheckedIn => {
                    let changes = activity_participation::ActiveModel {
                        status: Set(ParticipationStatus::Verified),
                        hours: Set(Some(hours)),
                        ..Default::default()
                    };
                    update(txn, changes, id, current.version).await?;
                }
            }
            let points = i64::from(hours) * i64::from(activity.points_per_hour);
            let actor = change.viewer.principal().map(|principal| principal.id);
            let source = ("PARTICIPATION", current.id);
            let moved = ledger::earn(txn, &resident, points, source, actor, change.now).await?;
            let participation = reread(txn, id).await?;
            let entry = audit(
                "verifyHours",
                "activity_participation",
                id,
                &participation.area_path,
            );
            change.audit(txn, entry).await?;
            Ok(Verified {
                participation,
                moved,
            })
        })
        .await
}

async fn update(
    txn: &DatabaseTransaction,
    changes: activity_participation::ActiveModel,
    id: i32,
    version: i32,
) -> AppResult<()> {
    versioned::update::<activity_participation::Entity, _, _>(
        txn,
        changes,
        activity_participation::Column::Id,
        id,
        activity_participation::Column::Version,
        version,
    )
    .await
}

async fn reread(txn: &DatabaseTransaction, id: i32) -> AppResult<activity_participation::Model> {
    activity_participation::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}
