//! The `ServiceItem` node: an item of the service catalogue (服务项目).

use async_graphql::{ID, Object, SimpleObject};

use entity::service_item;

use super::enums::{ProviderType, TargetGroup};
use super::filters::{ServiceItemFilter, ServiceItemOrder};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;
use crate::service::services::schedule::provider_types;

/// A service for the old or the young: meal assistance, a health check, tutoring…
#[derive(Clone)]
pub struct ServiceItem(pub service_item::Model);
resource!(
    ServiceItem,
    service_item,
    ServiceItemOrder,
    ServiceItemFilter
);

/// Who is eligible: every rule set must hold; ages are completed years on the order
/// date in Asia/Shanghai.
#[derive(SimpleObject)]
pub struct EligibilityRules {
    pub min_age: Option<i32>,
    /// Under this age (children's services).
    pub max_age_exclusive: Option<i32>,
    pub living_alone: bool,
    pub disability: bool,
    pub low_income: bool,
}

#[Object]
impl ServiceItem {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::ServiceItem, self.0.id)
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Unique code (`MEAL_AID`).
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn target_group(&self) -> TargetGroup {
        self.0.target_group.into()
    }
    async fn eligibility(&self) -> EligibilityRules {
        let m = &self.0;
        EligibilityRules {
            min_age: m.min_age,
            max_age_exclusive: m.max_age_exclusive,
            living_alone: m.requires_living_alone,
            disability: m.requires_disability,
            low_income: m.requires_low_income,
        }
    }
    /// Price in fen (分).
    async fn price_cents(&self) -> i32 {
        self.0.price_cents
    }
    /// The part of the price the government pays, in fen.
    async fn subsidy_cents(&self) -> i32 {
        self.0.subsidy_cents
    }
    /// The kinds of provider that may deliver it.
    async fn provider_types(&self) -> Vec<ProviderType> {
        provider_types(&self.0)
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// Whether it can be ordered.
    async fn active(&self) -> bool {
        self.0.active
    }
}
