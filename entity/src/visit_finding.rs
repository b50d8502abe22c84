//! What a visit found, tagged with one of the grid worker's five duties; it may open
//! one request (`request_id`, unique).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The five duties of a grid worker (网格员五大职责).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum Duty {
    /// 收集民情
    #[sea_orm(string_value = "COLLECT_SENTIMENT")]
    CollectSentiment,
    /// 宣传政策
    #[sea_orm(string_value = "PUBLICISE_POLICY")]
    PublicisePolicy,
    /// 化解矛盾
    #[sea_orm(string_value = "MEDIATE_DISPUTES")]
    MediateDisputes,
    /// 便民服务
    #[sea_orm(string_value = "CONVENIENCE_SERVICE")]
    ConvenienceService,
    /// 监督管理
    #[sea_orm(string_value = "SUPERVISION")]
    Supervision,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "visit_finding")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub visit_id: i32,
    pub area_path: String,
    pub duty: Duty,
    pub note: String,
    pub request_id: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
