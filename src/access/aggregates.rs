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
use super::{never, scope_condition, under_path};

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

#[cfg(test)]
mod tests {
    use super::*;

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
