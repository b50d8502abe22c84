//! People's mediation (矛盾纠纷调解) in the API: the `MediationCase` node with its
//! parties and sessions, the `mediationCases` list, and the mutations that open a case
//! and take it through sessions, agreement, follow-up and close.

mod case;
mod enums;
mod filters;
mod inputs;
mod mutations;
mod queries;

pub use case::{MediationCase, MediationParty, MediationSession};
pub use mutations::MediationMutation;
pub use queries::MediationQuery;
