//! A service provider (服务主体): a co-building unit, a social organisation or a
//! volunteer team, with its qualifications and the areas it serves. Its account (role
//! SERVICE_PROVIDER) sees the orders assigned to it while they are open.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::service_enums::ProviderType;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_provider")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub provider_type: ProviderType,
    pub co_building_unit_id: Option<i32>,
    pub account_user_id: Option<i32>,
    /// The area that registered it, which scopes it.
    pub area_path: String,
    /// Newline-separated.
    pub qualifications: String,
    /// Newline-separated paths of the areas it serves.
    pub service_area_paths: String,
    pub created_at: DateTimeUtc,
    pub version: i32,
}

impl Model {
    /// The paths of the areas it serves.
    pub fn service_areas(&self) -> impl Iterator<Item = &str> {
        self.service_area_paths
            .lines()
            .filter(|line| !line.is_empty())
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
