//! Input objects of the request mutations. Every change names the request and the
//! `version` the caller read.

use async_graphql::{ID, InputObject};

use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::service::requests::{self, NewRequest, Reporter};

use super::enums::{Channel, Satisfaction, Urgency, VerificationStep};

/// A new request.
#[derive(InputObject)]
pub struct SubmitRequestInput {
    /// Where it came in; residents use MINI_PROGRAM, API clients THIRD_PARTY_APP.
    pub channel: Channel,
    /// Required for HOTLINE_12345 (the hotline's order id), allowed for
    /// THIRD_PARTY_APP; unique per channel.
    pub external_order_id: Option<String>,
    /// A category code from `requestCategories`.
    pub category_code: String,
    /// The building, unit or household it is about.
    pub place_id: ID,
    /// The reporting resident, when they are in the register. Residents reporting for
    /// themselves leave it and `contact` out.
    pub reporter_resident_id: Option<ID>,
    /// The contact of a reporter not in the register.
    pub contact: Option<ContactInput>,
    /// What is wrong, 1 to 2,000 characters.
    pub description: String,
    /// Up to 9 http(s) URLs of photos or documents on public hosts.
    #[graphql(default)]
    pub attachments: Vec<String>,
    /// NORMAL unless given.
    #[graphql(default_with = "Urgency::Normal")]
    pub urgency: Urgency,
}

/// A reporter not in the register.
#[derive(InputObject)]
pub struct ContactInput {
    /// 1 to 32 characters.
    pub name: String,
    /// A mainland mobile number.
    pub phone: String,
}

/// Declares an input of `requestId`, `version` and the listed fields.
macro_rules! change_input {
    ($($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)? })+) => {$(
        $(#[$meta])*
        #[derive(InputObject)]
        pub struct $name {
            /// The request to change.
            pub request_id: ID,
            /// The `version` of the request as read.
            pub version: i32,
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    )+};
}

change_input! {
    /// Accept a submitted request (受理).
    AcceptRequestInput {
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// Refuse a submitted request.
    RejectRequestInput {
        /// Why, 1 to 500 characters (the reporter reads it).
        reason: String,
    }
    /// Close a submitted request as a duplicate of another.
    MergeRequestInput {
        /// The request it duplicates.
        duplicate_of_id: ID,
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// Hand an accepted request to a person at its level.
    AssignRequestInput {
        /// A user with a staff role over the request's place (see `me`).
        assignee_id: ID,
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// The assignee confirms they took it (签收).
    SignRequestInput {
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// The assignee starts the work.
    StartRequestInput {
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// The assignee reports it done.
    ResolveRequestInput {
        /// What was done, 1 to 500 characters.
        note: String,
    }
    /// A verifier begins, passes or fails the check of the work.
    VerifyRequestInput {
        /// BEGIN on a RESOLVED request, then PASS or FAIL.
        step: VerificationStep,
        /// Up to 500 characters, kept on the event.
        note: Option<String>,
    }
    /// The reporter (or staff recording a callback) evaluates the handling.
    EvaluateRequestInput {
        /// How the reporter rates the handling.
        satisfaction: Satisfaction,
        /// Up to 500 characters.
        comment: Option<String>,
    }
    /// Move it one level up.
    EscalateRequestInput {
        /// Why, 1 to 500 characters.
        reason: String,
    }
    /// Move it one level down, before it is signed.
    ReturnRequestInput {
        /// Why, 1 to 500 characters.
        reason: String,
    }
}

impl SubmitRequestInput {
    /// The service's view of a submission (ids decoded, reporter chosen).
    pub fn into_new(self) -> AppResult<NewRequest> {
        let input = self;
        let place = match ids::decode(&input.place_id)? {
            (NodeKind::Building, id) => requests::Place::Building(id),
            (NodeKind::Unit, id) => requests::Place::Unit(id),
            (NodeKind::Household, id) => requests::Place::Household(id),
            _ => {
                return Err(AppError::bad_input(
                    "`placeId` must be a building, unit or household id",
                ));
            }
        };
        let reporter = match (input.reporter_resident_id, input.contact) {
            (Some(_), Some(_)) => {
                return Err(AppError::bad_input(
                    "give `reporterResidentId` or `contact`, not both",
                ));
            }
            (Some(id), None) => Reporter::Resident(ids::decode_as(&id, NodeKind::Resident)?),
            (None, Some(contact)) => Reporter::Contact {
                name: contact.name,
                phone: contact.phone,
            },
            (None, None) => Reporter::Myself,
        };
        Ok(NewRequest {
            channel: input.channel.into(),
            external_order_id: input.external_order_id,
            category_code: input.category_code,
            place,
            reporter,
            description: input.description,
            attachments: input.attachments,
            urgency: input.urgency.into(),
        })
    }
}
