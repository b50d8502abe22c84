//! A year of services to the old and the young (一老一小): every community registers
//! the same five service items and two providers (a social organisation and a
//! volunteer team, both serving the community), as `createServiceItem` scopes them;
//! then its elders (and a few children) order them. Residents of 60 and over order
//! about 0.3 times a year, so a district of 480,000 residents places about 30,000
//! orders; a few residents just under 60 order too and are refused by the item's
//! rules, as `orderService` would. Each order then walks the lifecycle
//! ([`orders`]).

mod orders;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::NotSet, DatabaseTransaction, IntoActiveModel};

use entity::service_enums::{ProviderType, TargetGroup};
use entity::{community, service_item, service_order, service_provider};

use super::{ActivityReport, YEAR_START, bulk, instant};
use crate::domain::age::age_on;
use crate::domain::services::eligibility::Rules;
use crate::error::AppResult;
use crate::seed::insert as insert_rows;
use crate::seed::rng::{Rng, Stream};

/// One item of every community's catalogue, with the length of its visits.
struct Offer {
    code: &'static str,
    name: &'static str,
    group: TargetGroup,
    rules: Rules,
    price_cents: i32,
    subsidy_cents: i32,
    provider: ProviderType,
    visit_minutes: i64,
}

const fn rules(min_age: Option<i32>, max_age_exclusive: Option<i32>, alone: bool) -> Rules {
    Rules {
        min_age,
        max_age_exclusive,
        living_alone: alone,
        disability: false,
        low_income: false,
    }
}

use ProviderType::{SocialOrganisation, VolunteerTeam};
use TargetGroup::{Child, Elderly};

const OFFERS: [Offer; 5] = [
    offer(
        "MEAL_AID",
        "老年助餐",
        Elderly,
        rules(Some(60), None, false),
        (1500, 800),
        SocialOrganisation,
        60,
    ),
    offer(
        "HEALTH_CHECK",
        "上门健康体检",
        Elderly,
        rules(Some(60), None, false),
        (5000, 5000),
        SocialOrganisation,
        60,
    ),
    offer(
        "HOME_CLEANING",
        "居家保洁",
        Elderly,
        rules(Some(60), None, false),
        (6000, 3000),
        SocialOrganisation,
        120,
    ),
    offer(
        "HOME_VISIT",
        "独居老人探访",
        Elderly,
        rules(Some(60), None, true),
        (0, 0),
        VolunteerTeam,
        60,
    ),
    offer(
        "AFTER_SCHOOL",
        "四点半课堂",
        Child,
        rules(None, Some(14), false),
        (0, 0),
        VolunteerTeam,
        90,
    ),
];

const fn offer(
    code: &'static str,
    name: &'static str,
    group: TargetGroup,
    rules: Rules,
    (price_cents, subsidy_cents): (i32, i32),
    provider: ProviderType,
    visit_minutes: i64,
) -> Offer {
    Offer {
        code,
        name,
        group,
        rules,
        price_cents,
        subsidy_cents,
        provider,
        visit_minutes,
    }
}

/// Loads the catalogue and the orders, one community at a time.
pub(super) async fn insert(
    txn: &DatabaseTransaction,
    seed: u64,
    actor: i32,
    report: &mut ActivityReport,
) -> AppResult<()> {
    let mut ids = (
        bulk::next_id(txn, "service_item").await?,
        bulk::next_id(txn, "service_provider").await?,
    );
    for community in bulk::communities(txn).await? {
        let items = catalogue(&community, &mut ids);
        let providers = providers(&community, &mut ids.1);
        let residents = bulk::residents_under(txn, &community.path).await?;
        let mut booked = HashSet::new();
        let mut rows: Vec<service_order::ActiveModel> = Vec::new();
        for resident in &residents {
            let mut rng = Rng::new(seed, Stream::ServiceOrders, resident.id);
            for offer in wishes(&mut rng, resident) {
                let item = &items[offer];
                let provider = providers
                    .iter()
                    .find(|p| p.provider_type == OFFERS[offer].provider)
                    .map_or(0, |p| p.id);
                let plan = orders::Plan {
                    item,
                    rules: &OFFERS[offer].rules,
                    visit_minutes: OFFERS[offer].visit_minutes,
                    provider,
                    actor,
                };
                let mut row =
                    orders::order(&mut rng, &plan, resident, &mut booked)?.into_active_model();
                // Nothing points at an order: the table numbers it.
                row.id = NotSet;
                rows.push(row);
            }
        }
        report.service_items += items.len() as u64;
        report.service_providers += providers.len() as u64;
        report.service_orders += rows.len() as u64;
        insert_rows(txn, items).await?;
        insert_rows(txn, providers).await?;
        insert_rows(txn, rows).await?;
    }
    crate::seed::reset_sequences(txn, &["service_item", "service_provider"]).await
}

