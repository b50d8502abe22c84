//! Care profiles (关爱档案) of elderly residents and children in the API: the
//! `CareProfile` node, the `careProfiles` list, `resident.careProfile`, and
//! `upsertCareProfile`. Every field is masked through `access::care`.

mod enums;
mod filters;
mod inputs;
mod mutations;
mod profile;
mod queries;

pub use mutations::CareMutation;
pub use profile::CareProfile;
pub use queries::{CareQuery, resident_care_profile};
