//! A redemption of a reward by a volunteer: its points are held until it is fulfilled
//! (REDEEM) or cancelled (RELEASE).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::points_enums::OrderStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "redemption_order")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    pub reward_id: i32,
    pub area_path: String,
    pub points: i64,
    pub status: OrderStatus,
    pub requested_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
