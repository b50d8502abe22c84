//! 项目清单: a project that answers needs with resources, owned by one co-building
//! unit, placed in an area; `progress` is rolled up from its milestones.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cobuild_enums::ProjectStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub owner_unit_id: i32,
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub status: ProjectStatus,
    /// 0 to 100: the mean of the milestones' progress, rounded down.
    pub progress: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
