//! Facilities (阵地) and the 15-minute living circle on the Tiny fixture: five seeded
//! facilities per community, registered with the community.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

fn gid(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// The estimate written out independently of the server's code: haversine on a sphere
/// of radius 6 371 008.8 m, × 1.3 detour, ÷ 80 m per minute.
fn expected_minutes(from: (f64, f64), to: (f64, f64)) -> f64 {
    let (lat1, lat2) = (from.0.to_radians(), to.0.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (to.1 - from.1).to_radians();
    let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    let metres = 2.0 * 6_371_008.8 * a.sqrt().asin();
    metres * 1.3 / 80.0
}

const NEAR: &str = "query($b: ID!, $m: Int, $t: [FacilityType!]) {
    facilitiesNear(buildingId: $b, minutes: $m, types: $t) {
        facility { id facilityType latitude longitude } straightLineMetres walkingMinutes
    }
}";

const ALL: &str = "query($f: FacilityFilter) {
    facilities(first: 100, filter: $f) {
        totalCount nodes { id facilityType latitude longitude }
    }
}";

fn point(node: &Value) -> (f64, f64) {
    (
        node["latitude"].as_f64().unwrap(),
        node["longitude"].as_f64().unwrap(),
    )
}

async fn building_point(app: &TestApp, id: i32) -> (f64, f64) {
    let data = app
        .data(
            "query($id: ID!) { building(id: $id) { latitude longitude } }",
            json!({"id": gid("Building", id)}),
        )
        .await;
    point(&data["building"])
}

#[tokio::test]
async fn facilities_near_a_building_are_those_within_the_hand_computed_walk() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let mut checked_some_out_of_reach = false;
    for building in 1..=6 {
        let home = building_point(&app, building).await;
        let all = app.data(ALL, json!({})).await;
        let mut expected: Vec<(String, f64)> = all["facilities"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|node| {
                (
                    node["id"].as_str().unwrap().to_owned(),
                    expected_minutes(home, point(node)),
                )
            })
            .filter(|(_, minutes)| *minutes <= 15.0)
            .collect();
        expected.sort_by(|a, b| a.1.total_cmp(&b.1));
        checked_some_out_of_reach |= expected.len() < 20;
        let near = app
            .data(NEAR, json!({"b": gid("Building", building)}))
            .await;
        let near = near["facilitiesNear"].as_array().unwrap();
        let got: Vec<&str> = near
            .iter()
            .map(|n| n["facility"]["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = expected.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(got, want, "building {building}");
        for (entry, (_, minutes)) in near.iter().zip(&expected) {
            let reported = entry["walkingMinutes"].as_f64().unwrap();
            assert!(
                (reported - minutes).abs() <= 0.05,
                "{reported} vs {minutes}"
            );
            let metres = entry["straightLineMetres"].as_f64().unwrap();
            assert!((metres - minutes * 80.0 / 1.3).abs() <= 0.6, "{metres}");
        }
    }
    assert!(
        checked_some_out_of_reach,
        "every facility was in reach: the test proves little"
    );
}

#[tokio::test]
async fn facilities_near_narrows_by_type_and_minutes() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let building = gid("Building", 1);
    let canteens = app
        .data(NEAR, json!({"b": building, "t": ["ELDERLY_CANTEEN"]}))
        .await;
    let canteens = canteens["facilitiesNear"].as_array().unwrap();
    assert!(!canteens.is_empty());
    assert!(
        canteens
            .iter()
            .all(|n| n["facility"]["facilityType"] == "ELDERLY_CANTEEN")
    );
    let five = app.data(NEAR, json!({"b": building, "m": 5})).await;
    let fifteen = app.data(NEAR, json!({"b": building})).await;
    let five = five["facilitiesNear"].as_array().unwrap();
    assert!(five.len() < fifteen["facilitiesNear"].as_array().unwrap().len());
    assert!(
        five.iter()
            .all(|n| n["walkingMinutes"].as_f64().unwrap() <= 5.0)
    );
}

#[tokio::test]
async fn facilities_filter_by_type_and_area() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let all = app.data(ALL, json!({})).await;
    assert_eq!(all["facilities"]["totalCount"], 20);
    let canteens = app
        .data(ALL, json!({"f": {"types": ["ELDERLY_CANTEEN"]}}))
        .await;
    assert_eq!(canteens["facilities"]["totalCount"], 4);
    let community = app
        .data(ALL, json!({"f": {"areaId": gid("Community", 2)}}))
        .await;
    assert_eq!(community["facilities"]["totalCount"], 5);
}

#[tokio::test]
async fn a_grid_worker_sees_the_facilities_of_its_community_only() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.token_for("gw1", &["GRID_WORKER:grid:1"]).await;
    let (_, body) = app.graphql_as(&token, ALL, json!({})).await;
    let nodes = body["data"]["facilities"]["nodes"].as_array().unwrap();
    assert_eq!(body["data"]["facilities"]["totalCount"], 5);
    let mine: Vec<String> = (1..=5).map(|id| gid("Facility", id)).collect();
    assert!(
        nodes
            .iter()
            .all(|n| mine.contains(&n["id"].as_str().unwrap().to_owned()))
    );
    let lookup = "query($id: ID!) { facility(id: $id) { id } }";
    for id in [6, 999_999] {
        let (_, body) = app
            .graphql_as(&token, lookup, json!({"id": gid("Facility", id)}))
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
        assert!(body["data"]["facility"].is_null());
    }
    // A building of another grid is out of scope: as unknown as a missing one.
    let (_, body) = app
        .graphql_as(&token, NEAR, json!({"b": gid("Building", 3)}))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
}

#[tokio::test]
async fn facilities_near_refuses_bad_input() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    for minutes in [0, -5, 61] {
        let body = app
            .graphql(NEAR, json!({"b": gid("Building", 1), "m": minutes}))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{minutes}: {body}");
    }
    let body = app.graphql(NEAR, json!({"b": gid("Grid", 1)})).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    let body = app.anonymous(NEAR, json!({"b": gid("Building", 1)})).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
}
