//! The enums of co-building and the three lists.

use async_graphql::ID;

use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// What sort of organisation a co-building unit is.
    CoBuildingUnitType = entity::co_building_unit::CoBuildingUnitType {
        /// A government body (机关).
        Government,
        /// An enterprise (企业).
        Enterprise,
        /// A school.
        School,
        /// A hospital.
        Hospital,
        /// A social organisation (社会组织).
        SocialOrganization,
        /// A "two new" organisation (两新组织).
        TwoNew,
        /// A mass organisation (群团组织).
        MassOrganization,
    }
}

mirror_enum! {
    /// Whether a unit takes part.
    CoBuildingUnitStatus = entity::co_building_unit::CoBuildingUnitStatus {
        /// Takes part: claims needs, offers resources, owns projects.
        Active,
        /// Registered but no longer taking part.
        Inactive,
    }
}

mirror_enum! {
    /// What a need asks for and a resource offers; matching pairs them on it.
    CoBuildCategory = entity::cobuild_enums::CoBuildCategory {
        /// Care for the elderly (为老服务).
        ElderlyCare,
        /// Care for children (关爱儿童).
        ChildCare,
        /// Health (医疗健康).
        Health,
        /// Education and training (教育培训).
        Education,
        /// Help into work (就业帮扶).
        Employment,
        /// Legal aid (法律服务).
        LegalAid,
        /// The environment (环境整治).
        Environment,
        /// Culture and sport (文化体育).
        Culture,
        /// Building and repairing facilities (设施改造).
        Facilities,
        /// Help for households in hardship (困难帮扶).
        HardshipRelief,
        /// Anything else.
        Other,
    }
}

mirror_enum! {
    /// Where a need stands: OPEN → CLAIMED → FULFILLED, or WITHDRAWN before that.
    NeedStatus = entity::cobuild_enums::NeedStatus {
        /// Published, waiting for a unit.
        Open,
        /// A unit has taken it on.
        Claimed,
        /// Done.
        Fulfilled,
        /// Withdrawn before it was fulfilled.
        Withdrawn,
    }
}

mirror_enum! {
    /// What sort of thing a resource is.
    ResourceType = entity::cobuild_enums::ResourceType {
        /// Money, in yuan (资金).
        Funds,
        /// A place (场地).
        Venue,
        /// Goods (物资).
        Supplies,
        /// People, as a number of volunteers (志愿者).
        Volunteers,
        /// A professional service (专业服务).
        Service,
    }
}

mirror_enum! {
    /// Where a project stands.
    ProjectStatus = entity::cobuild_enums::ProjectStatus {
        /// Under way.
        Active,
        /// Every milestone at 100; its needs are fulfilled.
        Completed,
    }
}

/// The global id of the area a row is placed in, from its stored kind.
pub fn area_id(kind: &str, id: i32) -> ID {
    let kind = match kind {
        "district" => NodeKind::District,
        "street" => NodeKind::Street,
        "grid" => NodeKind::Grid,
        "building" => NodeKind::Building,
        _ => NodeKind::Community,
    };
    ids::encode(kind, id)
}
