//! Per-grid counters for dashboards (households, residents, elderly). Every counter of
//! every grid in a request is answered by one statement: a row per grid with one scalar
//! sub-select per counter asked for, each an index range scan on the materialised path
//! of the counted table, scoped through `access` like any list.

use std::collections::{BTreeSet, HashMap};

use async_graphql::dataloader::Loader;
use sea_orm::sea_query::{Expr, ExprTrait, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, QueryFilter, QuerySelect, QueryTrait};

use entity::{grid, household, resident};

use super::ResidentFilter;
use crate::access::{self, Scoped};
use crate::domain::tags::ResidentTag;
use crate::error::AppResult;
use crate::graphql::pagination::DbLoader;

/// What a grid counter counts (only rows the viewer may see).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Counter {
    Households,
    Residents,
    Elderly,
}

/// One counter of one grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GridCount {
    pub grid: i32,
    pub counter: Counter,
}

impl Loader<GridCount> for DbLoader {
    type Value = u64;
    type Error = crate::error::AppError;

    async fn load(&self, keys: &[GridCount]) -> AppResult<HashMap<GridCount, u64>> {
        self.batch_sizes.record(keys.len());
        let grids: BTreeSet<i32> = keys.iter().map(|key| key.grid).collect();
        let asked: BTreeSet<Counter> = keys.iter().map(|key| key.counter).collect();
        let column = |counter| -> AppResult<SimpleExpr> {
            if !asked.contains(&counter) {
                // Not asked for: a constant keeps the row shape fixed at no cost.
                return Ok(Expr::val(0i64));
            }
            Ok(Expr::SubQuery(
                None,
                Box::new(self.count_under_grid(counter)?.into()),
            ))
        };
        let rows: Vec<(i32, i64, i64, i64)> = access::visible::<grid::Entity>(&self.viewer)
            .filter(grid::Column::Id.is_in(grids))
            .select_only()
            .column(grid::Column::Id)
            .expr_as(column(Counter::Households)?, "households")
            .expr_as(column(Counter::Residents)?, "residents")
            .expr_as(column(Counter::Elderly)?, "elderly")
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut counts = HashMap::new();
        for (grid, households, residents, elderly) in rows {
            for (counter, n) in [
                (Counter::Households, households),
                (Counter::Residents, residents),
                (Counter::Elderly, elderly),
            ] {
                counts.insert(GridCount { grid, counter }, u64::try_from(n).unwrap_or(0));
            }
        }
        Ok(counts)
    }
}

impl DbLoader {
    /// `SELECT COUNT(*)` of the visible rows under the outer statement's grid.
    pub(super) fn count_under_grid(&self, counter: Counter) -> AppResult<SelectStatement> {
        Ok(match counter {
            Counter::Households => self.count_under::<household::Entity>(None)?,
            Counter::Residents => self.count_under::<resident::Entity>(None)?,
            Counter::Elderly => {
                // The same condition as `residents(filter: {tags: [ELDERLY]})`.
                let filter = ResidentFilter {
                    tags: Some(vec![ResidentTag::Elderly]),
                    ..Default::default()
                };
                let condition = filter.condition(self.env)?;
                self.count_under::<resident::Entity>(Some(condition))?
            }
        })
    }

    fn count_under<E: Scoped>(
        &self,
        extra: Option<sea_orm::sea_query::Condition>,
    ) -> AppResult<SelectStatement> {
        let path = E::scope_column();
        let grid_path = Expr::col((grid::Entity, grid::Column::Path));
        // The first string after the grid's subtree, as in `access::path_upper_bound`.
        let grid_upper =
            Expr::cust(r#"substr("grid"."path", 1, length("grid"."path") - 1) || '0'"#);
        let mut select = access::visible::<E>(&self.viewer)
            .filter(Expr::col((E::default(), path)).gte(grid_path))
            .filter(Expr::col((E::default(), path)).lt(grid_upper));
        if let Some(extra) = extra {
            select = select.filter(extra);
        }
        Ok(select
            .select_only()
            .expr(Expr::col((E::default(), path)).count())
            .into_query())
    }
}

/// `counter` of `grid`, batched with every other grid counter of the request.
pub async fn grid_count(
    ctx: &async_graphql::Context<'_>,
    grid: i32,
    counter: Counter,
) -> AppResult<u64> {
    let request = crate::graphql::context::RequestContext::of(ctx)?;
    let key = GridCount { grid, counter };
    if let Some(count) = request.prefetched.take::<_, u64>(&key) {
        return Ok(count);
    }
    Ok(request.loader.load_one(key).await?.unwrap_or(0))
}
