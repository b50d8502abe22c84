//! The demo requests `serve --demo` creates, made by the demo accounts through the
//! same service calls as the API.

use serde_json::json;

use crate::harness::{Fixture, TestApp};

#[tokio::test]
async fn the_demo_seeds_requests_at_several_points_of_their_lifecycle() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    community_hub::auth::demo::create_demo_accounts(&app.state, "demo password 1")
        .await
        .unwrap();
    let made = community_hub::seed::requests::seed_demo_requests(&app.state)
        .await
        .unwrap();
    assert_eq!(made, 4);
    let body = app
        .data(
            "{ requests(first: 10) { nodes { channel status events { totalCount } } } }",
            json!({}),
        )
        .await;
    let mut seen: Vec<(String, String, u64)> = body["requests"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            (
                node["channel"].as_str().unwrap().to_owned(),
                node["status"].as_str().unwrap().to_owned(),
                node["events"]["totalCount"].as_u64().unwrap(),
            )
        })
        .collect();
    seen.sort();
    let expected = [
        ("GRID_VISIT", "CLOSED_RESOLVED", 9),
        ("HOTLINE_12345", "IN_PROGRESS", 5),
        ("MINI_PROGRAM", "SUBMITTED", 1),
        ("WALK_IN", "ACCEPTED", 2),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(c, s, n)| (c.to_string(), s.to_string(), *n))
        .collect();
    assert_eq!(seen, expected);
}
