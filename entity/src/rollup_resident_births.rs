//! Residents per street and month of birth, kept by database triggers on `resident`
//! (migration m0020): what a dashboard over a street or more counts instead of the
//! residents themselves.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rollup_resident_births")]
pub struct Model {
    /// The path of the street the residents live in.
    #[sea_orm(primary_key, auto_increment = false)]
    pub street_path: String,
    /// `YYYY-MM`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub birth_month: String,
    pub residents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
