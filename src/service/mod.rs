//! Domain operations against the database, one call per mutation. Each runs as one
//! transaction ([`change::Change::run`]) that writes the row change, its event and its
//! audit row together, guarded by the caller's `Idempotency-Key` ([`idempotency`]) and
//! by the row's `version` (optimistic concurrency, [`versioned`]). The rules they apply
//! live in `domain` (no database) and `access` (who may). [`dashboard`] reads: the
//! aggregates of dashboards, each group one statement.

pub mod activities;
pub mod care;
pub mod change;
pub mod cobuild;
pub mod coverage;
pub mod dashboard;
pub mod dual_report;
pub mod facilities;
pub mod idempotency;
pub mod liaison;
pub mod linkage;
pub mod mediation;
pub mod party_members;
pub mod points;
pub mod posts;
pub mod requests;
pub mod services;
pub mod versioned;
pub mod visits;
