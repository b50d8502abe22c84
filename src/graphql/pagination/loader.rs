//! The per-request DataLoader behind every relation: look-ups by id, nested pages for
//! many parents in one statement, and nested counts. One instance per request, so its
//! viewer (and any cache) never crosses requests.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query, WindowStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, IdenStatic, ModelTrait, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Value,
};

use super::batch_sizes::BatchSizes;
use super::keys::{ById, ChildKey, CountKey, Via, Window, WindowSpec};
use super::keyset::Sort;
use super::resource::{Column, FilterEnv, Model, Resource};
use crate::access::{self, Viewer};
use crate::error::{AppError, AppResult};

pub struct DbLoader {
    pub db: DatabaseConnection,
    pub viewer: Viewer,
    pub env: FilterEnv,
    /// Keys per batch, for `/metrics` (shared by every request of the app).
    pub batch_sizes: Arc<BatchSizes>,
}

/// Rows of one child page, one more than asked when there is a next page.
///
/// Shared, not owned: the DataLoader clones every value it hands out (once per
/// waiting resolver), which for a page of residents was a deep copy of each row, its
/// strings included. The resolver that gets it is by then its only holder, so
/// [`ChildRows::into_rows`] takes the rows without copying them.
#[derive(Clone)]
pub struct ChildRows<R> {
    rows: Arc<Vec<R>>,
}

impl<R: Clone> ChildRows<R> {
    pub fn new(rows: Vec<R>) -> Self {
        ChildRows {
            rows: Arc::new(rows),
        }
    }

    pub fn into_rows(self) -> Vec<R> {
        Arc::unwrap_or_clone(self.rows)
    }
}

impl<R: Resource> Loader<ById<R>> for DbLoader {
    type Value = R;
    type Error = AppError;

    async fn load(&self, keys: &[ById<R>]) -> AppResult<HashMap<ById<R>, R>> {
        self.batch_sizes.record(keys.len());
        let ids: Vec<i32> = keys.iter().map(|key| key.0).collect();
        let select = access::visible::<R::Entity>(&self.viewer)
            .filter(R::id_column().is_in(ids))
            .into_query();
        Ok(self
            .decoded::<R>(&select)
            .await?
            .into_iter()
            .map(|model| (ById::new(R::id_of(&model)), R::from(model)))
            .collect())
    }
}

impl<R: Resource> Loader<ChildKey<R>> for DbLoader {
    type Value = ChildRows<R>;
    type Error = AppError;

    async fn load(&self, keys: &[ChildKey<R>]) -> AppResult<HashMap<ChildKey<R>, ChildRows<R>>> {
        self.batch_sizes.record(keys.len());
        let mut groups: HashMap<&Window<R>, Vec<i32>> = HashMap::new();
        for key in keys {
            groups.entry(&key.window).or_default().push(key.parent);
        }
        let mut pages = HashMap::new();
        for (window, parents) in groups {
            let rows = self.child_rows::<R>(window, &parents).await?;
            let mut by_parent: HashMap<i32, Vec<R>> = HashMap::new();
            for model in rows {
                let parent = parent_of::<R>(&model, window.via.0)?;
                by_parent.entry(parent).or_default().push(R::from(model));
            }
            for parent in parents {
                let key = ChildKey {
                    parent,
                    window: window.clone(),
                };
                let rows = by_parent.remove(&parent).unwrap_or_default();
                pages.insert(key, ChildRows::new(rows));
            }
        }
        Ok(pages)
    }
}

impl<R: Resource> Loader<CountKey<R>> for DbLoader {
    type Value = u64;
    type Error = AppError;

    async fn load(&self, keys: &[CountKey<R>]) -> AppResult<HashMap<CountKey<R>, u64>> {
        self.batch_sizes.record(keys.len());
        let mut groups: HashMap<(&Via<R>, &R::Filter), Vec<i32>> = HashMap::new();
        for key in keys {
            groups
                .entry((&key.via, &key.filter))
                .or_default()
                .push(key.parent);
        }
        let mut counts = HashMap::new();
        for ((via, filter), parents) in groups {
            let rows: Vec<(i32, i64)> = listed_rows::<R>(&self.viewer, self.env, filter)?
                .filter(via.0.is_in(parents.iter().copied()))
                .select_only()
                .column(via.0)
                .column_as(R::id_column().count(), "n")
                .group_by(via.0)
                .into_tuple()
                .all(&self.db)
                .await?;
            let found: HashMap<i32, i64> = rows.into_iter().collect();
            for parent in parents {
                let key = CountKey {
                    via: Via(via.0),
                    parent,
                    filter: filter.clone(),
                };
                counts.insert(key, found.get(&parent).copied().unwrap_or(0) as u64);
            }
        }
        Ok(counts)
    }
}

