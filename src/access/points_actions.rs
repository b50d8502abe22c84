//! Who may do what with volunteers' points. Seeing an account is [`super::visible`]'s
//! business (staff in their area, residents on their own household); this decides who
//! moves points.
//!
//! - Ledger keepers are the community staff and the street and district administrators,
//!   on a grant over the volunteer's household: they run the rewards catalogue of their
//!   area, fulfil and cancel redemptions, propose and approve adjustments and reverse
//!   entries.
//! - An adjustment needs two people: the keeper who proposed it may not approve it.
//! - A volunteer redeems for themselves (their account's resident is theirs) and may
//!   cancel their own order while it is held; a keeper may do both for them.
//! - API clients move no points.

use super::roles::Role;
use super::viewer::{Principal, PrincipalKind, Viewer};

/// Roles whose grants reach points accounts in their area. A resident's grant is on
/// their household, so they reach their household's accounts.
pub fn sees_points(role: Role) -> bool {
    !matches!(
        role,
        Role::PartyMember | Role::CoBuildingContact | Role::ServiceProvider
    )
}

fn keeps(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin | Role::StreetAdmin | Role::CommunityStaff
    )
}

fn user(viewer: &Viewer) -> Option<&Principal> {
    viewer
        .principal()
        .filter(|principal| principal.kind == PrincipalKind::User)
}

/// Whether `viewer` keeps the ledger (and the catalogue) of the area at `path`.
pub fn keeps_ledger(viewer: &Viewer, path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        _ => user(viewer).is_some_and(|principal| {
            principal
                .grants
                .iter()
                .any(|grant| keeps(grant.role) && super::path_is_under(path, &grant.area.path))
        }),
    }
}

/// Whether `viewer` is the volunteer `resident_id` themself.
fn is_volunteer(viewer: &Viewer, resident_id: i32) -> bool {
    user(viewer).is_some_and(|principal| principal.resident_id == Some(resident_id))
}

/// Whether `viewer` may redeem points of the volunteer `resident_id` living at `path`.
pub fn may_redeem(viewer: &Viewer, resident_id: i32, path: &str) -> bool {
    is_volunteer(viewer, resident_id) || keeps_ledger(viewer, path)
}

/// Whether `viewer` may cancel a held order of the volunteer `resident_id` at `path`.
pub fn may_cancel(viewer: &Viewer, resident_id: i32, path: &str) -> bool {
    may_redeem(viewer, resident_id, path)
}

/// Whether `viewer` may approve an adjustment `proposer` asked for, at `path`.
pub fn may_approve(viewer: &Viewer, proposer: i32, path: &str) -> bool {
    let someone_else = match viewer {
        Viewer::System => true,
        _ => user(viewer).is_some_and(|principal| principal.id != proposer),
    };
    someone_else && keeps_ledger(viewer, path)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef, Grant};

    fn viewer(id: i32, role: Role, path: &str, resident_id: Option<i32>) -> Viewer {
        let area = AreaRef {
            kind: AreaKind::Community,
            id: 1,
            path: path.to_owned(),
        };
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id,
            name: format!("user{id}"),
            grants: vec![Grant { role, area }],
            scopes: vec![],
            resident_id,
            area: None,
            trusted_documents_only: false,
            daily_quota: None,
        }))
    }

    #[test]
    fn community_staff_keep_the_ledger_of_their_community_only() {
        let staff = viewer(1, Role::CommunityStaff, "1/2/3/", None);
        assert!(keeps_ledger(&staff, "1/2/3/9/40/"));
        assert!(!keeps_ledger(&staff, "1/2/30/9/"));
        let worker = viewer(2, Role::GridWorker, "1/2/3/", None);
        assert!(!keeps_ledger(&worker, "1/2/3/9/40/"));
    }

    #[test]
    fn a_resident_redeems_for_themself_only() {
        let resident = viewer(3, Role::Resident, "1/2/3/9/40/", Some(77));
        assert!(may_redeem(&resident, 77, "1/2/3/9/40/"));
        assert!(!may_redeem(&resident, 78, "1/2/3/9/40/"));
    }

    #[test]
    fn nobody_approves_their_own_adjustment() {
        let staff = viewer(1, Role::CommunityStaff, "1/2/3/", None);
        assert!(!may_approve(&staff, 1, "1/2/3/9/"));
        assert!(may_approve(&staff, 2, "1/2/3/9/"));
        assert!(may_approve(&Viewer::System, 1, "1/2/3/9/"));
    }
}
