//! Figures read from the rollups database triggers keep (migrations m0020, m0021)
//! instead of from the rows, where the two must agree: the area is a union of rollup
//! keys (a street or more for the births per street, a grid or building or more for
//! the households per grid or building) and the viewer counts every row of the kind under it
//! ([`aggregates::counts_whole`]); a rollup cannot leave out the rows a viewer may not
//! count. Elsewhere the figures count the rows as before.

use chrono::{Datelike, Months, NaiveDate};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, JoinType, Query, SelectStatement, SimpleExpr,
};

use entity::rollup_grid_households as households;
use entity::rollup_resident_births as births;
use entity::{grid, household, resident};

use super::under::{Under, depth};
use super::{GRID_STANDARD, count, scoped, sub};
use crate::access::{Scoped, Viewer, aggregates, under_path};
use crate::error::{AppError, AppResult};

/// Segments in a street's path, the key of the births and requests rollups.
pub(super) const STREET_DEPTH: usize = 2;
/// Segments in a grid's path, the key of the households rollup.
const GRID_DEPTH: usize = 4;
/// Segments in a building's path, the key of the households per building.
const BUILDING_DEPTH: usize = 5;

/// The area's path where the rollup keyed at `key_depth` counts every row of `E`
/// under it that `viewer` may count.
pub(super) fn rolled_up<'a, E: Scoped>(
    viewer: &Viewer,
    area: Under<'a>,
    key_depth: usize,
) -> Option<&'a str> {
    match area {
        Under::Path(path)
            if depth(path) <= key_depth && aggregates::counts_whole::<E>(viewer, path) =>
        {
            Some(path)
        }
        _ => None,
    }
}

/// The ages the population figures count, as birth dates: born on or before
/// `born_60` is 60 or older today.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AgeCuts {
    pub born_60: NaiveDate,
    pub born_80: NaiveDate,
    pub born_18: NaiveDate,
}

impl AgeCuts {
    pub fn on(today: NaiveDate) -> AppResult<AgeCuts> {
        let years_ago = |years: u32| {
            today
                .checked_sub_months(Months::new(years * 12))
                .ok_or_else(|| AppError::Internal("date out of range".into()))
        };
        Ok(AgeCuts {
            born_60: years_ago(60)?,
            born_80: years_ago(80)?,
            born_18: years_ago(18)?,
        })
    }
}

/// Where the residents' columns of the population come from under `area`: the births
/// rollup (its path), or the resident rows.
pub(crate) fn births_under<'a>(viewer: &Viewer, area: Under<'a>) -> Option<&'a str> {
    rolled_up::<resident::Entity>(viewer, area, STREET_DEPTH)
}

/// The residents' columns of the population (`residents`, `elderly_60`, `elderly_80`,
/// `children`) from the births rollup under `path`, with its FROM. Whole months are
/// added up from the rollup; the month an age threshold falls in is counted from the
/// resident rows (the `birth_date` index reads that month's births alone).
pub(crate) fn resident_columns_from_births(
    select: &mut SelectStatement,
    path: &str,
    cuts: AgeCuts,
) -> AppResult<()> {
    let month = |date: NaiveDate| date.format("%Y-%m").to_string();
    let born = || Expr::col((resident::Entity, resident::Column::BirthDate));
    let born_in_rows = |condition: Condition| {
        sub(Query::select()
            .expr(Expr::col((resident::Entity, resident::Column::AreaPath)).count())
            .from(resident::Entity)
            .cond_where(under_path(resident::Column::AreaPath, path))
            .cond_where(condition)
            .to_owned())
    };
    let months = |condition: SimpleExpr| {
        total(
            Expr::case(
                Condition::all().add(condition),
                Expr::col(births::Column::Residents),
            )
            .into(),
        )
    };
    let birth_month = || Expr::col(births::Column::BirthMonth);
    // Born on or before `cut`: the months before its month, and its month up to it.
    let by = |cut: NaiveDate| -> AppResult<SimpleExpr> {
        Ok(months(birth_month().lt(month(cut))).add(born_in_rows(
            Condition::all()
                .add(born().gte(month_start(cut)?))
                .add(born().lte(cut)),
        )))
    };
    // Born after `cut`: the months after its month, and its month after it.
    let after = |cut: NaiveDate| -> AppResult<SimpleExpr> {
        Ok(months(birth_month().gt(month(cut))).add(born_in_rows(
            Condition::all()
                .add(born().gt(cut))
                .add(born().lt(next_month_start(cut)?)),
        )))
    };
    select
        .expr_as(
            total(Expr::col(births::Column::Residents)),
            Alias::new("residents"),
        )
        .expr_as(by(cuts.born_60)?, Alias::new("elderly_60"))
        .expr_as(by(cuts.born_80)?, Alias::new("elderly_80"))
        .expr_as(after(cuts.born_18)?, Alias::new("children"))
        .from(births::Entity)
        .cond_where(under_path(births::Column::StreetPath, path));
    Ok(())
}

