//! The `NeedItem` and `ResourceItem` nodes: two of the three lists (三张清单).

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::{need_item, resource_item};

use super::enums::{CoBuildCategory, NeedStatus, ResourceType, area_id};
use super::filters::{NeedFilter, NeedOrder, ResourceFilter, ResourceOrder};
use super::project::Project;
use super::unit::CoBuildingUnit;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::requests::Request;
use crate::graphql::resolve::by_id;

/// A need (需求清单) of a community or grid.
#[derive(Clone)]
pub struct NeedItem(pub need_item::Model);
resource!(NeedItem, need_item, NeedOrder, NeedFilter);

#[Object]
impl NeedItem {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::NeedItem, self.0.id)
    }
    /// Send it back to `fulfilNeed` / `withdrawNeed`: a stale version is a CONFLICT.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The community or grid it is from.
    async fn area_id(&self) -> ID {
        area_id(&self.0.area_kind, self.0.area_id)
    }
    /// What it asks for.
    async fn category(&self) -> CoBuildCategory {
        self.0.category.into()
    }
    /// A short title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What is needed, in words.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// How many people it would help.
    async fn beneficiaries(&self) -> i32 {
        self.0.beneficiaries
    }
    /// Where it stands.
    async fn status(&self) -> NeedStatus {
        self.0.status.into()
    }
    /// When it was published.
    async fn published_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When a unit claimed it.
    async fn claimed_at(&self) -> Option<DateTime<Utc>> {
        self.0.claimed_at
    }
    /// The unit that claimed it, if any and in sight.
    async fn claimed_by(&self, ctx: &Context<'_>) -> AppResult<Option<CoBuildingUnit>> {
        match self.0.claimed_by_unit_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The project that answers it, if any and in sight.
    async fn project(&self, ctx: &Context<'_>) -> AppResult<Option<Project>> {
        match self.0.project_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The resident's request it was raised from, if any and in sight.
    async fn request(&self, ctx: &Context<'_>) -> AppResult<Option<Request>> {
        match self.0.request_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
}

/// A resource (资源清单) a unit offers.
#[derive(Clone)]
pub struct ResourceItem(pub resource_item::Model);
resource!(ResourceItem, resource_item, ResourceOrder, ResourceFilter);

#[Object]
impl ResourceItem {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::ResourceItem, self.0.id)
    }
    /// Bumped on every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The unit that offers it.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<CoBuildingUnit>> {
        by_id(ctx, self.0.unit_id).await
    }
    /// What sort of thing it is.
    async fn resource_type(&self) -> ResourceType {
        self.0.resource_type.into()
    }
    /// What it can answer.
    async fn category(&self) -> CoBuildCategory {
        self.0.category.into()
    }
    /// What it is, in words.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// How much (yuan, items, volunteers…), never negative.
    async fn quantity(&self) -> i32 {
        self.0.quantity
    }
    /// How many it serves at once, where that applies (a venue's seats).
    async fn capacity(&self) -> Option<i32> {
        self.0.capacity
    }
    /// From when it is offered.
    async fn available_from(&self) -> DateTime<Utc> {
        self.0.available_from
    }
    /// Until when it is offered.
    async fn available_to(&self) -> DateTime<Utc> {
        self.0.available_to
    }
}
