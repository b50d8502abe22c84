//! 时限: how long each step of a request may take, per category × level × urgency.
//! A row without a category is the default for its level and urgency.

use sea_orm::entity::prelude::*;

use crate::request_enums::{HandlingLevel, LimitUnit, Urgency};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sla_policy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub category_id: Option<i32>,
    pub level: HandlingLevel,
    pub urgency: Urgency,
    pub limit_unit: LimitUnit,
    /// Time to accept a submitted request.
    pub accept_limit: i32,
    /// Time to resolve it once accepted (restarts when the level changes or it reopens).
    pub handle_limit: i32,
    /// Time from resolution to feedback to the reporter (verification done).
    pub feedback_limit: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
