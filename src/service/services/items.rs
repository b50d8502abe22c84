//! `createServiceItem`: registers a service item with an area, after
//! [`crate::domain::services::catalogue`] checks it; staff running that area only.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use entity::service_item;

use crate::access::audit::AuditEntry;
use crate::access::service_actions;
use crate::domain::services::catalogue::{NewItem, validate};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Creates `item` in the area at `area_path` (which the caller has checked it sees).
pub async fn create(
    change: &Change<'_>,
    area_path: String,
    item: NewItem,
) -> AppResult<service_item::Model> {
    let item = validate(item).map_err(AppError::BadUserInput)?;
    change
        .run("createServiceItem", "service_item", async |txn| {
            if !service_actions::may_run(change.viewer, &area_path) {
                return Err(AppError::Forbidden(
                    "service items are registered by the staff running the area".to_owned(),
                ));
            }
            let taken = service_item::Entity::find()
                .filter(service_item::Column::Code.eq(&item.code))
                .count(txn)
                .await?;
            if taken > 0 {
                return Err(AppError::Conflict(format!(
                    "the code {} is taken",
                    item.code
                )));
            }
            let types: Vec<String> = item
                .provider_types
                .iter()
                .map(sea_orm::ActiveEnum::to_value)
                .collect();
            let row = service_item::ActiveModel {
                code: Set(item.code.clone()),
                name: Set(item.name.clone()),
                target_group: Set(item.target_group),
                area_path: Set(area_path.clone()),
                min_age: Set(item.rules.min_age),
                max_age_exclusive: Set(item.rules.max_age_exclusive),
                requires_living_alone: Set(item.rules.living_alone),
                requires_disability: Set(item.rules.disability),
                requires_low_income: Set(item.rules.low_income),
                price_cents: Set(item.price_cents),
                subsidy_cents: Set(item.subsidy_cents),
                provider_types: Set(types.join(",")),
                active: Set(true),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = AuditEntry {
                action: "createServiceItem",
                entity: Some("service_item"),
                entity_id: Some(row.id),
                fields: Some("serviceItem".to_owned()),
                area_path: Some(area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(row)
        })
        .await
}
