//! The Relay connection object shared by every list: `edges`, `nodes`, `pageInfo` and a
//! `totalCount` that costs a statement only when it is selected.

use std::borrow::Cow;

use async_graphql::{Context, Object, SimpleObject, TypeName};
use sea_orm::sea_query::Condition;
use sea_orm::{QueryFilter, QueryOrder, QuerySelect, QueryTrait};

use super::keys::{ChildKey, CountKey, Via, Window};
use super::keyset::Sort;
use super::loader::{ChildRows, count_visible};
use super::page::Page;
use super::resource::{Column, Resource};
use super::with_parents::{self, Level};
use crate::access;
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::object_list::{ObjectList, OneObject};

/// Where the rows came from, so `totalCount` can count the same set later.
enum Source<R: Resource> {
    Root(Condition),
    Child(CountKey<R>),
}

pub struct Connection<R: Resource> {
    edges: Vec<Edge<R>>,
    has_next_page: bool,
    has_previous_page: bool,
    source: Source<R>,
    /// The whole list's size when the page holds all of it (no cursor, nothing more):
    /// `totalCount` then needs no statement of its own.
    known_total: Option<u64>,
}

/// A row and how its list is sorted; its cursor is encoded only when asked for (most
/// queries select `nodes`, and encoding is a JSON and base64 pass per row).
pub struct Edge<R: Resource> {
    node: R,
    sort: Sort<R>,
}

impl<R: Resource> Edge<R> {
    fn encoded_cursor(&self) -> AppResult<String> {
        Ok(self.sort.cursor_of(self.node.model())?.encode())
    }
}

/// Where a page sits in its list (Relay `PageInfo`).
#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    /// More rows follow this page.
    pub has_next_page: bool,
    /// Rows precede this page.
    pub has_previous_page: bool,
    /// Cursor of the first edge.
    pub start_cursor: Option<String>,
    /// Cursor of the last edge.
    pub end_cursor: Option<String>,
}

impl<R: Resource> Connection<R> {
    /// The rows of the page, in order (a one-row relation such as `resident.careProfile`).
    pub fn into_nodes(self) -> Vec<R> {
        self.edges.into_iter().map(|edge| edge.node).collect()
    }

    /// A root list: visible rows passing `filter`, one statement (none when `rows` is
    /// false: only `totalCount` was selected).
    pub async fn root(
        ctx: &RequestContext,
        page: Page,
        order: R::Order,
        filter: R::Filter,
        rows: bool,
        parents: &[Level],
    ) -> AppResult<Self> {
        let condition = R::filter_condition(&filter, ctx.filter_env())?;
        check_order::<R>(ctx, order)?;
        let sort = Sort::<R>::of(order);
        if !rows {
            return Ok(Self::unfetched(Source::Root(condition)));
        }
        let mut select = access::visible::<R::Entity>(&ctx.viewer)
            .filter(condition.clone())
            .filter(sort.bounds(&page));
        for (column, direction) in sort.fetch_columns(&page) {
            select = select.order_by(column, direction);
        }
        let select = select.limit(page.limit + 1);
        let nodes = if parents.is_empty() {
            let rows = select.all(&ctx.db).await?;
            rows.into_iter().map(R::from).collect()
        } else {
            let page = select.into_query();
            with_parents::rows(&ctx.db, &ctx.viewer, page, parents, &ctx.prefetched).await?
        };
        Self::assemble(nodes, &page, &sort, Source::Root(condition))
    }

    /// The children of `parent` along `via`, batched with its siblings by the loader
    /// (no rows are fetched when `rows` is false: only `totalCount` was selected).
    pub async fn children(
        ctx: &RequestContext,
        via: Column<R>,
        parent: i32,
        page: Page,
        order: R::Order,
        filter: R::Filter,
        rows: bool,
    ) -> AppResult<Self> {
        // Validate the filter and order here, so a bad one fails this field alone.
        R::filter_condition(&filter, ctx.filter_env())?;
        check_order::<R>(ctx, order)?;
        if !rows {
            let count = CountKey {
                via: Via(via),
                parent,
                filter,
            };
            return Ok(Self::unfetched(Source::Child(count)));
        }
        let window = Window::new(Via(via), page.clone(), order, filter.clone());
        let key = ChildKey { parent, window };
        let rows = match ctx.prefetched.take::<_, ChildRows<R>>(&key) {
            Some(prefetched) => prefetched.into_rows(),
            None => ctx
                .loader
                .load_one(key)
                .await?
                .map(ChildRows::into_rows)
                .unwrap_or_default(),
        };
        let sort = Sort::<R>::of(order);
        let count = CountKey {
            via: Via(via),
            parent,
            filter,
        };
        Self::assemble(rows, &page, &sort, Source::Child(count))
    }

