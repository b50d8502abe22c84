//! 党员联系户: a party member looks after a household from `started_on` until `ended_on`
//! (the last day). Scoped by the household's path (`area_path`); a row not yet ended is
//! active, one per household; ended rows are the history.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "liaison_assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub member_id: i32,
    pub household_id: i32,
    pub area_path: String,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
