//! 社区: a residents' community of a street.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub street_id: i32,
    /// Twelve digits: the street code and three more.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub address: Option<String>,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::street::Entity",
        from = "Column::StreetId",
        to = "super::street::Column::Id"
    )]
    Street,
}

impl ActiveModelBehavior for ActiveModel {}
