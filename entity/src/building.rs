//! 楼栋: a residential building in a grid, with coordinates for the 15-minute circle.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "building")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub grid_id: i32,
    /// Eighteen digits: the grid code and three more.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub address: String,
    pub floors: i32,
    /// WGS-84 degrees.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::grid::Entity",
        from = "Column::GridId",
        to = "super::grid::Column::Id"
    )]
    Grid,
}

impl ActiveModelBehavior for ActiveModel {}
