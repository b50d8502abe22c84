//! A building's utility and service number (water, power, gas, property, community
//! office), shown on its public notice board (三长公示牌).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "building_service_number")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub building_id: i32,
    pub area_path: String,
    pub service: Service,
    pub phone: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Service {
    #[sea_orm(string_value = "WATER")]
    Water,
    #[sea_orm(string_value = "POWER")]
    Power,
    #[sea_orm(string_value = "GAS")]
    Gas,
    #[sea_orm(string_value = "PROPERTY")]
    Property,
    #[sea_orm(string_value = "COMMUNITY_OFFICE")]
    CommunityOffice,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
