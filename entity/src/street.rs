//! 街道: a street (sub-district) of a district.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "street")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub district_id: i32,
    /// Nine digits: the district code and three more.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::district::Entity",
        from = "Column::DistrictId",
        to = "super::district::Column::Id"
    )]
    District,
}

impl ActiveModelBehavior for ActiveModel {}
