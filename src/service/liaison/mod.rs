//! Liaison households (党员联系户) against the database: [`assign`] replaces the set of
//! households a party member looks after, one idempotent transaction with its audit
//! row. One active liaison member per household is the database's partial unique
//! index; a violation (two assignments racing) is CONFLICT. Changes end rows, never
//! delete them, so the history stays.

mod assign;

pub use assign::{AssignLiaison, assign};
