//! The one place that turns a viewer into row filters. Every query of a scoped table
//! starts from [`visible`] (or, for hand-built SQL, [`scope_condition`]); resolvers have
//! no other way to reach those tables.
//!
//! Scoping is by materialised path: a viewer's grants are area paths, and a row is
//! visible when its scope column lies under one of them.

mod scoped;
mod viewer;

pub use scoped::Scoped;
pub use viewer::{Scope, Viewer};

use sea_orm::sea_query::{Condition, Expr, ExprTrait, IntoCondition};
use sea_orm::{ColumnTrait, QueryFilter, Select};

/// All rows of `E` the viewer may see.
pub fn visible<E: Scoped>(viewer: &Viewer) -> Select<E> {
    E::find().filter(scope_condition::<E>(viewer))
}

/// The row filter of [`visible`], for statements built by hand (window functions).
pub fn scope_condition<E: Scoped>(viewer: &Viewer) -> Condition {
    match viewer.scope() {
        Scope::Everything => Condition::all(),
        Scope::Nothing => Condition::all().add(Expr::val(1).eq(0)),
        Scope::Areas(paths) => paths.iter().fold(Condition::any(), |any, path| {
            any.add(under_path(E::scope_column(), path))
        }),
    }
}

/// `column` lies under `path` (inclusive): a byte-order range, so one index range scan.
/// Paths end in '/', and '0' is the byte after '/', so `"1/3/"..<"1/30"` holds
/// `"1/3/"` and `"1/3/7/"` but not `"1/30/"`.
pub fn under_path<C: ColumnTrait>(column: C, path: &str) -> Condition {
    column
        .gte(path)
        .and(column.lt(path_upper_bound(path)))
        .into_condition()
}

/// The first string after every path below `path`.
pub fn path_upper_bound(path: &str) -> String {
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    format!("{trimmed}0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_bound_excludes_siblings_with_longer_ids() {
        let upper = path_upper_bound("1/3/");
        assert!("1/3/" < upper.as_str());
        assert!("1/3/99/12/" < upper.as_str());
        assert!("1/30/" >= upper.as_str());
        assert!("1/4/" >= upper.as_str());
    }
}
