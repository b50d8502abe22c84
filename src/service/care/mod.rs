//! `upsertCareProfile`: creates a resident's one care profile, or replaces it at the
//! version the caller read, once the rules of [`crate::domain::care`] hold and the
//! caller may record care data for that resident. One audited transaction.

use chrono_tz::Asia::Shanghai;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use entity::{care_profile, resident};

use crate::access::audit::AuditEntry;
use crate::access::{self, care};
use crate::domain::care::{CareInput, validate};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Upserts the care profile of `resident_id`; `version` is required to replace one.
pub async fn upsert(
    change: &Change<'_>,
    resident_id: i32,
    version: Option<i32>,
    input: CareInput,
) -> AppResult<care_profile::Model> {
    change
        .run("upsertCareProfile", "care_profile", async |txn| {
            let resident = access::visible::<resident::Entity>(change.viewer)
                .filter(resident::Column::Id.eq(resident_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !care::may_record(change.viewer, &resident.area_path) {
                return Err(AppError::Forbidden(
                    "care profiles are recorded by grid workers and community staff".to_owned(),
                ));
            }
            let today = change.now.with_timezone(&Shanghai).date_naive();
            let valid =
                validate(input, resident.birth_date, today).map_err(AppError::BadUserInput)?;
            let existing = care_profile::Entity::find()
                .filter(care_profile::Column::ResidentId.eq(resident_id))
                .one(txn)
                .await?;
            let mut row = fields(valid);
            row.updated_at = Set(change.now);
            use care_profile::Column;
            let id = match (existing, version) {
                (None, None) => {
                    row.resident_id = Set(resident_id);
                    row.area_path = Set(resident.area_path.clone());
                    row.created_at = Set(change.now);
                    row.version = Set(1);
                    row.insert(txn).await?.id
                }
                (Some(old), Some(version)) => {
                    versioned::update(txn, row, Column::Id, old.id, Column::Version, version)
                        .await?;
                    old.id
                }
                (None, Some(_)) | (Some(_), None) => return Err(versioned::stale()),
            };
            let entry = AuditEntry {
                action: "upsertCareProfile",
                entity: Some("care_profile"),
                entity_id: Some(id),
                fields: Some("careProfile".to_owned()),
                area_path: Some(resident.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            care_profile::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)
        })
        .await
}

/// Every stored field from the input; parts left out are cleared.
fn fields(input: CareInput) -> care_profile::ActiveModel {
    let elderly = input.elderly.unwrap_or_default();
    let child = input.child;
    let assessment = elderly.assessment;
    let dimension = |at: usize| assessment.map(|a| a.dimensions[at]);
    let (regular, emergency) = (elderly.regular_contact, elderly.emergency_contact);
    let guardian = child.as_ref().and_then(|child| child.guardian.clone());
    care_profile::ActiveModel {
        living_arrangement: Set(elderly.living_arrangement),
        ability_level: Set(assessment.map(|a| a.level)),
        assessed_on: Set(assessment.map(|a| a.assessed_on)),
        daily_living: Set(dimension(0)),
        cognition: Set(dimension(1)),
        perception_communication: Set(dimension(2)),
        social_participation: Set(dimension(3)),
        disability_type: Set(elderly.disability.map(|d| d.0)),
        disability_grade: Set(elderly.disability.map(|d| d.1)),
        regular_contact_name: Set(regular.as_ref().map(|c| c.name.clone())),
        regular_contact_phone: Set(regular.map(|c| c.phone)),
        emergency_contact_name: Set(emergency.as_ref().map(|c| c.name.clone())),
        emergency_contact_phone: Set(emergency.map(|c| c.phone)),
        left_behind: Set(child.as_ref().map(|child| child.left_behind)),
        guardian_name: Set(guardian.as_ref().map(|g| g.name.clone())),
        guardian_phone: Set(guardian.map(|g| g.phone)),
        guardian_relation: Set(child.as_ref().and_then(|c| c.guardian_relation.clone())),
        school: Set(child.and_then(|c| c.school)),
        ..Default::default()
    }
}
