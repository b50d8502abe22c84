//! `recordVisit`: the visit, one link row per household and its findings, written in
//! one transaction once every household is in the recorder's sight and in one grid.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use entity::{household, visit, visit_finding, visit_household};

use crate::access::audit::AuditEntry;
use crate::access::{self, visit_actions};
use crate::domain::visits::{self, FindingInput, ValidVisit};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// A visit as entered.
#[derive(Clone, Debug)]
pub struct NewVisit {
    /// The account that made the visit: the recorder.
    pub worker_user_id: i32,
    pub visited_at: DateTime<Utc>,
    pub household_ids: Vec<i32>,
    pub findings: Vec<FindingInput>,
}

/// The visit as written, with its findings (what an idempotent retry replays).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordedVisit {
    pub visit: visit::Model,
    pub findings: Vec<visit_finding::Model>,
}

/// Records a visit; see the module documentation.
pub async fn record(change: &Change<'_>, input: NewVisit) -> AppResult<RecordedVisit> {
    let valid = visits::validate(
        input.visited_at,
        &input.household_ids,
        &input.findings,
        change.now,
    )
    .map_err(AppError::BadUserInput)?;
    change
        .run("recordVisit", "visit", async |txn| {
            let grid_path = grid_of(change, txn, &valid.households).await?;
            if !visit_actions::may_record(change.viewer, &grid_path) {
                return Err(AppError::Forbidden(
                    "only the grid's workers, its leader and community staff record visits"
                        .to_owned(),
                ));
            }
            write(change, txn, input.worker_user_id, &grid_path, &valid).await
        })
        .await
}

/// The one grid all `households` lie in; a household out of sight reads as absent.
async fn grid_of(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    households: &[i32],
) -> AppResult<String> {
    let rows = access::visible::<household::Entity>(change.viewer)
        .filter(household::Column::Id.is_in(households.iter().copied()))
        .all(txn)
        .await?;
    if rows.len() != households.len() {
        return Err(AppError::NotFound);
    }
    let mut grids = rows.iter().map(|row| visits::grid_path(&row.path));
    let first = grids.next().flatten();
    let Some(first) = first else {
        return Err(AppError::Internal(
            "a household path without a grid".to_owned(),
        ));
    };
    if grids.any(|grid| grid != Some(first)) {
        return Err(AppError::bad_input(
            "the households of one visit lie in one grid",
        ));
    }
    Ok(first.to_owned())
}

async fn write(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    worker: i32,
    grid_path: &str,
    valid: &ValidVisit,
) -> AppResult<RecordedVisit> {
    let grid_id = grid_path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| AppError::Internal(format!("malformed grid path {grid_path}")))?;
    let visit = visit::ActiveModel {
        worker_user_id: Set(worker),
        grid_id: Set(grid_id),
        area_path: Set(grid_path.to_owned()),
        visited_at: Set(valid.visited_at),
        created_at: Set(change.now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for household in &valid.households {
        visit_household::ActiveModel {
            visit_id: Set(visit.id),
            household_id: Set(*household),
            area_path: Set(visit.area_path.clone()),
            visited_at: Set(visit.visited_at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let mut findings = Vec::with_capacity(valid.findings.len());
    for (duty, note) in &valid.findings {
        let finding = visit_finding::ActiveModel {
            visit_id: Set(visit.id),
            area_path: Set(visit.area_path.clone()),
            duty: Set(*duty),
            note: Set(note.clone()),
            request_id: Set(None),
            version: Set(1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        findings.push(finding);
    }
    let entry = AuditEntry {
        action: "recordVisit",
        entity: Some("visit"),
        entity_id: Some(visit.id),
        fields: Some("households,findings".to_owned()),
        area_path: Some(visit.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await?;
    Ok(RecordedVisit { visit, findings })
}
