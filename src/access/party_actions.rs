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

/// Whether `viewer` may change the liaison households (党员联系户) of a member of an
/// organisation serving `area_path`, or give them households at `area_path`: whoever
/// keeps the rolls there.
pub fn may_assign_liaisons(viewer: &Viewer, area_path: &str) -> bool {
    may_keep_rolls(viewer, area_path)
}

/// Whether `viewer` keeps the dual reports (双报到) to the community at `area_path`:
/// registers them, records their hours and ends them.
pub fn may_keep_dual_reports(viewer: &Viewer, area_path: &str) -> bool {
    may_keep_rolls(viewer, area_path)
}

/// Whether `viewer` records linkage meetings (联席会议) held by the area at
/// `area_path`: whoever keeps the party rolls there.
pub fn may_record_meetings(viewer: &Viewer, area_path: &str) -> bool {
    may_keep_rolls(viewer, area_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::AreaKind;
    use crate::access::post_actions::tests::user;

    #[test]
    fn a_grid_secretary_keeps_their_grids_rolls_only() {
        let secretary = user(Role::PartySecretary, AreaKind::Grid, "1/2/3/4/");
        assert!(may_keep_rolls(&secretary, "1/2/3/4/"));
        assert!(!may_keep_rolls(&secretary, "1/2/3/"));
        let member = user(Role::PartyMember, AreaKind::Grid, "1/2/3/4/");
        assert!(!may_keep_rolls(&member, "1/2/3/4/"));
    }
}
