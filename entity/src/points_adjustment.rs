//! A proposed correction of a volunteer's points, posted as an ADJUST entry only when a
//! second person approves it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::points_enums::AdjustmentStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "points_adjustment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: i32,
    pub area_path: String,
    pub amount: i64,
    pub reason: String,
    pub status: AdjustmentStatus,
    pub proposed_by_user_id: i32,
    pub approved_by_user_id: Option<i32>,
    pub entry_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
