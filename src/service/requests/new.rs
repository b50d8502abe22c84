//! A new request as submitted, and the checks it passes before any SQL.

use entity::request_enums::{Channel, Urgency};

use crate::domain::requests::{attachments, intake};
use crate::error::{AppError, AppResult};

/// Where a request is about: one building, unit or household (by database id).
#[derive(Clone, Copy, Debug)]
pub enum Place {
    Building(i32),
    Unit(i32),
    Household(i32),
}

/// Who reported it.
#[derive(Clone, Debug)]
pub enum Reporter {
    /// The signed-in resident themself (mini-program), or nobody in particular when
    /// staff raise it on their own (a finding on a visit).
    Myself,
    /// A resident of the register, by id.
    Resident(i32),
    /// Someone not in the register: a name and a mobile number.
    Contact { name: String, phone: String },
}

/// A request as submitted, before validation.
#[derive(Clone, Debug)]
pub struct NewRequest {
    pub channel: Channel,
    pub external_order_id: Option<String>,
    pub category_code: String,
    pub place: Place,
    pub reporter: Reporter,
    pub description: String,
    pub attachments: Vec<String>,
    pub urgency: Urgency,
}

/// The validated columns a new request row is made of.
pub(super) struct Valid {
    pub external_order_id: Option<String>,
    pub description: String,
    pub attachments: String,
    pub contact: Option<(String, String)>,
}

pub(super) fn validate(input: &NewRequest) -> AppResult<Valid> {
    let bad = AppError::BadUserInput;
    let description = intake::text(
        "description",
        &input.description,
        intake::MAX_DESCRIPTION_CHARS,
    )
    .map_err(bad)?;
    let external_order_id =
        intake::order_id(input.channel, input.external_order_id.as_deref()).map_err(bad)?;
    let urls = attachments::parse(&input.attachments).map_err(bad)?;
    let contact = match &input.reporter {
        Reporter::Contact { name, phone } => Some(intake::contact(name, phone).map_err(bad)?),
        _ => None,
    };
    Ok(Valid {
        external_order_id,
        description,
        attachments: serde_json::to_string(&urls).unwrap_or_else(|_| "[]".to_owned()),
        contact,
    })
}

/// The building, unit and household ids inside a place's path
/// (`district/street/community/grid/building/unit/household/`).
pub(super) struct PathIds {
    pub building: i32,
    pub unit: Option<i32>,
    pub household: Option<i32>,
}

impl PathIds {
    pub(super) fn parse(path: &str) -> AppResult<PathIds> {
        let ids: Vec<i32> = path
            .split('/')
            .filter(|part| !part.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map_err(|_| AppError::Internal(format!("malformed path {path}")))?;
        let building = *ids
            .get(4)
            .ok_or_else(|| AppError::Internal(format!("not a building path {path}")))?;
        Ok(PathIds {
            building,
            unit: ids.get(5).copied(),
            household: ids.get(6).copied(),
        })
    }
}
