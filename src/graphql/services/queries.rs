//! Root fields of the service catalogue and orders, and a resident's orders.

use async_graphql::{Context, ID, Object};

use entity::service_order;

use super::filters::*;
use super::item::ServiceItem;
use super::order::ServiceOrder;
use super::provider::ServiceProvider;
use crate::error::AppResult;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{children, list, lookup};

#[derive(Default)]
pub struct ServicesQuery;

#[Object]
impl ServicesQuery {
    /// A service item by id; NOT_FOUND when it does not exist or is out of scope.
    async fn service_item(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<ServiceItem>> {
        lookup(ctx, &id).await
    }
    /// The service items offered in the viewer's areas (and by the areas above).
    #[allow(clippy::too_many_arguments)]
    async fn service_items(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ServiceItemFilter>,
        order_by: Option<ServiceItemOrder>,
    ) -> AppResult<Connection<ServiceItem>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// The service providers registered in the viewer's areas and above.
    async fn service_providers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ServiceProviderFilter>,
        order_by: Option<ServiceProviderOrder>,
    ) -> AppResult<Connection<ServiceProvider>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// A service order by id; NOT_FOUND when it does not exist or is out of scope (a
    /// provider's account stops seeing an order once it is closed).
    async fn service_order(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<ServiceOrder>> {
        lookup(ctx, &id).await
    }
    /// The service orders the viewer may see: of the residents in its area, of its
    /// household, those it placed, and (a provider) those assigned to it while open.
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<ServiceOrderFilter>,
        order_by: Option<ServiceOrderOrder>,
    ) -> AppResult<Connection<ServiceOrder>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
}

/// The service orders of `resident` (`resident.serviceOrders`), batched with every
/// other resident's.
pub async fn resident_service_orders(
    ctx: &Context<'_>,
    resident: i32,
    args: PageArgs,
    filter: Option<ServiceOrderFilter>,
    order_by: Option<ServiceOrderOrder>,
) -> AppResult<Connection<ServiceOrder>> {
    let via = service_order::Column::ResidentId;
    children(ctx, via, resident, args, order_by, filter).await
}
