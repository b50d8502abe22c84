//! The one place that turns a viewer into row filters and field masks.
//!
//! Every query of a scoped table starts from [`visible`] (or, for hand-built SQL,
//! [`scope_condition`]); resolvers have no other way to reach those tables. Scoping is by
//! materialised path: a grant on an area reaches that area's subtree, for the kinds of
//! rows its role may see ([`policy`]). The ancestors of a granted area (its street, its
//! community…) are visible as context, but nothing else under them. Personal data is
//! masked by [`pii`], driven by the same policy table.

pub mod aggregates;
pub mod audit;
pub mod booking_actions;
pub mod care;
pub mod cobuild_actions;
pub mod evaluation_actions;
pub mod mediation_actions;
pub mod notice_board;
pub mod party_actions;
pub mod pii;
pub mod points_actions;
pub mod policy;
pub mod post_actions;
pub mod request_actions;
pub mod reveal;
mod roles;
mod scoped;
pub mod service_actions;
mod viewer;
pub mod visit_actions;

pub use roles::{AreaKind, AreaRef, Grant, Role};
pub use scoped::{ScopeKind, Scoped};
pub use viewer::{Principal, PrincipalKind, Viewer};

use sea_orm::sea_query::{Condition, Expr, ExprTrait, IntoCondition};
use sea_orm::{ColumnTrait, QueryFilter, Select};

/// All rows of `E` the viewer may see.
pub fn visible<E: Scoped>(viewer: &Viewer) -> Select<E> {
    E::find().filter(scope_condition::<E>(viewer))
}

/// The row filter of [`visible`], for statements built by hand (window functions).
pub fn scope_condition<E: Scoped>(viewer: &Viewer) -> Condition {
    let principal = match viewer {
        Viewer::System => return Condition::all(),
        Viewer::Anonymous => return never(),
        Viewer::Principal(principal) => principal,
    };
    let reach = policy::reach(principal, E::KIND);
    let owned = E::owner_column()
        .filter(|_| principal.kind == PrincipalKind::User)
        .map(|column| column.eq(principal.id));
    let major = E::major_column()
        .map(|flag| (flag, mediation_actions::major_reach(principal)))
        .filter(|(_, paths)| !paths.is_empty());
    if reach.is_empty() && owned.is_none() && major.is_none() {
        return never();
    }
    let column = E::scope_column();
    let mut any = reach.iter().fold(Condition::any(), |any, path| {
        any.add(under_path(column, path))
    });
    if let Some((flag, paths)) = major {
        for path in paths {
            any = any.add(under_path(column, path).add(flag.eq(true)));
        }
    }
    if E::KIND.seen_from_below() {
        let ancestors: Vec<String> = reach.iter().flat_map(|path| ancestors(path)).collect();
        if !ancestors.is_empty() {
            any = any.add(column.is_in(ancestors));
        }
    }
    if let Some(assigned) = E::assigned(principal) {
        any = any.add(assigned);
    }
    match owned {
        Some(owned) => any.add(owned),
        None => any,
    }
}

/// A condition no row meets.
pub fn never() -> Condition {
    Condition::all().add(Expr::val(1).eq(0))
}

/// `column` lies under `path` (inclusive): a byte-order range, so one index range scan.
/// Paths end in '/', and '0' is the byte after '/', so `"1/3/"..<"1/30"` holds
/// `"1/3/"` and `"1/3/7/"` but not `"1/30/"`.
///
/// The bounds are written into the SQL as literals, not bound as parameters: a cached
/// (generic) plan then still sees how narrow the range is. With parameters PostgreSQL
/// switched to a generic plan after five runs and scanned the path index of the whole
/// table for 32 households by id (370 ms instead of 0.1 ms, bench/README.md); planning
/// every execution instead cost more PostgreSQL CPU than the peer spends on a whole
/// request of (a). Paths are the hub's own ids and slashes; the literal is escaped anyway.
pub fn under_path<C: ColumnTrait>(column: C, path: &str) -> Condition {
    let literal = |text: String| Expr::Constant(text.into());
    let column = || Expr::col(column.as_column_ref());
    column()
        .gte(literal(path.to_owned()))
        .and(column().lt(literal(path_upper_bound(path))))
        .into_condition()
}

/// The first string after every path below `path`.
pub fn path_upper_bound(path: &str) -> String {
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    format!("{trimmed}0")
}

/// Whether `path` lies in the subtree rooted at `root` (inclusive).
pub fn path_is_under(path: &str, root: &str) -> bool {
    path.starts_with(root)
}

/// The paths of the areas strictly above `path`: `"1/3/20/"` → `["1/", "1/3/"]`.
pub fn ancestors(path: &str) -> Vec<String> {
    path.match_indices('/')
        .map(|(end, _)| path[..=end].to_owned())
        .filter(|prefix| prefix.len() < path.len())
        .collect()
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

    #[test]
    fn ancestors_are_the_strict_prefixes() {
        assert_eq!(ancestors("1/3/20/"), vec!["1/", "1/3/"]);
        assert!(ancestors("1/").is_empty());
    }

    /// A generic plan must still see the range (see `under_path`), so the bounds are
    /// part of the statement's text, escaped, and never parameters.
    #[test]
    fn path_bounds_are_escaped_literals_not_parameters() {
        use entity::household;
        use sea_orm::sea_query::{PostgresQueryBuilder, Query};
        let sql = |path: &str| {
            Query::select()
                .column(household::Column::Id)
                .from(household::Entity)
                .cond_where(under_path(household::Column::Path, path))
                .build(PostgresQueryBuilder)
        };
        let (text, values) = sql("1/3/");
        assert!(values.0.is_empty(), "{values:?}");
        assert!(
            text.contains(r#""household"."path" >= '1/3/' AND "household"."path" < '1/30'"#),
            "{text}"
        );
        let (text, _) = sql("1/'; DROP TABLE household; --/");
        assert!(
            text.contains(r"E'1/\'; DROP TABLE household; --/'"),
            "{text}"
        );
    }

    #[test]
    fn subtree_membership_respects_id_boundaries() {
        assert!(path_is_under("1/3/7/", "1/3/"));
        assert!(!path_is_under("1/30/7/", "1/3/"));
    }
}
