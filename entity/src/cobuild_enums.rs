//! Enumerations of the three lists (三张清单): what a need or a resource is about, what
//! a resource is, and where needs and projects stand.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What a need asks for and a resource offers: matching pairs them on it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum CoBuildCategory {
    /// 为老服务
    #[sea_orm(string_value = "ELDERLY_CARE")]
    ElderlyCare,
    /// 关爱儿童
    #[sea_orm(string_value = "CHILD_CARE")]
    ChildCare,
    /// 医疗健康
    #[sea_orm(string_value = "HEALTH")]
    Health,
    /// 教育培训
    #[sea_orm(string_value = "EDUCATION")]
    Education,
    /// 就业帮扶
    #[sea_orm(string_value = "EMPLOYMENT")]
    Employment,
    /// 法律服务
    #[sea_orm(string_value = "LEGAL_AID")]
    LegalAid,
    /// 环境整治
    #[sea_orm(string_value = "ENVIRONMENT")]
    Environment,
    /// 文化体育
    #[sea_orm(string_value = "CULTURE")]
    Culture,
    /// 设施改造
    #[sea_orm(string_value = "FACILITIES")]
    Facilities,
    /// 困难帮扶
    #[sea_orm(string_value = "HARDSHIP_RELIEF")]
    HardshipRelief,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Where a need stands: OPEN → CLAIMED → FULFILLED, or WITHDRAWN before it is fulfilled.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum NeedStatus {
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "CLAIMED")]
    Claimed,
    #[sea_orm(string_value = "FULFILLED")]
    Fulfilled,
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// What sort of thing a unit offers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ResourceType {
    /// 资金 (yuan)
    #[sea_orm(string_value = "FUNDS")]
    Funds,
    /// 场地
    #[sea_orm(string_value = "VENUE")]
    Venue,
    /// 物资
    #[sea_orm(string_value = "SUPPLIES")]
    Supplies,
    /// 志愿者 (people)
    #[sea_orm(string_value = "VOLUNTEERS")]
    Volunteers,
    /// 专业服务
    #[sea_orm(string_value = "SERVICE")]
    Service,
}

/// Where a project stands; COMPLETED once every milestone is at 100.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ProjectStatus {
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
}
