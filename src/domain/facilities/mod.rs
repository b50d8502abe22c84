//! Rules of facilities (阵地) that need no database: how far a walk is, which
//! opening hours make sense, and which time ranges can be booked.

pub mod booking;
pub mod coverage;
pub mod opening_hours;
pub mod walking;
