//! A co-building unit's membership of a community's or street's party-building
//! alliance (党建联盟): from when, until when (open while `left_on` is null), under
//! which agreement (共建协议). Scoped by the allied area's path.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "alliance_membership")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    /// `street` or `community`.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub joined_on: Date,
    pub left_on: Option<Date>,
    /// The agreement's title or number.
    pub agreement: Option<String>,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
