//! Opaque global ids: `base64url("Grid:12")`. Clients treat them as strings; the type
//! inside lets `node(id)` dispatch and lets every argument check it got the right kind.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{AppError, AppResult};

/// Every type that has a global id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    District,
    Street,
    Community,
    Grid,
    Building,
    Unit,
    Household,
    Resident,
    /// A resident's request (诉求) and one event of its history.
    Request,
    RequestEvent,
    /// An extension request on a request, and a supervision card.
    RequestExtension,
    RequestSupervision,
    /// A grid worker's visit (走访), one of its findings, and one household it reached
    /// (not a `Node`: it is reached through its visit or household).
    Visit,
    VisitFinding,
    HouseholdVisit,
    /// A party organisation (党组织).
    PartyOrganization,
    /// A user account (not a `Node`: ids name users in account mutations).
    User,
    /// The volunteer points ledger: accounts, entries, rewards, orders, adjustments.
    Volunteer,
    PointsEntry,
    Reward,
    RedemptionOrder,
    PointsAdjustment,
    /// Activities and their participants; facilities (not a `Node` yet) as places.
    Activity,
    ActivityParticipation,
    Facility,
    /// A mediation case (矛盾纠纷调解), one of its parties and one of its sessions (the
    /// latter two not `Node`s: they are reached through their case).
    MediationCase,
    MediationParty,
    MediationSession,
    /// A post of the three leaders, a grid worker or a mediator; a party member.
    Post,
    PartyMember,
    /// Co-building units (共建单位) and their alliance memberships; the three lists —
    /// needs, resources, projects with their milestones, and a project's resources
    /// (not a `Node`: reached through its project).
    CoBuildingUnit,
    AllianceMembership,
    NeedItem,
    ResourceItem,
    Project,
    Milestone,
    ProjectResource,
    /// An honour (荣誉) for a resident.
    Honour,
    /// A booking of a facility, and one opening period (not a `Node`).
    FacilityBooking,
    OpeningPeriod,
    /// A care profile (关爱档案).
    CareProfile,
    /// A service item, a service provider and a service order (一老一小).
    ServiceItem,
    ServiceProvider,
    ServiceOrder,
    /// A member's liaison with a household (党员联系户; not a `Node`: reached through
    /// its member).
    LiaisonHousehold,
    /// A dual report (双报到; not a `Node`: listed by `dualReports`).
    DualReport,
    /// One transfer of a party member (not a `Node`: reached through its member).
    PartyMemberTransfer,
    /// A linkage meeting (联席会议; not a `Node`: listed by `linkageMeetings`).
    LinkageMeeting,
}

impl NodeKind {
    const ALL: [NodeKind; 48] = [
        NodeKind::District,
        NodeKind::Street,
        NodeKind::Community,
        NodeKind::Grid,
        NodeKind::Building,
        NodeKind::Unit,
        NodeKind::Household,
        NodeKind::Resident,
        NodeKind::Request,
        NodeKind::RequestEvent,
        NodeKind::RequestExtension,
        NodeKind::RequestSupervision,
        NodeKind::Visit,
        NodeKind::VisitFinding,
        NodeKind::HouseholdVisit,
        NodeKind::PartyOrganization,
        NodeKind::User,
        NodeKind::Volunteer,
        NodeKind::PointsEntry,
        NodeKind::Reward,
        NodeKind::RedemptionOrder,
        NodeKind::PointsAdjustment,
        NodeKind::Activity,
        NodeKind::ActivityParticipation,
        NodeKind::Facility,
        NodeKind::MediationCase,
        NodeKind::MediationParty,
        NodeKind::MediationSession,
        NodeKind::Post,
        NodeKind::PartyMember,
        NodeKind::CoBuildingUnit,
        NodeKind::AllianceMembership,
        NodeKind::NeedItem,
        NodeKind::ResourceItem,
        NodeKind::Project,
        NodeKind::Milestone,
        NodeKind::ProjectResource,
        NodeKind::Honour,
        NodeKind::FacilityBooking,
        NodeKind::OpeningPeriod,
        NodeKind::CareProfile,
        NodeKind::ServiceItem,
        NodeKind::ServiceProvider,
        NodeKind::ServiceOrder,
        NodeKind::LiaisonHousehold,
        NodeKind::DualReport,
        NodeKind::PartyMemberTransfer,
        NodeKind::LinkageMeeting,
    ];

