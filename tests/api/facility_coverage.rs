//! `facilityCoverage`: the share of an area's households within a walk of each
//! facility type, checked against distances worked out by hand on a fixture placed
//! far from the seeded facilities.

use entity::facility::{self, FacilityStatus, FacilityType};
use entity::{building, household, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const QUERY: &str = "query($area: ID!, $minutes: Int) {
    facilityCoverage(areaId: $area, minutes: $minutes) {
        minutes households types { facilityType households share } } }";

/// Grid 1's two buildings at 30.000°N and 30.012°N on 120°E; an elderly canteen at
/// 30.004°N, a minors' room at 29.996°N, and a closed party-mass centre beside the
/// first building. A degree of latitude is 111 195 m, walked 1.3 times at 80 m/min:
/// 0.004° = 444.8 m → 7.23 min; 0.008° = 889.6 m → 14.46 min; 0.016° → 28.91 min.
struct Circle {
    app: TestApp,
    /// Households of the first and the second building.
    first: u64,
    second: u64,
    buildings: Vec<i32>,
}

async fn place(app: &TestApp, kind: FacilityType, latitude: f64, status: FacilityStatus) {
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

async fn move_building(app: &TestApp, id: i32, latitude: f64) {
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

async fn households_of(app: &TestApp, building: i32) -> u64 {
    let units: Vec<i32> = unit::Entity::find()
        .filter(unit::Column::BuildingId.eq(building))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    household::Entity::find()
        .filter(household::Column::UnitId.is_in(units))
        .count(&app.state.db)
        .await
        .unwrap()
}

impl Circle {
    async fn open() -> Circle {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let buildings: Vec<i32> = building::Entity::find()
            .filter(building::Column::GridId.eq(1))
            .order_by_asc(building::Column::Id)
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.id)
            .collect();
        assert_eq!(buildings.len(), 2);
        move_building(&app, buildings[0], 30.0).await;
        move_building(&app, buildings[1], 30.012).await;
        place(
            &app,
            FacilityType::ElderlyCanteen,
            30.004,
            FacilityStatus::Open,
        )
        .await;
        place(
            &app,
            FacilityType::MinorsActivityRoom,
            29.996,
            FacilityStatus::Open,
        )
        .await;
        place(
            &app,
            FacilityType::PartyMassServiceCenter,
            30.0,
            FacilityStatus::Closed,
        )
        .await;
        let first = households_of(&app, buildings[0]).await;
        let second = households_of(&app, buildings[1]).await;
        Circle {
            app,
            first,
            second,
            buildings,
        }
    }

    async fn coverage(&self, token: &str, minutes: Option<i32>) -> Value {
        let variables = json!({ "area": gid("Grid", 1), "minutes": minutes });
        self.app.graphql_as(token, QUERY, variables).await.1
    }

    /// (type, households) as answered by the staff.
    async fn covered(&self, minutes: Option<i32>) -> Vec<(String, u64, f64)> {
        let body = self.coverage(self.app.staff_token(), minutes).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        let coverage = &body["data"]["facilityCoverage"];
        assert_eq!(coverage["households"], self.first + self.second);
        coverage["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row["facilityType"].as_str().unwrap().to_owned(),
                    row["households"].as_u64().unwrap(),
                    row["share"].as_f64().unwrap(),
                )
            })
            .collect()
    }
}

fn share(part: u64, all: u64) -> f64 {
    (part as f64 / all as f64 * 10_000.0).round() / 10_000.0
}

#[tokio::test]
async fn coverage_counts_the_households_of_buildings_within_the_walk() {
    let circle = Circle::open().await;
    let all = circle.first + circle.second;
    let (first, second) = (circle.first, circle.second);
    assert_eq!(
        circle.covered(None).await,
        vec![
            ("PARTY_MASS_SERVICE_CENTER".to_owned(), 0, 0.0),
            ("MINORS_ACTIVITY_ROOM".to_owned(), first, share(first, all)),
            ("CIVILISATION_PRACTICE_STATION".to_owned(), 0, 0.0),
            ("ELDERLY_CANTEEN".to_owned(), all, 1.0),
        ],
        "15 minutes: the canteen reaches both (7.23, 14.46), the room the first (7.23, not 28.91)"
    );
    let ten = circle.covered(Some(10)).await;
    assert_eq!(
        ten[3],
        ("ELDERLY_CANTEEN".to_owned(), first, share(first, all))
    );
    let _ = second;
}

#[tokio::test]
async fn a_building_with_coordinates_off_the_globe_counts_but_is_never_covered() {
    let circle = Circle::open().await;
    move_building(&circle.app, circle.buildings[1], 95.0).await;
    let all = circle.first + circle.second;
    let canteen = circle.covered(None).await.remove(3);
    assert_eq!(
        canteen,
        (
            "ELDERLY_CANTEEN".to_owned(),
            circle.first,
            share(circle.first, all)
        )
    );
}

#[tokio::test]
async fn coverage_refuses_bad_input_and_areas_out_of_scope() {
    let circle = Circle::open().await;
    for minutes in [0, 61] {
        let body = circle
            .coverage(circle.app.staff_token(), Some(minutes))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{minutes}");
    }
    let other = circle
        .app
        .token_for("worker2", &["GRID_WORKER:grid:2"])
        .await;
    assert_eq!(
        error_code(&circle.coverage(&other, None).await),
        "NOT_FOUND"
    );
    let (_, body) = circle
        .app
        .graphql_as(
            circle.app.staff_token(),
            QUERY,
            json!({ "area": gid("Facility", 1) }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}
