//! Who registers and transfers party members (党员): community staff, party secretaries
//! and the administrators above them, for organisations serving areas in their subtree.
//! Members are read like residents (personal information, masked by [`super::pii`]).

use super::roles::Role;
use super::viewer::{PrincipalKind, Viewer};

/// Roles that keep the member rolls of organisations in their area.
fn keeps_rolls(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin | Role::StreetAdmin | Role::CommunityStaff | Role::PartySecretary
    )
}

/// Whether `viewer` may register or transfer members of an organisation serving the
/// area at `area_path`.
pub fn may_keep_rolls(viewer: &Viewer, area_path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal.grants.iter().any(|grant| {
                    keeps_rolls(grant.role) && super::path_is_under(area_path, &grant.area.path)
                })
        }
    }
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
                    kind: AreaKind::Grid,
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
    fn a_grid_secretary_keeps_their_grids_rolls_only() {
        let secretary = user(Role::PartySecretary, "1/2/3/4/");
        assert!(may_keep_rolls(&secretary, "1/2/3/4/"));
        assert!(!may_keep_rolls(&secretary, "1/2/3/"));
        assert!(!may_keep_rolls(
            &user(Role::PartyMember, "1/2/3/4/"),
            "1/2/3/4/"
        ));
    }
}
