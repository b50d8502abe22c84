//! Demo services (一老一小). Every seeded facility gets opening hours (weekdays 08:30–
//! 11:30 and 14:00–17:30, Saturday mornings; the elderly canteens serve lunch and
//! supper every day), so the demo can book them at once. `serve --demo` then adds,
//! through the same service calls (and permission checks) as the API: four service
//! items offered by the demo community, a social organisation serving it, and three
//! orders by the demo accounts at different points of their lifecycle.

use chrono::{DurationRound, TimeDelta};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use entity::service_enums::{ProviderType, TargetGroup};
use entity::{community, resident, service_provider};

use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::domain::age::born_on_or_before_for_age;
use crate::domain::services::catalogue::NewItem;
use crate::domain::services::eligibility::Rules;
use crate::domain::services::lifecycle::OrderAction;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::services::schedule::{self, NewSchedule};
use crate::service::services::steps::{self, Step};
use crate::service::services::{items, order};

/// (weekdays, opens, closes) in local minutes; canteens keep their own.
const HOURS: [(&[i32], i32, i32); 3] = [
    (&[1, 2, 3, 4, 5], 510, 690),
    (&[1, 2, 3, 4, 5], 840, 1050),
    (&[6], 540, 720),
];
const CANTEEN: [(&[i32], i32, i32); 2] = [
    (&[1, 2, 3, 4, 5, 6, 7], 630, 780),
    (&[1, 2, 3, 4, 5, 6, 7], 990, 1110),
];

/// Opening hours for every facility, in one statement.
pub async fn insert_opening_hours(txn: &DatabaseTransaction) -> AppResult<()> {
    let rows = |periods: &[(&[i32], i32, i32)], canteen: bool| {
        periods
            .iter()
            .flat_map(|(days, opens, closes)| {
                days.iter().map(move |day| {
                    format!(
                        "SELECT {day} AS weekday, {opens} AS opens_at, {closes} AS closes_at, {} AS canteen",
                        i32::from(canteen)
                    )
                })
            })
            .collect::<Vec<_>>()
    };
    let mut periods = rows(&HOURS, false);
    periods.extend(rows(&CANTEEN, true));
    let sql = format!(
        "INSERT INTO facility_opening_period (facility_id, area_path, weekday, opens_at, closes_at) \
         SELECT f.id, f.area_path, p.weekday, p.opens_at, p.closes_at FROM facility f \
         JOIN ({}) p ON p.canteen = CASE WHEN f.facility_type = 'ELDERLY_CANTEEN' THEN 1 ELSE 0 END \
         ORDER BY f.id, p.weekday, p.opens_at",
        periods.join(" UNION ALL ")
    );
    txn.execute_unprepared(&sql).await?;
    Ok(())
}

/// The demo catalogue, provider and orders; returns how many orders it placed.
pub async fn seed_demo_services(state: &AppState) -> AppResult<usize> {
    let meta = RequestMeta::default();
    let staff = viewer(state, "community.staff").await?;
    let worker = viewer(state, "grid.worker").await?;
    let resident = viewer(state, "resident").await?;
    let now = state.clock.now();
    let change = |viewer| Change::new(&state.db, viewer, &meta, now);
    let community_path = area_of(&staff)?;
    let community = community::Entity::find()
        .filter(community::Column::Path.eq(&community_path))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::Internal("the demo community is missing".to_owned()))?;
    let mut made_items = Vec::new();
    for item in catalogue() {
        made_items.push(items::create(&change(&staff), community_path.clone(), item).await?);
    }
    let provider = service_provider::ActiveModel {
        name: Set(format!("{}银龄互助服务社", community.name)),
        provider_type: Set(ProviderType::SocialOrganisation),
        co_building_unit_id: Set(None),
        account_user_id: Set(None),
        area_path: Set(community_path.clone()),
        qualifications: Set("民办非企业单位登记证书\n养老护理员职业技能证书".to_owned()),
        service_area_paths: Set(community_path.clone()),
        created_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let grid = area_of(&worker)?;
    let elders = elders_of(state, &grid).await?;
    let (meals, health) = (made_items[0].id, made_items[1].id);
    // A health check for an elder of the grid, ordered by the grid worker, approved
    // and scheduled for tomorrow at this hour.
    let checked = order::order(&change(&worker), health, elders[0]).await?;
    let approved = steps::take(
        &change(&staff),
        plain(checked.id, checked.version, OrderAction::Approve),
    )
    .await?;
    let start = (now + TimeDelta::days(1))
        .duration_trunc(TimeDelta::hours(1))
        .unwrap_or(now + TimeDelta::days(1));
    let visit = NewSchedule {
        order_id: approved.id,
        version: approved.version,
        provider_id: provider.id,
        start,
        end: start + TimeDelta::hours(1),
    };
    schedule::schedule(&change(&staff), visit).await?;
    // Meals for a second elder, still waiting for approval.
    order::order(&change(&worker), meals, elders[1]).await?;
    // The demo resident orders meals for themselves: the rules decide.
    let own = resident
        .principal()
        .and_then(|principal| principal.resident_id)
        .ok_or_else(|| AppError::Internal("the demo resident has no record".to_owned()))?;
    order::order(&change(&resident), meals, own).await?;
    Ok(3)
}

