//! 阵地: a place where the community serves its residents (party-mass service centre,
//! minors' activity room, elderly canteen, …), with coordinates for the 15-minute
//! living circle. Registered with an area, which scopes it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "facility")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub facility_type: FacilityType,
    pub address: String,
    /// The table name of the area kind (`community`, `grid`, …), as in grants.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    /// WGS-84 degrees.
    pub latitude: f64,
    pub longitude: f64,
    /// People it holds at once.
    pub capacity: i32,
    pub manager_user_id: Option<i32>,
    pub status: FacilityStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
pub enum FacilityType {
    /// 党群服务中心
    #[sea_orm(string_value = "PARTY_MASS_SERVICE_CENTER")]
    PartyMassServiceCenter,
    /// 未成年人活动室
    #[sea_orm(string_value = "MINORS_ACTIVITY_ROOM")]
    MinorsActivityRoom,
    /// 新时代文明实践站
    #[sea_orm(string_value = "CIVILISATION_PRACTICE_STATION")]
    CivilisationPracticeStation,
    /// 老年食堂 / 助餐点
    #[sea_orm(string_value = "ELDERLY_CANTEEN")]
    ElderlyCanteen,
    /// 日间照料中心
    #[sea_orm(string_value = "DAY_CARE_CENTER")]
    DayCareCenter,
    /// 社区卫生服务站
    #[sea_orm(string_value = "HEALTH_STATION")]
    HealthStation,
    /// 托育 / 儿童之家
    #[sea_orm(string_value = "CHILD_CARE")]
    ChildCare,
    /// 文体活动场地
    #[sea_orm(string_value = "SPORTS_AND_CULTURE")]
    SportsAndCulture,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum FacilityStatus {
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
