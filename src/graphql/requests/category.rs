//! Request categories and their loader.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object};

use entity::request_category;

use super::enums::HandlingLevel;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::pagination::DbLoader;
use crate::service::requests::catalogue;

/// What a request is about (an Open311-like service category).
#[derive(Clone)]
pub struct RequestCategory(pub request_category::Model);

#[Object]
impl RequestCategory {
    /// Stable code, e.g. `PROPERTY_REPAIR`; `submitRequest` takes it.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The group of categories this one belongs to, e.g. `WELFARE`.
    async fn group(&self) -> &str {
        &self.0.group_code
    }
    /// Words intake staff and classifiers match on.
    async fn keywords(&self) -> Vec<&str> {
        self.0
            .keywords
            .split(',')
            .filter(|word| !word.is_empty())
            .collect()
    }
    /// The level a new request of this category starts at.
    async fn default_level(&self) -> HandlingLevel {
        self.0.default_level.into()
    }
    /// Requests of this category concern sensitive personal circumstances.
    async fn sensitive(&self) -> bool {
        self.0.sensitive
    }
}

/// A category by database id, batched.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CategoryId(pub i32);

impl Loader<CategoryId> for DbLoader {
    type Value = RequestCategory;
    type Error = AppError;

    async fn load(&self, keys: &[CategoryId]) -> AppResult<HashMap<CategoryId, RequestCategory>> {
        self.batch_sizes.record(keys.len());
        let rows = catalogue::by_ids(&self.db, keys.iter().map(|key| key.0)).await?;
        Ok(rows
            .into_iter()
            .map(|row| (CategoryId(row.id), RequestCategory(row)))
            .collect())
    }
}

/// The category of a request.
pub async fn of(ctx: &Context<'_>, id: i32) -> AppResult<Option<RequestCategory>> {
    RequestContext::of(ctx)?
        .loader
        .load_one(CategoryId(id))
        .await
}
