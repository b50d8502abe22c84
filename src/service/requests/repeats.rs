//! Repeat complaints (重复投诉): a request is a repeat when an earlier live (not merged)
//! request of the same category about the same place came in at most
//! [`REPEAT_WINDOW_DAYS`] before it. The flag is kept on the request (`is_repeat`) so a
//! dashboard sums it instead of probing each request's earlier ones; whatever changes
//! which requests are live or when they came in refreshes the flags it can reach.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter};

use entity::request;
use entity::request_enums::RequestStatus;

use crate::error::AppResult;

/// How close a second request about the same thing must follow the first to count as
/// a repeat complaint.
pub const REPEAT_WINDOW_DAYS: i64 = 30;

/// Refreshes the flags of the requests of `category` about the place `area_path`
/// submitted from `at` to [`REPEAT_WINDOW_DAYS`] after it: the ones a request
/// submitted (or merged) at `at` can make or unmake repeats.
pub async fn refresh(
    db: &impl ConnectionTrait,
    category: i32,
    area_path: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    let reach = at + Duration::days(REPEAT_WINDOW_DAYS);
    request::Entity::update_many()
        .col_expr(
            request::Column::IsRepeat,
            repeats_earlier(db.get_database_backend()),
        )
        .filter(request::Column::CategoryId.eq(category))
        .filter(request::Column::AreaPath.eq(area_path))
        .filter(request::Column::SubmittedAt.gte(at))
        .filter(request::Column::SubmittedAt.lte(reach))
        .exec(db)
        .await?;
    Ok(())
}

/// Refreshes every request's flag: after rows were written in bulk (the demo seed).
pub async fn refresh_all(db: &impl ConnectionTrait) -> AppResult<()> {
    request::Entity::update_many()
        .col_expr(
            request::Column::IsRepeat,
            repeats_earlier(db.get_database_backend()),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Whether an earlier live request of the same category about the same place was
/// submitted at most [`REPEAT_WINDOW_DAYS`] before the current `request` row.
fn repeats_earlier(backend: DatabaseBackend) -> SimpleExpr {
    let earlier = Alias::new("earlier");
    let this = |column: request::Column| Expr::col((request::Entity, column));
    let that = |column: request::Column| Expr::col((earlier.clone(), column));
    // SQLite stores RFC 3339 text ("2026-06-15T04:00:00+00:00"): the window's start in
    // the same shape compares as text.
    let window_start = match backend {
        DatabaseBackend::Postgres => Expr::cust(format!(
            r#""request"."submitted_at" - INTERVAL '{REPEAT_WINDOW_DAYS} days'"#
        )),
        _ => Expr::cust(format!(
            r#"strftime('%Y-%m-%dT%H:%M:%S', "request"."submitted_at", '-{REPEAT_WINDOW_DAYS} days')"#
        )),
    };
    let mut select = Query::select();
    select
        .expr(Expr::val(1))
        .from_as(request::Entity, earlier.clone())
        .and_where(
            that(request::Column::CategoryId)
                .equals((request::Entity, request::Column::CategoryId)),
        )
        .and_where(
            that(request::Column::AreaPath).equals((request::Entity, request::Column::AreaPath)),
        )
        .and_where(that(request::Column::Id).ne(this(request::Column::Id)))
        .and_where(that(request::Column::SubmittedAt).lte(this(request::Column::SubmittedAt)))
        .and_where(that(request::Column::SubmittedAt).gte(window_start))
        .and_where(that(request::Column::Status).ne(RequestStatus::Merged));
    Expr::exists(select)
}
