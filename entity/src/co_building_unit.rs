//! 共建单位: a government body, enterprise, school, hospital, social organisation, "two
//! new" organisation or mass organisation that builds the community together with it.
//! Registered with an area (`area_kind`, `area_id`, `area_path`: a street or community
//! usually), which scopes it. The contact is personal information (masked by policy).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "co_building_unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub unit_type: CoBuildingUnitType,
    /// 统一社会信用代码 (GB 32100), checksum validated on input.
    #[sea_orm(unique)]
    pub credit_code: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    /// The table name of the area kind (`street`, `community`, …), as in grants.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    pub status: CoBuildingUnitStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum CoBuildingUnitType {
    /// 机关
    #[sea_orm(string_value = "GOVERNMENT")]
    Government,
    /// 企业
    #[sea_orm(string_value = "ENTERPRISE")]
    Enterprise,
    #[sea_orm(string_value = "SCHOOL")]
    School,
    #[sea_orm(string_value = "HOSPITAL")]
    Hospital,
    /// 社会组织
    #[sea_orm(string_value = "SOCIAL_ORGANIZATION")]
    SocialOrganization,
    /// 两新组织: new economic and new social organisations.
    #[sea_orm(string_value = "TWO_NEW")]
    TwoNew,
    /// 群团组织: trade unions, the Youth League, women's federations.
    #[sea_orm(string_value = "MASS_ORGANIZATION")]
    MassOrganization,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum CoBuildingUnitStatus {
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    #[sea_orm(string_value = "INACTIVE")]
    Inactive,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
