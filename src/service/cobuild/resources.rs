//! The resources list (资源清单): `offerResource` records what a unit gives, placed
//! where the unit is registered.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, Set};

use entity::cobuild_enums::{CoBuildCategory, ResourceType};
use entity::resource_item;

use super::{active_unit, audit};
use crate::access::cobuild_actions;
use crate::domain::cobuild::lists;
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A resource a unit offers.
#[derive(Clone, Debug)]
pub struct NewResource {
    pub unit_id: i32,
    pub resource_type: ResourceType,
    pub category: CoBuildCategory,
    pub description: String,
    pub quantity: i32,
    pub capacity: Option<i32>,
    pub available_from: DateTime<Utc>,
    pub available_to: DateTime<Utc>,
}

/// Records a unit's offer; amounts and window checked first.
pub async fn offer(change: &Change<'_>, new: NewResource) -> AppResult<resource_item::Model> {
    lists::check_offer(
        new.quantity,
        new.capacity,
        new.available_from,
        new.available_to,
    )
    .map_err(AppError::BadUserInput)?;
    let description =
        intake::text("description", &new.description, 500).map_err(AppError::BadUserInput)?;
    change
        .run("offerResource", "resource_item", async |txn| {
            let unit = active_unit(txn, change.viewer, new.unit_id).await?;
            if !cobuild_actions::may_act_for_unit(
                txn,
                change.viewer,
                &unit.area_path,
                Some(unit.id),
            )
            .await?
            {
                return Err(AppError::Forbidden(
                    "only keepers and unit contacts offer a unit's resources".into(),
                ));
            }
            let row = resource_item::ActiveModel {
                unit_id: Set(unit.id),
                area_path: Set(unit.area_path.clone()),
                resource_type: Set(new.resource_type),
                category: Set(new.category),
                description: Set(description.clone()),
                quantity: Set(new.quantity),
                capacity: Set(new.capacity),
                available_from: Set(new.available_from),
                available_to: Set(new.available_to),
                created_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = audit(
                "offerResource",
                "resource_item",
                row.id,
                &row.area_path,
                "all",
            );
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}
