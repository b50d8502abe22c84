//! `registerCoBuildingUnit`, `updateCoBuildingUnit` and `joinAlliance`: a unit is
//! registered with a district, street or community by its keepers, once per credit
//! code; it joins the alliance of a street or community, once at a time (it may join
//! again after leaving, see [`super::alliances`]).

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, NotSet, Set, SqlErr};

use entity::alliance_membership;
use entity::co_building_unit::{self, CoBuildingUnitStatus, CoBuildingUnitType};

use super::{active_unit, alliances, audit, visible_area, visible_row};
use crate::access::{AreaKind, cobuild_actions};
use crate::domain::cobuild::{CreditCode, lists};
use crate::domain::phone::Phone;
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A unit's contact as entered; the phone is a mainland mobile number.
#[derive(Clone, Debug, Default)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
}

/// A unit to register.
#[derive(Clone, Debug)]
pub struct NewUnit {
    pub name: String,
    pub unit_type: CoBuildingUnitType,
    pub credit_code: String,
    pub contact: Contact,
    pub address: Option<String>,
    pub area: (AreaKind, i32),
}

/// What `updateCoBuildingUnit` changes; absent fields stay.
#[derive(Clone, Debug)]
pub struct UnitChanges {
    pub id: i32,
    pub version: i32,
    pub name: Option<String>,
    pub unit_type: Option<CoBuildingUnitType>,
    pub contact: Contact,
    pub address: Option<String>,
    pub status: Option<CoBuildingUnitStatus>,
}

/// A membership to record.
#[derive(Clone, Debug)]
pub struct NewMembership {
    pub unit_id: i32,
    pub area: (AreaKind, i32),
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub agreement: Option<String>,
}

fn bad(message: String) -> AppError {
    AppError::BadUserInput(message)
}

fn name(raw: &str) -> AppResult<String> {
    intake::text("name", raw, 128).map_err(bad)
}

fn optional(what: &str, raw: Option<&str>, max: usize) -> AppResult<Option<String>> {
    match raw.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => intake::text(what, text, max).map(Some).map_err(bad),
        None => Ok(None),
    }
}

fn phone(raw: Option<&str>) -> AppResult<Option<String>> {
    match raw.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => Ok(Some(Phone::parse(text)?.into_string())),
        None => Ok(None),
    }
}

fn duplicate(err: sea_orm::DbErr, what: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(what.to_owned()),
        _ => err.into(),
    }
}

/// Registers a unit; CONFLICT when its credit code is registered already.
pub async fn register(change: &Change<'_>, new: NewUnit) -> AppResult<co_building_unit::Model> {
    let code = CreditCode::parse(&new.credit_code).map_err(bad)?;
    let unit_name = name(&new.name)?;
    let contact_name = optional("contactName", new.contact.name.as_deref(), 64)?;
    let contact_phone = phone(new.contact.phone.as_deref())?;
    let address = optional("address", new.address.as_deref(), 256)?;
    if !matches!(
        new.area.0,
        AreaKind::District | AreaKind::Street | AreaKind::Community
    ) {
        return Err(AppError::bad_input(
            "a unit registers with a district, street or community",
        ));
    }
    change
        .run("registerCoBuildingUnit", "co_building_unit", async |txn| {
            let path = visible_area(txn, change.viewer, new.area.0, new.area.1).await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &path) {
                return Err(AppError::Forbidden(
                    "only the area's keepers register units".into(),
                ));
            }
            let row = co_building_unit::ActiveModel {
                name: Set(unit_name.clone()),
                unit_type: Set(new.unit_type),
                credit_code: Set(code.to_string()),
                contact_name: Set(contact_name.clone()),
                contact_phone: Set(contact_phone.clone()),
                address: Set(address.clone()),
                area_kind: Set(new.area.0.table().to_owned()),
                area_id: Set(new.area.1),
                area_path: Set(path),
                status: Set(CoBuildingUnitStatus::Active),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| duplicate(err, "a unit with this credit code is registered already"))?;
            let entry = audit(
                "registerCoBuildingUnit",
                "co_building_unit",
                row.id,
                &row.area_path,
                "all",
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}

/// Updates a unit at the version read; CONFLICT when it changed since.
pub async fn update(
    change: &Change<'_>,
    changes: UnitChanges,
) -> AppResult<co_building_unit::Model> {
    let new_name = changes.name.as_deref().map(name).transpose()?;
    let contact_name = optional("contactName", changes.contact.name.as_deref(), 64)?;
    let contact_phone = phone(changes.contact.phone.as_deref())?;
    let address = optional("address", changes.address.as_deref(), 256)?;
    change
        .run("updateCoBuildingUnit", "co_building_unit", async |txn| {
            use co_building_unit::Column;
            let unit =
                visible_row::<co_building_unit::Entity>(txn, change.viewer, Column::Id, changes.id)
                    .await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &unit.area_path) {
                return Err(AppError::Forbidden(
                    "only the area's keepers update units".into(),
                ));
            }
            let set = |value: Option<String>| value.map_or(NotSet, |v| Set(Some(v)));
            let active = co_building_unit::ActiveModel {
                name: new_name.clone().map_or(NotSet, Set),
                unit_type: changes.unit_type.map_or(NotSet, Set),
                contact_name: set(contact_name.clone()),
                contact_phone: set(contact_phone.clone()),
                address: set(address.clone()),
                status: changes.status.map_or(NotSet, Set),
                updated_at: Set(change.now),
                ..Default::default()
            };
            versioned::update(
                txn,
                active,
                Column::Id,
                unit.id,
                Column::Version,
                changes.version,
            )
            .await?;
            let row =
                visible_row::<co_building_unit::Entity>(txn, change.viewer, Column::Id, unit.id)
                    .await?;
            let entry = audit(
                "updateCoBuildingUnit",
                "co_building_unit",
                row.id,
                &row.area_path,
                "changed",
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}

/// Records a unit's membership of an area's alliance; CONFLICT when it is a member
/// on any day of the new span.
pub async fn join_alliance(
    change: &Change<'_>,
    new: NewMembership,
) -> AppResult<alliance_membership::Model> {
    lists::check_alliance(new.joined_on, new.left_on).map_err(bad)?;
    let agreement = optional("agreement", new.agreement.as_deref(), 200)?;
    if !matches!(new.area.0, AreaKind::Street | AreaKind::Community) {
        return Err(AppError::bad_input(
            "an alliance is a street's or a community's",
        ));
    }
    change
        .run("joinAlliance", "alliance_membership", async |txn| {
            let unit = active_unit(txn, change.viewer, new.unit_id).await?;
            let path = visible_area(txn, change.viewer, new.area.0, new.area.1).await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &path) {
                return Err(AppError::Forbidden(
                    "only the area's keepers record its alliance".into(),
                ));
            }
            alliances::lock_unit(txn, unit.id).await?;
            let area = (new.area.0.table(), new.area.1);
            alliances::refuse_overlap(txn, unit.id, area, (new.joined_on, new.left_on)).await?;
            let row = alliance_membership::ActiveModel {
                unit_id: Set(unit.id),
                area_kind: Set(new.area.0.table().to_owned()),
                area_id: Set(new.area.1),
                area_path: Set(path),
                joined_on: Set(new.joined_on),
                left_on: Set(new.left_on),
                agreement: Set(agreement.clone()),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| duplicate(err, "the unit is a member of this alliance already"))?;
            let entry = audit(
                "joinAlliance",
                "alliance_membership",
                row.id,
                &row.area_path,
                "all",
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}
