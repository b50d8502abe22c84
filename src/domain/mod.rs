//! Rules of the governance domain that do not depend on GraphQL or on a database:
//! validated value types, derived facts (age, tags), and the request lifecycle.

pub mod age;
pub mod care;
pub mod clock;
pub mod cobuild;
pub mod dual_report;
pub mod facilities;
pub mod id_number;
pub mod liaison;
pub mod linkage;
pub mod mediation;
pub mod party_members;
pub mod phone;
pub mod points_expiry;
pub mod posts;
pub mod requests;
pub mod services;
pub mod tags;
pub mod visits;