impl DbLoader {
    /// Up to `page.limit + 1` rows per parent, in fetch order, parents interleaved.
    async fn child_rows<R: Resource>(
        &self,
        window: &Window<R>,
        parents: &[i32],
    ) -> AppResult<Vec<Model<R>>> {
        let WindowSpec {
            via: Via(via),
            page,
            order,
            filter,
            ..
        } = &**window;
        let via = *via;
        let sort = Sort::<R>::of(*order);
        let select = listed_rows::<R>(&self.viewer, self.env, filter)?.filter(sort.bounds(page));
        if let [parent] = parents {
            // One parent needs no window function: a plain ordered LIMIT is cheaper.
            let mut select = select.filter(via.eq(*parent));
            for (column, direction) in sort.fetch_columns(page) {
                select = select.order_by(column, direction);
            }
            return self
                .decoded::<R>(&select.limit(page.limit + 1).into_query())
                .await;
        }
        let fetch_columns = sort.fetch_columns(page);
        let mut window = WindowStatement::partition_by(via);
        for (column, direction) in &fetch_columns {
            window.order_by(*column, direction.clone());
        }
        let mut inner = select
            .filter(via.is_in(parents.iter().copied()))
            .into_query();
        inner.expr_window_as(Expr::cust("ROW_NUMBER()"), window, Alias::new("rn"));
        let mut outer = Query::select();
        outer
            .column(Asterisk)
            .from_subquery(inner, Alias::new("w"))
            .and_where(Expr::col(Alias::new("rn")).lte(page.limit as i64 + 1))
            .order_by(Alias::new(via.as_str()), Order::Asc);
        // The window's own order, not `rn`: the same rows in the same order (the fetch
        // columns end with the id, a total order), but PostgreSQL sees that the window's
        // output is already sorted so and skips a sort of every row: ~2 of the residents
        // statement's 8 ms in (b) (bench/README.md).
        for (column, direction) in fetch_columns {
            outer.order_by(Alias::new(column.as_str()), direction);
        }
        self.decoded::<R>(&outer).await
    }

    /// The rows of `select` (every column of `R`'s table first), decoded. Only for the
    /// statements above, which start from `access::visible` (directly or through
    /// `listed_rows`).
    async fn decoded<R: Resource>(
        &self,
        select: &sea_orm::sea_query::SelectStatement,
    ) -> AppResult<Vec<Model<R>>> {
        let rows = self.db.query_all(select).await?;
        Ok(R::decode_rows(&rows)?)
    }
}

/// The rows a child list of `R` holds for `viewer` under `filter`: the one definition
/// the loader's pages and counts and the fused statements ([`super::with_children`])
/// share, so that a prefetched answer is the loader's.
pub fn listed_rows<R: Resource>(
    viewer: &Viewer,
    env: FilterEnv,
    filter: &R::Filter,
) -> AppResult<sea_orm::Select<R::Entity>> {
    Ok(access::visible::<R::Entity>(viewer).filter(R::filter_condition(filter, env)?))
}

/// [`listed_rows`] as a condition, for a join's `ON`.
pub fn listed<R: Resource>(
    viewer: &Viewer,
    env: FilterEnv,
    filter: &R::Filter,
) -> AppResult<sea_orm::sea_query::Condition> {
    Ok(sea_orm::sea_query::Condition::all()
        .add(access::scope_condition::<R::Entity>(viewer))
        .add(R::filter_condition(filter, env)?))
}

fn parent_of<R: Resource>(model: &Model<R>, via: Column<R>) -> AppResult<i32> {
    match model.get(via) {
        Value::Int(Some(parent)) => Ok(parent),
        other => Err(AppError::Internal(format!("parent column holds {other:?}"))),
    }
}

/// Connection count for a root list: every visible row that passes the filter.
pub async fn count_visible<R: Resource>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    condition: sea_orm::sea_query::Condition,
) -> AppResult<u64> {
    Ok(access::visible::<R::Entity>(viewer)
        .filter(condition)
        .count(db)
        .await?)
}
