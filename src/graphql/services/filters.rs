//! The filters and orders of service items, providers and orders.

use async_graphql::{ID, InputObject};
use chrono::{DateTime, Utc};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::{service_item, service_order, service_provider};

use super::enums::{ProviderType, ServiceOrderStatus, TargetGroup};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which service items to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ServiceItemFilter {
    /// Only items registered anywhere under this area.
    pub area_id: Option<ID>,
    pub target_groups: Option<Vec<TargetGroup>>,
    /// Only items that can (or cannot) be ordered.
    pub active: Option<bool>,
}

impl ServiceItemFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use service_item::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(groups) = &self.target_groups {
            let groups = groups
                .iter()
                .map(|group| entity::service_enums::TargetGroup::from(*group));
            condition = condition.add(Column::TargetGroup.is_in(groups));
        }
        if let Some(active) = self.active {
            condition = condition.add(Column::Active.eq(active));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order service items: as registered, or by code.
    ServiceItemOrder for service_item {
        /// By code, A to Z.
        CodeAsc => (Code, false),
    }
}

/// Which providers to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ServiceProviderFilter {
    pub provider_types: Option<Vec<ProviderType>>,
}

impl ServiceProviderFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use service_provider::Column;
        let mut condition = Condition::all();
        if let Some(types) = &self.provider_types {
            let types = types
                .iter()
                .map(|kind| entity::service_enums::ProviderType::from(*kind));
            condition = condition.add(Column::ProviderType.is_in(types));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order providers: as registered.
    ServiceProviderOrder for service_provider {}
}

/// Which service orders to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ServiceOrderFilter {
    /// Only orders of residents anywhere under this area.
    pub area_id: Option<ID>,
    pub statuses: Option<Vec<ServiceOrderStatus>>,
    pub item_id: Option<ID>,
    pub resident_id: Option<ID>,
    pub provider_id: Option<ID>,
    /// Only orders scheduled to end after this time.
    pub scheduled_from: Option<DateTime<Utc>>,
    /// Only orders scheduled to start before this time.
    pub scheduled_to: Option<DateTime<Utc>>,
}

impl ServiceOrderFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use service_order::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(statuses) = &self.statuses {
            let statuses = statuses
                .iter()
                .map(|status| entity::service_enums::OrderStatus::from(*status));
            condition = condition.add(Column::Status.is_in(statuses));
        }
        let by = |id: &Option<ID>, kind: NodeKind| {
            id.as_ref().map(|id| ids::decode_as(id, kind)).transpose()
        };
        if let Some(item) = by(&self.item_id, NodeKind::ServiceItem)? {
            condition = condition.add(Column::ItemId.eq(item));
        }
        if let Some(resident) = by(&self.resident_id, NodeKind::Resident)? {
            condition = condition.add(Column::ResidentId.eq(resident));
        }
        if let Some(provider) = by(&self.provider_id, NodeKind::ServiceProvider)? {
            condition = condition.add(Column::ProviderId.eq(provider));
        }
        if let (Some(from), Some(to)) = (self.scheduled_from, self.scheduled_to)
            && from >= to
        {
            return Err(AppError::bad_input(
                "`scheduledFrom` must be before `scheduledTo`",
            ));
        }
        if let Some(from) = self.scheduled_from {
            condition = condition.add(Column::ScheduledEnd.gt(from));
        }
        if let Some(to) = self.scheduled_to {
            condition = condition.add(Column::ScheduledStart.lt(to));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order service orders: as placed (ids grow with it).
    ServiceOrderOrder for service_order {}
}
