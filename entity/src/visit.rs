//! 走访记录: one visit by a grid worker to households of one grid. `area_path` is the
//! grid's path, which scopes the visit, its households and its findings alike.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "visit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account that made the visit (and recorded it).
    pub worker_user_id: i32,
    pub grid_id: i32,
    pub area_path: String,
    pub visited_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