fn catalogue() -> Vec<NewItem> {
    let item =
        |code: &str, name: &str, group, rules, price, subsidy, kinds: &[ProviderType]| NewItem {
            code: code.to_owned(),
            name: name.to_owned(),
            target_group: group,
            rules,
            price_cents: price,
            subsidy_cents: subsidy,
            provider_types: kinds.to_vec(),
        };
    let elderly = Rules {
        min_age: Some(60),
        ..Default::default()
    };
    let alone = Rules {
        living_alone: true,
        ..elderly
    };
    let child = Rules {
        max_age_exclusive: Some(18),
        ..Default::default()
    };
    use ProviderType::{CoBuildingUnit, SocialOrganisation, VolunteerTeam};
    vec![
        item(
            "DEMO_MEAL_AID",
            "老年助餐",
            TargetGroup::Elderly,
            elderly,
            1500,
            800,
            &[SocialOrganisation, CoBuildingUnit],
        ),
        item(
            "DEMO_HEALTH_CHECK",
            "上门健康体检",
            TargetGroup::Elderly,
            elderly,
            5000,
            5000,
            &[SocialOrganisation, CoBuildingUnit],
        ),
        item(
            "DEMO_HOME_VISIT",
            "独居老人探访",
            TargetGroup::Elderly,
            alone,
            0,
            0,
            &[VolunteerTeam, SocialOrganisation],
        ),
        item(
            "DEMO_TUTORING",
            "四点半课堂",
            TargetGroup::Child,
            child,
            0,
            0,
            &[VolunteerTeam, CoBuildingUnit],
        ),
    ]
}

fn plain(id: i32, version: i32, action: OrderAction) -> Step {
    Step {
        id,
        version,
        action,
        text: None,
        rating: None,
    }
}

fn area_of(viewer: &Viewer) -> AppResult<String> {
    viewer
        .principal()
        .and_then(|principal| principal.grants.first())
        .map(|grant| grant.area.path.clone())
        .ok_or_else(|| AppError::Internal("a demo account has no grant".to_owned()))
}

/// The first two residents of 60 and over under `grid`.
async fn elders_of(state: &AppState, grid: &str) -> AppResult<Vec<i32>> {
    let today = state
        .clock
        .now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let rows = resident::Entity::find()
        .filter(resident::Column::AreaPath.starts_with(grid))
        .filter(resident::Column::BirthDate.lte(born_on_or_before_for_age(today, 60)))
        .order_by_asc(resident::Column::Id)
        .all(&state.db)
        .await?;
    if rows.len() < 2 {
        return Err(AppError::Internal(
            "the demo grid has too few elders".to_owned(),
        ));
    }
    Ok(rows.into_iter().take(2).map(|row| row.id).collect())
}

async fn viewer(state: &AppState, username: &str) -> AppResult<Viewer> {
    let token = state.auth.issue_token_for_user(username).await?;
    Ok(Viewer::Principal(
        state.auth.authenticate(&token.token).await?,
    ))
}
