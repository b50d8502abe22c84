//! Input objects and payloads of the mediation mutations.

use async_graphql::{ID, InputObject, OneofObject, SimpleObject};
use chrono::NaiveDate;

use super::case::{MediationCase, MediationParty, MediationSession};
use super::enums::{DisputeCategory, MediationOutcome};
use crate::access::AreaKind;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::service::mediation::{CaseStep, NewCase, NewParty, OpenedCase, StepInput, SteppedCase};

/// A case to open in a community or grid the opener manages.
#[derive(InputObject)]
pub struct OpenMediationCaseInput {
    /// The community or grid the dispute lies in.
    pub area_id: ID,
    /// Where, in words (at most 256 characters).
    pub place: Option<String>,
    pub category: DisputeCategory,
    /// Major cases are copied to the street.
    #[graphql(default)]
    pub major: bool,
    /// The dispute, 1 to 2,000 characters.
    pub summary: String,
    /// The user who mediates: community staff, or a worker or the leader of the grid.
    pub mediator_id: ID,
    /// The parties, 2 to 20.
    pub parties: Vec<MediationPartyInput>,
}

/// A party: a resident of the case's area, or an outsider by name and phone.
#[derive(OneofObject)]
pub enum MediationPartyInput {
    /// A resident's id.
    ResidentId(ID),
    /// Someone not on the register.
    Outsider(OutsiderInput),
}

/// A party from outside the register.
#[derive(InputObject)]
pub struct OutsiderInput {
    /// 1 to 32 characters.
    pub name: String,
    /// A mainland mobile number.
    pub phone: String,
}

impl OpenMediationCaseInput {
    pub fn into_new(self) -> AppResult<NewCase> {
        let (kind, id) = ids::decode(&self.area_id)?;
        let area = match kind {
            NodeKind::Community => AreaKind::Community,
            NodeKind::Grid => AreaKind::Grid,
            _ => {
                return Err(AppError::bad_input(
                    "`areaId` must name a community or a grid",
                ));
            }
        };
        let parties = self
            .parties
            .into_iter()
            .map(|party| match party {
                MediationPartyInput::ResidentId(id) => {
                    ids::decode_as(&id, NodeKind::Resident).map(NewParty::Resident)
                }
                MediationPartyInput::Outsider(outsider) => Ok(NewParty::Outsider {
                    name: outsider.name,
                    phone: outsider.phone,
                }),
            })
            .collect::<AppResult<_>>()?;
        Ok(NewCase {
            area: (area, id),
            place: self.place,
            category: self.category.into(),
            major: self.major,
            summary: self.summary,
            mediator_user_id: ids::decode_as(&self.mediator_id, NodeKind::User)?,
            parties,
        })
    }
}

/// A session held on an open case.
#[derive(InputObject)]
pub struct RecordMediationSessionInput {
    pub case_id: ID,
    /// The version read.
    pub version: i32,
    /// Not in the future.
    pub held_on: NaiveDate,
    /// 1 to 2,000 characters.
    pub notes: String,
}

/// The agreement reached; its follow-up falls due 30 days after `signedOn`.
#[derive(InputObject)]
pub struct RecordMediationAgreementInput {
    pub case_id: ID,
    pub version: i32,
    /// Not in the future.
    pub signed_on: NaiveDate,
    /// The agreement's text, 1 to 2,000 characters.
    pub agreement: String,
}

/// The follow-up of an agreement.
#[derive(InputObject)]
pub struct RecordMediationFollowUpInput {
    pub case_id: ID,
    pub version: i32,
    /// Not in the future, not before the agreement.
    pub followed_up_on: NaiveDate,
    /// What was found, 1 to 2,000 characters.
    pub notes: String,
}

/// The close of a case: RESOLVED or PARTIAL after a follow-up, FAILED or REFERRED before
/// any agreement.
#[derive(InputObject)]
pub struct CloseMediationCaseInput {
    pub case_id: ID,
    pub version: i32,
    pub outcome: MediationOutcome,
    /// Why, at most 500 characters; kept in the audit log.
    pub note: Option<String>,
}

macro_rules! step_input {
    ($input:ty, |$this:ident| $step:expr) => {
        impl $input {
            pub fn into_step(self) -> AppResult<StepInput> {
                let $this = self;
                Ok(StepInput {
                    case_id: ids::decode_as(&$this.case_id, NodeKind::MediationCase)?,
                    version: $this.version,
                    step: $step,
                })
            }
        }
    };
}

step_input!(RecordMediationSessionInput, |input| CaseStep::Session {
    held_on: input.held_on,
    notes: input.notes,
});
step_input!(RecordMediationAgreementInput, |input| CaseStep::Agreement {
    signed_on: input.signed_on,
    text: input.agreement,
});
step_input!(RecordMediationFollowUpInput, |input| CaseStep::FollowUp {
    on: input.followed_up_on,
    notes: input.notes,
});
step_input!(CloseMediationCaseInput, |input| CaseStep::Close {
    outcome: entity::mediation_enums::CaseOutcome::from(input.outcome).into(),
    note: input.note,
});

/// The opened case and its parties.
#[derive(SimpleObject)]
pub struct OpenMediationCasePayload {
    pub case: MediationCase,
    /// In the order given.
    pub parties: Vec<MediationParty>,
}

impl From<OpenedCase> for OpenMediationCasePayload {
    fn from(opened: OpenedCase) -> Self {
        OpenMediationCasePayload {
            case: MediationCase(opened.case),
            parties: opened.parties.into_iter().map(MediationParty).collect(),
        }
    }
}

/// The case after a step, and the session it recorded, if it was one.
#[derive(SimpleObject)]
pub struct MediationStepPayload {
    pub case: MediationCase,
    pub session: Option<MediationSession>,
}

impl From<SteppedCase> for MediationStepPayload {
    fn from(stepped: SteppedCase) -> Self {
        MediationStepPayload {
            case: MediationCase(stepped.case),
            session: stepped.session.map(MediationSession),
        }
    }
}
