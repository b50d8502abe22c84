//! 资源清单: what a co-building unit offers (funds, a venue, supplies, volunteers, a
//! service), how much, and when. Placed where the unit is registered.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cobuild_enums::{CoBuildCategory, ResourceType};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "resource_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub area_path: String,
    pub resource_type: ResourceType,
    pub category: CoBuildCategory,
    pub description: String,
    /// How much (yuan, items, people…), never negative.
    pub quantity: i32,
    /// How many people it serves at once (a venue's seats), when that applies.
    pub capacity: Option<i32>,
    pub available_from: DateTimeUtc,
    pub available_to: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
