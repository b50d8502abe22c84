use std::sync::Arc;

use super::*;
use crate::access::AreaRef;

fn user(id: i32, grants: &[(Role, AreaKind, &str)]) -> Viewer {
    Viewer::Principal(Arc::new(Principal {
        kind: PrincipalKind::User,
        id,
        name: format!("user{id}"),
        grants: grants
            .iter()
            .map(|(role, kind, path)| Grant {
                role: *role,
                area: AreaRef {
                    kind: *kind,
                    id: 1,
                    path: (*path).to_owned(),
                },
            })
            .collect(),
        scopes: Vec::new(),
        resident_id: None,
        area: None,
        trusted_documents_only: false,
        daily_quota: None,
    }))
}

const PLACE: &str = "1/1/1/1/5/";

fn facts(level: Level, assignee: Option<i32>, reporter: Option<i32>) -> RequestFacts<'static> {
    RequestFacts {
        area_path: PLACE,
        level,
        assignee,
        reporter,
    }
}

#[test]
fn a_grid_worker_dispatches_grid_requests_but_not_community_ones() {
    let worker = user(7, &[(Role::GridWorker, AreaKind::Grid, "1/1/1/1/")]);
    assert!(may(&worker, facts(Level::Grid, None, None), Action::Accept));
    assert!(!may(
        &worker,
        facts(Level::Community, None, None),
        Action::Accept
    ));
    assert!(!may(
        &worker,
        facts(Level::Community, None, None),
        Action::Return
    ));
}

#[test]
fn only_the_assignee_signs_starts_and_resolves() {
    let worker = user(7, &[(Role::GridWorker, AreaKind::Grid, "1/1/1/1/")]);
    let staff = user(8, &[(Role::CommunityStaff, AreaKind::Community, "1/1/1/")]);
    let assigned = facts(Level::Grid, Some(7), None);
    for action in [Action::Sign, Action::Start, Action::Resolve] {
        assert!(may(&worker, assigned, action), "{action:?}");
        assert!(!may(&staff, assigned, action), "{action:?}");
    }
}

#[test]
fn nobody_verifies_their_own_work() {
    let worker = user(7, &[(Role::GridWorker, AreaKind::Grid, "1/1/1/1/")]);
    let staff = user(8, &[(Role::CommunityStaff, AreaKind::Community, "1/1/1/")]);
    let assigned = facts(Level::Grid, Some(7), None);
    assert!(!may(&worker, assigned, Action::Verify));
    assert!(may(&staff, assigned, Action::Verify));
}

#[test]
fn the_reporter_evaluates_and_staff_only_record_callbacks_for_anonymous_reports() {
    let resident = user(
        3,
        &[(Role::Resident, AreaKind::Household, "1/1/1/1/5/9/30/")],
    );
    let staff = user(8, &[(Role::CommunityStaff, AreaKind::Community, "1/1/1/")]);
    assert!(may(
        &resident,
        facts(Level::Grid, None, Some(3)),
        Action::Evaluate
    ));
    assert!(!may(
        &staff,
        facts(Level::Grid, None, Some(3)),
        Action::Evaluate
    ));
    assert!(may(
        &staff,
        facts(Level::Grid, None, None),
        Action::Evaluate
    ));
    assert!(!may(
        &resident,
        facts(Level::Grid, None, Some(3)),
        Action::Accept
    ));
}

#[test]
fn grants_elsewhere_dispatch_nothing() {
    let other = user(9, &[(Role::CommunityStaff, AreaKind::Community, "1/1/2/")]);
    for action in Action::ALL {
        assert!(
            !may(&other, facts(Level::Grid, None, None), action),
            "{action:?}"
        );
    }
}

#[test]
fn residents_submit_only_through_the_mini_program() {
    let resident = user(
        3,
        &[(Role::Resident, AreaKind::Household, "1/1/1/1/5/9/30/")],
    );
    let worker = user(7, &[(Role::GridWorker, AreaKind::Grid, "1/1/1/1/")]);
    assert!(may_submit(&resident, Channel::MiniProgram));
    assert!(!may_submit(&resident, Channel::Hotline12345));
    assert!(may_submit(&worker, Channel::GridVisit));
    assert!(!may_submit(&worker, Channel::ThirdPartyApp));
}

#[test]
fn only_staff_who_reach_requests_over_the_place_can_be_assigned() {
    let grants = |role, kind, path: &str| {
        vec![Grant {
            role,
            area: AreaRef {
                kind,
                id: 1,
                path: path.to_owned(),
            },
        }]
    };
    let worker = grants(Role::GridWorker, AreaKind::Grid, "1/1/1/1/");
    assert!(may_be_assigned(&worker, PLACE));
    let elsewhere = grants(Role::GridWorker, AreaKind::Grid, "1/1/1/2/");
    assert!(!may_be_assigned(&elsewhere, PLACE));
    let provider = grants(Role::ServiceProvider, AreaKind::Grid, "1/1/1/1/");
    assert!(!may_be_assigned(&provider, PLACE));
    let resident = grants(Role::Resident, AreaKind::Household, "1/1/1/1/5/9/30/");
    assert!(!may_be_assigned(&resident, "1/1/1/1/5/9/30/"));
}

#[test]
fn the_assignee_asks_for_an_extension_and_another_dispatcher_decides() {
    let worker = user(7, &[(Role::GridWorker, AreaKind::Grid, "1/1/1/1/")]);
    let staff = user(8, &[(Role::CommunityStaff, AreaKind::Community, "1/1/1/")]);
    let assigned = facts(Level::Grid, Some(7), None);
    assert!(may(&worker, assigned, Action::RequestExtension));
    assert!(!may(&staff, assigned, Action::RequestExtension));
    assert!(may(&staff, assigned, Action::DecideExtension));
    assert!(
        !may(&worker, assigned, Action::DecideExtension),
        "their own"
    );
    assert!(may(&worker, assigned, Action::Resume));
    assert!(may(&staff, assigned, Action::Resume));
}

#[test]
fn only_street_and_district_staff_over_the_place_supervise() {
    let request = facts(Level::Grid, None, None);
    let street = user(9, &[(Role::StreetAdmin, AreaKind::Street, "1/1/")]);
    let district = user(10, &[(Role::DistrictAdmin, AreaKind::District, "1/")]);
    let other_street = user(11, &[(Role::StreetAdmin, AreaKind::Street, "1/2/")]);
    let staff = user(8, &[(Role::CommunityStaff, AreaKind::Community, "1/1/1/")]);
    assert!(may(&street, request, Action::Supervise));
    assert!(may(&district, request, Action::Supervise));
    assert!(!may(&other_street, request, Action::Supervise));
    assert!(!may(&staff, request, Action::Supervise));
}
