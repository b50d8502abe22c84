//! 活动: an activity of a community (party lesson, visit, paired help, featured event,
//! volunteer service), at a facility or an address, with seats and points per hour.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "activity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub activity_type: ActivityType,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub facility_id: Option<i32>,
    pub address: Option<String>,
    /// The co-building unit organising it with the community, if any.
    pub co_building_unit_id: Option<i32>,
    /// The party organisation organising it with the community, if any.
    pub party_organization_id: Option<i32>,
    pub community_id: i32,
    pub area_path: String,
    pub capacity: i32,
    pub signed_up: i32,
    pub points_per_hour: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ActivityType {
    /// 党课
    #[sea_orm(string_value = "PARTY_LESSON")]
    PartyLesson,
    /// 走访慰问
    #[sea_orm(string_value = "VISIT")]
    Visit,
    /// 结对帮扶
    #[sea_orm(string_value = "PAIRED_HELP")]
    PairedHelp,
    /// 特色活动
    #[sea_orm(string_value = "FEATURED")]
    Featured,
    /// 志愿服务
    #[sea_orm(string_value = "VOLUNTEER_SERVICE")]
    VolunteerService,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
