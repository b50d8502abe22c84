//! Request categories: public reference data, the same for every signed-in viewer.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use entity::request_category;

use crate::error::AppResult;

/// Every category, by code.
pub async fn all(db: &DatabaseConnection) -> AppResult<Vec<request_category::Model>> {
    Ok(request_category::Entity::find()
        .order_by_asc(request_category::Column::Code)
        .all(db)
        .await?)
}

/// The categories with these ids (one statement, for the loader).
pub async fn by_ids(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<Vec<request_category::Model>> {
    Ok(request_category::Entity::find()
        .filter(request_category::Column::Id.is_in(ids))
        .all(db)
        .await?)
}
