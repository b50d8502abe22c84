//! A service item (服务项目) of the catalogue: meal assistance, health check, home
//! visit… with its eligibility rules, its price and subsidy in fen, and the provider
//! types that may deliver it. Registered with an area, which scopes it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::service_enums::TargetGroup;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub target_group: TargetGroup,
    pub area_path: String,
    pub min_age: Option<i32>,
    pub max_age_exclusive: Option<i32>,
    pub requires_living_alone: bool,
    pub requires_disability: bool,
    pub requires_low_income: bool,
    pub price_cents: i32,
    pub subsidy_cents: i32,
    /// Comma-separated `ProviderType` names.
    pub provider_types: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
