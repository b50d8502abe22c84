//! `endDualReport`: a registration ends on its last day, on or after it began and not
//! in the future. Versioned: a stale version is CONFLICT, and so is ending it twice.

use chrono::NaiveDate;
use sea_orm::Set;

use entity::dual_report;

use crate::access::audit::AuditEntry;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Which registration ends, on which day, as read at which version.
#[derive(Clone, Debug)]
pub struct EndReport {
    pub report_id: i32,
    pub version: i32,
    pub ended_on: NaiveDate,
}

/// Ends; see the module documentation.
pub async fn end(change: &Change<'_>, input: EndReport) -> AppResult<dual_report::Model> {
    change
        .run("endDualReport", "dual_report", async |txn| {
            let report = super::kept_report(change, txn, input.report_id).await?;
            if report.version != input.version {
                return Err(versioned::stale());
            }
            if report.ended_on.is_some() {
                return Err(AppError::Conflict("this registration has ended".to_owned()));
            }
            if input.ended_on < report.registered_on || input.ended_on > super::today(change) {
                return Err(AppError::bad_input(
                    "`endedOn` must lie between the registration and today",
                ));
            }
            let changes = dual_report::ActiveModel {
                ended_on: Set(Some(input.ended_on)),
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
                action: "endDualReport",
                entity: Some("dual_report"),
                entity_id: Some(report.id),
                fields: Some("ended_on".to_owned()),
                area_path: Some(report.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(dual_report::Model {
                ended_on: Some(input.ended_on),
                version: input.version + 1,
                ..report
            })
        })
        .await
}
