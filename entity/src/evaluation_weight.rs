//! 绩效评估: the weight (points out of 100) and target of one indicator an area level
//! is scored on in a period. Not personal data, and district-wide: no area path.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_weight")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `STREET`, `COMMUNITY` or `GRID`.
    pub level: String,
    /// `2026`, `2026-Q2` or `2026-06` (Asia/Shanghai calendar).
    pub period: String,
    /// The indicator's GraphQL name, e.g. `ON_TIME_RATE`.
    pub indicator: String,
    pub weight: i32,
    /// The rate aimed at, in percent: a floor, or a ceiling for rates where less is
    /// better (repeats, rework, escalation, extension).
    pub target_percent: i32,
    pub set_by: i32,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
