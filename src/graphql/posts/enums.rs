//! The enums of posts and notice boards.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// The kind of a post.
    PostKind = entity::post::PostKind {
        /// Grid leader (网格长), one per grid.
        GridLeader,
        /// Building leader (楼栋长), one per building.
        BuildingLeader,
        /// Unit leader (单元长), one per unit.
        UnitLeader,
        /// Grid worker (网格员), full- or part-time.
        GridWorker,
        /// Mediator (调解员).
        Mediator,
    }
}

mirror_enum! {
    /// Whether a grid worker works full- or part-time.
    Employment = entity::post::Employment {
        /// 专职
        FullTime,
        /// 兼职
        PartTime,
    }
}

mirror_enum! {
    /// A utility or service whose number a notice board shows.
    ServiceKind = entity::building_service_number::Service {
        Water,
        Power,
        Gas,
        /// The property management company (物业).
        Property,
        /// The community office (社区居委会).
        CommunityOffice,
    }
}
