//! Rules of facilities (阵地) that need no database: how far a walk is, and which
//! opening hours make sense.

pub mod opening_hours;
pub mod walking;
