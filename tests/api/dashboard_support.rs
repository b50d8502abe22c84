//! A small, hand-countable set of requests for the breakdown, series and evaluation
//! tests, written straight into the Tiny fixture so that each one's times are exact.
//!
//! T is the test clock's start (Monday 2026-06-15, 12:00 in Shanghai). The period of
//! the tests is [T - 10 days, T + 1 day). Community 1 (grid 1):
//! - A: SANITATION, T - 5 d, closed resolved and satisfied at the grid level,
//!   resolved a day before its deadline (on time);
//! - B: SANITATION on the same building at T - 2 d (a repeat of A), closed unresolved
//!   and dissatisfied at the community level, reworked twice, resolved after its
//!   deadline;
//! - C: PROPERTY_REPAIR, 2026-06-13 16:30 UTC (00:30 on the 14th in Shanghai),
//!   accepted at the building level, overdue since T - 1 h.
//!
//! Community 2 (grid 4): D, PARKING at T - 3 d, waiting for acceptance, due at T + 1 d;
//! E, PARKING at T - 30 d (before the period), closed resolved.
//! Street 2 (grid 7): F, SANITATION at T - 2 d, waiting.

use chrono::{DateTime, Duration, TimeZone, Utc};
use community_hub::service::requests::repeats;
use entity::request_enums::{Channel, HandlingLevel, RequestStatus, Satisfaction, Urgency};
use entity::{building, request, request_category, request_event};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

use crate::harness::TestApp;

pub struct Spec {
    pub category: &'static str,
    pub grid: i32,
    pub submitted: DateTime<Utc>,
    pub status: RequestStatus,
    pub level: HandlingLevel,
    pub satisfaction: Option<Satisfaction>,
    pub handle_due: Option<DateTime<Utc>>,
    pub sla_due: Option<DateTime<Utc>>,
    pub rework: i32,
    /// When a RESOLVE event was recorded.
    pub resolved: Option<DateTime<Utc>>,
}

impl Spec {
    pub fn waiting(category: &'static str, grid: i32, submitted: DateTime<Utc>) -> Spec {
        Spec {
            category,
            grid,
            submitted,
            status: RequestStatus::Submitted,
            level: HandlingLevel::Grid,
            satisfaction: None,
            handle_due: None,
            sla_due: None,
            rework: 0,
            resolved: None,
        }
    }
}

/// Inserts one request (and its RESOLVE event), and refreshes the repeat flags; its id.
pub async fn insert(app: &TestApp, spec: Spec) -> i32 {
    let db = &app.state.db;
    let place = building::Entity::find()
        .filter(building::Column::GridId.eq(spec.grid))
        .order_by_asc(building::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("the grid has a building");
    let category = request_category::Entity::find()
        .filter(request_category::Column::Code.eq(spec.category))
        .one(db)
        .await
        .unwrap()
        .expect("seeded category");
    let closed_at = spec.resolved.unwrap_or(spec.submitted);
    let row = request::ActiveModel {
        id: NotSet,
        channel: Set(Channel::WalkIn),
        external_order_id: Set(None),
        category_id: Set(category.id),
        building_id: Set(place.id),
        unit_id: Set(None),
        household_id: Set(None),
        area_path: Set(place.path.clone()),
        reporter_resident_id: Set(None),
        reporter_user_id: Set(None),
        contact_name: Set(Some("王小明".to_owned())),
        contact_phone: Set(Some("13812345678".to_owned())),
        description: Set("楼道堆物".to_owned()),
        attachments: Set("[]".to_owned()),
        urgency: Set(Urgency::Normal),
        status: Set(spec.status),
        level: Set(spec.level),
        assignee_user_id: Set(None),
        merged_into_id: Set(None),
        reject_reason: Set(None),
        satisfaction: Set(spec.satisfaction),
        submitted_at: Set(spec.submitted),
        updated_at: Set(closed_at),
        accept_due_at: Set(spec.submitted + Duration::hours(2)),
        handle_due_at: Set(spec.handle_due),
        feedback_due_at: Set(None),
        sla_started_at: Set(spec.sla_due.map(|_| spec.submitted)),
        sla_warn_at: Set(spec.sla_due),
        sla_due_at: Set(spec.sla_due),
        version: Set(1),
        rework_count: Set(spec.rework),
        sla_paused_at: Set(None),
        suspended_until: Set(None),
        supervision_card: Set(None),
        first_resolved_at: Set(spec.resolved),
        is_repeat: Set(false),
    }
    .insert(db)
    .await
    .unwrap();
    // As a submission does: the flags this request makes or unmakes.
    repeats::refresh(db, category.id, &place.path, spec.submitted)
        .await
        .unwrap();
    if let Some(at) = spec.resolved {
        request_event::ActiveModel {
            id: NotSet,
            request_id: Set(row.id),
            area_path: Set(place.path),
            reporter_user_id: Set(None),
            at: Set(at),
            actor_kind: Set("USER".to_owned()),
            actor_id: Set(None),
            actor_name: Set(None),
            action: Set("RESOLVE".to_owned()),
            from_status: Set(Some(RequestStatus::InProgress)),
            to_status: Set(RequestStatus::Resolved),
            from_level: Set(Some(spec.level)),
            to_level: Set(spec.level),
            note: Set(None),
        }
        .insert(db)
        .await
        .unwrap();
    }
    row.id
}

/// The requests A–F of the module comment.
pub async fn six_requests(app: &TestApp) {
    let t = app.state.clock.now();
    let days = Duration::days;
    insert(
        app,
        Spec {
            status: RequestStatus::ClosedResolved,
            satisfaction: Some(Satisfaction::Satisfied),
            handle_due: Some(t - days(3)),
            resolved: Some(t - days(4)),
            ..Spec::waiting("SANITATION", 1, t - days(5))
        },
    )
    .await;
    insert(
        app,
        Spec {
            status: RequestStatus::ClosedUnresolved,
            level: HandlingLevel::Community,
            satisfaction: Some(Satisfaction::Dissatisfied),
            handle_due: Some(t - days(1) - Duration::hours(12)),
            rework: 2,
            resolved: Some(t - days(1)),
            ..Spec::waiting("SANITATION", 1, t - days(2))
        },
    )
    .await;
    insert(
        app,
        Spec {
            status: RequestStatus::Accepted,
            level: HandlingLevel::Building,
            sla_due: Some(t - Duration::hours(1)),
            ..Spec::waiting(
                "PROPERTY_REPAIR",
                1,
                Utc.with_ymd_and_hms(2026, 6, 13, 16, 30, 0).unwrap(),
            )
        },
    )
    .await;
    insert(
        app,
        Spec {
            sla_due: Some(t + days(1)),
            ..Spec::waiting("PARKING", 4, t - days(3))
        },
    )
    .await;
    insert(
        app,
        Spec {
            status: RequestStatus::ClosedResolved,
            resolved: Some(t - days(29)),
            ..Spec::waiting("PARKING", 4, t - days(30))
        },
    )
    .await;
    insert(app, Spec::waiting("SANITATION", 7, t - days(2))).await;
}

/// `{from, to}` of the tests' period.
pub fn period(app: &TestApp) -> Value {
    let t = app.state.clock.now();
    json!({ "from": t - Duration::days(10), "to": t + Duration::days(1) })
}
