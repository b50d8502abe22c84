//! Households per building, kept by database triggers on `household` (migration m0021).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_building_households")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub building_path: String,
    pub households: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
