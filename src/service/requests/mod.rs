//! Residents' requests against the database: [`submit`] a new one, apply a lifecycle
//! [`Command`] to one ([`transition`]), and the deadlines both compute ([`deadlines`]).

pub mod catalogue;
mod command;
pub mod deadlines;
mod new;
mod record;
pub mod repeats;
mod submit;
mod supervision;
pub mod tick_lock;
pub mod ticker;
mod transition;

pub use command::{Command, VerificationStep};
pub use new::{NewRequest, Place, Reporter};
pub use submit::{submit, submit_within};
pub use supervision::decide_extension;
pub use transition::transition;

use serde::{Deserialize, Serialize};

use entity::{request, request_event};

use crate::access::request_actions::RequestFacts;
use crate::domain::requests::lifecycle::State;

/// A request after a change, with the event the change wrote: what every request
/// mutation answers (and what an idempotent retry replays).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Changed {
    pub request: request::Model,
    pub event: request_event::Model,
}

/// What the permission table reads of a request.
pub fn facts(model: &request::Model) -> RequestFacts<'_> {
    RequestFacts {
        area_path: &model.area_path,
        level: model.level,
        assignee: model.assignee_user_id,
        reporter: model.reporter_user_id,
    }
}

/// What the state machine reads of a request.
pub fn state(model: &request::Model) -> State {
    State {
        status: model.status,
        level: model.level,
        rework_count: model.rework_count,
    }
}
