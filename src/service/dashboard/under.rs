//! Where the rows of a figure lie: under one area (a dashboard), or under each row of
//! a derived table `child` of areas (a breakdown GROUP BYs the child areas, and every
//! figure's sub-select correlates with the child row). The same group builders serve
//! both, so a breakdown's figures are the dashboard's, area by area.

use sea_orm::EntityTrait;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};

use crate::access::aggregates::{countable, countable_under, countable_within};
use crate::access::{Scoped, Viewer, under_path};
use crate::error::{AppError, AppResult};

/// The alias of the derived table of child areas.
pub const CHILD: &str = "child";

/// Where the counted rows lie.
#[derive(Clone, Copy, Debug)]
pub enum Under<'a> {
    /// In the subtree of the area with this path.
    Path(&'a str),
    /// In the subtree of the current row of the derived table [`CHILD`].
    Child,
}

impl<'a> From<&'a str> for Under<'a> {
    fn from(path: &'a str) -> Self {
        Under::Path(path)
    }
}

impl<'a> From<&'a String> for Under<'a> {
    fn from(path: &'a String) -> Self {
        Under::Path(path)
    }
}

impl Under<'_> {
    /// The rows of `E` whose scope path lies in the subtree.
    pub fn holds<E: Scoped>(self) -> Condition {
        match self {
            Under::Path(path) => under_path(E::scope_column(), path),
            Under::Child => {
                let column = || Expr::col((E::default(), E::scope_column()));
                // Paths end in '/', and '0' is the byte after it (see `under_path`).
                let upper = Expr::cust(format!(
                    r#"substr("{CHILD}"."path", 1, length("{CHILD}"."path") - 1) || '0'"#
                ));
                Condition::all()
                    .add(column().gte(Expr::col((Alias::new(CHILD), Alias::new("path")))))
                    .add(column().lt(upper))
            }
        }
    }
}

impl Under<'_> {
    /// The rows of `E` in the subtree the viewer may count.
    pub fn countable<E: Scoped>(self, viewer: &Viewer) -> Condition {
        match self {
            Under::Path(path) => countable_under::<E>(viewer, path),
            Under::Child => Condition::all()
                .add(countable::<E>(viewer))
                .add(self.holds::<E>()),
        }
    }

    /// The countable rows of `E` for a set an uncorrelated `IN` sub-select reads once
    /// (a hashed sub-plan): under one area, the area's, so the database hashes the
    /// area's few rows, not the whole table's; under a child table, not bound to it,
    /// since a sub-select correlated with the child row would no longer be read once.
    pub fn countable_set<E: Scoped>(self, viewer: &Viewer) -> Condition {
        match self {
            Under::Path(path) => countable_under::<E>(viewer, path),
            Under::Child => countable::<E>(viewer),
        }
    }

    /// [`countable`] for rows the caller already keeps in the subtree.
    pub fn countable_within<E: Scoped>(self, viewer: &Viewer) -> Condition {
        match self {
            Under::Path(path) => countable_within::<E>(viewer, path),
            Under::Child => countable::<E>(viewer),
        }
    }
}

/// The level a breakdown splits an area into.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[graphql(name = "AreaLevel")]
pub enum ChildLevel {
    Street,
    Community,
    Grid,
}

impl ChildLevel {
    /// Segments in the path of an area of this level (`1/3/20/` is a community).
    pub fn depth(self) -> usize {
        match self {
            ChildLevel::Street => 2,
            ChildLevel::Community => 3,
            ChildLevel::Grid => 4,
        }
    }
}

/// Segments in an area path.
pub fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// `SELECT id, name, path` of the areas of `level` under `area_path` that the viewer
/// may count, as the derived table [`CHILD`]; BAD_USER_INPUT unless the level lies
/// below the area.
pub fn child_areas(
    viewer: &Viewer,
    area_path: &str,
    level: ChildLevel,
) -> AppResult<SelectStatement> {
    if level.depth() <= depth(area_path) {
        return Err(AppError::bad_input("`by` must be a level below the area"));
    }
    Ok(match level {
        ChildLevel::Street => areas::<entity::street::Entity>(viewer, area_path),
        ChildLevel::Community => areas::<entity::community::Entity>(viewer, area_path),
        ChildLevel::Grid => areas::<entity::grid::Entity>(viewer, area_path),
    })
}

fn areas<E: Scoped + EntityTrait>(viewer: &Viewer, area_path: &str) -> SelectStatement {
    let table = E::default();
    Query::select()
        .expr_as(Expr::col((table, Alias::new("id"))), Alias::new("id"))
        .expr_as(Expr::col((table, Alias::new("name"))), Alias::new("name"))
        .expr_as(Expr::col((table, Alias::new("path"))), Alias::new("path"))
        .from(table)
        .cond_where(countable_under::<E>(viewer, area_path))
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_must_lie_below_the_area() {
        let viewer = Viewer::System;
        assert!(child_areas(&viewer, "1/", ChildLevel::Street).is_ok());
        assert!(child_areas(&viewer, "1/2/", ChildLevel::Grid).is_ok());
        assert!(child_areas(&viewer, "1/2/", ChildLevel::Street).is_err());
        assert!(child_areas(&viewer, "1/2/7/", ChildLevel::Community).is_err());
        assert!(child_areas(&viewer, "1/2/7/30/", ChildLevel::Grid).is_err());
    }
}
