//! `requestEvents` over graphql-transport-ws at `/graphql/ws`: what reaches whom, the
//! protocol's refusals, and the socket closing when its token stops holding.

use std::time::Duration;

use serde_json::json;

use crate::harness::{Fixture, TestApp};
use crate::requests_support::{Desk, gid, walk_in_input};
use crate::subscriptions_support::{Frame, Ws, live};

/// What no subscriber should wait for longer than, when nothing is meant to come.
const QUIET: Duration = Duration::from_millis(700);

#[tokio::test]
async fn a_transition_reaches_the_subscribers_of_its_area_as_it_commits() {
    let desk = Desk::open().await;
    let mut ws = Ws::signed_in(&desk.app, &desk.worker).await;
    ws.follow("grid", &gid("Grid", 1)).await;
    live(&desk.app, 1).await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let event = ws.event("grid").await;
    assert_eq!(
        event["data"]["requestEvents"],
        json!({ "action": "SUBMIT", "fromStatus": null, "toStatus": "SUBMITTED", "note": null,
                "request": { "id": submitted["id"] } })
    );
    desk.advance(
        &desk.staff,
        "acceptRequest",
        &submitted,
        json!({ "note": "收到" }),
    )
    .await;
    let event = ws.event("grid").await;
    assert_eq!(event["data"]["requestEvents"]["action"], "ACCEPT");
    assert_eq!(event["data"]["requestEvents"]["note"], "收到");

    let metrics = desk.app.metrics().await;
    assert!(metrics.contains("hub_websockets_open 1"), "{metrics}");
    assert!(metrics.contains("hub_subscriptions_active 1"), "{metrics}");

    // `complete` from the client ends the stream: nothing more comes for that id.
    ws.send(json!({ "type": "complete", "id": "grid" })).await;
    live_count_drops_to_zero(&desk.app).await;
    desk.walk_in("SANITATION", "NORMAL").await;
    assert_eq!(ws.next_within(QUIET).await, None);
}

#[tokio::test]
async fn a_subscriber_receives_only_what_its_scope_shows() {
    let desk = Desk::open().await;
    // The grid-2 worker sees community 1 as context, but of its requests only grid 2's.
    let mut ws = Ws::signed_in(&desk.app, &desk.other_worker).await;
    ws.follow("community", &gid("Community", 1)).await;
    let mut grid_one = Ws::signed_in(&desk.app, &desk.worker).await;
    grid_one.follow("grid", &gid("Grid", 1)).await;
    live(&desk.app, 2).await;

    let in_grid_one = desk.walk_in("SANITATION", "NORMAL").await;
    let mut input = walk_in_input("SANITATION", "NORMAL");
    input["placeId"] = json!(gid("Building", 3));
    let in_grid_two = desk.ok(&desk.staff, "submitRequest", input).await["request"].clone();

    // Grid 1's event went out first; the grid-2 worker's first event is grid 2's.
    let first = ws.event("community").await;
    assert_eq!(
        first["data"]["requestEvents"]["request"]["id"],
        in_grid_two["id"]
    );
    assert_eq!(ws.next_within(QUIET).await, None);
    let theirs = grid_one.event("grid").await;
    assert_eq!(
        theirs["data"]["requestEvents"]["request"]["id"],
        in_grid_one["id"]
    );
    assert_eq!(grid_one.next_within(QUIET).await, None, "not grid 2's");
}

