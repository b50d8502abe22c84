//! The `ServiceOrder` node: an order of a service for a resident, and its service
//! record.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use entity::service_order;

use super::enums::{Orderer, ServiceOrderStatus};
use super::filters::{ServiceOrderFilter, ServiceOrderOrder};
use super::item::ServiceItem;
use super::provider::ServiceProvider;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::graphql::resolve::by_id;
use crate::graphql::territory::Resident;

/// A service order (服务工单) and its record: schedule, check-in and check-out, notes
/// and the resident's rating.
#[derive(Clone)]
pub struct ServiceOrder(pub service_order::Model);
resource!(
    ServiceOrder,
    service_order,
    ServiceOrderOrder,
    ServiceOrderFilter
);

#[Object]
impl ServiceOrder {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::ServiceOrder, self.0.id)
    }
    /// Changes with every step.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> ServiceOrderStatus {
        self.0.status.into()
    }
    /// Why it was rejected, cancelled, missed or disputed.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn item(&self, ctx: &Context<'_>) -> AppResult<Option<ServiceItem>> {
        by_id(ctx, self.0.item_id).await
    }
    /// The resident served; null when out of the viewer's sight (a provider's account).
    async fn resident(&self, ctx: &Context<'_>) -> AppResult<Option<Resident>> {
        by_id(ctx, self.0.resident_id).await
    }
    /// Who placed it.
    async fn orderer(&self) -> Orderer {
        self.0.orderer.into()
    }
    /// Global id of the user who placed it.
    async fn ordered_by_id(&self) -> ID {
        ids::encode(NodeKind::User, self.0.ordered_by_user_id)
    }
    /// The provider assigned, once scheduled.
    async fn provider(&self, ctx: &Context<'_>) -> AppResult<Option<ServiceProvider>> {
        match self.0.provider_id {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn scheduled_start(&self) -> Option<DateTime<Utc>> {
        self.0.scheduled_start
    }
    async fn scheduled_end(&self) -> Option<DateTime<Utc>> {
        self.0.scheduled_end
    }
    /// When the provider arrived.
    async fn checked_in_at(&self) -> Option<DateTime<Utc>> {
        self.0.checked_in_at
    }
    /// When the provider finished.
    async fn checked_out_at(&self) -> Option<DateTime<Utc>> {
        self.0.checked_out_at
    }
    /// The provider's notes of the visit.
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    /// The resident's rating, 1 to 5.
    async fn rating(&self) -> Option<i32> {
        self.0.rating
    }
    async fn rating_comment(&self) -> Option<&str> {
        self.0.rating_comment.as_deref()
    }
    /// The item's price when ordered, in fen.
    async fn price_cents(&self) -> i32 {
        self.0.price_cents
    }
    /// The item's subsidy when ordered, in fen.
    async fn subsidy_cents(&self) -> i32 {
        self.0.subsidy_cents
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}
