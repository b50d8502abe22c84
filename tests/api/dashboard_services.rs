//! The dashboard's services group against service orders counted by hand, written
//! straight into the Tiny fixture so each one's times are exact. T is the test clock's
//! start; the period is [T - 10 d, T + 1 d). Community 1 (grid 1):
//! - O1 placed T - 5 d, slot ending T - 4 d, delivered an hour before it, 5 stars;
//! - O2 placed T - 5 d, slot ending T - 3 d, delivered two hours late, 2 stars;
//! - O3 placed T - 4 d, slot ending T - 2 d, delivered an hour before it, not rated;
//! - O4 placed T - 3 d, scheduled, slot ended T - 1 d: open and overdue;
//! - O5 placed T - 2 d, scheduled, slot ending T + 1 d: open, not due yet;
//! - O6 placed T - 2 d, cancelled, slot ended T - 1 d: ended, not overdue;
//! - O7 placed T - 20 d (before the period), delivered and rated.
//!
//! Community 2 (grid 4): O8 placed T - 1 d, requested, no slot. Street 2 (grid 7): O9
//! placed T - 1 d, scheduled, slot ended T - 1 h (overdue).
//!
//! Community 1: placed 6, delivered 3, on time 2 of 3 + 1 overdue = 0.5; satisfied 1 of
//! 2 rated, rated 2 of 3 delivered.
//!
//! Facilities: grid 1's buildings stand at 30.000°N and 30.012°N on 120°E, the rest of
//! street 1 far away (31°N, 32°N); an elderly canteen at 29.996°N reaches the first
//! building (0.004° = 7.2 min), a minors' room at 30.020°N the second (0.008° = 14.5
//! min), a closed centre beside both reaches nobody: 12 of community 1's 36
//! households.

use chrono::{DateTime, Duration, Utc};
use entity::facility::{self, FacilityStatus, FacilityType};
use entity::service_enums::{OrderStatus, Orderer, TargetGroup};
use entity::{app_user, building, grid, resident, service_item, service_order};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

use crate::dashboard_support::period;
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const SERVICES: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) {
        services {
            ordersPlaced ordersCompleted openOverdue
            onTimeRate { numerator denominator value }
            satisfactionRate { numerator denominator value }
            ratingCoverage { numerator denominator value }
            facilityCoverage { numerator denominator value }
        } } }";

pub struct Order {
    grid: i32,
    placed: DateTime<Utc>,
    status: OrderStatus,
    slot_end: Option<DateTime<Utc>>,
    delivered: Option<DateTime<Utc>>,
    rating: Option<i32>,
}

impl Order {
    fn requested(grid: i32, placed: DateTime<Utc>) -> Order {
        Order {
            grid,
            placed,
            status: OrderStatus::Requested,
            slot_end: None,
            delivered: None,
            rating: None,
        }
    }

    fn scheduled(grid: i32, placed: DateTime<Utc>, slot_end: DateTime<Utc>) -> Order {
        Order {
            status: OrderStatus::Scheduled,
            slot_end: Some(slot_end),
            ..Order::requested(grid, placed)
        }
    }

    fn delivered(
        grid: i32,
        placed: DateTime<Utc>,
        slot_end: DateTime<Utc>,
        delivered: DateTime<Utc>,
        rating: Option<i32>,
    ) -> Order {
        Order {
            status: if rating.is_some() {
                OrderStatus::Confirmed
            } else {
                OrderStatus::Completed
            },
            delivered: Some(delivered),
            rating,
            ..Order::scheduled(grid, placed, slot_end)
        }
    }
}

