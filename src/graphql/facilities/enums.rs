//! GraphQL faces of the facility enums.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// What a facility is for.
    FacilityType = entity::facility::FacilityType {
        /// 党群服务中心
        PartyMassServiceCenter,
        /// 未成年人活动室
        MinorsActivityRoom,
        /// 新时代文明实践站
        CivilisationPracticeStation,
        /// 老年食堂 / 助餐点
        ElderlyCanteen,
        /// 日间照料中心
        DayCareCenter,
        /// 社区卫生服务站
        HealthStation,
        /// 托育 / 儿童之家
        ChildCare,
        /// 文体活动场地
        SportsAndCulture,
    }
}

mirror_enum! {
    /// Whether a facility receives people.
    FacilityStatus = entity::facility::FacilityStatus {
        Open,
        Closed,
    }
}

mirror_enum! {
    /// Whether a booking holds its time.
    BookingStatus = entity::facility_booking::BookingStatus {
        /// The time is the booker's.
        Booked,
        /// Cancelled before it began: the time is free again.
        Cancelled,
    }
}
