//! GraphQL faces of the care profile enums.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// How an elderly resident lives.
    LivingArrangement = entity::care_profile::LivingArrangement {
        /// 独居
        LivingAlone,
        /// 空巢: with a spouse only.
        EmptyNest,
        WithFamily,
    }
}

mirror_enum! {
    /// Disability categories of the disability certificate (残疾人证).
    DisabilityType = entity::care_profile::DisabilityType {
        Visual,
        Hearing,
        Speech,
        Physical,
        Intellectual,
        Mental,
        Multiple,
    }
}
