//! Who appoints and ends posts (岗位: the three leaders, grid workers, mediators):
//! community staff and the administrators above them, for areas in their subtree.
//! Everyone signed in within an area reads its posts (they are public by intent: the
//! notice board shows them), but only those who appoint see the holders behind them.

use super::roles::{AreaKind, Role};
use super::viewer::{PrincipalKind, Viewer};

/// Roles that appoint to posts in their area.
fn appoints(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin | Role::StreetAdmin | Role::CommunityStaff
    )
}

/// Whether `viewer` may appoint to, or end, a post on the area at `area_path`: an
/// appointing role on a grant at community level or above that holds the area.
pub fn may_appoint(viewer: &Viewer, area_path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal.grants.iter().any(|grant| {
                    appoints(grant.role)
                        && matches!(
                            grant.area.kind,
                            AreaKind::District | AreaKind::Street | AreaKind::Community
                        )
                        && super::path_is_under(area_path, &grant.area.path)
                })
        }
    }
}

/// Whether `viewer` sees who holds a post at `area_path` (the account and resident
/// ids): whoever may appoint there.
pub fn sees_holder(viewer: &Viewer, area_path: &str) -> bool {
    may_appoint(viewer, area_path)
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaRef, Grant, Principal};

    /// A user holding one grant (also used by the other action rules' tests).
    pub(in crate::access) fn user(role: Role, kind: AreaKind, path: &str) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id: 7,
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
    fn community_staff_appoint_in_their_community_only() {
        let staff = user(Role::CommunityStaff, AreaKind::Community, "1/2/3/");
        assert!(may_appoint(&staff, "1/2/3/4/5/"));
        assert!(!may_appoint(&staff, "1/2/30/4/"));
    }

    #[test]
    fn grid_workers_and_leaders_do_not_appoint() {
        let worker = user(Role::GridWorker, AreaKind::Grid, "1/2/3/4/");
        assert!(!may_appoint(&worker, "1/2/3/4/5/"));
        let leader = user(Role::GridLeader, AreaKind::Grid, "1/2/3/4/");
        assert!(!may_appoint(&leader, "1/2/3/4/"));
        assert!(!may_appoint(&Viewer::Anonymous, "1/"));
    }
}
