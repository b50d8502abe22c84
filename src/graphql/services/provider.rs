//! The `ServiceProvider` node: a body that delivers services.

use async_graphql::{ID, Object};

use entity::service_provider;

use super::enums::ProviderType;
use super::filters::{ServiceProviderFilter, ServiceProviderOrder};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::resource;

/// A co-building unit, social organisation or volunteer team that delivers services.
#[derive(Clone)]
pub struct ServiceProvider(pub service_provider::Model);
resource!(
    ServiceProvider,
    service_provider,
    ServiceProviderOrder,
    ServiceProviderFilter
);

#[Object]
impl ServiceProvider {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::ServiceProvider, self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn provider_type(&self) -> ProviderType {
        self.0.provider_type.into()
    }
    /// Global id of the co-building unit it is, if it is one.
    async fn co_building_unit_id(&self) -> Option<ID> {
        self.0
            .co_building_unit_id
            .map(|id| ids::encode(NodeKind::CoBuildingUnit, id))
    }
    /// Certificates and licences it holds.
    async fn qualifications(&self) -> Vec<&str> {
        self.0
            .qualifications
            .lines()
            .filter(|line| !line.is_empty())
            .collect()
    }
}
