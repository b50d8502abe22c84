//! 网格: one grid of 400-700 households that serves every former grid (多网合一).

use sea_orm::entity::prelude::*;

use crate::enums::GridKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "grid")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub community_id: i32,
    /// Fifteen digits: the community code and three more.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub kind: GridKind,
    /// Comma-separated former grids this grid merges (PARTY, GOVERNANCE, POLICE,
    /// CIVIL_AFFAIRS, CITY_MANAGEMENT).
    pub merged_grids: String,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::community::Entity",
        from = "Column::CommunityId",
        to = "super::community::Column::Id"
    )]
    Community,
}

impl ActiveModelBehavior for ActiveModel {}
