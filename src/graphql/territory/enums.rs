//! GraphQL faces of the territory's stored enums.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// How a grid is staffed.
    GridKind = entity::enums::GridKind {
        /// A base grid of 400-700 households (基础网格).
        Base,
        /// A dedicated grid for a large site: school, hospital, park (专属网格).
        Dedicated,
    }
}

mirror_enum! {
    /// Whether a household's registration and actual residence coincide.
    ResidenceStatus = entity::enums::ResidenceStatus {
        /// Registered here and living here (人户一致).
        RegisteredAndLiving,
        /// Living here, registered elsewhere (人在户不在).
        LivingNotRegistered,
        /// Registered here, living elsewhere (户在人不在).
        RegisteredNotLiving,
    }
}

mirror_enum! {
    Gender = entity::enums::Gender { Male, Female }
}

mirror_enum! {
    /// Relation to the head of the household.
    HouseholdRelation = entity::enums::HouseholdRelation {
        Head, Spouse, Child, Parent, Grandchild, Grandparent, Sibling, Tenant, Other,
    }
}

/// A former single-purpose grid merged into one grid (多网合一).
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum FormerGrid {
    /// Party building (党建).
    Party,
    /// Comprehensive governance (综治).
    Governance,
    /// Police (公安).
    Police,
    /// Civil affairs (民政).
    CivilAffairs,
    /// City management (城管).
    CityManagement,
}

impl FormerGrid {
    /// Parses the stored comma-separated list, skipping unknown names.
    pub fn parse_list(stored: &str) -> Vec<FormerGrid> {
        stored
            .split(',')
            .filter_map(|name| match name.trim() {
                "PARTY" => Some(FormerGrid::Party),
                "GOVERNANCE" => Some(FormerGrid::Governance),
                "POLICE" => Some(FormerGrid::Police),
                "CIVIL_AFFAIRS" => Some(FormerGrid::CivilAffairs),
                "CITY_MANAGEMENT" => Some(FormerGrid::CityManagement),
                _ => None,
            })
            .collect()
    }
}
