//! `linkUnitContact`: a keeper of a unit's area ties the account of a co-building
//! contact (a user holding a CO_BUILDING_CONTACT grant in the keeper's reach) to the
//! unit, so that account may act for that unit, and for no other (the rule is
//! `access::cobuild_actions::may_act_for_unit`).

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};

use entity::{co_building_contact, role_grant};

use super::{active_unit, audit};
use crate::access::{Role, cobuild_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Links the account `user_id` to the unit `unit_id`: NOT_FOUND for a unit out of
/// sight or a user who is no contact in the keeper's reach, CONFLICT when linked
/// already.
pub async fn link(
    change: &Change<'_>,
    unit_id: i32,
    user_id: i32,
) -> AppResult<co_building_contact::Model> {
    change
        .run("linkUnitContact", "co_building_contact", async |txn| {
            let unit = active_unit(txn, change.viewer, unit_id).await?;
            if !cobuild_actions::keeps_cobuilding(change.viewer, &unit.area_path) {
                return Err(AppError::Forbidden(
                    "only the unit's keepers link its contacts".into(),
                ));
            }
            let grants = role_grant::Entity::find()
                .filter(role_grant::Column::UserId.eq(user_id))
                .all(txn)
                .await?;
            let contact_paths: Vec<String> = grants
                .into_iter()
                .filter(|grant| {
                    Role::parse(&grant.role).is_some_and(cobuild_actions::is_contact_role)
                })
                .map(|grant| grant.area_path)
                .collect();
            if !cobuild_actions::may_link_contact(change.viewer, &unit.area_path, &contact_paths) {
                return Err(AppError::NotFound);
            }
            let row = co_building_contact::ActiveModel {
                unit_id: Set(unit.id),
                user_id: Set(user_id),
                area_path: Set(unit.area_path.clone()),
                linked_by_user_id: Set(change.viewer.principal().map(|p| p.id)),
                created_at: Set(change.now),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| match err.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    AppError::Conflict("the account is linked to this unit already".into())
                }
                _ => err.into(),
            })?;
            let entry = audit(
                "linkUnitContact",
                "co_building_contact",
                row.id,
                &row.area_path,
                "all",
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}
