//! A service order (服务工单) for one resident, and its service record: schedule,
//! check-in and check-out, notes and the resident's rating. `area_path` is the
//! resident's, which scopes it; `ordered_by_user_id` always sees it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::service_enums::{OrderStatus, Orderer};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_order")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub resident_id: i32,
    pub area_path: String,
    pub ordered_by_user_id: i32,
    pub orderer: Orderer,
    pub status: OrderStatus,
    pub reason: Option<String>,
    pub provider_id: Option<i32>,
    pub scheduled_start: Option<DateTimeUtc>,
    pub scheduled_end: Option<DateTimeUtc>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub checked_out_at: Option<DateTimeUtc>,
    pub notes: Option<String>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub price_cents: i32,
    pub subsidy_cents: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
