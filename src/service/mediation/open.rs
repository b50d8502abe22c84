//! `openMediationCase`: a case placed in a community or grid the opener manages, with
//! its parties (residents of that area or named outsiders) and a mediator who works
//! there, written in one transaction.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use entity::mediation_enums::{CaseStatus, DisputeCategory};
use entity::{community, grid, mediation_case, mediation_party, resident};

use crate::access::audit::AuditEntry;
use crate::access::{self, AreaKind, Viewer, mediation_actions};
use crate::auth::principal::grants_of;
use crate::domain::mediation;
use crate::domain::requests::intake;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Most parties one case names.
pub const MAX_PARTIES: usize = 20;
const MAX_PLACE_CHARS: usize = 256;

/// A case as entered.
#[derive(Clone, Debug)]
pub struct NewCase {
    /// A community or a grid.
    pub area: (AreaKind, i32),
    pub place: Option<String>,
    pub category: DisputeCategory,
    pub major: bool,
    pub summary: String,
    pub mediator_user_id: i32,
    pub parties: Vec<NewParty>,
}

/// A party to the dispute.
#[derive(Clone, Debug)]
pub enum NewParty {
    /// A resident of the register, living in the case's area.
    Resident(i32),
    /// Someone from outside the register, by name and phone.
    Outsider { name: String, phone: String },
}

/// The case as written, with its parties (what an idempotent retry replays).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenedCase {
    pub case: mediation_case::Model,
    pub parties: Vec<mediation_party::Model>,
}

/// A party as it will be stored: a resident id, or a checked name and phone.
type ValidParty = (Option<i32>, Option<(String, String)>);

/// Opens a case; see the module documentation.
pub async fn open(change: &Change<'_>, input: NewCase) -> AppResult<OpenedCase> {
    let summary = mediation::notes("summary", &input.summary).map_err(AppError::BadUserInput)?;
    let place = input
        .place
        .as_deref()
        .map(|place| intake::text("place", place, MAX_PLACE_CHARS))
        .transpose()
        .map_err(AppError::BadUserInput)?;
    let parties = valid_parties(&input.parties)?;
    change
        .run("openMediationCase", "mediation_case", async |txn| {
            let path = area_path(txn, change.viewer, input.area).await?;
            if !mediation_actions::may_manage(change.viewer, &path) {
                return Err(AppError::Forbidden(
                    "cases are opened by the community's staff and the grid's leader".to_owned(),
                ));
            }
            check_mediator(txn, input.mediator_user_id, &path).await?;
            check_residents(txn, change.viewer, &parties, &path).await?;
            let row = mediation_case::ActiveModel {
                area_kind: Set(input.area.0.table().to_owned()),
                area_id: Set(input.area.1),
                area_path: Set(path),
                place: Set(place.clone()),
                category: Set(input.category),
                major: Set(input.major),
                summary: Set(summary.clone()),
                mediator_user_id: Set(input.mediator_user_id),
                status: Set(CaseStatus::Open),
                opened_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            };
            write(change, txn, row, &parties).await
        })
        .await
}

fn valid_parties(parties: &[NewParty]) -> AppResult<Vec<ValidParty>> {
    if !(2..=MAX_PARTIES).contains(&parties.len()) {
        return Err(AppError::bad_input(format!(
            "a dispute has 2 to {MAX_PARTIES} parties"
        )));
    }
    let mut residents = Vec::new();
    let mut valid = Vec::with_capacity(parties.len());
    for party in parties {
        match party {
            NewParty::Resident(id) => {
                if residents.contains(id) {
                    return Err(AppError::bad_input("a resident is named twice as a party"));
                }
                residents.push(*id);
                valid.push((Some(*id), None));
            }
            NewParty::Outsider { name, phone } => {
                let contact = intake::contact(name, phone).map_err(AppError::BadUserInput)?;
                valid.push((None, Some(contact)));
            }
        }
    }
    Ok(valid)
}

/// The path of the case's community or grid, as the viewer sees it: an area out of
/// sight reads as absent.
async fn area_path(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area: (AreaKind, i32),
) -> AppResult<String> {
    let path = match area.0 {
        AreaKind::Community => access::visible::<community::Entity>(viewer)
            .filter(community::Column::Id.eq(area.1))
            .one(db)
            .await?
            .map(|row| row.path),
        AreaKind::Grid => access::visible::<grid::Entity>(viewer)
            .filter(grid::Column::Id.eq(area.1))
            .one(db)
            .await?
            .map(|row| row.path),
        _ => {
            return Err(AppError::bad_input(
                "a case is placed in a community or a grid",
            ));
        }
    };
    path.ok_or(AppError::NotFound)
}

/// The mediator must be someone who sees every case where this one lies.
async fn check_mediator(db: &impl ConnectionTrait, user: i32, path: &str) -> AppResult<()> {
    let grants = grants_of(db, user).await?;
    if mediation_actions::may_be_mediator(&grants, path) {
        Ok(())
    } else {
        Err(AppError::bad_input(
            "the mediator must be community staff or a grid worker or leader of the case's area",
        ))
    }
}

/// Resident parties must be in the opener's sight and live in the case's area.
async fn check_residents(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    parties: &[ValidParty],
    path: &str,
) -> AppResult<()> {
    let ids: Vec<i32> = parties.iter().filter_map(|party| party.0).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let rows = access::visible::<resident::Entity>(viewer)
        .filter(resident::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    if rows.len() != ids.len() {
        return Err(AppError::NotFound);
    }
    if rows
        .iter()
        .any(|row| !access::path_is_under(&row.area_path, path))
    {
        return Err(AppError::bad_input(
            "a resident party must live in the case's community or grid",
        ));
    }
    Ok(())
}

async fn write(
    change: &Change<'_>,
    txn: &sea_orm::DatabaseTransaction,
    row: mediation_case::ActiveModel,
    parties: &[ValidParty],
) -> AppResult<OpenedCase> {
    let case = row.insert(txn).await?;
    let mut written = Vec::with_capacity(parties.len());
    for (resident_id, contact) in parties {
        let (name, phone) = contact.clone().unzip();
        let party = mediation_party::ActiveModel {
            case_id: Set(case.id),
            area_path: Set(case.area_path.clone()),
            major: Set(case.major),
            resident_id: Set(*resident_id),
            name: Set(name),
            phone: Set(phone),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        written.push(party);
    }
    let entry = AuditEntry {
        action: "openMediationCase",
        entity: Some("mediation_case"),
        entity_id: Some(case.id),
        fields: Some("parties,summary".to_owned()),
        area_path: Some(case.area_path.clone()),
        ..Default::default()
    };
    change.audit(txn, entry).await?;
    Ok(OpenedCase {
        case,
        parties: written,
    })
}
