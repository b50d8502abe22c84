//! Who sees and who records grid workers' visits (走访记录). Visits are the front line's
//! working record: the grid's workers and leader keep them, the community, street and
//! district above read them; party members, residents and outside parties do not.

use super::roles::{AreaKind, Role};
use super::viewer::{PrincipalKind, Viewer};

/// Roles that read the visits in their area.
pub fn sees_visits(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin
            | Role::StreetAdmin
            | Role::CommunityStaff
            | Role::GridLeader
            | Role::GridWorker
            | Role::GridWorkerPartTime
    )
}

/// Roles that make and record visits.
fn visits(role: Role) -> bool {
    matches!(
        role,
        Role::CommunityStaff | Role::GridLeader | Role::GridWorker | Role::GridWorkerPartTime
    )
}

/// Whether `viewer` may record a visit to households under `grid_path` (the grid of the
/// households): a visiting role on a grant over that grid, at grid level or above.
pub fn may_record(viewer: &Viewer, grid_path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal.grants.iter().any(|grant| {
                    visits(grant.role)
                        && at_grid_or_above(grant.area.kind)
                        && super::path_is_under(grid_path, &grant.area.path)
                })
        }
    }
}

/// Whether `viewer` may open a request from a finding of a visit under `grid_path`:
/// whoever may record visits there.
pub fn may_open_request(viewer: &Viewer, grid_path: &str) -> bool {
    may_record(viewer, grid_path)
}

fn at_grid_or_above(kind: AreaKind) -> bool {
    matches!(
        kind,
        AreaKind::District | AreaKind::Street | AreaKind::Community | AreaKind::Grid
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaRef, Grant, Principal};

    fn user(role: Role, kind: AreaKind, path: &str) -> Viewer {
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
    fn a_grid_worker_records_in_their_grid_only() {
        let worker = user(Role::GridWorker, AreaKind::Grid, "1/2/3/4/");
        assert!(may_record(&worker, "1/2/3/4/"));
        assert!(!may_record(&worker, "1/2/3/40/"));
    }

    #[test]
    fn leaders_of_buildings_and_street_admins_do_not_record() {
        let building = user(Role::GridWorker, AreaKind::Building, "1/2/3/4/5/");
        assert!(!may_record(&building, "1/2/3/4/"));
        let street = user(Role::StreetAdmin, AreaKind::Street, "1/2/");
        assert!(!may_record(&street, "1/2/3/4/"));
        assert!(sees_visits(Role::StreetAdmin));
        assert!(!sees_visits(Role::Resident));
    }
}