    /// A connection whose rows nobody asked for.
    fn unfetched(source: Source<R>) -> Self {
        Connection {
            edges: Vec::new(),
            has_next_page: false,
            has_previous_page: false,
            source,
            known_total: None,
        }
    }

    /// Turns up to `limit + 1` fetched rows into a page.
    fn assemble(
        mut nodes: Vec<R>,
        page: &Page,
        sort: &Sort<R>,
        source: Source<R>,
    ) -> AppResult<Self> {
        let limit = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let has_more = nodes.len() > limit;
        let whole = !has_more && page.after.is_none() && page.before.is_none();
        let known_total = whole.then_some(nodes.len() as u64);
        nodes.truncate(limit);
        if page.backward {
            nodes.reverse();
        }
        let edges = nodes
            .into_iter()
            .map(|node| Edge {
                node,
                sort: sort.clone(),
            })
            .collect();
        // Paging forward, rows precede the page when it starts after a cursor; paging
        // backward, rows follow it when it ends before one.
        let (has_next_page, has_previous_page) = if page.backward {
            (page.before.is_some(), has_more)
        } else {
            (has_more, page.after.is_some())
        };
        Ok(Connection {
            edges,
            has_next_page,
            has_previous_page,
            source,
            known_total,
        })
    }
}

/// Ordering by a masked field would leak its order, so it needs full access.
fn check_order<R: Resource>(ctx: &RequestContext, order: R::Order) -> AppResult<()> {
    match R::order_class(order) {
        Some(class) => ctx.filter_env().require(class, "ordering by this field"),
        None => Ok(()),
    }
}

#[Object(name_type)]
impl<R: Resource> Connection<R> {
    /// The rows of this page with their cursors.
    async fn edges(&self) -> ObjectList<'_, Edge<R>> {
        ObjectList(self.edges.iter().collect())
    }

    /// The rows of this page, without cursors.
    async fn nodes(&self) -> ObjectList<'_, R> {
        ObjectList(self.edges.iter().map(|edge| &edge.node).collect())
    }

    /// Where this page sits in the list.
    async fn page_info(&self) -> AppResult<PageInfo> {
        let cursor = |edge: Option<&Edge<R>>| edge.map(Edge::encoded_cursor).transpose();
        Ok(PageInfo {
            has_next_page: self.has_next_page,
            has_previous_page: self.has_previous_page,
            start_cursor: cursor(self.edges.first())?,
            end_cursor: cursor(self.edges.last())?,
        })
    }

    /// How many rows the whole list has (all pages), computed only when asked for.
    async fn total_count(&self, ctx: &Context<'_>) -> AppResult<u64> {
        if let Some(total) = self.known_total {
            return Ok(total);
        }
        let request = RequestContext::of(ctx)?;
        match &self.source {
            Source::Root(condition) => {
                count_visible::<R>(&request.db, &request.viewer, condition.clone()).await
            }
            Source::Child(key) => match request.prefetched.take::<_, u64>(key) {
                Some(count) => Ok(count),
                None => Ok(request.loader.load_one(key.clone()).await?.unwrap_or(0)),
            },
        }
    }
}

impl<R: Resource> TypeName for Connection<R> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Connection", R::KIND.name()).into()
    }
}

#[Object(name_type)]
impl<R: Resource> Edge<R> {
    /// Opaque position of this row, for `after`/`before`.
    async fn cursor(&self) -> AppResult<String> {
        self.encoded_cursor()
    }

    /// The row.
    async fn node(&self) -> OneObject<'_, R> {
        OneObject(&self.node)
    }
}

impl<R: Resource> TypeName for Edge<R> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Edge", R::KIND.name()).into()
    }
}
