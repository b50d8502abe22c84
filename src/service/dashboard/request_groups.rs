//! The period's requests grouped by category, by channel and by level, in one
//! statement: the requests are counted once per (category, channel, level) cell, and
//! each grouping adds up the cells. A dashboard shows the three side by side, and
//! three GROUP BYs read the same requests three times. Under a street or more the
//! cells of the period's whole days come from the cells rollup
//! ([`super::request_rollups`]).

use sea_orm::sea_query::{
    Alias, CommonTableExpression, Condition, Expr, ExprTrait, Func, Order, Query, SelectStatement,
    SimpleExpr, UnionType, WithClause,
};
use sea_orm::{ColumnTrait, ConnectionTrait};

use entity::request_enums::RequestStatus;
use entity::{request, request_category};

use super::request_rollups::whole_day_cells;
use super::whole_days::days_under;
use super::{Period, count_if, get, scoped};
use crate::access::Viewer;
use crate::error::{AppError, AppResult};

/// One row of a breakdown of the period's requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestGroup {
    pub key: String,
    pub submitted: u64,
    pub closed: u64,
    pub solved: u64,
}

/// What requests are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKey {
    Category,
    Channel,
    Level,
}

impl RequestKey {
    const ALL: [RequestKey; 3] = [RequestKey::Category, RequestKey::Channel, RequestKey::Level];

    /// The cell column holding the key, and the tag of its rows in the union.
    fn column(self) -> &'static str {
        match self {
            RequestKey::Category => "category",
            RequestKey::Channel => "channel",
            RequestKey::Level => "level",
        }
    }
}

/// The period's requests under each of the three groupings, largest group first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestGroups([Vec<RequestGroup>; 3]);

impl RequestGroups {
    pub fn by(&self, key: RequestKey) -> &[RequestGroup] {
        &self.0[key as usize]
    }
}

const CELL: &str = "request_cell";

pub async fn request_groups(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
) -> AppResult<RequestGroups> {
    let in_period = Condition::all()
        .add(request::Column::SubmittedAt.gte(period.from))
        .add(request::Column::SubmittedAt.lt(period.to));
    // Under a street or more, whole days from the rollup and the edges from the rows.
    let cells = match days_under::<request::Entity>(viewer, area_path.into(), period) {
        Some((path, days)) => whole_day_cells(path, days)
            .union(
                UnionType::All,
                row_cells(viewer, area_path, days.edges(request::Column::SubmittedAt)),
            )
            .to_owned(),
        None => row_cells(viewer, area_path, in_period),
    };

    let [first, rest @ ..] = RequestKey::ALL.map(grouping);
    let mut union = first;
    for grouping in rest {
        union.union(UnionType::All, grouping);
    }
    union
        .order_by(Alias::new("grouping"), Order::Asc)
        .order_by(Alias::new("submitted"), Order::Desc)
        .order_by(Alias::new("group_key"), Order::Asc);
    // Referenced three times, the cells are computed once (PostgreSQL materialises
    // such a CTE; so does SQLite when asked).
    let mut cte = CommonTableExpression::from_select(cells);
    cte.table_name(Alias::new(CELL)).materialized(true);
    let statement = union.with(WithClause::new().cte(cte).to_owned());

    let mut groups = RequestGroups::default();
    for row in db.query_all(&statement).await? {
        let text = |column: &str| -> AppResult<String> {
            row.try_get("", column)
                .map_err(|err| AppError::Internal(format!("dashboard group: {err}")))
        };
        let grouping = text("grouping")?;
        let key = RequestKey::ALL
            .into_iter()
            .find(|key| key.column() == grouping)
            .ok_or_else(|| AppError::Internal(format!("dashboard grouping {grouping}")))?;
        groups.0[key as usize].push(RequestGroup {
            key: text("group_key")?,
            submitted: get(&row, "submitted")?,
            closed: get(&row, "closed")?,
            solved: get(&row, "solved")?,
        });
    }
    Ok(groups)
}

/// The cells of the countable requests under the area meeting `rows`, counted from
/// the rows.
fn row_cells(viewer: &Viewer, area_path: &str, rows: Condition) -> SelectStatement {
    let status = || Expr::col((request::Entity, request::Column::Status));
    let category = Expr::col((request_category::Entity, request_category::Column::Code));
    let channel = Expr::col((request::Entity, request::Column::Channel));
    let level = Expr::col((request::Entity, request::Column::Level));
    Query::select()
        .expr_as(category.clone(), Alias::new("category"))
        .expr_as(channel.clone(), Alias::new("channel"))
        .expr_as(level.clone(), Alias::new("level"))
        .expr_as(
            Expr::col((request::Entity, request::Column::Id)).count(),
            Alias::new("submitted"),
        )
        .expr_as(
            count_if(Condition::all().add(status().is_in([
                RequestStatus::ClosedResolved,
                RequestStatus::ClosedUnresolved,
            ]))),
            Alias::new("closed"),
        )
        .expr_as(
            count_if(Condition::all().add(status().eq(RequestStatus::ClosedResolved))),
            Alias::new("solved"),
        )
        .from(request::Entity)
        // Categories are public reference data: no scope of their own.
        .inner_join(
            request_category::Entity,
            Expr::col((request_category::Entity, request_category::Column::Id))
                .equals((request::Entity, request::Column::CategoryId)),
        )
        .cond_where(scoped::<request::Entity>(viewer, area_path).add(rows))
        .add_group_by([category, channel, level])
        .to_owned()
}

/// The cells added up by `key`, each row tagged with the key's name.
fn grouping(key: RequestKey) -> SelectStatement {
    let key_column = Expr::col((Alias::new(CELL), Alias::new(key.column())));
    // SUM of a count is NUMERIC on PostgreSQL: back to BIGINT for the reader.
    let total = |column: &str| -> SimpleExpr {
        Func::cast_as(
            Func::sum(Expr::col((Alias::new(CELL), Alias::new(column)))),
            Alias::new("BIGINT"),
        )
        .into()
    };
    Query::select()
        .expr_as(Expr::val(key.column()), Alias::new("grouping"))
        .expr_as(key_column.clone(), Alias::new("group_key"))
        .expr_as(total("submitted"), Alias::new("submitted"))
        .expr_as(total("closed"), Alias::new("closed"))
        .expr_as(total("solved"), Alias::new("solved"))
        .from(Alias::new(CELL))
        .add_group_by([key_column])
        .to_owned()
}
