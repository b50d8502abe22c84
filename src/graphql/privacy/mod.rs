//! Personal-information controls on the API: revealing a masked field for a purpose,
//! and reading the audit trail.

mod audit_log;
mod reveal;

pub use audit_log::AuditQuery;
pub use reveal::RevealMutation;
