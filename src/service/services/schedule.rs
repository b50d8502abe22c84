//! `scheduleServiceOrder`: assigns an approved order to a provider for a time. The
//! provider must be of a type the item allows and serve the resident's area; its row
//! is locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's single writer holds the
//! whole transaction) before its other visits are checked, so two schedules of one
//! provider for overlapping times cannot both succeed: the second is CONFLICT.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};

use entity::service_enums::{OrderStatus, ProviderType};
use entity::{service_item, service_order, service_provider};

use super::steps;
use crate::access;
use crate::domain::services::lifecycle::OrderAction;
use crate::domain::services::schedule;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A schedule as asked for.
pub struct NewSchedule {
    pub order_id: i32,
    pub version: i32,
    pub provider_id: i32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Schedules an order; see the module documentation.
pub async fn schedule(change: &Change<'_>, input: NewSchedule) -> AppResult<service_order::Model> {
    schedule::validate(input.start, input.end, change.now).map_err(AppError::BadUserInput)?;
    change
        .run("scheduleServiceOrder", "service_order", async |txn| {
            let (row, next) =
                steps::load(change, txn, input.order_id, OrderAction::Schedule).await?;
            access::visible::<service_provider::Entity>(change.viewer)
                .filter(service_provider::Column::Id.eq(input.provider_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let provider = lock(txn, input.provider_id).await?;
            let item = service_item::Entity::find_by_id(row.item_id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            suits(&item, &provider, &row)?;
            if busy(txn, provider.id, input.start, input.end).await? {
                return Err(AppError::Conflict(
                    "the provider has another visit at that time".to_owned(),
                ));
            }
            let changes = service_order::ActiveModel {
                provider_id: Set(Some(provider.id)),
                scheduled_start: Set(Some(input.start)),
                scheduled_end: Set(Some(input.end)),
                ..Default::default()
            };
            steps::write(change, txn, row.id, input.version, next, changes).await?;
            super::audited(
                change,
                txn,
                "scheduleServiceOrder",
                row.id,
                "status,provider,schedule",
            )
            .await
        })
        .await
}

/// The provider types an item allows.
pub fn provider_types(item: &service_item::Model) -> Vec<ProviderType> {
    item.provider_types
        .split(',')
        .filter_map(|name| {
            <ProviderType as sea_orm::ActiveEnum>::try_from_value(&name.to_owned()).ok()
        })
        .collect()
}

/// Whether `provider` may deliver `item` to the resident of `order`.
fn suits(
    item: &service_item::Model,
    provider: &service_provider::Model,
    order: &service_order::Model,
) -> AppResult<()> {
    if !provider_types(item).contains(&provider.provider_type) {
        return Err(AppError::bad_input(
            "the item is not delivered by providers of that type",
        ));
    }
    if !provider
        .service_areas()
        .any(|area| access::path_is_under(&order.area_path, area))
    {
        return Err(AppError::bad_input(
            "the provider does not serve the resident's area",
        ));
    }
    Ok(())
}

/// The provider row, locked until the transaction ends.
async fn lock(txn: &DatabaseTransaction, id: i32) -> AppResult<service_provider::Model> {
    let mut query = service_provider::Entity::find_by_id(id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    query.one(txn).await?.ok_or(AppError::NotFound)
}

/// Whether the provider has a scheduled or running visit overlapping `start..end`.
async fn busy(
    txn: &DatabaseTransaction,
    provider: i32,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> AppResult<bool> {
    use service_order::Column;
    let clashes = service_order::Entity::find()
        .filter(Column::ProviderId.eq(provider))
        .filter(Column::Status.is_in([OrderStatus::Scheduled, OrderStatus::InService]))
        .filter(Column::ScheduledStart.lt(end))
        .filter(Column::ScheduledEnd.gt(start))
        .count(txn)
        .await?;
    Ok(clashes > 0)
}
