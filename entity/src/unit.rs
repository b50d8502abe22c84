//! 单元: a stairwell entrance of a building.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub building_id: i32,
    /// Twenty digits: the building code and two more.
    #[sea_orm(unique)]
    pub code: String,
    pub unit_no: i32,
    pub name: String,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::building::Entity",
        from = "Column::BuildingId",
        to = "super::building::Column::Id"
    )]
    Building,
}

impl ActiveModelBehavior for ActiveModel {}
