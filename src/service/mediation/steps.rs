//! The steps of an open case: a mediation session, the agreement (which sets the
//! follow-up 30 days later), the follow-up, and the close with its outcome. Each step
//! is checked against the lifecycle of `domain::mediation` and the actor's rights, and
//! carries the version the actor read.

use chrono::NaiveDate;
use chrono_tz::Asia::Shanghai;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};

use entity::{mediation_case, mediation_session};

use crate::access::audit::AuditEntry;
use crate::access::{self, mediation_actions};
use crate::domain::mediation::{self, Outcome, Step};
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// A step as entered, on the case `case_id` at `version`.
#[derive(Clone, Debug)]
pub struct StepInput {
    pub case_id: i32,
    pub version: i32,
    pub step: CaseStep,
}

/// What the step records.
#[derive(Clone, Debug)]
pub enum CaseStep {
    Session {
        held_on: NaiveDate,
        notes: String,
    },
    Agreement {
        signed_on: NaiveDate,
        text: String,
    },
    FollowUp {
        on: NaiveDate,
        notes: String,
    },
    Close {
        outcome: Outcome,
        note: Option<String>,
    },
}

impl CaseStep {
    fn domain(&self) -> Step {
        match self {
            CaseStep::Session { .. } => Step::RecordSession,
            CaseStep::Agreement { .. } => Step::RecordAgreement,
            CaseStep::FollowUp { .. } => Step::RecordFollowUp,
            CaseStep::Close { outcome, .. } => Step::Close(*outcome),
        }
    }

    fn action(&self) -> &'static str {
        match self {
            CaseStep::Session { .. } => "recordMediationSession",
            CaseStep::Agreement { .. } => "recordMediationAgreement",
            CaseStep::FollowUp { .. } => "recordMediationFollowUp",
            CaseStep::Close { .. } => "closeMediationCase",
        }
    }
}

/// The case after the step, and the session it recorded (if it was one).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SteppedCase {
    pub case: mediation_case::Model,
    pub session: Option<mediation_session::Model>,
}

/// Takes one step; see the module documentation.
pub async fn step(change: &Change<'_>, input: StepInput) -> AppResult<SteppedCase> {
    let step = checked(input.step, today(change))?;
    let action = step.action();
    change
        .run(action, "mediation_case", async |txn| {
            let case = load(txn, change, input.case_id).await?;
            if case.version != input.version {
                return Err(versioned::stale());
            }
            let allowed = match step {
                CaseStep::Close { .. } => mediation_actions::may_manage(change.viewer, &case.area_path),
                _ => mediation_actions::may_mediate(
                    change.viewer,
                    &case.area_path,
                    case.mediator_user_id,
                ),
            };
            if !allowed {
                return Err(AppError::Forbidden(
                    "steps are recorded by the mediator or the case's managers; cases are closed by its managers"
                        .to_owned(),
                ));
            }
            let to = mediation::next(case.status.into(), step.domain())
                .map_err(|illegal| AppError::Conflict(illegal.to_string()))?;
            apply(change, txn, &case, &step, to.into(), input.version).await
        })
        .await
}

/// The step's dates and texts checked before any transaction opens.
fn checked(step: CaseStep, today: NaiveDate) -> AppResult<CaseStep> {
    checked_step(step, today).map_err(AppError::BadUserInput)
}

fn checked_step(step: CaseStep, today: NaiveDate) -> Result<CaseStep, String> {
    let checked = match step {
        CaseStep::Session { held_on, notes } => CaseStep::Session {
            held_on: mediation::past("heldOn", held_on, today)?,
            notes: mediation::notes("notes", &notes)?,
        },
        CaseStep::Agreement { signed_on, text } => CaseStep::Agreement {
            signed_on: mediation::past("signedOn", signed_on, today)?,
            text: mediation::notes("agreement", &text)?,
        },
        CaseStep::FollowUp { on, notes } => CaseStep::FollowUp {
            on: mediation::past("followedUpOn", on, today)?,
            notes: mediation::notes("notes", &notes)?,
        },
        CaseStep::Close { outcome, note } => CaseStep::Close {
            outcome,
            note: crate::domain::requests::intake::note("note", note.as_deref())?,
        },
    };
    Ok(checked)
}

fn today(change: &Change<'_>) -> NaiveDate {
    change.now.with_timezone(&Shanghai).date_naive()
}

/// The case in the viewer's sight; out of sight reads as absent.
async fn load(
    db: &impl ConnectionTrait,
    change: &Change<'_>,
    id: i32,
) -> AppResult<mediation_case::Model> {
    access::visible::<mediation_case::Entity>(change.viewer)
        .filter(mediation_case::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn apply(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    case: &mediation_case::Model,
    step: &CaseStep,
    to: entity::mediation_enums::CaseStatus,
    version: i32,
) -> AppResult<SteppedCase> {
    let mut changes = mediation_case::ActiveModel {
        status: Set(to),
        updated_at: Set(change.now),
        ..Default::default()
    };
    let mut session = None;
    let fields = match step {
        CaseStep::Session { held_on, notes } => {
            let row = mediation_session::ActiveModel {
                case_id: Set(case.id),
                area_path: Set(case.area_path.clone()),
                major: Set(case.major),
                held_on: Set(*held_on),
                notes: Set(notes.clone()),
                recorded_at: Set(change.now),
                ..Default::default()
            };
            session = Some(row.insert(txn).await?);
            "sessions"
        }
        CaseStep::Agreement { signed_on, text } => {
            changes.agreement = Set(Some(text.clone()));
            changes.agreement_signed_on = Set(Some(*signed_on));
            changes.follow_up_due = Set(Some(mediation::follow_up_due(*signed_on)));
            "agreement,agreement_signed_on,follow_up_due"
        }
        CaseStep::FollowUp { on, notes } => {
            let signed = case.agreement_signed_on.ok_or_else(|| {
                AppError::Internal("an agreed case without its signing date".to_owned())
            })?;
            let on = mediation::follow_up_on(*on, signed, today(change))
                .map_err(AppError::BadUserInput)?;
            changes.followed_up_on = Set(Some(on));
            changes.follow_up_notes = Set(Some(notes.clone()));
            "followed_up_on,follow_up_notes"
        }
        CaseStep::Close { outcome, .. } => {
            changes.outcome = Set(Some((*outcome).into()));
            "outcome"
        }
    };
    versioned::update::<mediation_case::Entity, _, _>(
        txn,
        changes,
        mediation_case::Column::Id,
        case.id,
        mediation_case::Column::Version,
        version,
    )
    .await?;
    let purpose = match step {
        CaseStep::Close { note, .. } => note.clone(),
        _ => None,
    };
    let entry = AuditEntry {
        action: step.action(),
        entity: Some("mediation_case"),
        entity_id: Some(case.id),
        fields: Some(fields.to_owned()),
        purpose,
        area_path: Some(case.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await?;
    let case = mediation_case::Entity::find_by_id(case.id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SteppedCase { case, session })
}
