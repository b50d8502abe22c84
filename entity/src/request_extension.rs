//! 延期申请: the assignee asks for more time on a request, or for a pause (挂起) until a
//! date; a dispatcher approves or rejects. A request is only ever suspended this way.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::request_enums::{ExtensionKind, ExtensionStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "request_extension")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// The request's place, for scoping.
    pub area_path: String,
    pub kind: ExtensionKind,
    pub reason: String,
    /// EXTEND: hours added to the handling deadline.
    pub extra_hours: Option<i32>,
    /// SUSPEND: when the request resumes by itself.
    pub suspend_until: Option<DateTimeUtc>,
    pub status: ExtensionStatus,
    pub requested_by: i32,
    pub requested_at: DateTimeUtc,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