/// The `nth` resident (by id) living in grid `grid`.
pub async fn resident_of(app: &TestApp, grid: i32, nth: usize) -> resident::Model {
    let grid = grid::Entity::find_by_id(grid)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    resident::Entity::find()
        .filter(resident::Column::AreaPath.starts_with(&grid.path))
        .order_by_asc(resident::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .nth(nth)
        .expect("a resident of the grid")
}

async fn insert_order(app: &TestApp, item: i32, user: i32, order: Order) {
    let resident = resident_of(app, order.grid, 0).await;
    service_order::ActiveModel {
        id: NotSet,
        item_id: Set(item),
        resident_id: Set(resident.id),
        area_path: Set(resident.area_path),
        ordered_by_user_id: Set(user),
        orderer: Set(Orderer::Staff),
        status: Set(order.status),
        reason: Set(None),
        provider_id: Set(None),
        scheduled_start: Set(order.slot_end.map(|end| end - Duration::hours(2))),
        scheduled_end: Set(order.slot_end),
        checked_in_at: Set(order.delivered.map(|at| at - Duration::hours(1))),
        checked_out_at: Set(order.delivered),
        notes: Set(None),
        rating: Set(order.rating),
        rating_comment: Set(None),
        price_cents: Set(1500),
        subsidy_cents: Set(500),
        created_at: Set(order.placed),
        updated_at: Set(order.delivered.unwrap_or(order.placed)),
        version: Set(1),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// The orders O1–O9 of the module comment.
pub async fn nine_orders(app: &TestApp) {
    let db = &app.state.db;
    let t = app.state.clock.now();
    let (d, h) = (Duration::days, Duration::hours);
    let item = service_item::ActiveModel {
        id: NotSet,
        code: Set("DASH_MEALS".to_owned()),
        name: Set("助餐服务".to_owned()),
        target_group: Set(TargetGroup::Elderly),
        area_path: Set("1/".to_owned()),
        min_age: Set(None),
        max_age_exclusive: Set(None),
        requires_living_alone: Set(false),
        requires_disability: Set(false),
        requires_low_income: Set(false),
        price_cents: Set(1500),
        subsidy_cents: Set(500),
        provider_types: Set("SOCIAL_ORGANISATION".to_owned()),
        active: Set(true),
        created_at: Set(t - d(60)),
        updated_at: Set(t - d(60)),
        version: Set(1),
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let user = app_user::Entity::find()
        .order_by_asc(app_user::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a seeded user")
        .id;
    let cancelled = Order {
        status: OrderStatus::Cancelled,
        ..Order::scheduled(1, t - d(2), t - d(1))
    };
    let orders = [
        Order::delivered(1, t - d(5), t - d(4), t - d(4) - h(1), Some(5)),
        Order::delivered(1, t - d(5), t - d(3), t - d(3) + h(2), Some(2)),
        Order::delivered(1, t - d(4), t - d(2), t - d(2) - h(1), None),
        Order::scheduled(1, t - d(3), t - d(1)),
        Order::scheduled(1, t - d(2), t + d(1)),
        cancelled,
        Order::delivered(1, t - d(20), t - d(19), t - d(19), Some(5)),
        Order::requested(4, t - d(1)),
        Order::scheduled(7, t - d(1), t - h(1)),
    ];
    for order in orders {
        insert_order(app, item, user, order).await;
    }
}

async fn place_building(app: &TestApp, id: i32, latitude: f64) {
    building::ActiveModel {
        id: Set(id),
        latitude: Set(Some(latitude)),
        longitude: Set(Some(120.0)),
        ..Default::default()
    }
    .update(&app.state.db)
    .await
    .unwrap();
}

async fn place_facility(app: &TestApp, kind: FacilityType, latitude: f64, status: FacilityStatus) {
    let template = facility::Entity::find_by_id(1)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: facility::ActiveModel = template.into();
    row.id = ActiveValue::NotSet;
    row.facility_type = Set(kind);
    row.latitude = Set(latitude);
    row.longitude = Set(120.0);
    row.status = Set(status);
    row.insert(&app.state.db).await.unwrap();
}

/// The buildings and facilities of the module comment.
pub async fn facilities(app: &TestApp) {
    let buildings = building::Entity::find()
        .filter(building::Column::GridId.between(1, 6))
        .order_by_asc(building::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    for row in buildings {
        let latitude = if row.grid_id <= 3 { 31.0 } else { 32.0 };
        place_building(app, row.id, latitude).await;
    }
    let grid_one: Vec<i32> = building::Entity::find()
        .filter(building::Column::GridId.eq(1))
        .order_by_asc(building::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    place_building(app, grid_one[0], 30.0).await;
    place_building(app, grid_one[1], 30.012).await;
    use FacilityStatus::{Closed, Open};
    place_facility(app, FacilityType::ElderlyCanteen, 29.996, Open).await;
    place_facility(app, FacilityType::MinorsActivityRoom, 30.020, Open).await;
    place_facility(app, FacilityType::PartyMassServiceCenter, 30.006, Closed).await;
}

async fn services(app: &TestApp, token: &str, area: &str) -> Value {
    let mut variables = period(app);
    variables["area"] = json!(area);
    let (_, body) = app.graphql_as(token, SERVICES, variables).await;
    body
}

fn rate(numerator: u64, denominator: u64, value: Value) -> Value {
    json!({ "numerator": numerator, "denominator": denominator, "value": value })
}

#[tokio::test]
async fn service_indicators_match_the_hand_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    nine_orders(&app).await;
    facilities(&app).await;
    let street = app.token_for("street-s", &["STREET_ADMIN:street:1"]).await;

    let body = services(&app, &street, &gid("Community", 1)).await;
    let group = &body["data"]["dashboard"]["services"];
    assert_eq!(group["ordersPlaced"], 6, "{body:#}");
    assert_eq!(group["ordersCompleted"], 3);
    assert_eq!(group["openOverdue"], 1);
    // O1 and O3 on time, of O1–O3 delivered plus O4 overdue (O5 not due, O6 ended).
    assert_eq!(group["onTimeRate"], rate(2, 4, json!(0.5)));
    assert_eq!(group["satisfactionRate"], rate(1, 2, json!(0.5)));
    assert_eq!(group["ratingCoverage"], rate(2, 3, json!(0.6667)));
    // Both of grid 1's buildings reach a facility of some type: 12 of 36 households.
    assert_eq!(group["facilityCoverage"], rate(12, 36, json!(0.3333)));

    // Street 1 adds O8 (requested, nothing due) and community 2's 36 households.
    let body = services(&app, &street, &gid("Street", 1)).await;
    let group = &body["data"]["dashboard"]["services"];
    assert_eq!(group["ordersPlaced"], 7, "{body:#}");
    assert_eq!(group["onTimeRate"], rate(2, 4, json!(0.5)));
    assert_eq!(group["facilityCoverage"], rate(12, 72, json!(0.1667)));

    // The district counts street 2's overdue O9 too.
    let body = services(&app, app.staff_token(), &gid("District", 1)).await;
    let group = &body["data"]["dashboard"]["services"];
    assert_eq!(group["ordersPlaced"], 8, "{body:#}");
    assert_eq!(group["onTimeRate"], rate(2, 5, json!(0.4)));
}

#[tokio::test]
async fn a_street_admin_counts_only_the_orders_of_their_street() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    nine_orders(&app).await;
    let other = app.token_for("street-s2", &["STREET_ADMIN:street:2"]).await;
    let body = services(&app, &other, &gid("Street", 2)).await;
    let group = &body["data"]["dashboard"]["services"];
    // O9 only: placed, not delivered, overdue.
    assert_eq!(group["ordersPlaced"], 1, "{body:#}");
    assert_eq!(group["ordersCompleted"], 0);
    assert_eq!(group["onTimeRate"], rate(0, 1, json!(0.0)));
    assert_eq!(group["satisfactionRate"], rate(0, 0, Value::Null));
    // Street 1 is out of their scope, as is any area of it.
    for area in [gid("Street", 1), gid("Community", 1), gid("Community", 999)] {
        let body = services(&app, &other, &area).await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    }
}

const BREAKDOWN: &str = "query($area: ID!, $indicators: [Indicator!]!, $from: DateTime!,
    $to: DateTime!) {
    breakdown(areaId: $area, by: COMMUNITY, indicators: $indicators, from: $from, to: $to) {
        areaId name values { indicator value numerator denominator suppressed } } }";

#[tokio::test]
async fn a_breakdown_by_community_gives_each_community_its_service_indicators() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    nine_orders(&app).await;
    facilities(&app).await;
    let street = app.token_for("street-sb", &["STREET_ADMIN:street:1"]).await;
    let mut variables = period(&app);
    variables["area"] = json!(gid("Street", 1));
    variables["indicators"] = json!([
        "SERVICE_ORDERS_PLACED",
        "SERVICE_ON_TIME_RATE",
        "SERVICE_SATISFACTION_RATE",
        "FACILITY_COVERAGE"
    ]);
    let (_, body) = app.graphql_as(&street, BREAKDOWN, variables).await;
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    assert_eq!(rows.len(), 2);
    let value = |row: &Value, at: usize| {
        let v = &row["values"][at];
        json!([v["value"], v["numerator"], v["denominator"]])
    };
    assert_eq!(rows[0]["areaId"], gid("Community", 1));
    assert_eq!(value(&rows[0], 0), json!([6.0, null, null]));
    assert_eq!(value(&rows[0], 1), json!([0.5, 2, 4]));
    assert_eq!(value(&rows[0], 2), json!([0.5, 1, 2]));
    assert_eq!(value(&rows[0], 3), json!([0.3333, 12, 36]));
    assert_eq!(rows[1]["areaId"], gid("Community", 2));
    assert_eq!(value(&rows[1], 0), json!([1.0, null, null]));
    assert_eq!(value(&rows[1], 1), json!([null, 0, 0]));
    assert_eq!(value(&rows[1], 3), json!([0.0, 0, 36]));
}

const SET: &str = "mutation($input: SetEvaluationWeightsInput!) {
    setEvaluationWeights(input: $input) { weights { indicator weight targetPercent } } }";

const EVALUATION: &str = "query($area: ID!, $period: String!) {
    evaluation(areaId: $area, period: $period, level: COMMUNITY) {
        areas { areaId score rank
            deductions { indicator actual numerator denominator pointsLost } } } }";

#[tokio::test]
async fn communities_are_evaluated_on_the_service_on_time_rate() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    nine_orders(&app).await;
    let admin = app
        .token_for("district-s", &["DISTRICT_ADMIN:district:1"])
        .await;
    let weights = json!([{ "indicator": "SERVICE_ON_TIME_RATE", "weight": 100,
        "targetPercent": 90 }]);
    let input = json!({ "level": "COMMUNITY", "period": "2026-06", "weights": weights });
    let (_, body) = app.graphql_as(&admin, SET, json!({ "input": input })).await;
    assert!(body.get("errors").is_none(), "{body:#}");

    let street = app.token_for("street-se", &["STREET_ADMIN:street:1"]).await;
    let variables = json!({ "area": gid("Street", 1), "period": "2026-06" });
    let (_, body) = app.graphql_as(&street, EVALUATION, variables).await;
    let areas = body["data"]["evaluation"]["areas"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    // Community 2 has nothing due (no points lost); community 1 is on time 2 of 4
    // (O7 is in May): 100 × (0.9 − 0.5) / 0.9 = 44.44 lost.
    assert_eq!(areas[0]["areaId"], gid("Community", 2));
    assert_eq!(areas[0]["score"], 100.0);
    assert_eq!(areas[0]["rank"], 1);
    assert_eq!(areas[1]["areaId"], gid("Community", 1));
    let deduction = &areas[1]["deductions"][0];
    assert_eq!(deduction["indicator"], "SERVICE_ON_TIME_RATE");
    assert_eq!([&deduction["numerator"], &deduction["denominator"]], [2, 4]);
    assert_eq!(deduction["pointsLost"], 44.44);
    assert_eq!(areas[1]["score"], 55.56);
    assert_eq!(areas[1]["rank"], 2);
}

#[tokio::test]
async fn an_evaluation_of_an_area_out_of_scope_is_not_found_before_anything_else() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let other = app.token_for("street-sn", &["STREET_ADMIN:street:2"]).await;
    // No weights are set and the period is nonsense: the area is still what answers.
    for (area, period) in [
        (gid("Street", 1), "2026-06"),
        (gid("Street", 1), "nonsense"),
        (gid("Community", 1), "2026-06"),
        (gid("Street", 999), "2026-06"),
    ] {
        let variables = json!({ "area": area, "period": period });
        let (_, body) = app.graphql_as(&other, EVALUATION, variables).await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{area} {period}: {body:#}");
    }
    // In scope, the missing weights are what is wrong.
    let variables = json!({ "area": gid("Street", 2), "period": "2026-06" });
    let (_, body) = app.graphql_as(&other, EVALUATION, variables).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
}

#[tokio::test]
async fn a_series_of_a_services_or_volunteers_indicator_is_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let query = "query($area: ID!, $indicator: Indicator!, $from: DateTime!, $to: DateTime!) {
        series(areaId: $area, indicator: $indicator, bucket: DAY, from: $from, to: $to) {
            date } }";
    for indicator in [
        "SERVICE_ON_TIME_RATE",
        "FACILITY_COVERAGE",
        "VOLUNTEER_HOURS",
        "LEADER_POSTS_FILLED",
    ] {
        let mut variables = period(&app);
        variables["area"] = json!(gid("Street", 1));
        variables["indicator"] = json!(indicator);
        let (_, body) = app.graphql_as(app.staff_token(), query, variables).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{indicator}: {body:#}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("requests indicators only"), "{message}");
    }
}
