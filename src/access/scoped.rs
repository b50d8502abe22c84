//! How each scoped table declares where its rows sit in the territory. A table becomes
//! reachable through [`super::visible`] only once it implements [`Scoped`].

use sea_orm::EntityTrait;

use entity::{
    activity, activity_participation, audit_log, building, care_profile, community, district,
    facility, facility_booking, facility_opening_period, grid, household, mediation_case,
    mediation_party, mediation_session, party_organization, points_account, points_adjustment,
    points_entry, redemption_order, request, request_event, request_extension, request_supervision,
    resident, reward, street, unit, visit, visit_finding, visit_household,
};
use entity::{
    alliance_membership, co_building_unit, honour, milestone, need_item, project, project_resource,
    resource_item,
};
use entity::{
    dual_report, dual_report_hours, liaison_assignment, linkage_meeting, linkage_meeting_attendee,
};
use entity::{party_member, party_member_transfer, post};
use entity::{service_item, service_order, service_provider};

use super::viewer::Principal;

/// What sort of rows a table holds, which decides which roles reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// Areas of the territory tree (district … household).
    Area,
    /// People's records (residents): personal information.
    Resident,
    /// The audit trail, read by district administrators only.
    Audit,
    /// Residents' requests and their events.
    Request,
    /// Volunteers' points: accounts, entries, redemption orders, adjustments.
    Points,
    /// What an area offers to the people under it (the rewards catalogue): visible in
    /// the area's subtree and, like areas, from anywhere below it.
    Catalogue,
    /// Grid workers' visit records, their households and findings.
    Visit,
    /// Mediation cases, their parties and sessions.
    Mediation,
    /// Facilities (阵地): public places, seen by everyone signed in within their area,
    /// including those registered with the areas above it (the street's centre serves
    /// its grids too).
    Facility,
    /// Party organisations (党组织): not personal data, seen by every grant in its area.
    Party,
    /// Posts of the three leaders, grid workers and mediators: public by intent (the
    /// notice board shows them), seen in their area and, like areas, from below it.
    Post,
    /// Party members (党员) and their transfers: personal information (S2).
    PartyMember,
    /// Co-building (共驻共建): units, alliance memberships and the three lists. Seen
    /// by staff in their area and, like areas, from below (a street's units serve its
    /// communities); residents do not read it.
    CoBuilding,
    /// Bookings of facilities: seen by the staff who run them and by their bookers.
    Booking,
    /// Service orders (服务工单): seen by the staff and front line over the resident,
    /// the resident's household, whoever ordered, and the assigned provider while open.
    ServiceOrder,
    /// Care profiles (关爱档案): sensitive through and through, so reached only by the
    /// people who read residents, never by API clients (not even masked).
    Care,
}

impl ScopeKind {
    /// Whether a grant also sees rows placed on the areas above it (as context).
    pub fn seen_from_below(self) -> bool {
        matches!(
            self,
            ScopeKind::Area
                | ScopeKind::Catalogue
                | ScopeKind::Facility
                | ScopeKind::Post
                | ScopeKind::CoBuilding
        )
    }
}

/// A table whose rows belong to an area of the territory tree.
pub trait Scoped: EntityTrait {
    const KIND: ScopeKind;
    /// The materialised path that places a row in the tree.
    fn scope_column() -> Self::Column;
    /// The user a row belongs to, who sees it wherever it is (a request's reporter).
    fn owner_column() -> Option<Self::Column> {
        None
    }
    /// A flag that widens the reach to the grants of [`super::mediation_actions::major_reach`]
    /// (a major mediation case, seen by the street).
    fn major_column() -> Option<Self::Column> {
        None
    }
    /// Rows reached by assignment rather than by area (a provider's open orders).
    fn assigned(_principal: &Principal) -> Option<sea_orm::sea_query::Condition> {
        None
    }
}

macro_rules! scoped_by {
    ($($module:ident => $column:ident as $kind:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            const KIND: ScopeKind = ScopeKind::$kind;
            fn scope_column() -> Self::Column {
                $module::Column::$column
            }
        })+
    };
}

scoped_by!(
    district => Path as Area,
    street => Path as Area,
    community => Path as Area,
    grid => Path as Area,
    building => Path as Area,
    unit => Path as Area,
    household => Path as Area,
    resident => AreaPath as Resident,
    audit_log => AreaPath as Audit,
    request_extension => AreaPath as Request,
    request_supervision => AreaPath as Request,
    points_account => AreaPath as Points,
    points_entry => AreaPath as Points,
    redemption_order => AreaPath as Points,
    points_adjustment => AreaPath as Points,
    reward => AreaPath as Catalogue,
    activity => AreaPath as Catalogue,
    activity_participation => AreaPath as Points,
    visit => AreaPath as Visit,
    visit_household => AreaPath as Visit,
    visit_finding => AreaPath as Visit,
    facility => AreaPath as Facility,
    party_organization => AreaPath as Party,
    post => AreaPath as Post,
    party_member => AreaPath as PartyMember,
    party_member_transfer => AreaPath as PartyMember,
    co_building_unit => AreaPath as CoBuilding,
    alliance_membership => AreaPath as CoBuilding,
    need_item => AreaPath as CoBuilding,
    resource_item => AreaPath as CoBuilding,
    project => AreaPath as CoBuilding,
    project_resource => AreaPath as CoBuilding,
    milestone => AreaPath as CoBuilding,
    honour => AreaPath as Points,
    facility_opening_period => AreaPath as Facility,
    care_profile => AreaPath as Care,
    service_item => AreaPath as Catalogue,
    service_provider => AreaPath as Catalogue,
    liaison_assignment => AreaPath as PartyMember,
    dual_report => AreaPath as PartyMember,
    dual_report_hours => AreaPath as PartyMember,
    linkage_meeting => AreaPath as Party,
    linkage_meeting_attendee => AreaPath as Party,
);

macro_rules! owned_by {
    ($($module:ident => $column:ident as $kind:ident, owner $owner:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            const KIND: ScopeKind = ScopeKind::$kind;
            fn scope_column() -> Self::Column {
                $module::Column::$column
            }
            fn owner_column() -> Option<Self::Column> {
                Some($module::Column::$owner)
            }
        })+
    };
}

owned_by!(
    request => AreaPath as Request, owner ReporterUserId,
    request_event => AreaPath as Request, owner ReporterUserId,
    facility_booking => AreaPath as Booking, owner BookedByUserId,
);

macro_rules! major_by {
    ($($module:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            const KIND: ScopeKind = ScopeKind::Mediation;
            fn scope_column() -> Self::Column {
                $module::Column::AreaPath
            }
            fn major_column() -> Option<Self::Column> {
                Some($module::Column::Major)
            }
        })+
    };
}

major_by!(mediation_case, mediation_party, mediation_session);

impl Scoped for service_order::Entity {
    const KIND: ScopeKind = ScopeKind::ServiceOrder;
    fn scope_column() -> Self::Column {
        service_order::Column::AreaPath
    }
    fn owner_column() -> Option<Self::Column> {
        Some(service_order::Column::OrderedByUserId)
    }
    fn assigned(principal: &Principal) -> Option<sea_orm::sea_query::Condition> {
        super::service_actions::assigned(principal)
    }
}
