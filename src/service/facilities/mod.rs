//! Facilities (阵地): what lies within walking reach of a home, their opening hours,
//! and their bookings.

pub mod booking;
pub mod coverage;
pub mod hours;
pub mod near;
