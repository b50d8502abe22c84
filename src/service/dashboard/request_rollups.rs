//! The requests group and its three breakdowns from the request rollups database
//! triggers keep (migration m0022: per street and day of submission, and per street,
//! day, category, channel and level), under the same rule as the other rollups
//! ([`super::whole_days::days_under`]: a street or more, a viewer who counts every
//! request under it). The period's whole days are added up from the rollups and the
//! partial days at either edge counted from the rows.
//!
//! What stays on the rows: what depends on now (open, overdue now, and submitted in
//! the period but open past their deadline, read from the open requests alone), the
//! supervision cards (their own table, by time of issue), and what does not add up
//! (the handling-time percentiles).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, Iterable};

use entity::request;
use entity::request_enums::RequestStatus;
use entity::rollup_request_cells as cells;
use entity::rollup_request_days as days;

use super::whole_days::WholeDays;
use super::{count_if, request_conditions, scoped};
use crate::access::{Viewer, under_path};

/// The figures the days rollup holds, by their column in it and in [`request_conditions`].
const ADDITIVE: [&str; 13] = [
    "submitted",
    "responded",
    "closed",
    "solved",
    "evaluated",
    "satisfied",
    "on_time",
    "escalated",
    "reworked",
    "extended",
    "repeated",
    "closed_below",
    "closed_within",
];

/// The figures that depend on now, counted from the open requests.
const NOW: [&str; 3] = ["open_now", "overdue_now", "open_overdue"];

/// The columns of [`super::request_sums`], with their FROM: the whole days' sums from
/// the days rollup plus the edges' from the rows, and the figures of now from the open
/// requests.
pub(crate) fn request_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    path: &str,
    days: WholeDays,
    now: DateTime<Utc>,
) {
    let conditions = request_conditions(days.period, now);
    let counted = |names: &[&str], rows: Condition| {
        let mut counts = Query::select();
        for (name, condition) in conditions.iter().filter(|(name, _)| names.contains(name)) {
            counts.expr_as(count_if(condition.clone()), Alias::new(*name));
        }
        counts
            .from(request::Entity)
            .cond_where(scoped::<request::Entity>(viewer, path).add(rows))
            .to_owned()
    };
    let mut whole = Query::select();
    for name in ADDITIVE {
        whole.expr_as(
            super::rollups::total(Expr::col(Alias::new(name))),
            Alias::new(name),
        );
    }
    whole
        .from(days::Entity)
        .cond_where(under_path(days::Column::StreetPath, path))
        .cond_where(days.holds(days::Column::Day));
    // The open requests are few: the status index finds them, where the condition
    // the figures share (not closed, rejected or merged) would read the whole area.
    let open = RequestStatus::iter().filter(|status| {
        !matches!(
            status,
            RequestStatus::Rejected
                | RequestStatus::Merged
                | RequestStatus::ClosedResolved
                | RequestStatus::ClosedUnresolved
        )
    });
    let open = Condition::all().add(request::Column::Status.is_in(open));
    let (whole_days, edges, opens) = (
        Alias::new("whole_days"),
        Alias::new("edges"),
        Alias::new("opens"),
    );
    for name in ADDITIVE {
        let sum = Expr::col((whole_days.clone(), Alias::new(name)))
            .add(Expr::col((edges.clone(), Alias::new(name))));
        select.expr_as(sum, Alias::new(name));
    }
    for name in NOW {
        select.expr_as(
            Expr::col((opens.clone(), Alias::new(name))),
            Alias::new(name),
        );
    }
    select
        .from_subquery(whole, whole_days)
        .from_subquery(
            counted(&ADDITIVE, days.edges(request::Column::SubmittedAt)),
            edges,
        )
        .from_subquery(counted(&NOW, open), opens);
}

/// The cells of [`super::request_groups`] (category code, channel, level, submitted,
/// closed, solved) of the whole days, from the cells rollup under `path`; the caller
/// adds the edges' from the rows.
pub(crate) fn whole_day_cells(path: &str, days: WholeDays) -> SelectStatement {
    use entity::request_category as category;
    let sum = |column: cells::Column| super::rollups::total(Expr::col((cells::Entity, column)));
    let keys = [
        cells::Column::CategoryId,
        cells::Column::Channel,
        cells::Column::Level,
    ];
    // Added up by the category's id first, then named: the join and the text key
    // then meet a few dozen rows, not every cell (twice as fast in PostgreSQL over
    // 335,000 cells).
    let whole = Query::select()
        .columns(keys)
        .expr_as(sum(cells::Column::Submitted), Alias::new("submitted"))
        .expr_as(sum(cells::Column::Closed), Alias::new("closed"))
        .expr_as(sum(cells::Column::Solved), Alias::new("solved"))
        .from(cells::Entity)
        .cond_where(under_path(cells::Column::StreetPath, path))
        .cond_where(days.holds(cells::Column::Day))
        .group_by_columns(keys)
        // A cell whose requests all left keeps a row of zeros: no group, as from the rows.
        .and_having(sum(cells::Column::Submitted).gt(0))
        .to_owned();
    let summed = Alias::new("whole_day_cells");
    let column = |name: &str| Expr::col((summed.clone(), Alias::new(name)));
    Query::select()
        .expr_as(
            Expr::col((category::Entity, category::Column::Code)),
            Alias::new("category"),
        )
        .expr_as(column("channel"), Alias::new("channel"))
        .expr_as(column("level"), Alias::new("level"))
        .expr_as(column("submitted"), Alias::new("submitted"))
        .expr_as(column("closed"), Alias::new("closed"))
        .expr_as(column("solved"), Alias::new("solved"))
        .from_subquery(whole, summed.clone())
        .inner_join(
            category::Entity,
            Expr::col((category::Entity, category::Column::Id))
                .equals((summed, Alias::new("category_id"))),
        )
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::dashboard::Period;

    #[test]
    fn every_request_sum_is_read_from_the_rollup_or_from_the_open_requests() {
        let now = Utc::now();
        let period = Period { from: now, to: now };
        let mut sums: Vec<&str> = request_conditions(period, now)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let mut read: Vec<&str> = ADDITIVE.iter().chain(NOW.iter()).copied().collect();
        sums.sort_unstable();
        read.sort_unstable();
        assert_eq!(sums, read);
    }
}
