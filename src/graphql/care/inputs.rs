//! The input of `upsertCareProfile` and its payload.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::NaiveDate;

use super::enums::{DisabilityType, LivingArrangement};
use super::profile::CareProfile;
use crate::domain::care::{Assessment, CareInput, ChildCare, Contact, ElderlyCare};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};

/// A resident's whole care profile; it replaces what was stored.
#[derive(InputObject)]
pub struct UpsertCareProfileInput {
    pub resident_id: ID,
    /// Absent to create the profile; the profile's `version` as read to replace it.
    pub version: Option<i32>,
    /// For residents of 60 and over.
    pub elderly: Option<ElderlyCareInput>,
    /// For residents under 18.
    pub child: Option<ChildCareInput>,
}

/// The elderly part of a profile.
#[derive(InputObject)]
pub struct ElderlyCareInput {
    pub living_arrangement: Option<LivingArrangement>,
    pub ability_assessment: Option<AbilityAssessmentInput>,
    /// With `disabilityGrade`, or neither.
    pub disability_type: Option<DisabilityType>,
    /// 1 (most severe) … 4.
    pub disability_grade: Option<i32>,
    pub regular_contact: Option<CareContactInput>,
    pub emergency_contact: Option<CareContactInput>,
}

/// An ability assessment after GB/T 42195.
#[derive(InputObject)]
pub struct AbilityAssessmentInput {
    /// 0 (intact) … 4 (total loss).
    pub level: i32,
    /// Not in the future.
    pub assessed_on: NaiveDate,
    /// Grades 0 … 3.
    pub daily_living: i32,
    pub cognition: i32,
    pub perception_communication: i32,
    pub social_participation: i32,
}

/// The child part of a profile.
#[derive(InputObject)]
pub struct ChildCareInput {
    /// A left-behind child (留守儿童): parents working away.
    pub left_behind: bool,
    pub guardian: Option<CareContactInput>,
    /// 1 to 32 characters (祖父母, …).
    pub guardian_relation: Option<String>,
    /// 1 to 128 characters.
    pub school: Option<String>,
}

/// A person to call.
#[derive(InputObject)]
pub struct CareContactInput {
    /// 1 to 64 characters.
    pub name: String,
    /// A mainland mobile number.
    pub phone: String,
}

fn contact(input: Option<CareContactInput>) -> Option<Contact> {
    input.map(|c| Contact {
        name: c.name,
        phone: c.phone,
    })
}

impl UpsertCareProfileInput {
    /// The resident's id, the version and the profile as the rules take it.
    pub fn parse(self) -> AppResult<(i32, Option<i32>, CareInput)> {
        let resident = ids::decode_as(&self.resident_id, NodeKind::Resident)?;
        let elderly = self.elderly.map(ElderlyCareInput::parse).transpose()?;
        let child = self.child.map(|child| ChildCare {
            left_behind: child.left_behind,
            guardian: contact(child.guardian),
            guardian_relation: child.guardian_relation,
            school: child.school,
        });
        Ok((resident, self.version, CareInput { elderly, child }))
    }
}

impl ElderlyCareInput {
    fn parse(self) -> AppResult<ElderlyCare> {
        let disability = match (self.disability_type, self.disability_grade) {
            (Some(kind), Some(grade)) => Some((kind.into(), grade)),
            (None, None) => None,
            _ => {
                return Err(AppError::bad_input(
                    "`disabilityType` and `disabilityGrade` go together",
                ));
            }
        };
        Ok(ElderlyCare {
            living_arrangement: self.living_arrangement.map(Into::into),
            assessment: self.ability_assessment.map(|a| Assessment {
                level: a.level,
                assessed_on: a.assessed_on,
                dimensions: [
                    a.daily_living,
                    a.cognition,
                    a.perception_communication,
                    a.social_participation,
                ],
            }),
            disability,
            regular_contact: contact(self.regular_contact),
            emergency_contact: contact(self.emergency_contact),
        })
    }
}

/// The profile as stored.
#[derive(SimpleObject)]
pub struct UpsertCareProfilePayload {
    pub care_profile: CareProfile,
}
