//! Enums of the service catalogue and its orders, stored as their SCREAMING_CASE names.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Whom a service item is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum TargetGroup {
    #[sea_orm(string_value = "ELDERLY")]
    Elderly,
    #[sea_orm(string_value = "CHILD")]
    Child,
    #[sea_orm(string_value = "DISABLED")]
    Disabled,
    #[sea_orm(string_value = "ALL")]
    All,
}

/// What kind of body delivers services.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ProviderType {
    /// 共建单位
    #[sea_orm(string_value = "CO_BUILDING_UNIT")]
    CoBuildingUnit,
    /// 社会组织
    #[sea_orm(string_value = "SOCIAL_ORGANISATION")]
    SocialOrganisation,
    /// 志愿服务队
    #[sea_orm(string_value = "VOLUNTEER_TEAM")]
    VolunteerTeam,
}

/// Who placed an order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Orderer {
    /// The resident themselves.
    #[sea_orm(string_value = "RESIDENT")]
    Resident,
    /// A member of their household.
    #[sea_orm(string_value = "FAMILY")]
    Family,
    /// A grid worker or grid leader on their behalf (代办).
    #[sea_orm(string_value = "GRID_WORKER")]
    GridWorker,
    /// Community staff on their behalf.
    #[sea_orm(string_value = "STAFF")]
    Staff,
}

/// Where an order stands (see the server's `domain::services::lifecycle`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum OrderStatus {
    #[sea_orm(string_value = "REQUESTED")]
    Requested,
    #[sea_orm(string_value = "ELIGIBILITY_CHECKED")]
    EligibilityChecked,
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    #[sea_orm(string_value = "SCHEDULED")]
    Scheduled,
    #[sea_orm(string_value = "IN_SERVICE")]
    InService,
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
    #[sea_orm(string_value = "CONFIRMED")]
    Confirmed,
    #[sea_orm(string_value = "SETTLED")]
    Settled,
    #[sea_orm(string_value = "CANCELLED")]
    Cancelled,
    #[sea_orm(string_value = "NO_SHOW")]
    NoShow,
    #[sea_orm(string_value = "DISPUTED")]
    Disputed,
}
