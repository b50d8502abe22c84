//! Roles a user (or an API client) holds on an area, and the areas they are bound to.

use async_graphql::Enum;

/// A role bound to an area by a grant.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// District administrator (区管理员).
    DistrictAdmin,
    /// Street administrator (街道管理员).
    StreetAdmin,
    /// Community staff (社区工作人员).
    CommunityStaff,
    /// Secretary of a community or grid party organisation (党组织书记).
    PartySecretary,
    /// Full-time grid worker (专职网格员).
    GridWorker,
    /// Part-time grid worker (兼职网格员).
    GridWorkerPartTime,
    /// Grid leader (网格长).
    GridLeader,
    /// Building leader (楼栋长).
    BuildingLeader,
    /// Unit leader (单元长).
    UnitLeader,
    /// Party member (党员).
    PartyMember,
    /// Resident (居民), bound to their own household.
    Resident,
    /// Contact person of a co-building unit (共建单位联系人).
    CoBuildingContact,
    /// Service provider (服务商).
    ServiceProvider,
}

impl Role {
    pub const ALL: [Role; 13] = [
        Role::DistrictAdmin,
        Role::StreetAdmin,
        Role::CommunityStaff,
        Role::PartySecretary,
        Role::GridWorker,
        Role::GridWorkerPartTime,
        Role::GridLeader,
        Role::BuildingLeader,
        Role::UnitLeader,
        Role::PartyMember,
        Role::Resident,
        Role::CoBuildingContact,
        Role::ServiceProvider,
    ];

    /// The name stored in `role_grant.role` (the GraphQL enum value).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::DistrictAdmin => "DISTRICT_ADMIN",
            Role::StreetAdmin => "STREET_ADMIN",
            Role::CommunityStaff => "COMMUNITY_STAFF",
            Role::PartySecretary => "PARTY_SECRETARY",
            Role::GridWorker => "GRID_WORKER",
            Role::GridWorkerPartTime => "GRID_WORKER_PART_TIME",
            Role::GridLeader => "GRID_LEADER",
            Role::BuildingLeader => "BUILDING_LEADER",
            Role::UnitLeader => "UNIT_LEADER",
            Role::PartyMember => "PARTY_MEMBER",
            Role::Resident => "RESIDENT",
            Role::CoBuildingContact => "CO_BUILDING_CONTACT",
            Role::ServiceProvider => "SERVICE_PROVIDER",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }
}

/// The level of the territory tree an area is on.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum AreaKind {
    District,
    Street,
    Community,
    Grid,
    Building,
    Unit,
    Household,
}

impl AreaKind {
    pub const ALL: [AreaKind; 7] = [
        AreaKind::District,
        AreaKind::Street,
        AreaKind::Community,
        AreaKind::Grid,
        AreaKind::Building,
        AreaKind::Unit,
        AreaKind::Household,
    ];

    /// The table holding areas of this kind (also the name stored in grants).
    pub fn table(self) -> &'static str {
        match self {
            AreaKind::District => "district",
            AreaKind::Street => "street",
            AreaKind::Community => "community",
            AreaKind::Grid => "grid",
            AreaKind::Building => "building",
            AreaKind::Unit => "unit",
            AreaKind::Household => "household",
        }
    }

    pub fn parse(table: &str) -> Option<AreaKind> {
        AreaKind::ALL.into_iter().find(|kind| kind.table() == table)
    }
}

/// An area a grant is bound to, with its materialised path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AreaRef {
    pub kind: AreaKind,
    pub id: i32,
    pub path: String,
}

/// One (role, area) pair held by a user or client.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Grant {
    pub role: Role,
    pub area: AreaRef,
}
