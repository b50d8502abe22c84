//! 关爱档案: the care profile of an elderly resident or a child, one per resident.
//! Sensitive (S3) as a whole; `area_path` is the resident's, which scopes it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "care_profile")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub resident_id: i32,
    pub area_path: String,
    pub living_arrangement: Option<LivingArrangement>,
    /// GB/T 42195: 0 intact … 4 total loss of ability.
    pub ability_level: Option<i32>,
    pub assessed_on: Option<Date>,
    /// Dimension grades 0 … 3 of the assessment.
    pub daily_living: Option<i32>,
    pub cognition: Option<i32>,
    pub perception_communication: Option<i32>,
    pub social_participation: Option<i32>,
    pub disability_type: Option<DisabilityType>,
    /// 1 (most severe) … 4.
    pub disability_grade: Option<i32>,
    pub regular_contact_name: Option<String>,
    pub regular_contact_phone: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub left_behind: Option<bool>,
    pub guardian_name: Option<String>,
    pub guardian_relation: Option<String>,
    pub guardian_phone: Option<String>,
    pub school: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

/// How an elderly resident lives.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum LivingArrangement {
    /// 独居
    #[sea_orm(string_value = "LIVING_ALONE")]
    LivingAlone,
    /// 空巢: with a spouse only, no children at home.
    #[sea_orm(string_value = "EMPTY_NEST")]
    EmptyNest,
    #[sea_orm(string_value = "WITH_FAMILY")]
    WithFamily,
}

/// Disability categories of the disability certificate (残疾人证).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum DisabilityType {
    #[sea_orm(string_value = "VISUAL")]
    Visual,
    #[sea_orm(string_value = "HEARING")]
    Hearing,
    #[sea_orm(string_value = "SPEECH")]
    Speech,
    #[sea_orm(string_value = "PHYSICAL")]
    Physical,
    #[sea_orm(string_value = "INTELLECTUAL")]
    Intellectual,
    #[sea_orm(string_value = "MENTAL")]
    Mental,
    #[sea_orm(string_value = "MULTIPLE")]
    Multiple,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
