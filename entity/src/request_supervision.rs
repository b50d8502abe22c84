//! 督办: a supervision card street or district staff issue on a request that lags.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::request_enums::SupervisionCard;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "request_supervision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// The request's place, for scoping.
    pub area_path: String,
    pub card: SupervisionCard,
    pub reason: String,
    pub issued_by: i32,
    pub issued_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
