//! Requests of sensitive categories (social assistance, elderly care): everyone in scope
//! sees that they exist, only those who handle them see what they say.

use serde_json::{Value, json};

use crate::requests_support::{Desk, gid, walk_in_input};

const DETAILS: &str = "query($id: ID!) { request(id: $id) { status detailsHidden description
    attachments contact { name } } }";

async fn details(desk: &Desk, token: &str, request: &Value) -> Value {
    let vars = json!({ "id": request["id"] });
    let (_, body) = desk.app.graphql_as(token, DETAILS, vars).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["request"].clone()
}

#[tokio::test]
async fn a_social_assistance_request_shows_its_details_only_to_those_handling_it() {
    let desk = Desk::open().await;
    let mut input = walk_in_input("SOCIAL_ASSISTANCE", "NORMAL");
    input["description"] = json!("家中老人重病，申请临时救助");
    let submitted = desk.ok(&desk.staff, "submitRequest", input).await["request"].clone();
    assert_eq!(submitted["level"], "COMMUNITY");

    let dispatcher = details(&desk, &desk.staff, &submitted).await;
    assert_eq!(dispatcher["detailsHidden"], false);
    assert_eq!(dispatcher["description"], "家中老人重病，申请临时救助");
    let secretary = desk
        .app
        .token_for("secretary", &["PARTY_SECRETARY:community:1"])
        .await;
    for token in [&secretary, &desk.worker] {
        let seen = details(&desk, token, &submitted).await;
        assert_eq!(seen["status"], "SUBMITTED");
        assert_eq!(seen["detailsHidden"], true);
        assert_eq!(seen["description"], Value::Null);
        assert_eq!(seen["attachments"], Value::Null);
        assert_eq!(seen["contact"], Value::Null);
    }
    // Once the grid worker is assigned it, they read what they must handle.
    let accepted = desk
        .advance(&desk.staff, "acceptRequest", &submitted, json!({}))
        .await;
    let assignee = json!({ "assigneeId": gid("User", desk.worker_id) });
    desk.advance(&desk.staff, "assignRequest", &accepted, assignee)
        .await;
    let assigned = details(&desk, &desk.worker, &submitted).await;
    assert_eq!(assigned["detailsHidden"], false);
    assert_eq!(assigned["contact"]["name"], "王小明");
}

#[tokio::test]
async fn ordinary_categories_show_their_details_to_everyone_in_scope() {
    let desk = Desk::open().await;
    let submitted = desk.walk_in("SANITATION", "NORMAL").await;
    let secretary = desk
        .app
        .token_for("secretary", &["PARTY_SECRETARY:community:1"])
        .await;
    let seen = details(&desk, &secretary, &submitted).await;
    assert_eq!(seen["detailsHidden"], false);
    assert_eq!(
        seen["attachments"],
        json!(["https://img.example.com/corridor.jpg"])
    );
}
