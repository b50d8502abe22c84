//! Filters and orders of the points lists.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::{points_account, redemption_order, reward};

use super::enums::OrderStatus;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which volunteers (points accounts) to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VolunteerFilter {
    /// Only volunteers living anywhere under this area.
    pub area_id: Option<ID>,
    /// Only the account of this resident.
    pub resident_id: Option<ID>,
}

impl VolunteerFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(points_account::Column::AreaPath, self.area_id.as_ref())?;
        if let Some(resident) = &self.resident_id {
            let resident = ids::decode_as(resident, NodeKind::Resident)?;
            condition = condition.add(points_account::Column::ResidentId.eq(resident));
        }
        Ok(condition)
    }
}

/// Which rewards to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RewardFilter {
    /// Only rewards offered anywhere under this area.
    pub area_id: Option<ID>,
    /// `true`: only rewards with stock left.
    pub in_stock: Option<bool>,
}

impl RewardFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(reward::Column::AreaPath, self.area_id.as_ref())?;
        match self.in_stock {
            Some(true) => condition = condition.add(reward::Column::Stock.gt(0)),
            Some(false) => condition = condition.add(reward::Column::Stock.eq(0)),
            None => {}
        }
        Ok(condition)
    }
}

/// Which redemption orders to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RedemptionOrderFilter {
    /// Only orders of volunteers living anywhere under this area.
    pub area_id: Option<ID>,
    /// Only orders in one of these statuses.
    pub status: Option<Vec<OrderStatus>>,
}

impl RedemptionOrderFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let column = redemption_order::Column::Status;
        let mut condition = under_area(redemption_order::Column::AreaPath, self.area_id.as_ref())?;
        if let Some(statuses) = &self.status {
            let statuses = statuses
                .iter()
                .map(|status| entity::points_enums::OrderStatus::from(*status));
            condition = condition.add(column.is_in(statuses));
        }
        Ok(condition)
    }
}

/// Lists that take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}

order_enum! {
    /// How to order volunteers.
    VolunteerOrder for points_account {
        /// Most points available first.
        AvailableDesc => (Available, true),
    }
}

order_enum! {
    /// How to order a ledger: oldest entry first by default.
    PointsEntryOrder for points_entry {}
}

order_enum! {
    /// How to order rewards.
    RewardOrder for reward {
        /// Cheapest first.
        CostAsc => (Cost, false),
    }
}

order_enum! {
    /// How to order redemption orders.
    RedemptionOrderOrder for redemption_order {}
}

order_enum! {
    /// How to order adjustments.
    PointsAdjustmentOrder for points_adjustment {}
}
