//! The access policy in one table: which rows each role reaches inside its area, and
//! which classes of personal information it sees in full, masked, or may reveal.
//!
//! Classes (PIPL): S3 sensitive (ID number, health, disability, special-group tags such
//! as LOW_INCOME, anything about a child under 14); S2 personal (name, phone, room, birth
//! date, household composition); S1 public (notice-board names, aggregates).

use super::roles::Role;
use super::scoped::ScopeKind;
use super::viewer::{Principal, PrincipalKind};

/// Classes of personal information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiClass {
    S2,
    S3,
}

/// How a value of some class is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Disclosure {
    Masked,
    Full,
}

/// One row of the policy table.
struct RolePolicy {
    /// Reaches people's records (residents) in its area, not only areas.
    sees_residents: bool,
    s2: Disclosure,
    s3: Disclosure,
    /// Classes it may reveal in full, with a purpose, through `revealResidentField`.
    may_reveal: &'static [PiiClass],
}

use Disclosure::{Full, Masked};
use PiiClass::{S2, S3};

/// The policy table. Front-line workers need names and phones to do their job; S3 data
/// is shown only on reveal (audited), except to a resident about their own household.
fn role_policy(role: Role) -> RolePolicy {
    let policy = |sees_residents, s2, s3, may_reveal| RolePolicy {
        sees_residents,
        s2,
        s3,
        may_reveal,
    };
    match role {
        Role::DistrictAdmin | Role::StreetAdmin => policy(true, Masked, Masked, &[S2, S3]),
        Role::CommunityStaff | Role::GridWorker => policy(true, Full, Masked, &[S3]),
        Role::PartySecretary | Role::GridWorkerPartTime | Role::GridLeader => {
            policy(true, Full, Masked, &[])
        }
        Role::BuildingLeader | Role::UnitLeader | Role::PartyMember => {
            policy(true, Masked, Masked, &[])
        }
        Role::Resident => policy(true, Full, Full, &[]),
        Role::CoBuildingContact | Role::ServiceProvider => policy(false, Masked, Masked, &[]),
    }
}

/// The reads open to anonymous callers, beside the sign-in mutations: a building's
/// public notice board (三长公示牌), so a QR code in the stairwell opens it without an
/// account. It shows the display names and relay phones of the building's three leaders
/// and its service numbers, nothing else ([`super::notice_board`]); it is rate-limited
/// per address like every anonymous call, and every other field stays UNAUTHENTICATED.
pub const ANONYMOUS_READS: [&str; 1] = ["noticeBoard"];

/// The API scope that lets a client read the territory and its residents (masked).
pub const TERRITORY_READ: &str = "territory:read";
/// The API scope that lets a client read residents' requests in its area.
pub const REQUESTS_READ: &str = "requests:read";
/// The API scope that lets a client read aggregates (dashboards) over its area,
/// small counts suppressed, without reaching any row.
pub const AGGREGATES_READ: &str = "aggregates:read";
/// The API scope that lets a client submit requests (channel THIRD_PARTY_APP).
pub const REQUESTS_WRITE: &str = "requests:write";

/// Roles that reach residents' requests in their area. Everyone else (residents
/// included) reaches only the requests they reported themselves.
pub fn sees_requests(role: Role) -> bool {
    !matches!(
        role,
        Role::Resident | Role::PartyMember | Role::CoBuildingContact | Role::ServiceProvider
    )
}

/// The area paths under which `principal` reaches rows of `kind`.
pub fn reach(principal: &Principal, kind: ScopeKind) -> Vec<&str> {
    match principal.kind {
        PrincipalKind::Client => {
            let needed = match kind {
                ScopeKind::Area
                | ScopeKind::Resident
                | ScopeKind::Facility
                | ScopeKind::Party
                | ScopeKind::Post
                | ScopeKind::PartyMember
                | ScopeKind::CoBuilding => Some(TERRITORY_READ),
                ScopeKind::Request => Some(REQUESTS_READ),
                ScopeKind::Audit
                | ScopeKind::Points
                | ScopeKind::Catalogue
                | ScopeKind::Visit
                | ScopeKind::Mediation
                | ScopeKind::Booking
                | ScopeKind::ServiceOrder
                | ScopeKind::Care => None,
            };
            let allowed = needed.is_some_and(|needed| principal.has_scope(needed));
            principal
                .area
                .iter()
                .filter(|_| allowed)
                .map(|area| area.path.as_str())
                .collect()
        }
        PrincipalKind::User => principal
            .grants
            .iter()
            .filter(|grant| match kind {
                ScopeKind::Area | ScopeKind::Facility | ScopeKind::Party | ScopeKind::Post => true,
                ScopeKind::Resident | ScopeKind::PartyMember => {
                    role_policy(grant.role).sees_residents
                }
                ScopeKind::Audit => grant.role == Role::DistrictAdmin,
                ScopeKind::Request => sees_requests(grant.role),
                ScopeKind::Points => super::points_actions::sees_points(grant.role),
                ScopeKind::Catalogue => true,
                ScopeKind::Visit => super::visit_actions::sees_visits(grant.role),
                ScopeKind::Mediation => super::mediation_actions::sees_all_cases(grant.role),
                ScopeKind::CoBuilding => super::cobuild_actions::sees_cobuilding(grant.role),
                ScopeKind::Booking => super::booking_actions::sees_bookings(grant.role),
                ScopeKind::ServiceOrder => super::service_actions::sees_orders(grant.role),
                ScopeKind::Care => role_policy(grant.role).sees_residents,
            })
            .map(|grant| grant.area.path.as_str())
            .collect(),
    }
}

/// How `principal` sees values of S2 and of S3 on a row at `row_path`: for each class,
/// the most open disclosure among the grants covering that row (masked when none does).
/// Both at once, in one walk of the grants: a view is made for every personal field a
/// list resolves, tens of thousands in a large page.
pub fn disclosures(principal: &Principal, row_path: &str) -> (Disclosure, Disclosure) {
    covering(principal, row_path).fold((Masked, Masked), |(s2, s3), policy| {
        (s2.max(policy.s2), s3.max(policy.s3))
    })
}

/// Whether `principal` sees `class` in full on every row it reaches: the test for
/// filtering or ordering on such a field, so a masked value cannot be probed.
pub fn full_everywhere(principal: &Principal, class: PiiClass) -> bool {
    if principal.kind == PrincipalKind::Client {
        return false;
    }
    let mut reaching = principal
        .grants
        .iter()
        .map(|grant| role_policy(grant.role))
        .filter(|policy| policy.sees_residents)
        .peekable();
    reaching.peek().is_some()
        && reaching.all(|policy| match class {
            S2 => policy.s2 == Full,
            S3 => policy.s3 == Full,
        })
}

/// Whether `principal` may reveal `class` on a row at `row_path`.
pub fn may_reveal(principal: &Principal, row_path: &str, class: PiiClass) -> bool {
    covering(principal, row_path).any(|policy| policy.may_reveal.contains(&class))
}

/// The policies of the user grants whose area holds `row_path`.
fn covering<'a>(
    principal: &'a Principal,
    row_path: &'a str,
) -> impl Iterator<Item = RolePolicy> + 'a {
    principal
        .grants
        .iter()
        .filter(move |grant| super::path_is_under(row_path, &grant.area.path))
        .map(|grant| role_policy(grant.role))
        .filter(|policy| policy.sees_residents)
}
