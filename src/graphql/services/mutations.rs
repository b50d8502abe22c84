//! The service mutations: each decodes its input and makes one call into
//! `service::services`, which runs the change as one idempotent, audited transaction.
//! A step the lifecycle does not allow from the order's status is CONFLICT.

use async_graphql::{Context, Object};

use super::inputs::*;
use super::item::ServiceItem;
use crate::domain::services::lifecycle::OrderAction;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::graphql::node::visible_area_path;
use crate::service::services::steps::{self, Step};
use crate::service::services::{items, order, schedule};

#[derive(Default)]
pub struct ServicesMutation;

async fn step(
    ctx: &Context<'_>,
    order: &async_graphql::ID,
    version: i32,
    action: OrderAction,
    text: Option<String>,
    rating: Option<i32>,
) -> AppResult<ServiceOrderPayload> {
    let id = ids::decode_as(order, NodeKind::ServiceOrder)?;
    let step = Step {
        id,
        version,
        action,
        text,
        rating,
    };
    Ok(steps::take(&change(ctx)?, step).await?.into())
}

#[Object]
impl ServicesMutation {
    /// Registers a service item with an area (the staff running it); a negative price
    /// or subsidy, or a subsidy above the price, is BAD_USER_INPUT.
    async fn create_service_item(
        &self,
        ctx: &Context<'_>,
        input: CreateServiceItemInput,
    ) -> AppResult<ServiceItemPayload> {
        let (area, item) = input.parse();
        let path = visible_area_path(ctx, &area).await?;
        let row = items::create(&change(ctx)?, path, item).await?;
        Ok(ServiceItemPayload {
            service_item: ServiceItem(row),
        })
    }
    /// Orders a service for a resident: by the resident, their household, or a grid
    /// worker or community staff on their behalf. The item's eligibility rules decide
    /// at once: the order comes back ELIGIBILITY_CHECKED, or REJECTED with a reason.
    async fn order_service(
        &self,
        ctx: &Context<'_>,
        input: OrderServiceInput,
    ) -> AppResult<ServiceOrderPayload> {
        let item = ids::decode_as(&input.item_id, NodeKind::ServiceItem)?;
        let resident = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        Ok(order::order(&change(ctx)?, item, resident).await?.into())
    }
    /// Approves an eligible order (the staff running the resident's area).
    async fn approve_service_order(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderStepInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Approve,
            None,
            None,
        )
        .await
    }
    /// Rejects an eligible order, with a reason (the staff).
    async fn reject_service_order(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderNoteInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Reject,
            input.text,
            None,
        )
        .await
    }
    /// Assigns an approved order to a provider for a time (the staff); CONFLICT when
    /// the provider has another visit then.
    async fn schedule_service_order(
        &self,
        ctx: &Context<'_>,
        input: ScheduleServiceOrderInput,
    ) -> AppResult<ServiceOrderPayload> {
        let input = input.parse()?;
        Ok(schedule::schedule(&change(ctx)?, input).await?.into())
    }
    /// The provider arrives (its account, or the staff): IN_SERVICE, check-in time now.
    async fn check_in_service(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderStepInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::CheckIn,
            None,
            None,
        )
        .await
    }
    /// The provider finishes, with notes: COMPLETED, check-out time now.
    async fn complete_service(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderNoteInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Complete,
            input.text,
            None,
        )
        .await
    }
    /// The resident's side confirms a completed service, optionally rating it 1 to 5.
    async fn confirm_service(
        &self,
        ctx: &Context<'_>,
        input: ConfirmServiceInput,
    ) -> AppResult<ServiceOrderPayload> {
        let (id, version) = (&input.order_id, input.version);
        step(
            ctx,
            id,
            version,
            OrderAction::Confirm,
            input.comment,
            input.rating,
        )
        .await
    }
    /// Rates a confirmed service that has no rating yet (the resident's side).
    async fn rate_service(
        &self,
        ctx: &Context<'_>,
        input: RateServiceInput,
    ) -> AppResult<ServiceOrderPayload> {
        let id = ids::decode_as(&input.order_id, NodeKind::ServiceOrder)?;
        let row = steps::rate(
            &change(ctx)?,
            id,
            input.version,
            input.rating,
            input.comment,
        )
        .await?;
        Ok(row.into())
    }
    /// The resident's side disputes a completed service, with a reason.
    async fn dispute_service(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderNoteInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Dispute,
            input.text,
            None,
        )
        .await
    }
    /// Cancels an order before the service begins (the resident's side or the staff).
    async fn cancel_service_order(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderNoteInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Cancel,
            input.text,
            None,
        )
        .await
    }
    /// Nobody answered at a scheduled visit (the provider or the staff).
    async fn mark_no_show(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderNoteInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::MarkNoShow,
            input.text,
            None,
        )
        .await
    }
    /// Settles a confirmed order with the provider (the staff).
    async fn settle_service_order(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderStepInput,
    ) -> AppResult<ServiceOrderPayload> {
        step(
            ctx,
            &input.order_id,
            input.version,
            OrderAction::Settle,
            None,
            None,
        )
        .await
    }
}
