//! Who counts what: the rows an aggregate (a dashboard figure) may count, and when a
//! small count must be suppressed.
//!
//! Users count exactly the rows they may list ([`super::scope_condition`]), so a
//! figure never tells them more than a list would. An API client with
//! `aggregates:read` counts every row of its kind in its area without reaching any row
//! itself; for it, and for every viewer who could not list the people counted, groups
//! of fewer than [`Suppression::threshold`] people are suppressed.

use sea_orm::sea_query::Condition;

use super::policy::{self, AGGREGATES_READ};
use super::scoped::{ScopeKind, Scoped};
use super::viewer::{PrincipalKind, Viewer};
use super::{never, path_is_under, scope_condition, under_path};

/// The rows of `E` an aggregate for `viewer` counts.
pub fn countable<E: Scoped>(viewer: &Viewer) -> Condition {
    match viewer.principal() {
        Some(principal)
            if principal.kind == PrincipalKind::Client && principal.has_scope(AGGREGATES_READ) =>
        {
            match &principal.area {
                Some(area) => under_path(E::scope_column(), &area.path),
                None => never(),
            }
        }
        _ => scope_condition::<E>(viewer),
    }
}

/// The rows of `E` under `path` an aggregate for `viewer` counts: [`countable`] and the
/// subtree, or the subtree alone where the viewer counts every row of it (a district
/// admin over a street): the database then tests each row's path once, not twice.
pub fn countable_under<E: Scoped>(viewer: &Viewer, path: &str) -> Condition {
    Condition::all()
        .add(countable_within::<E>(viewer, path))
        .add(under_path(E::scope_column(), path))
}

/// [`countable`] for rows the caller already keeps under `path`: no condition at all
/// where the viewer counts every row of `E` under it.
pub fn countable_within<E: Scoped>(viewer: &Viewer, path: &str) -> Condition {
    if counts_whole::<E>(viewer, path) {
        Condition::all()
    } else {
        countable::<E>(viewer)
    }
}

/// Whether every row of `E` under `path` is [`countable`] for `viewer`: the path lies
/// in an area the viewer counts whole (the other ways to count a row only add rows).
/// Only then may a figure be read from a rollup, which counts every row.
pub fn counts_whole<E: Scoped>(viewer: &Viewer, path: &str) -> bool {
    let principal = match viewer {
        Viewer::System => return true,
        Viewer::Anonymous => return false,
        Viewer::Principal(principal) => principal,
    };
    if principal.kind == PrincipalKind::Client && principal.has_scope(AGGREGATES_READ) {
        return principal
            .area
            .as_ref()
            .is_some_and(|area| path_is_under(path, &area.path));
    }
    policy::reach(principal, E::KIND)
        .iter()
        .any(|root| path_is_under(path, root))
}

/// Whether `viewer` is an API client reading aggregates whose area holds `path`: it
/// addresses that area in a dashboard without reaching the area's rows otherwise.
pub fn addresses(viewer: &Viewer, path: &str) -> bool {
    viewer.principal().is_some_and(|principal| {
        principal.kind == PrincipalKind::Client
            && principal.has_scope(AGGREGATES_READ)
            && principal
                .area
                .as_ref()
                .is_some_and(|area| super::path_is_under(path, &area.path))
    })
}

/// Whether `viewer` is an API client reading aggregates (and so never individuals).
pub fn is_aggregates_client(viewer: &Viewer) -> bool {
    viewer.principal().is_some_and(|principal| {
        principal.kind == PrincipalKind::Client && principal.has_scope(AGGREGATES_READ)
    })
}

/// Whether `viewer` may ask for aggregates at all.
pub fn may_aggregate(viewer: &Viewer) -> bool {
    match viewer.principal() {
        Some(principal) if principal.kind == PrincipalKind::Client => {
            principal.has_scope(AGGREGATES_READ)
        }
        Some(_) => true,
        None => matches!(viewer, Viewer::System),
    }
}

