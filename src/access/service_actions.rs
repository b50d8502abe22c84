//! Who orders services, who runs and delivers them, and who sees the orders. An order
//! is placed by the resident, a member of their household, or the front line (grid
//! workers, grid leaders, community staff) on their behalf; community staff and the
//! admins above approve, schedule and settle; the assigned provider's account checks
//! in and completes, and sees the order only while it is open
//! ([`crate::domain::services::lifecycle::is_open`]); the resident's side confirms,
//! rates or disputes.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Iterable};

use entity::service_enums::{OrderStatus, Orderer};
use entity::{service_order, service_provider};

use super::roles::Role;
use super::viewer::{Principal, PrincipalKind, Viewer};
use crate::domain::services::lifecycle;

/// Roles that read the service orders of the residents in their area (a resident's
/// grant is on their household, so they read their household's).
pub fn sees_orders(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin
            | Role::StreetAdmin
            | Role::CommunityStaff
            | Role::GridLeader
            | Role::GridWorker
            | Role::GridWorkerPartTime
            | Role::Resident
    )
}

/// Roles that approve, schedule and settle orders and register items.
fn runs_services(role: Role) -> bool {
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

fn covers(principal: &Principal, path: &str, role: impl Fn(Role) -> bool) -> bool {
    principal
        .grants
        .iter()
        .any(|grant| role(grant.role) && super::path_is_under(path, &grant.area.path))
}

/// How `viewer` would order for the resident `resident_id` living at `resident_path`,
/// or `None` when they may not.
pub fn orderer(viewer: &Viewer, resident_id: i32, resident_path: &str) -> Option<Orderer> {
    if matches!(viewer, Viewer::System) {
        return Some(Orderer::Staff);
    }
    let principal = user(viewer)?;
    if principal.resident_id == Some(resident_id) {
        return Some(Orderer::Resident);
    }
    if covers(principal, resident_path, |role| role == Role::Resident) {
        return Some(Orderer::Family);
    }
    if covers(principal, resident_path, |role| {
        matches!(
            role,
            Role::GridWorker | Role::GridWorkerPartTime | Role::GridLeader
        )
    }) {
        return Some(Orderer::GridWorker);
    }
    covers(principal, resident_path, |role| {
        role == Role::CommunityStaff
    })
    .then_some(Orderer::Staff)
}

/// Whether `viewer` runs the services of the area at `path`.
pub fn may_run(viewer: &Viewer, path: &str) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(_) => user(viewer).is_some_and(|p| covers(p, path, runs_services)),
    }
}

/// Whether `viewer` delivers `order` for the provider whose account is `account`: that
/// account, or the staff running the area.
pub fn may_deliver(viewer: &Viewer, order: &service_order::Model, account: Option<i32>) -> bool {
    let provider = user(viewer).is_some_and(|p| account == Some(p.id));
    provider || may_run(viewer, &order.area_path)
}

/// Whether `viewer` speaks for the resident of `order`: whoever ordered it, the
/// resident or their household.
pub fn speaks_for_resident(viewer: &Viewer, order: &service_order::Model) -> bool {
    if matches!(viewer, Viewer::System) {
        return true;
    }
    user(viewer).is_some_and(|p| {
        p.id == order.ordered_by_user_id
            || p.resident_id == Some(order.resident_id)
            || covers(p, &order.area_path, |role| role == Role::Resident)
    })
}

/// Whether `viewer` may cancel `order`: the resident's side or the staff.
pub fn may_cancel(viewer: &Viewer, order: &service_order::Model) -> bool {
    speaks_for_resident(viewer, order) || may_run(viewer, &order.area_path)
}

/// The statuses in which an order is open.
pub fn open_statuses() -> Vec<OrderStatus> {
    OrderStatus::iter()
        .filter(|status| lifecycle::is_open(lifecycle::OrderStatus::from(*status)))
        .collect()
}

/// The orders a provider's account reaches by assignment: those assigned to a provider
/// it signs in for, while open.
pub fn assigned(principal: &Principal) -> Option<Condition> {
    if principal.kind != PrincipalKind::User
        || !principal
            .grants
            .iter()
            .any(|grant| grant.role == Role::ServiceProvider)
    {
        return None;
    }
    let providers = Query::select()
        .column(service_provider::Column::Id)
        .from(service_provider::Entity)
        .and_where(Expr::col(service_provider::Column::AccountUserId).eq(principal.id))
        .to_owned();
    Some(
        Condition::all()
            .add(service_order::Column::ProviderId.in_subquery(providers))
            .add(service_order::Column::Status.is_in(open_statuses())),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::access::{AreaKind, AreaRef, Grant};

    fn user(id: i32, role: Role, path: &str, resident: Option<i32>) -> Viewer {
        Viewer::Principal(Arc::new(Principal {
            kind: PrincipalKind::User,
            id,
            name: "u".to_owned(),
            grants: vec![Grant {
                role,
                area: AreaRef {
                    kind: AreaKind::Household,
                    id: 1,
                    path: path.to_owned(),
                },
            }],
            scopes: vec![],
            resident_id: resident,
            area: None,
            trusted_documents_only: false,
            daily_quota: None,
        }))
    }

    #[test]
    fn the_resident_their_household_and_the_front_line_order() {
        let home = "1/2/3/4/5/6/7/";
        let me = user(1, Role::Resident, home, Some(10));
        assert_eq!(orderer(&me, 10, home), Some(Orderer::Resident));
        assert_eq!(orderer(&me, 11, home), Some(Orderer::Family));
        assert_eq!(orderer(&me, 12, "1/2/3/4/5/6/8/"), None);
        let worker = user(2, Role::GridWorker, "1/2/3/4/", None);
        assert_eq!(orderer(&worker, 11, home), Some(Orderer::GridWorker));
        let admin = user(3, Role::StreetAdmin, "1/2/", None);
        assert_eq!(orderer(&admin, 11, home), None, "admins run, not order");
        assert!(may_run(&admin, home));
        assert!(!may_run(&worker, home));
    }

    #[test]
    fn completed_orders_are_still_open_confirmed_ones_are_not() {
        let open = open_statuses();
        assert!(open.contains(&OrderStatus::Completed));
        assert!(open.contains(&OrderStatus::Scheduled));
        assert!(!open.contains(&OrderStatus::Confirmed));
        assert!(!open.contains(&OrderStatus::Cancelled));
    }
}
