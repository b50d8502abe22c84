//! 联席会议 / 四级联动: a linkage meeting at one level (city, district, street,
//! community) held by an area (`area_kind`, `area_id`, `area_path`, which scopes it),
//! with its topics and decisions (JSON arrays of strings).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "linkage_meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub level: String,
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub held_on: Date,
    pub title: String,
    pub topics: String,
    pub decisions: String,
    pub recorded_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
