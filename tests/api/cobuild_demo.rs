//! The demo co-building `serve --demo` creates, made by the demo community staff through
//! the same service calls as the API, answers the units and the three lists.

use serde_json::json;

use crate::harness::{Fixture, TestApp};

#[tokio::test]
async fn the_demo_seeds_allied_units_and_the_three_lists() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    community_hub::auth::demo::create_demo_accounts(&app.state, "demo password 1")
        .await
        .unwrap();
    let seeded = community_hub::seed::cobuild::seed_demo_cobuild(&app.state)
        .await
        .unwrap();
    assert_eq!((seeded.units, seeded.needs, seeded.projects), (2, 3, 1));
    let body = app
        .data(
            "{ coBuildingUnits { totalCount nodes { id name alliances { totalCount } } }
               needs { totalCount nodes { title status } }
               resources { totalCount }
               projects { totalCount nodes { name status milestones { totalCount } needs { totalCount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["coBuildingUnits"]["totalCount"], 2);
    for unit in body["coBuildingUnits"]["nodes"].as_array().unwrap() {
        assert_eq!(unit["alliances"]["totalCount"], 1, "{unit}");
    }
    assert_eq!(body["needs"]["totalCount"], 3);
    assert_eq!(body["resources"]["totalCount"], 2);
    let mut statuses: Vec<&str> = body["needs"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|need| need["status"].as_str().unwrap())
        .collect();
    statuses.sort();
    assert_eq!(statuses, ["CLAIMED", "OPEN", "OPEN"]);
    let project = &body["projects"]["nodes"][0];
    assert_eq!(body["projects"]["totalCount"], 1);
    assert_eq!(project["status"], "ACTIVE");
    assert_eq!(project["milestones"]["totalCount"], 2);
    assert_eq!(project["needs"]["totalCount"], 1);
    // The school's tutoring answers the open tutoring need.
    let school = body["coBuildingUnits"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|unit| unit["name"] == "区实验小学")
        .unwrap()["id"]
        .clone();
    let matching = app
        .data(
            "query($u: ID!) { matchingNeeds(unitId: $u) { nodes { title } } }",
            json!({ "u": school }),
        )
        .await;
    assert_eq!(
        matching["matchingNeeds"]["nodes"],
        json!([{ "title": "留守儿童课后辅导" }])
    );
}