/// How small counts of people are shown to one viewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Counts of people below this are suppressed; 0 shows every count.
    pub threshold: u64,
}

impl Suppression {
    /// For `viewer`, with `threshold` configured: only viewers who could list every
    /// person counted (users with a role that reaches residents) see small counts.
    pub fn for_viewer(viewer: &Viewer, threshold: u64) -> Suppression {
        let lists_people = match viewer {
            Viewer::System => true,
            Viewer::Anonymous => false,
            Viewer::Principal(principal) => {
                principal.kind == PrincipalKind::User
                    && !policy::reach(principal, ScopeKind::Resident).is_empty()
            }
        };
        Suppression {
            threshold: if lists_people { 0 } else { threshold },
        }
    }

    /// `count` as shown: `None` when it must be suppressed. Zero is shown: an empty
    /// group tells nothing about anyone.
    pub fn show(self, count: u64) -> Option<u64> {
        (count == 0 || count >= self.threshold).then_some(count)
    }
}

impl Suppression {
    /// The cells of a table of people counts as shown, keyed by one value per
    /// dimension. Small cells are suppressed, and so is more: wherever a line of the
    /// table (the cells that differ in one dimension only) would hold exactly one
    /// suppressed cell, its smallest shown non-zero cell is suppressed too, until no
    /// line does, so that no total (of a line, or asked for in another query) minus the
    /// shown cells gives a suppressed one back.
    pub fn table<K: Eq + std::hash::Hash + Clone>(
        self,
        cells: &[(Vec<K>, u64)],
    ) -> Vec<Option<u64>> {
        let mut hidden: Vec<bool> = cells.iter().map(|(_, n)| self.show(*n).is_none()).collect();
        let dimensions = cells.first().map_or(0, |(key, _)| key.len()).max(1);
        let mut changed = hidden.iter().any(|hidden| *hidden);
        while changed {
            changed = false;
            for dimension in 0..dimensions {
                let mut lines: std::collections::HashMap<Vec<K>, Vec<usize>> = Default::default();
                for (index, (key, _)) in cells.iter().enumerate() {
                    let mut rest = key.clone();
                    if dimension < rest.len() {
                        rest.remove(dimension);
                    }
                    lines.entry(rest).or_default().push(index);
                }
                for line in lines.values() {
                    let suppressed = line.iter().filter(|i| hidden[**i] && cells[**i].1 > 0);
                    if suppressed.count() != 1 {
                        continue;
                    }
                    let smallest = line
                        .iter()
                        .filter(|i| !hidden[**i] && cells[**i].1 > 0)
                        .min_by_key(|i| cells[**i].1);
                    if let Some(index) = smallest {
                        hidden[*index] = true;
                        changed = true;
                    }
                }
            }
        }
        cells
            .iter()
            .zip(hidden)
            .map(|((_, n), hidden)| (!hidden).then_some(*n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use sea_orm::sea_query::{Alias, Expr, PostgresQueryBuilder, Query};

    use super::*;
    use crate::access::{AreaKind, AreaRef, Grant, Principal, Role};

    fn principal(kind: PrincipalKind, role: Role, path: &str, scopes: &[&str]) -> Viewer {
        let area = AreaRef {
            kind: AreaKind::Street,
            id: 1,
            path: path.to_owned(),
        };
        let client = kind == PrincipalKind::Client;
        Viewer::Principal(Arc::new(Principal {
            kind,
            id: 9,
            name: "p".to_owned(),
            grants: if client {
                vec![]
            } else {
                vec![Grant {
                    role,
                    area: area.clone(),
                }]
            },
            scopes: scopes.iter().map(|scope| (*scope).to_owned()).collect(),
            resident_id: None,
            area: client.then_some(area),
            trusted_documents_only: false,
            daily_quota: None,
        }))
    }

    fn aggregates_client(path: &str) -> Viewer {
        // A client's role is unused: its scopes and area decide.
        principal(
            PrincipalKind::Client,
            Role::Resident,
            path,
            &[AGGREGATES_READ],
        )
    }

    /// The WHERE clause of a count of residents under `path` for `viewer`.
    fn residents_under(viewer: &Viewer, path: &str) -> String {
        Query::select()
            .expr(Expr::cust("COUNT(*)"))
            .from(Alias::new("resident"))
            .cond_where(countable_under::<entity::resident::Entity>(viewer, path))
            .to_string(PostgresQueryBuilder)
    }

    #[test]
    fn a_subtree_the_viewer_counts_whole_is_tested_once() {
        let district_admin = principal(PrincipalKind::User, Role::DistrictAdmin, "1/", &[]);
        let sql = residents_under(&district_admin, "1/2/");
        assert_eq!(sql.matches(">=").count(), 1, "{sql}");
        assert!(sql.contains("'1/2/'") && !sql.contains("'1/'"), "{sql}");
        let client = aggregates_client("1/2/");
        let sql = residents_under(&client, "1/2/7/");
        assert_eq!(sql.matches(">=").count(), 1, "{sql}");
        assert_eq!(
            residents_under(&Viewer::System, "1/").matches(">=").count(),
            1
        );
    }

    #[test]
    fn a_subtree_the_viewer_counts_in_part_keeps_the_viewers_scope() {
        // A street admin over another street: its own scope still bounds the count.
        let street_admin = principal(PrincipalKind::User, Role::StreetAdmin, "1/2/", &[]);
        let sql = residents_under(&street_admin, "1/3/");
        assert!(sql.contains("'1/2/'") && sql.contains("'1/3/'"), "{sql}");
        // A role that never counts residents counts none, under any area.
        let contact = principal(PrincipalKind::User, Role::CoBuildingContact, "1/", &[]);
        assert!(residents_under(&contact, "1/2/").contains("1 = 0"));
        let client = aggregates_client("1/2/");
        let sql = residents_under(&client, "1/3/");
        assert!(sql.contains("'1/2/'") && sql.contains("'1/3/'"), "{sql}");
        assert!(residents_under(&Viewer::Anonymous, "1/").contains("1 = 0"));
    }

    #[test]
    fn a_lone_small_cell_takes_the_smallest_other_one_with_it() {
        let five = Suppression { threshold: 5 };
        let cells = [(vec!["M"], 3), (vec!["F"], 40), (vec!["X"], 9)];
        assert_eq!(five.table(&cells), vec![None, Some(40), None]);
        let two = [(vec!["M"], 3), (vec!["F"], 4), (vec!["X"], 9)];
        assert_eq!(five.table(&two), vec![None, None, Some(9)]);
    }

    #[test]
    fn every_line_of_a_two_way_table_hides_two_cells_or_none() {
        let five = Suppression { threshold: 5 };
        let cells = [
            (vec!["A60", "M"], 2),
            (vec!["A60", "F"], 30),
            (vec!["A80", "M"], 20),
            (vec!["A80", "F"], 25),
        ];
        let shown = five.table(&cells);
        // Each row and each column has two hidden cells or none.
        for line in [[0, 1], [2, 3], [0, 2], [1, 3]] {
            let hidden = line.iter().filter(|i| shown[**i].is_none()).count();
            assert!(hidden != 1, "{shown:?}");
        }
        assert_eq!(shown[0], None);
    }

    #[test]
    fn tables_without_small_cells_show_everything() {
        let five = Suppression { threshold: 5 };
        let cells = [(vec!["M"], 0), (vec!["F"], 7)];
        assert_eq!(five.table(&cells), vec![Some(0), Some(7)]);
    }

    #[test]
    fn counts_under_the_threshold_are_suppressed_but_zero_is_not() {
        let five = Suppression { threshold: 5 };
        assert_eq!(five.show(4), None);
        assert_eq!(five.show(5), Some(5));
        assert_eq!(five.show(0), Some(0));
        let none = Suppression { threshold: 0 };
        assert_eq!(none.show(1), Some(1));
    }
}
