//! Services for the old and the young (一老一小): registering service items, ordering
//! them for a resident (eligibility checked by the rules), and moving an order through
//! its lifecycle. Every change is one audited, idempotent, versioned transaction.

pub mod items;
pub mod order;
pub mod schedule;
pub mod steps;

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use entity::service_order;

use crate::access;
use crate::access::audit::AuditEntry;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// The order `id` if the viewer sees it; NOT_FOUND otherwise.
async fn visible_order(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
) -> AppResult<service_order::Model> {
    access::visible::<service_order::Entity>(change.viewer)
        .filter(service_order::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Reads the order back after a change and writes its audit row.
async fn audited(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    action: &'static str,
    id: i32,
    fields: &str,
) -> AppResult<service_order::Model> {
    let row = service_order::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let entry = AuditEntry {
        action,
        entity: Some("service_order"),
        entity_id: Some(id),
        fields: Some(fields.to_owned()),
        area_path: Some(row.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await?;
    Ok(row)
}
