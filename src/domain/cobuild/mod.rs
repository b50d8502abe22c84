//! Rules of co-building (共驻共建): the unified social credit code of a unit, an
//! alliance membership's dates, and the three lists (三张清单) — what a need may move
//! to, what a resource offer must hold, and how milestones roll up into a project.

pub mod credit_code;
pub mod lists;

pub use credit_code::CreditCode;
