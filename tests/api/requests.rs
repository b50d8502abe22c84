//! Residents' requests, the whole loop over HTTP: intake, dispatch, handling,
//! verification, evaluation, with an event and an audit row for every step.

use entity::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::requests_support::{Desk, gid, resident_account};

fn statuses(body: &Value) -> Vec<String> {
    body["data"]["request"]["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["toStatus"].as_str().unwrap().to_owned())
        .collect()
}

const HISTORY: &str = "query($id: ID!) { request(id: $id) { status reworkCount satisfaction
    category { code defaultLevel } building { id } contact { name phone }
    events(first: 50) { totalCount nodes { action fromStatus toStatus note actorKind } } } }";

#[tokio::test]
async fn a_walk_in_request_runs_the_whole_loop_from_intake_to_evaluation() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    assert_eq!(submitted["status"], "SUBMITTED");
    assert_eq!(submitted["level"], "GRID");
    assert_eq!(submitted["slaState"], "NORMAL");
    let started = desk.in_progress_from(&submitted).await;
    let resolved = desk
        .advance(
            &desk.worker,
            "resolveRequest",
            &started,
            json!({ "note": "已清运" }),
        )
        .await;
    assert_eq!(resolved["status"], "RESOLVED");
    let begin = json!({ "step": "BEGIN" });
    let verifying = desk
        .advance(&desk.staff, "verifyRequest", &resolved, begin)
        .await;
    let pass = json!({ "step": "PASS", "note": "现场已干净" });
    let waiting = desk
        .advance(&desk.staff, "verifyRequest", &verifying, pass)
        .await;
    assert_eq!(waiting["status"], "AWAITING_EVALUATION");
    assert_eq!(waiting["slaState"], Value::Null);
    // The reporter has no account: the desk records the callback (回访).
    let evaluation = json!({ "satisfaction": "SATISFIED", "comment": "回访满意" });
    let closed = desk
        .advance(&desk.staff, "evaluateRequest", &waiting, evaluation)
        .await;
    assert_eq!(closed["status"], "CLOSED_RESOLVED");
    assert_eq!(closed["availableActions"], json!([]));

    let body = desk
        .app
        .data(HISTORY, json!({ "id": submitted["id"] }))
        .await;
    let body = json!({ "data": body });
    assert_eq!(
        statuses(&body),
        [
            "SUBMITTED",
            "ACCEPTED",
            "ASSIGNED",
            "SIGNED",
            "IN_PROGRESS",
            "RESOLVED",
            "VERIFYING",
            "AWAITING_EVALUATION",
            "CLOSED_RESOLVED"
        ]
    );
    let request = &body["data"]["request"];
    assert_eq!(request["satisfaction"], "SATISFIED");
    assert_eq!(request["category"]["code"], "SANITATION");
    assert_eq!(request["building"]["id"], gid("Building", 1));
    assert_eq!(request["events"]["totalCount"], 9);
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("request"))
        .filter(audit_log::Column::Outcome.eq("SUCCESS"))
        .count(&desk.app.state.db)
        .await
        .unwrap();
    assert_eq!(audits, 9);
}

