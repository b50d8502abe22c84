//! Root fields of requests.

use async_graphql::{Context, ID, Object};

use super::Request;
use super::category::RequestCategory;
use super::filters::{RequestFilter, RequestOrder};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::pagination::{Connection, PageArgs};
use crate::graphql::resolve::{list, lookup};
use crate::service::requests::catalogue;

#[derive(Default)]
pub struct RequestsQuery;

#[Object]
impl RequestsQuery {
    /// A request by id; NOT_FOUND when it does not exist or is out of scope.
    async fn request(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Request>> {
        lookup(ctx, &id).await
    }
    /// The requests the viewer may see (residents: their own), paged.
    async fn requests(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<RequestFilter>,
        order_by: Option<RequestOrder>,
    ) -> AppResult<Connection<Request>> {
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        list(ctx, args, order_by, filter).await
    }
    /// Every request category, by code.
    async fn request_categories(&self, ctx: &Context<'_>) -> AppResult<Vec<RequestCategory>> {
        let request = RequestContext::signed_in(ctx)?;
        let rows = catalogue::all(&request.db).await?;
        Ok(rows.into_iter().map(RequestCategory).collect())
    }
}
