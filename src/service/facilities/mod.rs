//! Facilities (阵地): what lies within walking reach of a home.

pub mod near;
