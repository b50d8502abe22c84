//! Keyset conditions and orderings: the SQL that turns a [`Page`] into "the rows after
//! this cursor, in this order".

use sea_orm::sea_query::{Condition, ExprTrait, IntoCondition};
use sea_orm::{ColumnTrait, Order};

use super::cursor::{Cursor, SortValue};
use super::page::Page;
use super::resource::{Column, Model, Resource};
use crate::error::AppResult;

/// One sort: the column (None = id only) and whether it is descending, in the list's
/// natural order.
pub struct Sort<R: Resource> {
    pub column: Option<Column<R>>,
    pub descending: bool,
}

impl<R: Resource> Clone for Sort<R> {
    fn clone(&self) -> Self {
        Sort {
            column: self.column,
            descending: self.descending,
        }
    }
}

impl<R: Resource> Sort<R> {
    pub fn of(order: R::Order) -> Self {
        let (column, descending) = R::order_column(order);
        Sort { column, descending }
    }

    /// The order to fetch in: natural, or reversed when paging backward.
    pub fn fetch_order(&self, page: &Page) -> Order {
        if self.descending != page.backward {
            Order::Desc
        } else {
            Order::Asc
        }
    }

    /// (column, direction) pairs to fetch in, id last as the tie-break.
    pub fn fetch_columns(&self, page: &Page) -> Vec<(Column<R>, Order)> {
        let order = self.fetch_order(page);
        let mut columns: Vec<(Column<R>, Order)> = self
            .column
            .iter()
            .map(|column| (*column, order.clone()))
            .collect();
        columns.push((R::id_column(), order));
        columns
    }

    /// Rows strictly after `after` and strictly before `before`, in natural order.
    pub fn bounds(&self, page: &Page) -> Condition {
        let mut condition = Condition::all();
        if let Some(after) = &page.after {
            condition = condition.add(self.beyond(after, !self.descending));
        }
        if let Some(before) = &page.before {
            condition = condition.add(self.beyond(before, self.descending));
        }
        condition
    }

    /// Rows greater (or less) than the cursor in (column, id) order.
    fn beyond(&self, cursor: &Cursor, greater: bool) -> Condition {
        let id = R::id_column();
        let past = |column: Column<R>, value: sea_orm::Value| {
            if greater {
                column.gt(value)
            } else {
                column.lt(value)
            }
        };
        match (self.column, &cursor.key) {
            (Some(column), Some(key)) => {
                let value = key.clone().into_value();
                Condition::any()
                    .add(past(column, value.clone()))
                    .add(column.eq(value).and(past(id, cursor.id.into())))
            }
            // A cursor from another ordering: fall back to the id, never fail open.
            (Some(_), None) | (None, _) => past(id, cursor.id.into()).into_condition(),
        }
    }

    /// The cursor of a row under this sort.
    pub fn cursor_of(&self, model: &Model<R>) -> AppResult<Cursor> {
        use sea_orm::ModelTrait;
        let key = match self.column {
            Some(column) => Some(SortValue::from_value(model.get(column))?),
            None => None,
        };
        Ok(Cursor {
            key,
            id: R::id_of(model),
        })
    }
}
