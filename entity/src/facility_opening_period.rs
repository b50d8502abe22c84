//! One opening period of a facility on one weekday, in minutes after local midnight
//! (Asia/Shanghai). A facility's periods never overlap; they are written together.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "facility_opening_period")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub facility_id: i32,
    /// The facility's path, which scopes the period like the facility.
    pub area_path: String,
    /// 1 = Monday … 7 = Sunday (ISO 8601).
    pub weekday: i32,
    pub opens_at: i32,
    pub closes_at: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
