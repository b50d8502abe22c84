//! One append-only entry of a points account, with the balances after it and the
//! source it came from (`source_kind` + `source_id`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::points_enums::EntryKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "points_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    pub area_path: String,
    pub kind: EntryKind,
    /// Change of the available balance.
    pub amount: i64,
    /// Change of the held balance.
    pub held_amount: i64,
    pub available_after: i64,
    pub held_after: i64,
    /// `PARTICIPATION`, `REDEMPTION_ORDER`, `ADJUSTMENT`, `ENTRY`, `SEED`…
    pub source_kind: String,
    pub source_id: Option<i32>,
    /// EARN only: source and person, unique, so a participation earns once.
    #[sea_orm(unique)]
    pub earn_key: Option<String>,
    #[sea_orm(unique)]
    pub reverses_entry_id: Option<i32>,
    pub reason: Option<String>,
    pub actor_user_id: Option<i32>,
    pub approver_user_id: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
