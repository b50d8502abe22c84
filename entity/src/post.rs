//! 岗位: a post of the three leaders (网格长, 楼栋长, 单元长), a grid worker (专职/兼职网格员)
//! or a mediator, bound to a grid, building or unit (`area_kind`, `area_id`,
//! `area_path`, which scopes it) from `started_on` until `ended_on` (the last day in
//! office). A post not yet ended is active: one per leader kind and area.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "post")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: PostKind,
    /// Full- or part-time, for grid workers only.
    pub employment: Option<Employment>,
    /// The table name of the area kind (`grid`, `building`, `unit`).
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub holder_user_id: Option<i32>,
    pub holder_resident_id: Option<i32>,
    /// The name shown on notice boards.
    pub display_name: String,
    /// The relay phone shown on notice boards (public by intent).
    pub relay_phone: String,
    /// Bit set of the five duties (see the server's `domain::posts`).
    pub duties: i32,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum PostKind {
    /// 网格长
    #[sea_orm(string_value = "GRID_LEADER")]
    GridLeader,
    /// 楼栋长
    #[sea_orm(string_value = "BUILDING_LEADER")]
    BuildingLeader,
    /// 单元长
    #[sea_orm(string_value = "UNIT_LEADER")]
    UnitLeader,
    /// 网格员
    #[sea_orm(string_value = "GRID_WORKER")]
    GridWorker,
    /// 调解员
    #[sea_orm(string_value = "MEDIATOR")]
    Mediator,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Employment {
    /// 专职
    #[sea_orm(string_value = "FULL_TIME")]
    FullTime,
    /// 兼职
    #[sea_orm(string_value = "PART_TIME")]
    PartTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
