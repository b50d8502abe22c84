//! `orderService`: places an order of a service item for a resident, by the resident,
//! their household or the front line on their behalf, and checks eligibility by the
//! item's rules ([`eligibility::check`]) against the resident's birth date, tags and
//! care profile on the day of ordering in Asia/Shanghai. The order is stored either
//! way: ELIGIBILITY_CHECKED, or REJECTED with the reason.

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use entity::care_profile::{self, LivingArrangement};
use entity::service_enums::OrderStatus;
use entity::{resident, service_item, service_order};

use crate::access::{self, service_actions};
use crate::domain::services::eligibility::{self, Facts, Ineligible, Rules};
use crate::domain::services::lifecycle::{self, OrderAction};
use crate::domain::tags::ResidentTag;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Orders item `item_id` for resident `resident_id`.
pub async fn order(
    change: &Change<'_>,
    item_id: i32,
    resident_id: i32,
) -> AppResult<service_order::Model> {
    change
        .run("orderService", "service_order", async |txn| {
            let resident = access::visible::<resident::Entity>(change.viewer)
                .filter(resident::Column::Id.eq(resident_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let item = access::visible::<service_item::Entity>(change.viewer)
                .filter(service_item::Column::Id.eq(item_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let orderer = service_actions::orderer(change.viewer, resident.id, &resident.area_path)
                .ok_or_else(|| {
                    AppError::Forbidden(
                        "services are ordered by the resident, their household or the front line"
                            .to_owned(),
                    )
                })?;
            if !access::path_is_under(&resident.area_path, &item.area_path) {
                return Err(AppError::bad_input(
                    "the item is not offered in the resident's area",
                ));
            }
            if !item.active {
                return Err(AppError::Conflict(
                    "the item is not offered any more".to_owned(),
                ));
            }
            let facts = facts_of(txn, &resident).await?;
            let (status, reason) = decide(&rules_of(&item), &facts, change);
            let by = change
                .viewer
                .principal()
                .map(|principal| principal.id)
                .ok_or_else(|| AppError::Forbidden("orders are placed by people".to_owned()))?;
            let row = service_order::ActiveModel {
                item_id: Set(item.id),
                resident_id: Set(resident.id),
                area_path: Set(resident.area_path.clone()),
                ordered_by_user_id: Set(by),
                orderer: Set(orderer),
                status: Set(status),
                reason: Set(reason),
                price_cents: Set(item.price_cents),
                subsidy_cents: Set(item.subsidy_cents),
                created_at: Set(change.now),
                updated_at: Set(change.now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            super::audited(change, txn, "orderService", row.id, "status,reason").await
        })
        .await
}

/// The eligibility rules an item sets.
pub fn rules_of(item: &service_item::Model) -> Rules {
    Rules {
        min_age: item.min_age,
        max_age_exclusive: item.max_age_exclusive,
        living_alone: item.requires_living_alone,
        disability: item.requires_disability,
        low_income: item.requires_low_income,
    }
}

/// What the rules look at: the birth date, the stored tags, and the care profile (a
/// recorded living arrangement or disability counts as well as the tag).
async fn facts_of(txn: &DatabaseTransaction, resident: &resident::Model) -> AppResult<Facts> {
    let profile = care_profile::Entity::find()
        .filter(care_profile::Column::ResidentId.eq(resident.id))
        .one(txn)
        .await?;
    let tagged = |tag: ResidentTag| tag.bit().is_some_and(|bit| resident.tags & bit != 0);
    let profile = profile.as_ref();
    Ok(Facts {
        birth_date: resident.birth_date,
        living_alone: tagged(ResidentTag::LivingAlone)
            || profile
                .is_some_and(|p| p.living_arrangement == Some(LivingArrangement::LivingAlone)),
        disabled: tagged(ResidentTag::Disabled)
            || profile.is_some_and(|p| p.disability_type.is_some()),
        low_income: tagged(ResidentTag::LowIncome),
    })
}

/// ELIGIBILITY_CHECKED, or REJECTED with the first failing rule, by the lifecycle.
fn decide(rules: &Rules, facts: &Facts, change: &Change<'_>) -> (OrderStatus, Option<String>) {
    let checked = lifecycle::next(
        lifecycle::OrderStatus::Requested,
        OrderAction::CheckEligibility,
    )
    .unwrap_or(lifecycle::OrderStatus::EligibilityChecked);
    match eligibility::check(rules, facts, change.now) {
        Ok(()) => (checked.into(), None),
        Err(why) => {
            let rejected = lifecycle::next(checked, OrderAction::Reject)
                .unwrap_or(lifecycle::OrderStatus::Rejected);
            (rejected.into(), Some(explain(why)))
        }
    }
}

/// The reason stored for the first failing rule.
pub fn explain(why: Ineligible) -> String {
    match why {
        Ineligible::TooYoung { min_age } => {
            format!("the item is for residents of {min_age} and over")
        }
        Ineligible::TooOld { max_age_exclusive } => {
            format!("the item is for residents under {max_age_exclusive}")
        }
        Ineligible::NotLivingAlone => "the item is for residents living alone".to_owned(),
        Ineligible::NoDisability => "the item is for residents with a disability".to_owned(),
        Ineligible::NotLowIncome => "the item is for low-income residents".to_owned(),
    }
}
