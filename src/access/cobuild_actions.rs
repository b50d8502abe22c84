//! Who sees and who changes co-building's rows: the units, their alliance memberships
//! and the three lists. Seeing them is [`super::visible`]'s business (everyone but
//! residents, in their area and from below); this decides who writes.
//!
//! - Keepers (district and street administrators, community staff, party secretaries),
//!   on a grant over the area: register units and alliances, create projects, move
//!   needs and milestones.
//! - Grid workers and grid leaders also publish the needs of their grid.
//! - A co-building unit's contact (共建单位联系人) claims needs, offers resources and
//!   reports progress in the area of their grant, as keepers do, but only for the
//!   units their account is linked to (`co_building_contact`, linked by a keeper of
//!   the unit's area): a contact of one unit cannot act for its neighbour.
//! - API clients write nothing here.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use entity::co_building_contact;

use super::roles::Role;
use super::viewer::{PrincipalKind, Viewer};
use crate::error::AppResult;

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

fn contacts(role: Role) -> bool {
    role == Role::CoBuildingContact
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

/// Whether `viewer` may act for the unit `unit` (claim a need, offer a resource, report
/// a project's progress) in the area at `path`: a keeper over `path`, or a contact over
/// `path` whose account is linked to that unit. With no unit (a need nobody claimed)
/// only keepers may.
pub async fn may_act_for_unit(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    path: &str,
    unit: Option<i32>,
) -> AppResult<bool> {
    if keeps_cobuilding(viewer, path) {
        return Ok(true);
    }
    let (Some(unit), Some(principal)) = (unit, viewer.principal()) else {
        return Ok(false);
    };
    if !covered(viewer, path, contacts) {
        return Ok(false);
    }
    let links = co_building_contact::Entity::find()
        .filter(co_building_contact::Column::UnitId.eq(unit))
        .filter(co_building_contact::Column::UserId.eq(principal.id))
        .count(db)
        .await?;
    Ok(links > 0)
}

/// Whether `viewer` may link to the unit registered at `unit_path` an account whose
/// CO_BUILDING_CONTACT grants sit at `contact_paths`: a keeper of the unit's area who
/// also keeps one of those grants' areas (so nobody links an account beyond their reach).
pub fn may_link_contact(viewer: &Viewer, unit_path: &str, contact_paths: &[String]) -> bool {
    keeps_cobuilding(viewer, unit_path)
        && contact_paths
            .iter()
            .any(|path| keeps_cobuilding(viewer, path))
}

/// Whether a grant of `role` makes its holder a unit's contact.
pub fn is_contact_role(role: Role) -> bool {
    contacts(role)
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
        assert!(!covered(&worker, "1/2/3/4/", contacts));
    }

    #[test]
    fn contacts_link_only_within_reach_and_residents_see_nothing() {
        let staff = user(Role::CommunityStaff, "1/2/3/");
        assert!(may_link_contact(&staff, "1/2/3/", &["1/2/3/".to_owned()]));
        assert!(!may_link_contact(&staff, "1/2/3/", &["1/2/30/".to_owned()]));
        assert!(!may_link_contact(&staff, "1/2/30/", &["1/2/3/".to_owned()]));
        assert!(!may_link_contact(
            &user(Role::CoBuildingContact, "1/2/"),
            "1/2/3/",
            &["1/2/3/".to_owned()]
        ));
        assert!(!may_publish_need(
            &user(Role::CoBuildingContact, "1/2/"),
            "1/2/3/"
        ));
        assert!(!sees_cobuilding(Role::Resident));
    }
}