#[tokio::test]
async fn an_area_out_of_scope_is_refused_like_an_unknown_one() {
    let desk = Desk::open().await;
    let mut ws = Ws::signed_in(&desk.app, &desk.worker).await;
    for (id, area) in [("other", gid("Grid", 2)), ("unknown", gid("Grid", 9999))] {
        ws.follow(id, &area).await;
        let Frame::Message(message) = ws.next().await else {
            panic!("expected an error message");
        };
        assert_eq!(message["type"], "error", "{message}");
        assert_eq!(message["id"], id);
        assert_eq!(message["payload"][0]["extensions"]["code"], "NOT_FOUND");
    }
    // A resident's id is no area.
    ws.follow("resident", &gid("Resident", 1)).await;
    let Frame::Message(message) = ws.next().await else {
        panic!("expected an error message");
    };
    assert_eq!(
        message["payload"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn the_protocol_refuses_what_it_must() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.token_for("walker", &["GRID_WORKER:grid:1"]).await;

    // No token, a bad token, or another scheme: 4403.
    for payload in [
        json!({}),
        json!({ "Authorization": "Bearer not-a-token" }),
        json!({ "Authorization": format!("Basic {token}") }),
    ] {
        let mut ws = Ws::connect(&app).await;
        ws.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        assert_eq!(ws.close_code().await, 4403, "{payload}");
    }

    // Subscribing before the acknowledgement: 4401.
    let mut ws = Ws::connect(&app).await;
    ws.follow("early", &gid("Grid", 1)).await;
    assert_eq!(ws.close_code().await, 4401);

    // A second init: 4429.
    let mut ws = Ws::signed_in(&app, &token).await;
    let init = json!({ "type": "connection_init",
                       "payload": { "Authorization": format!("Bearer {token}") } });
    ws.send(init).await;
    assert_eq!(ws.close_code().await, 4429);

    // A live id used again: 4409.
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.follow("twice", &gid("Grid", 1)).await;
    ws.follow("twice", &gid("Grid", 1)).await;
    assert_eq!(ws.close_code().await, 4409);

    // Something that is no message of the protocol: 4400.
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.send(json!({ "type": "subscribe" })).await;
    assert_eq!(ws.close_code().await, 4400);

    // ping → pong; a mutation is refused (it belongs on POST), the socket stays open.
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.send(json!({ "type": "ping", "payload": { "n": 1 } }))
        .await;
    assert_eq!(
        ws.next().await,
        Frame::Message(json!({ "type": "pong", "payload": { "n": 1 } }))
    );
    ws.send(json!({ "type": "subscribe", "id": "m", "payload": {
        "query": "mutation { logout(input: { refreshToken: \"x\" }) }" } }))
        .await;
    let Frame::Message(message) = ws.next().await else {
        panic!("expected an error message");
    };
    assert_eq!(message["type"], "error");
    assert_eq!(message["payload"][0]["extensions"]["code"], "BAD_REQUEST");
    // A query runs and completes.
    ws.send(json!({ "type": "subscribe", "id": "q", "payload": { "query": "{ me { name } }" } }))
        .await;
    assert_eq!(
        ws.event("q").await,
        json!({ "data": { "me": { "name": "walker" } } })
    );
    assert_eq!(
        ws.next().await,
        Frame::Message(json!({ "type": "complete", "id": "q" }))
    );
}

#[tokio::test]
async fn an_upgrade_without_the_sub_protocol_is_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .get(app.url("/graphql/ws"))
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn the_socket_closes_when_its_token_expires() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    app.create_user("brief", "correct horse battery", &["GRID_WORKER:grid:1"])
        .await;
    let token = app
        .state
        .auth
        .issue_token_for_user_lasting("brief", Duration::from_secs(2))
        .await
        .unwrap()
        .token;
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.follow("grid", &gid("Grid", 1)).await;
    let started = std::time::Instant::now();
    assert_eq!(ws.close_code().await, 4403);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn the_socket_closes_when_its_user_is_disabled() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let id = app
        .create_user("leaver", "correct horse battery", &["GRID_WORKER:grid:1"])
        .await;
    let token = app
        .state
        .auth
        .issue_token_for_user("leaver")
        .await
        .unwrap()
        .token;
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.follow("grid", &gid("Grid", 1)).await;
    app.state.auth.set_user_status(id, false).await.unwrap();
    assert_eq!(ws.close_code().await, 4403);
}

#[tokio::test]
async fn a_shutdown_closes_every_socket_as_going_away() {
    let mut app = TestApp::seeded(Fixture::Tiny).await;
    let token = app.token_for("walker", &["GRID_WORKER:grid:1"]).await;
    let mut ws = Ws::signed_in(&app, &token).await;
    ws.follow("grid", &gid("Grid", 1)).await;
    app.begin_shutdown();
    assert_eq!(ws.close_code().await, 1001);
    app.server_exit().await.unwrap();
}

#[tokio::test]
async fn a_change_on_one_instance_reaches_a_subscriber_on_another() {
    let Some((first, second)) = TestApp::two_instances().await else {
        eprintln!("PostgreSQL run only: a SQLite file serves one instance");
        return;
    };
    let staff = first
        .token_for("desk", &["COMMUNITY_STAFF:community:1"])
        .await;
    let mut ws = Ws::signed_in(&second, &staff).await;
    ws.follow("community", &gid("Community", 1)).await;
    live(&second, 1).await;

    let (_, body) = first
        .graphql_as(
            &staff,
            "mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { request { id } } }",
            json!({ "input": walk_in_input("SANITATION", "NORMAL") }),
        )
        .await;
    let submitted = &body["data"]["submitRequest"]["request"]["id"];
    assert!(submitted.is_string(), "{body}");
    let event = ws.event("community").await;
    assert_eq!(event["data"]["requestEvents"]["request"]["id"], *submitted);
    assert_eq!(event["data"]["requestEvents"]["action"], "SUBMIT");
}

async fn live_count_drops_to_zero(app: &TestApp) {
    for _ in 0..500 {
        if app.state.events.following() == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("a completed subscription still follows the bus");
}

#[tokio::test]
async fn a_socket_that_never_initialises_is_closed() {
    let app = TestApp::spawn().await;
    let mut ws = Ws::connect(&app).await;
    let started = std::time::Instant::now();
    let closed = ws.next_within(Duration::from_secs(15)).await;
    assert!(matches!(closed, Some(Frame::Closed(4408, _))), "{closed:?}");
    assert!(started.elapsed() >= Duration::from_secs(9));
}
