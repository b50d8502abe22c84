//! 党员: a party member (a resident or a staff user) of one party organisation, scoped
//! by the path of the area that organisation serves (`area_path`). Personal data (S2).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "party_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resident_id: Option<i32>,
    pub user_id: Option<i32>,
    pub name: String,
    pub organization_id: i32,
    pub area_path: String,
    pub category: MemberCategory,
    pub joined_on: Date,
    /// Whether the member shows their identity (亮身份).
    pub shows_identity: bool,
    pub version: i32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum MemberCategory {
    #[sea_orm(string_value = "DIRECT")]
    Direct,
    /// 在职党员
    #[sea_orm(string_value = "IN_SERVICE")]
    InService,
    #[sea_orm(string_value = "RETIRED")]
    Retired,
    /// 流动党员
    #[sea_orm(string_value = "MOBILE")]
    Mobile,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
