//! GraphQL faces of the service enums.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// Whom a service item is for (一老一小).
    TargetGroup = entity::service_enums::TargetGroup {
        Elderly,
        Child,
        Disabled,
        All,
    }
}

mirror_enum! {
    /// What kind of body delivers services.
    ProviderType = entity::service_enums::ProviderType {
        /// 共建单位
        CoBuildingUnit,
        /// 社会组织
        SocialOrganisation,
        /// 志愿服务队
        VolunteerTeam,
    }
}

mirror_enum! {
    /// Who placed an order.
    Orderer = entity::service_enums::Orderer {
        /// The resident themselves.
        Resident,
        /// A member of their household.
        Family,
        /// A grid worker or grid leader on their behalf (代办).
        GridWorker,
        /// Community staff on their behalf.
        Staff,
    }
}

mirror_enum! {
    /// Where a service order stands: REQUESTED → ELIGIBILITY_CHECKED → APPROVED |
    /// REJECTED → SCHEDULED → IN_SERVICE → COMPLETED → CONFIRMED → SETTLED, or
    /// CANCELLED, NO_SHOW, DISPUTED.
    ServiceOrderStatus = entity::service_enums::OrderStatus {
        Requested,
        EligibilityChecked,
        Approved,
        Rejected,
        Scheduled,
        InService,
        Completed,
        Confirmed,
        Settled,
        Cancelled,
        NoShow,
        Disputed,
    }
}
