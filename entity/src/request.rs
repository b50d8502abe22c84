//! 诉求: one resident's request, from intake to evaluation. `area_path` is the path of
//! its place (household, unit or building), so requests are scoped like residents.
//! `version` guards every change (optimistic concurrency).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::request_enums::{
    Channel, HandlingLevel, RequestStatus, Satisfaction, SupervisionCard, Urgency,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub channel: Channel,
    /// The order id of the channel (12345 hotline orders), unique per channel.
    pub external_order_id: Option<String>,
    pub category_id: i32,
    pub building_id: i32,
    pub unit_id: Option<i32>,
    pub household_id: Option<i32>,
    pub area_path: String,
    pub reporter_resident_id: Option<i32>,
    /// The account that reported it (a resident in the mini-program); they see it.
    pub reporter_user_id: Option<i32>,
    /// Contact of an anonymous reporter (personal information, masked by policy).
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub description: String,
    /// JSON array of http(s) URLs.
    pub attachments: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
    pub level: HandlingLevel,
    pub assignee_user_id: Option<i32>,
    pub merged_into_id: Option<i32>,
    pub reject_reason: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub submitted_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub accept_due_at: DateTimeUtc,
    pub handle_due_at: Option<DateTimeUtc>,
    pub feedback_due_at: Option<DateTimeUtc>,
    /// The running deadline: when it started, when it turns yellow, when red.
    pub sla_started_at: Option<DateTimeUtc>,
    pub sla_warn_at: Option<DateTimeUtc>,
    pub sla_due_at: Option<DateTimeUtc>,
    pub version: i32,
    pub rework_count: i32,
    /// When the running deadline was paused (a suspension); it resumes shifted by the
    /// time paused.
    pub sla_paused_at: Option<DateTimeUtc>,
    /// When a suspended request resumes by itself.
    pub suspended_until: Option<DateTimeUtc>,
    /// The strongest supervision card issued on it.
    pub supervision_card: Option<SupervisionCard>,
    /// When it was first resolved (a rework resolves it again): "closed in time" is
    /// `first_resolved_at <= handle_due_at`.
    pub first_resolved_at: Option<DateTimeUtc>,
    /// A repeat complaint: an earlier live request of the same category about the same
    /// place came in shortly before (kept by the hub's `service::requests::repeats`).
    pub is_repeat: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
