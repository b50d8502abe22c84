//! Households per grid, kept by database triggers on `household` (migration m0020).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_grid_households")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub grid_path: String,
    pub households: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
