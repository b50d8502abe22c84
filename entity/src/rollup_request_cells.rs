//! Requests per street, day of submission, category, channel and level, with how many
//! are closed and solved, kept by database triggers on `request` (migration m0022):
//! the dashboard's three request breakdowns over a street or more.

use sea_orm::entity::prelude::*;

use crate::request_enums::{Channel, HandlingLevel};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_request_cells")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub street_path: String,
    /// `YYYY-MM-DD` of submission, China Standard Time (UTC+8).
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub category_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub channel: Channel,
    #[sea_orm(primary_key, auto_increment = false)]
    pub level: HandlingLevel,
    pub submitted: i64,
    pub closed: i64,
    pub solved: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
