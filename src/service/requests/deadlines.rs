//! The SLA policy and holiday calendar a deadline is computed from.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Asia::Shanghai;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use entity::request_enums::{HandlingLevel, Urgency};
use entity::{holiday, sla_policy};

use crate::domain::requests::lifecycle::Deadline;
use crate::domain::requests::sla::{self, Calendar, Limit, Window};
use crate::error::{AppError, AppResult};

/// How far ahead holidays are read: longer than any limit can reach.
const CALENDAR_DAYS: i64 = 400;

/// The policy for a category at a level and urgency: the category's own, else the
/// default for that level and urgency.
pub async fn policy(
    db: &impl ConnectionTrait,
    category_id: i32,
    level: HandlingLevel,
    urgency: Urgency,
) -> AppResult<sla_policy::Model> {
    sla_policy::Entity::find()
        .filter(sla_policy::Column::Level.eq(level))
        .filter(sla_policy::Column::Urgency.eq(urgency))
        .filter(
            Condition::any()
                .add(sla_policy::Column::CategoryId.eq(category_id))
                .add(sla_policy::Column::CategoryId.is_null()),
        )
        // A category's own row sorts before the default (NULLs last either way).
        .order_by_desc(sla_policy::Column::CategoryId.is_not_null())
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(format!("no SLA policy for {level:?} {urgency:?}")))
}

/// The holidays and make-up days from `now` on.
pub async fn calendar(db: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<Calendar> {
    let today = now.with_timezone(&Shanghai).date_naive();
    let rows = holiday::Entity::find()
        .filter(holiday::Column::Day.gte(today))
        .filter(holiday::Column::Day.lt(today + Duration::days(CALENDAR_DAYS)))
        .all(db)
        .await?;
    Ok(Calendar::new(
        rows.into_iter().map(|row| (row.day, row.working)),
    ))
}

/// The window of `deadline` under `policy`, started at `now`.
pub fn window(
    policy: &sla_policy::Model,
    deadline: Deadline,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Window {
    let amount = match deadline {
        Deadline::Accept => policy.accept_limit,
        Deadline::Handle => policy.handle_limit,
        Deadline::Feedback => policy.feedback_limit,
    };
    let limit = Limit {
        unit: policy.limit_unit,
        amount,
    };
    sla::window(now, limit, calendar)
}
