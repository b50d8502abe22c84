//! Input objects and payloads of the service mutations.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, Utc};

use super::enums::{ProviderType, TargetGroup};
use super::item::ServiceItem;
use super::order::ServiceOrder;
use crate::domain::services::catalogue::NewItem;
use crate::domain::services::eligibility::Rules;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::service::services::schedule::NewSchedule;

/// A new item of the service catalogue.
#[derive(InputObject)]
pub struct CreateServiceItemInput {
    /// The area that offers it (to everyone under it).
    pub area_id: ID,
    /// 2 to 32 capitals, digits or `_`; unique.
    pub code: String,
    /// 1 to 64 characters.
    pub name: String,
    pub target_group: TargetGroup,
    pub min_age: Option<i32>,
    pub max_age_exclusive: Option<i32>,
    #[graphql(default)]
    pub requires_living_alone: bool,
    #[graphql(default)]
    pub requires_disability: bool,
    #[graphql(default)]
    pub requires_low_income: bool,
    /// In fen (分), not negative.
    pub price_cents: i32,
    /// In fen, not negative, at most the price.
    pub subsidy_cents: i32,
    /// At least one.
    pub provider_types: Vec<ProviderType>,
}

impl CreateServiceItemInput {
    pub fn parse(self) -> (ID, NewItem) {
        let item = NewItem {
            code: self.code,
            name: self.name,
            target_group: self.target_group.into(),
            rules: Rules {
                min_age: self.min_age,
                max_age_exclusive: self.max_age_exclusive,
                living_alone: self.requires_living_alone,
                disability: self.requires_disability,
                low_income: self.requires_low_income,
            },
            price_cents: self.price_cents,
            subsidy_cents: self.subsidy_cents,
            provider_types: self.provider_types.into_iter().map(Into::into).collect(),
        };
        (self.area_id, item)
    }
}

/// The item as registered.
#[derive(SimpleObject)]
pub struct ServiceItemPayload {
    pub service_item: ServiceItem,
}

/// An order of a service for a resident.
#[derive(InputObject)]
pub struct OrderServiceInput {
    pub item_id: ID,
    pub resident_id: ID,
}

/// A step of an order with nothing to add.
#[derive(InputObject)]
pub struct ServiceOrderStepInput {
    pub order_id: ID,
    /// The order's `version` as read.
    pub version: i32,
}

/// A step of an order with a text: notes (completion, up to 500 characters) or a
/// reason (rejection and dispute need one; cancellation and no-show may give one;
/// up to 200 characters).
#[derive(InputObject)]
pub struct ServiceOrderNoteInput {
    pub order_id: ID,
    /// The order's `version` as read.
    pub version: i32,
    pub text: Option<String>,
}

/// The assignment of an approved order to a provider for a time.
#[derive(InputObject)]
pub struct ScheduleServiceOrderInput {
    pub order_id: ID,
    pub version: i32,
    pub provider_id: ID,
    /// In the future (within 90 days), on whole minutes.
    pub starts_at: DateTime<Utc>,
    /// After `startsAt`, at most 8 hours later.
    pub ends_at: DateTime<Utc>,
}

impl ScheduleServiceOrderInput {
    pub fn parse(self) -> AppResult<NewSchedule> {
        Ok(NewSchedule {
            order_id: ids::decode_as(&self.order_id, NodeKind::ServiceOrder)?,
            version: self.version,
            provider_id: ids::decode_as(&self.provider_id, NodeKind::ServiceProvider)?,
            start: self.starts_at,
            end: self.ends_at,
        })
    }
}

/// The resident's side confirms a completed service, and may rate it.
#[derive(InputObject)]
pub struct ConfirmServiceInput {
    pub order_id: ID,
    pub version: i32,
    /// 1 to 5 stars.
    pub rating: Option<i32>,
    /// Up to 200 characters.
    pub comment: Option<String>,
}

/// A rating of a confirmed service that has none yet.
#[derive(InputObject)]
pub struct RateServiceInput {
    pub order_id: ID,
    pub version: i32,
    /// 1 to 5 stars.
    pub rating: i32,
    /// Up to 200 characters.
    pub comment: Option<String>,
}

/// The order after the change.
#[derive(SimpleObject)]
pub struct ServiceOrderPayload {
    pub service_order: ServiceOrder,
}

impl From<entity::service_order::Model> for ServiceOrderPayload {
    fn from(row: entity::service_order::Model) -> Self {
        ServiceOrderPayload {
            service_order: ServiceOrder(row),
        }
    }
}