    pub fn name(self) -> &'static str {
        match self {
            NodeKind::District => "District",
            NodeKind::Street => "Street",
            NodeKind::Community => "Community",
            NodeKind::Grid => "Grid",
            NodeKind::Building => "Building",
            NodeKind::Unit => "Unit",
            NodeKind::Household => "Household",
            NodeKind::Resident => "Resident",
            NodeKind::Request => "Request",
            NodeKind::RequestEvent => "RequestEvent",
            NodeKind::RequestExtension => "RequestExtension",
            NodeKind::RequestSupervision => "RequestSupervision",
            NodeKind::Visit => "Visit",
            NodeKind::VisitFinding => "VisitFinding",
            NodeKind::HouseholdVisit => "HouseholdVisit",
            NodeKind::PartyOrganization => "PartyOrganization",
            NodeKind::User => "User",
            NodeKind::Volunteer => "Volunteer",
            NodeKind::PointsEntry => "PointsEntry",
            NodeKind::Reward => "Reward",
            NodeKind::RedemptionOrder => "RedemptionOrder",
            NodeKind::PointsAdjustment => "PointsAdjustment",
            NodeKind::Activity => "Activity",
            NodeKind::ActivityParticipation => "ActivityParticipation",
            NodeKind::Facility => "Facility",
            NodeKind::MediationCase => "MediationCase",
            NodeKind::MediationParty => "MediationParty",
            NodeKind::MediationSession => "MediationSession",
            NodeKind::Post => "Post",
            NodeKind::PartyMember => "PartyMember",
            NodeKind::CoBuildingUnit => "CoBuildingUnit",
            NodeKind::AllianceMembership => "AllianceMembership",
            NodeKind::NeedItem => "NeedItem",
            NodeKind::ResourceItem => "ResourceItem",
            NodeKind::Project => "Project",
            NodeKind::Milestone => "Milestone",
            NodeKind::ProjectResource => "ProjectResource",
            NodeKind::Honour => "Honour",
            NodeKind::FacilityBooking => "FacilityBooking",
            NodeKind::OpeningPeriod => "OpeningPeriod",
            NodeKind::CareProfile => "CareProfile",
            NodeKind::ServiceItem => "ServiceItem",
            NodeKind::ServiceProvider => "ServiceProvider",
            NodeKind::ServiceOrder => "ServiceOrder",
            NodeKind::LiaisonHousehold => "LiaisonHousehold",
            NodeKind::DualReport => "DualReport",
            NodeKind::PartyMemberTransfer => "PartyMemberTransfer",
            NodeKind::LinkageMeeting => "LinkageMeeting",
        }
    }

    /// The table of an area kind, for "anywhere under this area" filters.
    pub fn area_table(self) -> Option<&'static str> {
        match self {
            NodeKind::District => Some("district"),
            NodeKind::Street => Some("street"),
            NodeKind::Community => Some("community"),
            NodeKind::Grid => Some("grid"),
            NodeKind::Building => Some("building"),
            NodeKind::Unit => Some("unit"),
            NodeKind::Household => Some("household"),
            _ => None,
        }
    }
}

pub fn encode(kind: NodeKind, id: i32) -> ID {
    // "Kind:id" is written on the stack, not into a `String` of its own, and the
    // digits by hand, not through `core::fmt`: a large response encodes an id for
    // nearly every object it holds (formatting was half of this function's time).
    let name = kind.name().as_bytes();
    let mut text = [0u8; 64];
    let digits = decimal(id);
    let len = name.len() + 1 + digits.len();
    let Some(out) = text.get_mut(..len) else {
        return ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())));
    };
    let (head, tail) = out.split_at_mut(name.len());
    head.copy_from_slice(name);
    tail[0] = b':';
    tail[1..].copy_from_slice(digits.as_bytes());
    ID(URL_SAFE_NO_PAD.encode(out))
}

/// `n` in decimal, as `n.to_string()` writes it, without a heap allocation.
fn decimal(n: i32) -> Decimal {
    let mut bytes = [0u8; 11];
    let mut at = bytes.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        bytes[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        bytes[at] = b'-';
    }
    Decimal { bytes, at }
}

/// The digits [`decimal`] wrote, at the end of its buffer.
struct Decimal {
    bytes: [u8; 11],
    at: usize,
}

impl Decimal {
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.at..]
    }

    fn len(&self) -> usize {
        self.bytes.len() - self.at
    }
}

/// The kind and database id inside a global id.
pub fn decode(id: &ID) -> AppResult<(NodeKind, i32)> {
    let malformed = || AppError::bad_input("malformed id");
    let bytes = URL_SAFE_NO_PAD
        .decode(id.as_str())
        .map_err(|_| malformed())?;
    let text = String::from_utf8(bytes).map_err(|_| malformed())?;
    let (name, number) = text.split_once(':').ok_or_else(malformed)?;
    let kind = NodeKind::ALL
        .into_iter()
        .find(|kind| kind.name() == name)
        .ok_or_else(malformed)?;
    let number: i32 = number.parse().map_err(|_| malformed())?;
    if number <= 0 {
        return Err(malformed());
    }
    Ok((kind, number))
}

/// The database id inside a global id that must be of `expected` kind.
pub fn decode_as(id: &ID, expected: NodeKind) -> AppResult<i32> {
    match decode(id)? {
        (kind, number) if kind == expected => Ok(number),
        (kind, _) => Err(AppError::bad_input(format!(
            "expected a {} id, got a {} id",
            expected.name(),
            kind.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let id = encode(NodeKind::Grid, 12);
        assert_eq!(decode(&id).unwrap(), (NodeKind::Grid, 12));
        assert_eq!(decode_as(&id, NodeKind::Grid).unwrap(), 12);
        assert_eq!(id.as_str(), "R3JpZDoxMg");
        // Every kind with the widest ids still fits the encoder's stack buffer.
        for kind in NodeKind::ALL {
            assert_eq!(decode(&encode(kind, i32::MAX)).unwrap(), (kind, i32::MAX));
            assert_eq!(
                encode(kind, i32::MIN).as_str(),
                URL_SAFE_NO_PAD.encode(format!("{}:{}", kind.name(), i32::MIN))
            );
        }
    }

    #[test]
    fn decimals_are_written_as_to_string_writes_them() {
        for n in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            12_345,
            99_999,
            i32::MAX,
            i32::MIN,
            i32::MIN + 1,
        ] {
            assert_eq!(decimal(n).as_bytes(), n.to_string().as_bytes(), "{n}");
            assert_eq!(decimal(n).len(), n.to_string().len(), "{n}");
        }
    }

    #[test]
    fn wrong_kind_and_garbage_are_bad_input() {
        let id = encode(NodeKind::Street, 3);
        assert!(matches!(
            decode_as(&id, NodeKind::Grid),
            Err(AppError::BadUserInput(_))
        ));
        for raw in ["", "!!", "R3JpZA", "R3JpZDp4", "R3JpZDot", "QmFyOjE"] {
            assert!(decode(&ID(raw.into())).is_err(), "{raw}");
        }
    }
}
