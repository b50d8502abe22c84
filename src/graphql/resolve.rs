//! The few generic steps every resolver is made of, so that a resolver is one call:
//! look a node up, list a root connection, list children, fetch a parent. The root
//! steps refuse anonymous viewers, so nothing below a root field is reachable without a
//! signed-in viewer.

use async_graphql::{Context, ID};

use super::context::RequestContext;
use super::ids;
use super::pagination::with_children::{self, selects_rows};
use super::pagination::with_parents;
use super::pagination::{ById, Column, Connection, PageArgs, Parent, Resource};
use crate::error::{AppError, AppResult};

/// `R` by global id; out of scope and non-existent both answer NOT_FOUND.
pub async fn lookup<R: Resource>(ctx: &Context<'_>, id: &ID) -> AppResult<Option<R>> {
    RequestContext::signed_in(ctx)?;
    let id = ids::decode_as(id, R::KIND)?;
    by_id::<R>(ctx, id)
        .await?
        .map(Some)
        .ok_or(AppError::NotFound)
}

/// `R` by global id like [`lookup`], and when the query lists its children, those in
/// the same statement ([`with_children`]).
pub async fn lookup_with_children<R: Parent>(ctx: &Context<'_>, id: &ID) -> AppResult<Option<R>> {
    let request = RequestContext::signed_in(ctx)?;
    let id = ids::decode_as(id, R::KIND)?;
    let found = match with_children::plan::<R>(ctx, request) {
        Some(plan) => with_children::fetch::<R>(request, id, plan).await?,
        None => by_id::<R>(ctx, id).await?,
    };
    found.map(Some).ok_or(AppError::NotFound)
}

/// `R` by database id, batched with every other look-up of the same type.
pub async fn by_id<R: Resource>(ctx: &Context<'_>, id: i32) -> AppResult<Option<R>> {
    let request = RequestContext::of(ctx)?;
    let key = ById::<R>::new(id);
    if let Some(found) = request.prefetched.get::<_, Option<R>>(&key) {
        return Ok(found);
    }
    request.loader.load_one(key).await
}

/// A root connection.
pub async fn list<R: Resource>(
    ctx: &Context<'_>,
    args: PageArgs,
    order: Option<R::Order>,
    filter: Option<R::Filter>,
) -> AppResult<Connection<R>> {
    let request = RequestContext::signed_in(ctx)?;
    let page = request.page(args)?;
    let rows = wants_rows(ctx);
    let parents = if rows {
        with_parents::plan::<R>(ctx)
    } else {
        Vec::new()
    };
    Connection::root(
        request,
        page,
        order.unwrap_or_default(),
        filter.unwrap_or_default(),
        rows,
        &parents,
    )
    .await
}

/// The children of `parent` along the foreign key `via`.
pub async fn children<R: Resource>(
    ctx: &Context<'_>,
    via: Column<R>,
    parent: i32,
    args: PageArgs,
    order: Option<R::Order>,
    filter: Option<R::Filter>,
) -> AppResult<Connection<R>> {
    let request = RequestContext::of(ctx)?;
    let page = request.page(args)?;
    Connection::children(
        request,
        via,
        parent,
        page,
        order.unwrap_or_default(),
        filter.unwrap_or_default(),
        wants_rows(ctx),
    )
    .await
}

/// Whether the connection being resolved selects its rows (or where they sit), rather
/// than `totalCount` alone: a dashboard asking for counts must not fetch pages.
fn wants_rows(ctx: &Context<'_>) -> bool {
    selects_rows(&ctx.look_ahead())
}
