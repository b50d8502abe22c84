//! The enums of mediation cases.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// What a dispute is about.
    DisputeCategory = entity::mediation_enums::DisputeCategory {
        /// Between neighbours (leaks, noise, shared space) (邻里纠纷).
        Neighbour,
        /// Within a family (婚姻家庭纠纷).
        Family,
        /// Over property, the property manager or the estate (物业纠纷).
        Property,
        /// Over work and pay (劳动纠纷).
        Labour,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Where a case stands: OPEN → IN_MEDIATION → AGREED → FOLLOWED_UP → CLOSED.
    MediationStatus = entity::mediation_enums::CaseStatus {
        /// Opened, no session held yet.
        Open,
        /// One or more sessions held, no agreement yet.
        InMediation,
        /// An agreement was signed; its follow-up falls due 30 days later.
        Agreed,
        /// The follow-up was made.
        FollowedUp,
        /// Closed with an outcome.
        Closed,
    }
}

mirror_enum! {
    /// How a case ended.
    MediationOutcome = entity::mediation_enums::CaseOutcome {
        /// The agreement holds (closes a followed-up case).
        Resolved,
        /// Part of the dispute settled (closes a followed-up case).
        Partial,
        /// Mediation gave up without an agreement.
        Failed,
        /// Handed to a court, arbitration or the police without an agreement.
        Referred,
    }
}
