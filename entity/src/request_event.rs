//! 诉求流转记录: one row per transition of a request (actor, from, to, note, time).
//! Carries the request's `area_path` and reporter so it is scoped exactly like it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::request_enums::{HandlingLevel, RequestStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "request_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub area_path: String,
    pub reporter_user_id: Option<i32>,
    pub at: DateTimeUtc,
    /// `USER`, `CLIENT` or `SYSTEM`.
    pub actor_kind: String,
    pub actor_id: Option<i32>,
    pub actor_name: Option<String>,
    /// The action, e.g. `ACCEPT` or `ESCALATE`.
    pub action: String,
    pub from_status: Option<RequestStatus>,
    pub to_status: RequestStatus,
    pub from_level: Option<HandlingLevel>,
    pub to_level: HandlingLevel,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
