//! Who may manage whom: a district or street administrator manages the users holding a
//! grant inside their area. The one decision behind `revokeSessions` and
//! `setUserStatus`.

use crate::access::{Grant, PrincipalKind, Role, Viewer};
use crate::error::{AppError, AppResult};

use super::Auth;

/// The grants that make a user an administrator of accounts.
fn administers(grant: &Grant) -> bool {
    matches!(grant.role, Role::DistrictAdmin | Role::StreetAdmin)
}

/// Whether `viewer` may manage a user holding `target` grants: one of the viewer's
/// administrator grants covers (is an ancestor of, or is) one of the target's areas.
pub fn can_manage(viewer: &Viewer, target: &[Grant]) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => {
            principal.kind == PrincipalKind::User
                && principal
                    .grants
                    .iter()
                    .filter(|g| administers(g))
                    .any(|admin| {
                        target
                            .iter()
                            .any(|t| t.area.path.starts_with(&admin.area.path))
                    })
        }
    }
}

/// Fails unless `viewer` may manage user `user_id`. A user outside the viewer's reach
/// answers `NOT_FOUND`, like one that does not exist; a viewer who administers nothing
/// gets `FORBIDDEN`.
pub async fn authorize(auth: &Auth, viewer: &Viewer, user_id: i32) -> AppResult<()> {
    let principal = match viewer {
        Viewer::Anonymous => return Err(AppError::Unauthenticated),
        Viewer::System => return Ok(()),
        Viewer::Principal(principal) => principal,
    };
    if principal.kind != PrincipalKind::User || !principal.grants.iter().any(administers) {
        return Err(AppError::Forbidden(
            "only district and street administrators manage accounts".into(),
        ));
    }
    let target = auth.user_grants(user_id).await?.ok_or(AppError::NotFound)?;
    if can_manage(viewer, &target) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef, Principal};

    fn grant(role: Role, kind: AreaKind, path: &str) -> Grant {
        Grant {
            role,
            area: AreaRef {
                kind,
                id: 1,
                path: path.into(),
            },
        }
    }

    fn user(kind: PrincipalKind, grants: Vec<Grant>) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind,
            id: 1,
            name: "admin".into(),
            grants,
            scopes: Vec::new(),
            resident_id: None,
            area: None,
            trusted_documents_only: false,
            daily_quota: None,
        }))
    }

    #[test]
    fn street_admins_manage_users_of_their_street_only() {
        let admin = user(
            PrincipalKind::User,
            vec![grant(Role::StreetAdmin, AreaKind::Street, "1/3/")],
        );
        let inside = [grant(Role::GridWorker, AreaKind::Grid, "1/3/20/41/")];
        let sibling = [grant(Role::GridWorker, AreaKind::Grid, "1/30/2/")];
        let above = [grant(Role::DistrictAdmin, AreaKind::District, "1/")];
        assert!(can_manage(&admin, &inside));
        assert!(!can_manage(&admin, &sibling));
        assert!(!can_manage(&admin, &above));
        assert!(!can_manage(&admin, &[]));
    }

    #[test]
    fn other_roles_clients_and_anonymous_manage_nobody() {
        let target = [grant(
            Role::Resident,
            AreaKind::Household,
            "1/3/20/41/5/9/77/",
        )];
        let staff = user(
            PrincipalKind::User,
            vec![grant(Role::CommunityStaff, AreaKind::Community, "1/3/20/")],
        );
        let client = user(
            PrincipalKind::Client,
            vec![grant(Role::DistrictAdmin, AreaKind::District, "1/")],
        );
        assert!(!can_manage(&staff, &target));
        assert!(!can_manage(&client, &target));
        assert!(!can_manage(&Viewer::Anonymous, &target));
        assert!(can_manage(&Viewer::System, &target));
    }
}