/// The indexes into [`OFFERS`] that `resident` orders in the year, by age at its
/// start: elders about 0.3 orders a year, those just under 60 rarely (and are
/// refused), children under 14 now and then.
fn wishes(rng: &mut Rng, resident: &entity::resident::Model) -> Vec<usize> {
    let age = age_on(resident.birth_date, bulk::days().0);
    let count = match age {
        60.. => [0, 1, 2, 4][rng.weighted(&[820, 120, 40, 20])],
        55..=59 => usize::from(rng.chance(15)),
        0..=13 => [0, 1, 2][rng.weighted(&[930, 60, 10])],
        _ => 0,
    };
    let alone = crate::domain::tags::ResidentTag::LivingAlone
        .bit()
        .is_some_and(|bit| resident.tags & bit != 0);
    // Home visits are for elders living alone; a few others ask and are refused.
    let weights: [u32; 5] = if age < 14 {
        [0, 0, 0, 0, 1]
    } else {
        [45, 15, 25, if alone { 40 } else { 1 }, 0]
    };
    (0..count).map(|_| rng.weighted(&weights)).collect()
}

fn catalogue(community: &community::Model, ids: &mut (i32, i32)) -> Vec<service_item::Model> {
    let at = registered();
    OFFERS
        .iter()
        .map(|offer| {
            ids.0 += 1;
            service_item::Model {
                id: ids.0 - 1,
                code: format!("C{}_{}", community.id, offer.code),
                name: offer.name.to_owned(),
                target_group: offer.group,
                area_path: community.path.clone(),
                min_age: offer.rules.min_age,
                max_age_exclusive: offer.rules.max_age_exclusive,
                requires_living_alone: offer.rules.living_alone,
                requires_disability: offer.rules.disability,
                requires_low_income: offer.rules.low_income,
                price_cents: offer.price_cents,
                subsidy_cents: offer.subsidy_cents,
                provider_types: sea_orm::ActiveEnum::to_value(&offer.provider),
                active: true,
                created_at: at,
                updated_at: at,
                version: 1,
            }
        })
        .collect()
}

fn providers(community: &community::Model, next: &mut i32) -> Vec<service_provider::Model> {
    let provider = |id: i32, kind, name: String, qualifications: &str| service_provider::Model {
        id,
        name,
        provider_type: kind,
        co_building_unit_id: None,
        account_user_id: None,
        area_path: community.path.clone(),
        qualifications: qualifications.to_owned(),
        service_area_paths: community.path.clone(),
        created_at: registered(),
        version: 1,
    };
    let first = *next;
    *next += 2;
    vec![
        provider(
            first,
            SocialOrganisation,
            format!("{}银龄互助服务社", community.name),
            "民办非企业单位登记证书\n养老护理员职业技能证书",
        ),
        provider(
            first + 1,
            VolunteerTeam,
            format!("{}志愿服务队", community.name),
            "志愿服务组织备案",
        ),
    ]
}

/// The catalogue is registered the moment the year begins.
fn registered() -> DateTime<Utc> {
    instant(YEAR_START)
}
