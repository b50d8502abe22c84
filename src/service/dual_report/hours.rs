//! `recordDualReportHours`: hours served under an active registration, on a day of it,
//! positive and at most a day per recording. The registration's total follows in the
//! same transaction (versioned: a stale version is CONFLICT).

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, Set};

use entity::{dual_report, dual_report_hours};

use crate::access::audit::AuditEntry;
use crate::domain::dual_report as rules;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Hours as entered.
#[derive(Clone, Debug)]
pub struct RecordHours {
    pub report_id: i32,
    pub version: i32,
    pub served_on: NaiveDate,
    pub hours: f64,
    pub note: Option<String>,
}

/// Records; see the module documentation.
pub async fn record_hours(
    change: &Change<'_>,
    input: RecordHours,
) -> AppResult<dual_report::Model> {
    let tenths = rules::tenths(input.hours).map_err(AppError::BadUserInput)?;
    let note = input
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty());
    if note.is_some_and(|note| note.chars().count() > 200) {
        return Err(AppError::bad_input(
            "`note` must have at most 200 characters",
        ));
    }
    change
        .run("recordDualReportHours", "dual_report", async |txn| {
            let report = super::kept_report(change, txn, input.report_id).await?;
            if report.version != input.version {
                return Err(versioned::stale());
            }
            if report.ended_on.is_some() {
                return Err(AppError::Conflict("this registration has ended".to_owned()));
            }
            rules::validate_served(input.served_on, report.registered_on, super::today(change))
                .map_err(AppError::BadUserInput)?;
            dual_report_hours::ActiveModel {
                report_id: Set(report.id),
                area_path: Set(report.area_path.clone()),
                served_on: Set(input.served_on),
                tenths: Set(tenths),
                note: Set(note.map(str::to_owned)),
                created_at: Set(change.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let total = report.hours_tenths + tenths;
            let changes = dual_report::ActiveModel {
                hours_tenths: Set(total),
                ..Default::default()
            };
            versioned::update(
                txn,
                changes,
                dual_report::Column::Id,
                report.id,
                dual_report::Column::Version,
                input.version,
            )
            .await?;
            let entry = AuditEntry {
                action: "recordDualReportHours",
                entity: Some("dual_report"),
                entity_id: Some(report.id),
                fields: Some("hours".to_owned()),
                area_path: Some(report.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(dual_report::Model {
                hours_tenths: total,
                version: input.version + 1,
                ..report
            })
        })
        .await
}
