//! Who sees and who handles mediation cases (矛盾纠纷调解). "Small matters stay in the
//! community": the community's staff and the grid's workers and leader see every case
//! in their area, the district all; a street administrator sees only the cases marked
//! `major` under their street. Cases are opened and closed by community staff and grid
//! leaders over the area; the mediator records sessions, agreement and follow-up too.

use super::roles::{Grant, Role};
use super::viewer::{Principal, PrincipalKind, Viewer};

/// Roles that see every case, major or minor, in their area.
pub fn sees_all_cases(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin
            | Role::CommunityStaff
            | Role::GridLeader
            | Role::GridWorker
            | Role::GridWorkerPartTime
    )
}

/// The area paths under which `principal` sees major cases only: its street grants.
pub fn major_reach(principal: &Principal) -> Vec<&str> {
    if principal.kind != PrincipalKind::User {
        return Vec::new();
    }
    principal
        .grants
        .iter()
        .filter(|grant| grant.role == Role::StreetAdmin)
        .map(|grant| grant.area.path.as_str())
        .collect()
}

/// Roles that open, dispatch and close cases over their area.
fn manages(role: Role) -> bool {
    matches!(role, Role::CommunityStaff | Role::GridLeader)
}

/// Whether `viewer` may open (or close) a case placed at `path`.
pub fn may_manage(viewer: &Viewer, path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal.grants.iter().any(|grant| {
                    manages(grant.role) && super::path_is_under(path, &grant.area.path)
                })
        }
    }
}

/// Whether `viewer` may record a session, the agreement or the follow-up of a case at
/// `path` mediated by `mediator`: the mediator, or whoever manages the case.
pub fn may_mediate(viewer: &Viewer, path: &str, mediator: i32) -> bool {
    let is_mediator = viewer
        .principal()
        .is_some_and(|principal| principal.kind == PrincipalKind::User && principal.id == mediator);
    is_mediator || may_manage(viewer, path)
}

/// Whether a user with `grants` may mediate a case at `path`: one who sees every case
/// there.
pub fn may_be_mediator(grants: &[Grant], path: &str) -> bool {
    grants
        .iter()
        .any(|grant| sees_all_cases(grant.role) && super::path_is_under(path, &grant.area.path))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef};

    const CASE: &str = "1/2/3/";

    fn user(id: i32, role: Role, kind: AreaKind, path: &str) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id,
            name: "u".to_owned(),
            grants: vec![Grant {
                role,
                area: AreaRef {
                    kind,
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
    fn community_staff_manage_cases_of_their_community_only() {
        let staff = user(1, Role::CommunityStaff, AreaKind::Community, CASE);
        assert!(may_manage(&staff, CASE));
        assert!(!may_manage(&staff, "1/2/30/"));
    }

    #[test]
    fn the_mediator_records_but_a_street_admin_does_not_manage() {
        let worker = user(5, Role::GridWorker, AreaKind::Grid, "1/2/3/4/");
        assert!(may_mediate(&worker, CASE, 5));
        assert!(!may_mediate(&worker, CASE, 6));
        let street = user(9, Role::StreetAdmin, AreaKind::Street, "1/2/");
        assert!(!may_manage(&street, CASE));
        let principal = street.principal().unwrap();
        assert_eq!(major_reach(principal), vec!["1/2/"]);
    }

    #[test]
    fn a_mediator_sees_every_case_where_they_mediate() {
        let staff = user(1, Role::CommunityStaff, AreaKind::Community, CASE);
        let grants = &staff.principal().unwrap().grants;
        assert!(may_be_mediator(grants, "1/2/3/4/"));
        let street = user(9, Role::StreetAdmin, AreaKind::Street, "1/2/");
        assert!(!may_be_mediator(&street.principal().unwrap().grants, CASE));
    }
}