/// Where the households per building under `area` come from: the buildings rollup
/// (its path), or the household rows.
pub(crate) fn buildings_under<'a>(viewer: &Viewer, area: Under<'a>) -> Option<&'a str> {
    rolled_up::<household::Entity>(viewer, area, BUILDING_DEPTH)
}

/// The households under `area` the viewer may count, as a scalar sub-select: from the
/// households rollup where it counts them all, else from the rows.
pub(crate) fn households(viewer: &Viewer, area: Under<'_>) -> SimpleExpr {
    match rolled_up::<household::Entity>(viewer, area, GRID_DEPTH) {
        Some(path) => sub(Query::select()
            .expr(total(Expr::col(households::Column::Households)))
            .from(households::Entity)
            .cond_where(under_path(households::Column::GridPath, path))
            .to_owned()),
        None => sub(count::<household::Entity>(viewer, area, Condition::all())),
    }
}

/// The grids under `area` whose countable households lie outside [`GRID_STANDARD`].
pub(crate) fn grids_outside_standard(viewer: &Viewer, area: Under<'_>) -> SelectStatement {
    let (low, high) = GRID_STANDARD;
    let mut grids = Query::select()
        .expr(Expr::col((grid::Entity, grid::Column::Id)).count())
        .from(grid::Entity)
        .cond_where(scoped::<grid::Entity>(viewer, area))
        .to_owned();
    match rolled_up::<household::Entity>(viewer, area, GRID_DEPTH) {
        Some(_) => {
            // A grid without households has no rollup row: 0, outside the standard.
            let rolled: SimpleExpr =
                Expr::col((households::Entity, households::Column::Households));
            let size: SimpleExpr = Func::coalesce([rolled, Expr::val(0)]).into();
            grids
                .join(
                    JoinType::LeftJoin,
                    households::Entity,
                    Expr::col((households::Entity, households::Column::GridPath))
                        .equals((grid::Entity, grid::Column::Path)),
                )
                .cond_where(
                    Condition::any()
                        .add(size.clone().lt(low))
                        .add(size.gt(high)),
                )
                .to_owned()
        }
        None => {
            let grid_upper =
                Expr::cust(r#"substr("grid"."path", 1, length("grid"."path") - 1) || '0'"#);
            let path = || Expr::col((household::Entity, household::Column::Path));
            let size = sub(Query::select()
                .expr(path().count())
                .from(household::Entity)
                // The grid lies under the area, and so do its households.
                .cond_where(area.countable_within::<household::Entity>(viewer))
                .and_where(path().gte(Expr::col((grid::Entity, grid::Column::Path))))
                .and_where(path().lt(grid_upper))
                .to_owned());
            grids
                .cond_where(
                    Condition::any()
                        .add(size.clone().lt(low))
                        .add(size.gt(high)),
                )
                .to_owned()
        }
    }
}

/// `SUM(expr)` as a whole number, 0 over no rows (PostgreSQL sums BIGINT to NUMERIC).
pub(super) fn total(expr: SimpleExpr) -> SimpleExpr {
    Func::cast_as(
        Func::coalesce([SimpleExpr::from(Func::sum(expr)), Expr::val(0)]),
        Alias::new("BIGINT"),
    )
    .into()
}

fn month_start(date: NaiveDate) -> AppResult<NaiveDate> {
    date.with_day(1)
        .ok_or_else(|| AppError::Internal("date out of range".into()))
}

fn next_month_start(date: NaiveDate) -> AppResult<NaiveDate> {
    month_start(date)?
        .checked_add_months(Months::new(1))
        .ok_or_else(|| AppError::Internal("date out of range".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Viewer;

    #[test]
    fn rollups_serve_areas_that_are_unions_of_their_keys() {
        let system = Viewer::System;
        assert_eq!(births_under(&system, Under::Path("1/")), Some("1/"));
        assert_eq!(births_under(&system, Under::Path("1/3/")), Some("1/3/"));
        // A community is part of a street: its births are not in the rollup.
        assert_eq!(births_under(&system, Under::Path("1/3/20/")), None);
        assert_eq!(births_under(&system, Under::Child), None);
        // Nobody may count: no rollup.
        assert_eq!(births_under(&Viewer::Anonymous, Under::Path("1/")), None);
    }

    #[test]
    fn a_threshold_month_runs_from_its_first_day_to_the_next_month() {
        let day = NaiveDate::from_ymd_opt(1966, 12, 31).unwrap();
        assert_eq!(
            month_start(day).unwrap(),
            NaiveDate::from_ymd_opt(1966, 12, 1).unwrap()
        );
        assert_eq!(
            next_month_start(day).unwrap(),
            NaiveDate::from_ymd_opt(1967, 1, 1).unwrap()
        );
    }
}
