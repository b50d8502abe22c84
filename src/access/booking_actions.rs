//! Who books facilities, who manages their hours, and who sees their bookings. Any
//! signed-in person who sees a facility may book it; its manager and the staff over
//! its area set its hours, read all its bookings and cancel any of them; a booker
//! always sees and may cancel their own.

use super::roles::Role;
use super::viewer::{PrincipalKind, Viewer};

/// Roles that read every booking of the facilities in their area.
pub fn sees_bookings(role: Role) -> bool {
    manages(role)
}

/// Roles that run the facilities of their area.
fn manages(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin | Role::StreetAdmin | Role::CommunityStaff
    )
}

/// Whether `viewer` manages the facility at `facility_path` managed by `manager`.
pub fn may_manage(viewer: &Viewer, facility_path: &str, manager: Option<i32>) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && (manager == Some(principal.id)
                    || principal.grants.iter().any(|grant| {
                        manages(grant.role) && super::path_is_under(facility_path, &grant.area.path)
                    }))
        }
    }
}

/// The user who books, if `viewer` is a person (API clients do not book).
pub fn booker(viewer: &Viewer) -> Option<i32> {
    viewer
        .principal()
        .filter(|principal| principal.kind == PrincipalKind::User)
        .map(|principal| principal.id)
}

/// Whether `viewer` may cancel a booking made by `booked_by` at a facility they may
/// or may not manage.
pub fn may_cancel(viewer: &Viewer, booked_by: i32, manages_facility: bool) -> bool {
    manages_facility || booker(viewer) == Some(booked_by)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef, Grant, Principal};

    fn user(id: i32, role: Role, path: &str) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id,
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
    fn staff_manage_the_facilities_of_their_area_and_the_manager_their_own() {
        let staff = user(1, Role::CommunityStaff, "1/2/3/");
        assert!(may_manage(&staff, "1/2/3/", None));
        assert!(!may_manage(&staff, "1/2/30/", None));
        let worker = user(2, Role::GridWorker, "1/2/3/");
        assert!(!may_manage(&worker, "1/2/3/", None));
        assert!(may_manage(&worker, "1/2/3/", Some(2)));
    }

    #[test]
    fn a_booker_cancels_their_own_booking_only() {
        let resident = user(5, Role::Resident, "1/2/3/4/5/6/7/");
        assert!(may_cancel(&resident, 5, false));
        assert!(!may_cancel(&resident, 6, false));
        assert!(may_cancel(&resident, 6, true));
        assert!(!sees_bookings(Role::Resident));
    }
}
