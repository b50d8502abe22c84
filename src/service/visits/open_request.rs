//! `openRequestFromFinding`: a finding of a visit becomes a request on channel
//! GRID_VISIT, submitted through the request intake in the same transaction that links
//! the finding to it. A finding opens at most one request: the link is an UPDATE that
//! holds `request_id IS NULL`, so of two attempts at once one links and the other rolls
//! back with its request (CONFLICT).

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use entity::request_enums::{Channel, Urgency};
use entity::{visit_finding, visit_household};

use crate::access::audit::AuditEntry;
use crate::access::{self, visit_actions};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::requests::{self, Changed, NewRequest, Place, Reporter};

/// The request a finding opens.
#[derive(Clone, Debug)]
pub struct FindingRequest {
    pub finding_id: i32,
    pub category_code: String,
    pub urgency: Urgency,
    /// The request's text; the finding's note when absent.
    pub description: Option<String>,
    /// One of the visit's households; the first visited when absent.
    pub household_id: Option<i32>,
}

/// The finding, linked, and the request it opened.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenedRequest {
    pub finding: visit_finding::Model,
    pub request: Changed,
}

/// Opens a request from a finding; see the module documentation.
pub async fn open_request(change: &Change<'_>, input: FindingRequest) -> AppResult<OpenedRequest> {
    change
        .run("openRequestFromFinding", "visit_finding", async |txn| {
            let finding = access::visible::<visit_finding::Entity>(change.viewer)
                .filter(visit_finding::Column::Id.eq(input.finding_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            if !visit_actions::may_open_request(change.viewer, &finding.area_path) {
                return Err(AppError::Forbidden(
                    "only those who record the grid's visits open requests from them".to_owned(),
                ));
            }
            if finding.request_id.is_some() {
                return Err(already_opened());
            }
            let household = household_of(change, txn, &finding, input.household_id).await?;
            let new = NewRequest {
                channel: Channel::GridVisit,
                external_order_id: None,
                category_code: input.category_code.clone(),
                place: Place::Household(household),
                reporter: Reporter::Myself,
                description: input.description.clone().unwrap_or(finding.note.clone()),
                attachments: Vec::new(),
                urgency: input.urgency,
            };
            let opened = requests::submit_within(change, txn, &new).await?;
            let finding = link(txn, finding, opened.request.id).await?;
            let entry = AuditEntry {
                action: "openRequestFromFinding",
                entity: Some("visit_finding"),
                entity_id: Some(finding.id),
                fields: Some("request_id".to_owned()),
                area_path: Some(finding.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(OpenedRequest {
                finding,
                request: opened,
            })
        })
        .await
}

fn already_opened() -> AppError {
    AppError::Conflict("this finding has already opened a request".to_owned())
}

/// The household the request is about: the one asked for, if the visit reached it;
/// else the visit's first.
async fn household_of(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    finding: &visit_finding::Model,
    wanted: Option<i32>,
) -> AppResult<i32> {
    let mut reached = access::visible::<visit_household::Entity>(change.viewer)
        .filter(visit_household::Column::VisitId.eq(finding.visit_id))
        .order_by_asc(visit_household::Column::Id);
    if let Some(wanted) = wanted {
        reached = reached.filter(visit_household::Column::HouseholdId.eq(wanted));
    }
    let row = reached.one(txn).await?;
    match (row, wanted) {
        (Some(row), _) => Ok(row.household_id),
        (None, Some(_)) => Err(AppError::bad_input(
            "`householdId` must be a household of the finding's visit",
        )),
        (None, None) => Err(AppError::Internal("a visit without households".to_owned())),
    }
}

/// Links the finding to `request`, if no other request got there first.
async fn link(
    txn: &DatabaseTransaction,
    finding: visit_finding::Model,
    request: i32,
) -> AppResult<visit_finding::Model> {
    let result = visit_finding::Entity::update_many()
        .col_expr(visit_finding::Column::RequestId, Expr::value(request))
        .col_expr(
            visit_finding::Column::Version,
            Expr::col(visit_finding::Column::Version).add(1),
        )
        .filter(visit_finding::Column::Id.eq(finding.id))
        .filter(visit_finding::Column::RequestId.is_null())
        .exec(txn)
        .await
        .map_err(|err| match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => already_opened(),
            _ => err.into(),
        })?;
    if result.rows_affected != 1 {
        return Err(already_opened());
    }
    Ok(visit_finding::Model {
        request_id: Some(request),
        version: finding.version + 1,
        ..finding
    })
}
