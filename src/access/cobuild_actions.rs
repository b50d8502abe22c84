//! Who sees and who changes co-building's rows: the units, their alliance memberships
//! and the three lists. Seeing them is [`super::visible`]'s business (everyone but
//! residents, in their area and from below); this decides who writes.
//!
//! - Keepers (district and street administrators, community staff, party secretaries),
//!   on a grant over the area: register units and alliances, create projects, move
//!   needs and milestones.
//! - Grid workers and grid leaders also publish the needs of their grid.
//! - A co-building unit's contact (共建单位联系人) claims needs and offers resources in
//!   the area of their grant, as keepers do for a unit.
//! - API clients write nothing here.

use super::roles::Role;
use super::viewer::{PrincipalKind, Viewer};

/// Roles whose grants reach co-building's rows in their area.
pub fn sees_cobuilding(role: Role) -> bool {
    role != Role::Resident
}

fn keeps(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin | Role::StreetAdmin | Role::CommunityStaff | Role::PartySecretary
    )
}

fn publishes(role: Role) -> bool {
    keeps(role) || matches!(role, Role::GridWorker | Role::GridLeader)
}

fn acts_for_units(role: Role) -> bool {
    keeps(role) || role == Role::CoBuildingContact
}

/// Whether a user grant of `viewer` with a role meeting `rule` covers `path`.
fn covered(viewer: &Viewer, path: &str, rule: fn(Role) -> bool) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal
                    .grants
                    .iter()
                    .any(|grant| rule(grant.role) && super::path_is_under(path, &grant.area.path))
        }
    }
}

/// Whether `viewer` keeps co-building in the area at `path`.
pub fn keeps_cobuilding(viewer: &Viewer, path: &str) -> bool {
    covered(viewer, path, keeps)
}

/// Whether `viewer` may publish a need in the community or grid at `path`.
pub fn may_publish_need(viewer: &Viewer, path: &str) -> bool {
    covered(viewer, path, publishes)
}

/// Whether `viewer` may claim needs or offer resources for a unit, in the area at `path`.
pub fn may_act_for_unit(viewer: &Viewer, path: &str) -> bool {
    covered(viewer, path, acts_for_units)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef, Grant, Principal};

    fn user(role: Role, path: &str) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id: 7,
            name: "u".to_owned(),
            grants: vec![Grant {
                role,
                area: AreaRef {
                    kind: AreaKind::Community,
                    id: 1,
                    path: path.to_owned(),
                },
            }],
            scopes: vec![],
            resident_id: None,
            area: None,
            trusted_documents_only: false,
            daily_quota: None,
        }))
    }

    #[test]
    fn staff_keep_their_own_community_only() {
        let staff = user(Role::CommunityStaff, "1/2/3/");
        assert!(keeps_cobuilding(&staff, "1/2/3/"));
        assert!(keeps_cobuilding(&staff, "1/2/3/9/"));
        assert!(!keeps_cobuilding(&staff, "1/2/30/"));
        assert!(!keeps_cobuilding(&staff, "1/2/"));
    }

    #[test]
    fn grid_workers_publish_but_do_not_keep() {
        let worker = user(Role::GridWorker, "1/2/3/4/");
        assert!(may_publish_need(&worker, "1/2/3/4/"));
        assert!(!keeps_cobuilding(&worker, "1/2/3/4/"));
        assert!(!may_act_for_unit(&worker, "1/2/3/4/"));
    }

    #[test]
    fn contacts_act_for_units_and_residents_see_nothing() {
        assert!(may_act_for_unit(
            &user(Role::CoBuildingContact, "1/2/"),
            "1/2/3/"
        ));
        assert!(!may_publish_need(
            &user(Role::CoBuildingContact, "1/2/"),
            "1/2/3/"
        ));
        assert!(!sees_cobuilding(Role::Resident));
    }
}
