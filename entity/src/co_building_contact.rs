//! A user account that speaks for a co-building unit (共建单位联系人): a
//! CO_BUILDING_CONTACT grant lets its holder act for the units linked to them here, and
//! for no other unit of the grant's area. Placed (and scoped) where the unit is.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "co_building_contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub user_id: i32,
    pub area_path: String,
    pub linked_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
