//! Dual reporting (双报到) against the database: [`register`] an in-service member, or
//! the party organisation of a co-building unit, with a residential community; [`end`]
//! a registration; and [`record_hours`] served under it. Each is one idempotent
//! transaction with its audit row; one active registration per reporter and community
//! is the database's partial unique index (a race is CONFLICT).

mod end;
mod hours;
mod register;

pub use end::{EndReport, end};
pub use hours::{RecordHours, record_hours};
pub use register::{NewReport, Reporter, register};

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};

use entity::dual_report;

use crate::access::{self, party_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

fn today(change: &Change<'_>) -> NaiveDate {
    change.now.with_timezone(&Shanghai).date_naive()
}

/// The report `id` the viewer sees and keeps (NOT_FOUND, FORBIDDEN otherwise).
async fn kept_report(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    id: i32,
) -> AppResult<dual_report::Model> {
    let report = access::visible::<dual_report::Entity>(change.viewer)
        .filter(dual_report::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !party_actions::may_keep_dual_reports(change.viewer, &report.area_path) {
        return Err(may_not());
    }
    Ok(report)
}

fn may_not() -> AppError {
    AppError::Forbidden(
        "only the community's staff, party secretaries and administrators keep dual reports"
            .to_owned(),
    )
}
