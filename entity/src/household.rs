//! 户: a household living in (or registered at) a flat of a unit.

use sea_orm::entity::prelude::*;

use crate::enums::ResidenceStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "household")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    /// Twenty-four digits: the unit code and the room number padded to four.
    #[sea_orm(unique)]
    pub code: String,
    /// Room number as written on the door, e.g. "1203".
    pub room: String,
    pub residence_status: ResidenceStatus,
    /// Address of the household registration (户籍地址) when it is elsewhere.
    pub registered_address: Option<String>,
    pub path: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id"
    )]
    Unit,
}

impl ActiveModelBehavior for ActiveModel {}
