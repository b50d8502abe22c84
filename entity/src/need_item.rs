//! 需求清单: a need of a community or grid, optionally raised by a resident's request;
//! claimed by one co-building unit, fulfilled by it (or by a project), or withdrawn.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cobuild_enums::{CoBuildCategory, NeedStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "need_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `community` or `grid`.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    /// The community of the area (itself, or the grid's), for `community.openNeeds`.
    pub community_id: i32,
    pub request_id: Option<i32>,
    pub category: CoBuildCategory,
    pub title: String,
    pub description: String,
    /// How many people it would help.
    pub beneficiaries: i32,
    pub status: NeedStatus,
    pub claimed_by_unit_id: Option<i32>,
    pub claimed_at: Option<DateTimeUtc>,
    pub project_id: Option<i32>,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
