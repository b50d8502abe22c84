//! The services group of a dashboard (为老为小服务): the service orders of residents
//! under the area placed in the period, how many were delivered, on time and to the
//! resident's satisfaction, in one pass over the orders. The 15-minute
//! facility coverage beside it is a second statement (see [`coverage`]).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, QueryResult};

use entity::service_enums::OrderStatus;
use entity::service_order::{self, Column as Order};

use super::{Period, count_if, get, one, scoped};
use crate::access::Viewer;
use crate::error::AppResult;

mod coverage;

pub(crate) use coverage::facility_reach_by_child;
pub use coverage::{FacilityReach, REACH_MINUTES, facility_reach};

/// A rating of this many stars or more is satisfied (ratings are 1 to 5).
pub const SATISFIED_STARS: i32 = 4;

/// Service orders under the area placed in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServiceFigures {
    pub placed: u64,
    /// Delivered: the provider checked out (COMPLETED, then CONFIRMED, SETTLED or
    /// DISPUTED).
    pub completed: u64,
    /// Delivered by the end of the scheduled slot.
    pub completed_on_time: u64,
    /// Not delivered, not ended (rejected, cancelled, no-show), and past the end of
    /// the scheduled slot now: they count against on-time.
    pub open_overdue: u64,
    /// Rated by the resident's side (1 to 5 stars).
    pub rated: u64,
    /// Rated [`SATISFIED_STARS`] or more.
    pub satisfied: u64,
}

pub async fn services(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
    now: DateTime<Utc>,
) -> AppResult<ServiceFigures> {
    let mut select = Query::select();
    services_columns(&mut select, period, now);
    select
        .from(service_order::Entity)
        .cond_where(scoped::<service_order::Entity>(viewer, area_path));
    services_of(&one(db, &select).await?)
}

/// The service figures as columns of `select`, counted in one pass over the orders
/// the caller puts in its FROM (the area's, or each child area's): six sub-selects
/// read the area's orders six times. An order is due at the end of its scheduled slot
/// (`scheduled_end`): one not scheduled yet has no due time and is never overdue.
pub(crate) fn services_columns(select: &mut SelectStatement, period: Period, now: DateTime<Utc>) {
    use OrderStatus::*;
    let column = |column: Order| Expr::col((service_order::Entity, column));
    let placed = || {
        Condition::all()
            .add(column(Order::CreatedAt).gte(period.from))
            .add(column(Order::CreatedAt).lt(period.to))
    };
    let completed = || placed().add(column(Order::CheckedOutAt).is_not_null());
    let not_delivered = [
        Requested,
        EligibilityChecked,
        Approved,
        Scheduled,
        InService,
    ];
    let rated = || placed().add(column(Order::Rating).is_not_null());
    let sums: [(&str, Condition); 6] = [
        ("placed", placed()),
        ("completed", completed()),
        (
            "on_time",
            completed().add(column(Order::CheckedOutAt).lte(column(Order::ScheduledEnd))),
        ),
        (
            "open_overdue",
            placed()
                .add(column(Order::Status).is_in(not_delivered))
                .add(column(Order::ScheduledEnd).lte(now)),
        ),
        ("rated", rated()),
        (
            "satisfied",
            rated().add(column(Order::Rating).gte(SATISFIED_STARS)),
        ),
    ];
    for (name, condition) in sums {
        select.expr_as(count_if(condition), Alias::new(name));
    }
}

pub(crate) fn services_of(row: &QueryResult) -> AppResult<ServiceFigures> {
    Ok(ServiceFigures {
        placed: get(row, "placed")?,
        completed: get(row, "completed")?,
        completed_on_time: get(row, "on_time")?,
        open_overdue: get(row, "open_overdue")?,
        rated: get(row, "rated")?,
        satisfied: get(row, "satisfied")?,
    })
}
