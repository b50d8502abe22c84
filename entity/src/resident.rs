//! 居民: a person of a household. Holds sensitive personal information (ID number,
//! phone, birth date, special-group tags): the server masks it by policy.

use sea_orm::entity::prelude::*;

use crate::enums::{Gender, HouseholdRelation};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resident")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub household_id: i32,
    /// The household's path: residents are scoped by the area they live in.
    pub area_path: String,
    pub name: String,
    pub gender: Gender,
    pub birth_date: Date,
    /// Normalised 18-character resident ID number (upper-case check character).
    #[sea_orm(unique)]
    pub id_number: String,
    /// Normalised mainland mobile number (11 digits), when known.
    pub phone: Option<String>,
    pub relation: HouseholdRelation,
    /// Bit set of stored tags (see the server's `domain::tags`); age tags are derived.
    pub tags: i64,
    pub is_party_member: bool,
    pub moved_in_on: Option<Date>,
    pub moved_out_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::household::Entity",
        from = "Column::HouseholdId",
        to = "super::household::Column::Id"
    )]
    Household,
}

impl ActiveModelBehavior for ActiveModel {}
