//! 矛盾纠纷调解: a mediation case placed in a community or grid (`area_path`). Minor
//! cases stay with the community; `major` ones are also seen by the street.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::mediation_enums::{CaseOutcome, CaseStatus, DisputeCategory};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mediation_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `community` or `grid`.
    pub area_kind: String,
    pub area_id: i32,
    pub area_path: String,
    /// Where the dispute is, in words ("3号楼2单元楼道").
    pub place: Option<String>,
    pub category: DisputeCategory,
    pub major: bool,
    pub summary: String,
    pub mediator_user_id: i32,
    pub status: CaseStatus,
    pub outcome: Option<CaseOutcome>,
    pub agreement: Option<String>,
    pub agreement_signed_on: Option<Date>,
    pub follow_up_due: Option<Date>,
    pub followed_up_on: Option<Date>,
    pub follow_up_notes: Option<String>,
    pub opened_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
