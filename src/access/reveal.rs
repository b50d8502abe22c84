//! Revealing one masked field of one resident, for a stated purpose, with an audit row
//! written in the same transaction: if the audit write fails, nothing is revealed.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, TransactionTrait};

use entity::resident;

use super::audit::{self, AuditEntry, Outcome, RequestMeta};
use super::pii::PROTECTED_CHILD_AGE;
use super::policy::{self, PiiClass};
use super::viewer::Viewer;
use crate::domain::age::age_on;
use crate::error::{AppError, AppResult};

/// A field that can be revealed.
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum RevealableField {
    IdNumber,
    Phone,
    Name,
    BirthDate,
}

impl RevealableField {
    fn column(self) -> &'static str {
        match self {
            RevealableField::IdNumber => "id_number",
            RevealableField::Phone => "phone",
            RevealableField::Name => "name",
            RevealableField::BirthDate => "birth_date",
        }
    }

    fn class(self, age: i32) -> PiiClass {
        match self {
            RevealableField::IdNumber => PiiClass::S3,
            _ if age < PROTECTED_CHILD_AGE => PiiClass::S3,
            _ => PiiClass::S2,
        }
    }

    fn value(self, model: &resident::Model) -> Option<String> {
        match self {
            RevealableField::IdNumber => Some(model.id_number.clone()),
            RevealableField::Phone => model.phone.clone(),
            RevealableField::Name => Some(model.name.clone()),
            RevealableField::BirthDate => Some(model.birth_date.to_string()),
        }
    }
}

const MAX_PURPOSE: usize = 200;

/// The request to reveal.
pub struct Reveal<'a> {
    pub resident_id: i32,
    pub field: RevealableField,
    pub purpose: &'a str,
}

/// Returns the full value if the viewer's role may reveal it on that row.
pub async fn reveal(
    db: &DatabaseConnection,
    viewer: &Viewer,
    meta: &RequestMeta,
    now: DateTime<Utc>,
    today: NaiveDate,
    request: Reveal<'_>,
) -> AppResult<Option<String>> {
    let principal = viewer.principal().ok_or(AppError::Unauthenticated)?;
    let purpose = request.purpose.trim();
    if purpose.is_empty() || purpose.chars().count() > MAX_PURPOSE {
        return Err(AppError::bad_input(format!(
            "`purpose` must have 1 to {MAX_PURPOSE} characters"
        )));
    }
    let model = super::visible::<resident::Entity>(viewer)
        .filter(resident::Column::Id.eq(request.resident_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let class = request.field.class(age_on(model.birth_date, today));
    let entry = AuditEntry {
        action: "revealResidentField",
        entity: Some("resident"),
        entity_id: Some(model.id),
        fields: Some(request.field.column().to_owned()),
        purpose: Some(purpose.to_owned()),
        area_path: Some(model.area_path.clone()),
        outcome: Outcome::Success,
        claimed_actor: None,
    };
    if !policy::may_reveal(principal, &model.area_path, class) {
        let denied = AuditEntry {
            outcome: Outcome::Denied,
            ..entry
        };
        audit::record(db, viewer, meta, now, denied).await?;
        return Err(AppError::Forbidden(
            "this role may not reveal that field".to_owned(),
        ));
    }
    let txn = db.begin().await?;
    audit::record(&txn, viewer, meta, now, entry).await?;
    txn.commit().await?;
    Ok(request.field.value(&model))
}
