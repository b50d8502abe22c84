//! Grid workers' visits against the database: [`record`] a visit with its households
//! and findings, and [`open_request`] from a finding through the request intake, each
//! one idempotent transaction with its audit row.

mod open_request;
mod record;

pub use open_request::{FindingRequest, OpenedRequest, open_request};
pub use record::{NewVisit, RecordedVisit, record};
