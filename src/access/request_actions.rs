//! Who may do what to a request: the one table of request permissions. Seeing a request
//! is [`super::visible`]'s business; this decides, for a request the viewer already
//! sees, which actions are theirs. The lifecycle (which actions the request's state
//! allows at all) is `domain::requests::lifecycle`.
//!
//! - Dispatch (accept, reject, merge, assign, return, verify) belongs to the dispatching
//!   roles on a grant that covers the request's place, at the request's level or above:
//!   a grid worker dispatches a GRID request but not one escalated to the COMMUNITY.
//! - Sign, start and resolve belong to the assignee alone; verification to a dispatcher
//!   who is not the assignee (nobody checks their own work).
//! - Escalation: the assignee or a dispatcher. Evaluation: the reporter's account, or a
//!   dispatcher recording the callback when nobody reported through an account.
//! - Extensions: the assignee asks, a dispatcher other than the assignee decides; a
//!   suspended request is resumed by either. Supervision cards: street and district
//!   staff over the place, at any level.

use entity::request_enums::{Channel, HandlingLevel as Level};

use super::policy::{REQUESTS_WRITE, sees_requests};
use super::roles::{AreaKind, Grant, Role};
use super::viewer::{Principal, PrincipalKind, Viewer};
use crate::domain::requests::lifecycle::Action;

/// The facts of a request the permissions depend on.
#[derive(Clone, Copy, Debug)]
pub struct RequestFacts<'a> {
    pub area_path: &'a str,
    pub level: Level,
    pub assignee: Option<i32>,
    pub reporter: Option<i32>,
}

/// Roles that dispatch requests at the level of their grant.
fn dispatches(role: Role) -> bool {
    matches!(
        role,
        Role::DistrictAdmin
            | Role::StreetAdmin
            | Role::CommunityStaff
            | Role::GridLeader
            | Role::GridWorker
            | Role::BuildingLeader
    )
}

/// The handling level a grant's area stands for.
pub fn level_of(kind: AreaKind) -> Level {
    match kind {
        AreaKind::District => Level::District,
        AreaKind::Street => Level::Street,
        AreaKind::Community => Level::Community,
        AreaKind::Grid => Level::Grid,
        AreaKind::Building | AreaKind::Unit | AreaKind::Household => Level::Building,
    }
}

/// Whether `grant` covers `path` at `level` or above.
fn covers(grant: &Grant, path: &str, level: Level) -> bool {
    super::path_is_under(path, &grant.area.path) && level_of(grant.area.kind) >= level
}

/// Whether `principal` dispatches requests at `level` on the place at `path`.
pub fn is_dispatcher(principal: &Principal, path: &str, level: Level) -> bool {
    principal.kind == PrincipalKind::User
        && principal
            .grants
            .iter()
            .any(|grant| dispatches(grant.role) && covers(grant, path, level))
}

/// Whether `principal` issues supervision cards on requests about the place at `path`:
/// street and district staff over it, whatever the request's level.
fn supervises(principal: &Principal, path: &str) -> bool {
    principal.grants.iter().any(|grant| {
        matches!(grant.role, Role::StreetAdmin | Role::DistrictAdmin)
            && super::path_is_under(path, &grant.area.path)
    })
}

/// Whether a user with `grants` may be assigned a request about the place at `path`:
/// a staff role that reaches requests, on a grant over the place.
pub fn may_be_assigned(grants: &[Grant], path: &str) -> bool {
    grants
        .iter()
        .any(|grant| sees_requests(grant.role) && super::path_is_under(path, &grant.area.path))
}

/// Whether `viewer` may take `action` on the request described by `facts`.
pub fn may(viewer: &Viewer, facts: RequestFacts<'_>, action: Action) -> bool {
    let principal = match viewer {
        Viewer::System => return true,
        Viewer::Anonymous => return false,
        Viewer::Principal(principal) if principal.kind == PrincipalKind::Client => return false,
        Viewer::Principal(principal) => principal,
    };
    let me = Some(principal.id);
    let dispatcher = is_dispatcher(principal, facts.area_path, facts.level);
    let assignee = facts.assignee.is_some() && facts.assignee == me;
    let reporter = facts.reporter.is_some() && facts.reporter == me;
    match action {
        Action::Accept | Action::Reject | Action::Merge | Action::Assign | Action::Return => {
            dispatcher
        }
        Action::Sign | Action::Start | Action::Resolve => assignee,
        Action::Verify => dispatcher && !assignee,
        Action::Escalate => assignee || dispatcher,
        Action::Evaluate => reporter || (facts.reporter.is_none() && dispatcher),
        Action::RequestExtension => assignee,
        Action::DecideExtension => dispatcher && !assignee,
        Action::Resume => assignee || dispatcher,
        Action::Supervise => supervises(principal, facts.area_path),
    }
}

/// Whether `viewer` may submit a request through `channel` about a place it sees:
/// residents through the mini-program, staff through any channel of their own, API
/// clients with `requests:write` as THIRD_PARTY_APP.
pub fn may_submit(viewer: &Viewer, channel: Channel) -> bool {
    match viewer {
        Viewer::System => true,
        Viewer::Anonymous => false,
        Viewer::Principal(principal) => match principal.kind {
            PrincipalKind::Client => {
                channel == Channel::ThirdPartyApp && principal.has_scope(REQUESTS_WRITE)
            }
            PrincipalKind::User if channel == Channel::ThirdPartyApp => false,
            PrincipalKind::User => {
                let staff = principal
                    .grants
                    .iter()
                    .any(|grant| grant.role != Role::Resident);
                staff || channel == Channel::MiniProgram
            }
        },
    }
}

#[cfg(test)]
#[path = "request_actions_tests.rs"]
mod tests;
