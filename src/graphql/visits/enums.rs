//! The enums of visits.

use crate::graphql::macros::mirror_enum;

mirror_enum! {
    /// The five duties of a grid worker (网格员五大职责) a finding is filed under.
    Duty = entity::visit_finding::Duty {
        /// Collecting residents' views and concerns (收集民情).
        CollectSentiment,
        /// Explaining policies (宣传政策).
        PublicisePolicy,
        /// Settling disputes early (化解矛盾).
        MediateDisputes,
        /// Everyday help for residents (便民服务).
        ConvenienceService,
        /// Supervision and management (监督管理).
        Supervision,
    }
}