#[tokio::test]
async fn a_resident_reports_through_the_mini_program_sees_only_their_own_and_evaluates_it() {
    let desk = Desk::open().await;
    desk.walk_in("NOISE", "NORMAL").await;
    let (resident, resident_id) = resident_account(&desk.app).await;
    let input = json!({
        "channel": "MINI_PROGRAM",
        "categoryCode": "PROPERTY_REPAIR",
        "placeId": gid("Household", 1),
        "description": "卫生间漏水到楼下",
    });
    let submitted = desk.ok(&resident, "submitRequest", input).await["request"].clone();
    assert_eq!(submitted["level"], "BUILDING");
    assert_eq!(submitted["availableActions"], json!([]));

    let mine = "{ requests { totalCount nodes { id reporter { id } events { totalCount } } } }";
    let (_, seen) = desk.app.graphql_as(&resident, mine, json!({})).await;
    assert_eq!(seen["data"]["requests"]["totalCount"], 1, "{seen:#}");
    let node = &seen["data"]["requests"]["nodes"][0];
    assert_eq!(node["id"], submitted["id"]);
    assert_eq!(node["reporter"]["id"], gid("Resident", resident_id));
    assert_eq!(node["events"]["totalCount"], 1);

    let started = desk.in_progress_from(&submitted).await;
    let note = json!({ "note": "已更换水管" });
    let resolved = desk
        .advance(&desk.worker, "resolveRequest", &started, note)
        .await;
    let waiting = desk.verified(&resolved).await;
    // The reporter evaluates, not the desk.
    let evaluation = json!({ "satisfaction": "BASICALLY_SATISFIED" });
    let by_desk = desk
        .step(&desk.staff, "evaluateRequest", &waiting, evaluation.clone())
        .await;
    assert_eq!(by_desk["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let (_, seen) = desk
        .app
        .graphql_as(
            &resident,
            "query($id: ID!) { request(id: $id) { availableActions } }",
            json!({ "id": waiting["id"] }),
        )
        .await;
    assert_eq!(
        seen["data"]["request"]["availableActions"],
        json!(["EVALUATE"])
    );
    let closed = desk
        .advance(&resident, "evaluateRequest", &waiting, evaluation)
        .await;
    assert_eq!(closed["status"], "CLOSED_RESOLVED");
}

#[tokio::test]
async fn anonymous_contacts_are_masked_for_roles_that_see_personal_data_masked() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let query = "query($id: ID!) { request(id: $id) { contact { name phone } } }";
    let vars = json!({ "id": submitted["id"] });
    let (_, staff) = desk.app.graphql_as(&desk.staff, query, vars.clone()).await;
    assert_eq!(
        staff["data"]["request"]["contact"],
        json!({ "name": "王小明", "phone": "13812345678" })
    );
    let admin = desk
        .app
        .token_for("admin", &["DISTRICT_ADMIN:district:1"])
        .await;
    let (_, masked) = desk.app.graphql_as(&admin, query, vars).await;
    assert_eq!(
        masked["data"]["request"]["contact"],
        json!({ "name": "王**", "phone": "138****5678" })
    );
}

#[tokio::test]
async fn requests_and_their_events_are_nodes() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let query = "query($id: ID!) { node(id: $id) { id ... on Request { status
        events { nodes { id } } } } }";
    let body = desk.app.data(query, json!({ "id": submitted["id"] })).await;
    assert_eq!(body["node"]["status"], "SUBMITTED");
    let event_id = body["node"]["events"]["nodes"][0]["id"].clone();
    let query = "query($id: ID!) { node(id: $id) { ... on RequestEvent { action toStatus
        request { id } } } }";
    let body = desk.app.data(query, json!({ "id": event_id })).await;
    assert_eq!(body["node"]["action"], "SUBMIT");
    assert_eq!(body["node"]["request"]["id"], submitted["id"]);
}

#[tokio::test]
async fn categories_are_listed_with_their_default_levels() {
    let desk = Desk::open().await;
    let body = desk
        .app
        .data(
            "{ requestCategories { code defaultLevel sensitive } }",
            json!({}),
        )
        .await;
    let categories = body["requestCategories"].as_array().unwrap();
    assert!(categories.len() >= 8);
    let repair = categories
        .iter()
        .find(|c| c["code"] == "PROPERTY_REPAIR")
        .unwrap();
    assert_eq!(repair["defaultLevel"], "BUILDING");
}

#[tokio::test]
async fn a_page_of_requests_with_their_relations_costs_the_same_statements_for_more_rows() {
    let desk = Desk::open().await;
    let query = "{ requests(first: 50) { nodes { status description category { code }
        building { name } reporter { name } mergedInto { id } availableActions
        events(first: 5) { nodes { action } } } } }";
    // Signing the staff user in costs statements of its own; pay them first.
    desk.app
        .data("{ requests { totalCount } }", json!({}))
        .await;
    let mut costs = Vec::new();
    for rows in [2, 12] {
        while crate::requests_support::counts(&desk.app).await.0 < rows {
            let submitted = desk.walk_in("SANITATION", "NORMAL").await;
            desk.advance(&desk.staff, "acceptRequest", &submitted, json!({}))
                .await;
        }
        let before = desk.app.statements();
        let body = desk.app.data(query, json!({})).await;
        assert_eq!(
            body["requests"]["nodes"].as_array().unwrap().len() as u64,
            rows
        );
        costs.push(desk.app.statements() - before);
    }
    assert_eq!(costs[0], costs[1], "{costs:?}");
    assert!(costs[1] <= 5, "{costs:?}");
}
