//! `requestStats`: residents' requests counted by any mix of category, channel,
//! status, level, urgency and grid in one GROUP BY over the countable requests.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ActiveEnum, ConnectionTrait, QueryResult};

use entity::request_enums::{Channel, HandlingLevel, RequestStatus, Urgency};
use entity::{building, request, request_category};

use super::get;
use crate::access::Viewer;
use crate::access::aggregates::countable;
use crate::error::{AppError, AppResult};

/// What requests are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestDimension {
    Category,
    Channel,
    Status,
    Level,
    Urgency,
    Grid,
}

/// One group: the keys it was grouped by (the others `None`), and its size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestStatsGroup {
    pub category: Option<String>,
    pub channel: Option<Channel>,
    pub status: Option<RequestStatus>,
    pub level: Option<HandlingLevel>,
    pub urgency: Option<Urgency>,
    pub grid_id: Option<i32>,
    pub count: u64,
}

/// The groups of the countable requests meeting `filter`, by `dimensions`.
pub async fn request_stats(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: Condition,
    dimensions: &[RequestDimension],
) -> AppResult<Vec<RequestStatsGroup>> {
    let rows = db.query_all(&statement(viewer, filter, dimensions)).await?;
    rows.iter()
        .map(|row| {
            let mut group = RequestStatsGroup {
                count: get(row, "n")?,
                ..Default::default()
            };
            for dimension in dimensions {
                match dimension {
                    RequestDimension::Category => group.category = Some(text(row, "category")?),
                    RequestDimension::Channel => group.channel = Some(stored(row, "channel")?),
                    RequestDimension::Status => group.status = Some(stored(row, "status")?),
                    RequestDimension::Level => group.level = Some(stored(row, "level")?),
                    RequestDimension::Urgency => group.urgency = Some(stored(row, "urgency")?),
                    RequestDimension::Grid => {
                        group.grid_id = Some(row.try_get("", "grid_id").map_err(internal)?)
                    }
                }
            }
            Ok(group)
        })
        .collect()
}

fn statement(
    viewer: &Viewer,
    filter: Condition,
    dimensions: &[RequestDimension],
) -> SelectStatement {
    let column = |column: request::Column| Expr::col((request::Entity, column));
    let mut select = Query::select();
    select
        .expr_as(Func::count(column(request::Column::Id)), Alias::new("n"))
        .from(request::Entity)
        .cond_where(countable::<request::Entity>(viewer))
        .cond_where(filter);
    for dimension in dimensions {
        let (expr, alias) = match dimension {
            RequestDimension::Category => {
                // Categories are public reference data: no scope of their own.
                select.inner_join(
                    request_category::Entity,
                    Expr::col((request_category::Entity, request_category::Column::Id))
                        .equals((request::Entity, request::Column::CategoryId)),
                );
                (
                    Expr::col((request_category::Entity, request_category::Column::Code)),
                    "category",
                )
            }
            RequestDimension::Channel => (column(request::Column::Channel), "channel"),
            RequestDimension::Status => (column(request::Column::Status), "status"),
            RequestDimension::Level => (column(request::Column::Level), "level"),
            RequestDimension::Urgency => (column(request::Column::Urgency), "urgency"),
            RequestDimension::Grid => {
                // The building is the request's place, in the request's own scope.
                select.inner_join(
                    building::Entity,
                    Expr::col((building::Entity, building::Column::Id))
                        .equals((request::Entity, request::Column::BuildingId)),
                );
                (
                    Expr::col((building::Entity, building::Column::GridId)),
                    "grid_id",
                )
            }
        };
        select
            .expr_as(expr.clone(), Alias::new(alias))
            .add_group_by([expr]);
    }
    select
}

fn text(row: &QueryResult, column: &str) -> AppResult<String> {
    row.try_get("", column).map_err(internal)
}

fn stored<E: ActiveEnum<Value = String>>(row: &QueryResult, column: &str) -> AppResult<E> {
    E::try_from_value(&text(row, column)?).map_err(internal)
}

fn internal(err: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("request stats: {err}"))
}
