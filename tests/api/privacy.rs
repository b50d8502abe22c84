//! Personal information: masking per role and class, filters and orders on masked
//! fields, reveals with their audit rows, and the audit log's own access rule.

use community_hub::auth::NewUser;
use entity::resident;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};

const RESIDENT: &str = "query($id: ID!) { resident(id: $id) {
    name phone idNumber birthDate age ageBand relation tags isPartyMember
    household { room code } } }";

fn global(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// An adult resident of household 1 (grid 1) with a phone, straight from the database.
async fn adult_with_phone(app: &TestApp) -> resident::Model {
    resident::Entity::find()
        .filter(resident::Column::Phone.is_not_null())
        .filter(resident::Column::BirthDate.lt(chrono::NaiveDate::from_ymd_opt(1990, 1, 1)))
        .filter(resident::Column::AreaPath.starts_with("1/1/1/1/"))
        .order_by_asc(resident::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("an adult with a phone in grid 1")
}

async fn as_role(app: &TestApp, user: &str, grant: &str, query: &str, vars: Value) -> Value {
    let token = app.token_for(user, &[grant]).await;
    app.graphql_as(&token, query, vars).await.1
}

fn is_masked_id(value: &str) -> bool {
    value.len() == 18 && &value[3..14] == "***********"
}

#[tokio::test]
async fn community_staff_see_names_and_phones_but_not_id_numbers() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let body = as_role(
        &app,
        "staff1",
        "COMMUNITY_STAFF:community:1",
        RESIDENT,
        json!({ "id": global("Resident", person.id) }),
    )
    .await;
    let seen = &body["data"]["resident"];
    assert_eq!(seen["name"], person.name.as_str());
    assert_eq!(seen["phone"], person.phone.clone().unwrap().as_str());
    assert_eq!(seen["birthDate"], person.birth_date.to_string());
    let id_number = seen["idNumber"].as_str().unwrap();
    assert!(is_masked_id(id_number), "{id_number}");
    assert_eq!(&id_number[14..], &person.id_number[14..]);
}

#[tokio::test]
async fn district_admins_see_masked_names_phones_and_no_birth_dates() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let body = as_role(
        &app,
        "admin1",
        "DISTRICT_ADMIN:district:1",
        RESIDENT,
        json!({ "id": global("Resident", person.id) }),
    )
    .await;
    let seen = &body["data"]["resident"];
    let first: String = person.name.chars().take(1).collect();
    let name = seen["name"].as_str().unwrap();
    assert!(
        name.starts_with(&first) && name.ends_with('*') && name != person.name,
        "{name}"
    );
    let phone = person.phone.clone().unwrap();
    assert_eq!(seen["phone"], format!("{}****{}", &phone[..3], &phone[7..]));
    assert!(is_masked_id(seen["idNumber"].as_str().unwrap()));
    assert_eq!(seen["birthDate"], Value::Null);
    assert_eq!(seen["age"], Value::Null);
    assert_eq!(seen["relation"], Value::Null);
    assert!(seen["ageBand"].as_str().unwrap().contains('-') || seen["ageBand"] == "80+");
    assert_eq!(seen["household"]["room"], Value::Null);
    assert!(
        seen["household"]["code"]
            .as_str()
            .unwrap()
            .ends_with("****")
    );
}

#[tokio::test]
async fn sensitive_tags_are_hidden_from_roles_without_sensitive_access() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let bit = community_hub::domain::tags::ResidentTag::Disabled
        .bit()
        .unwrap();
    let rows = resident::Entity::find().all(&app.state.db).await.unwrap();
    let disabled = rows
        .iter()
        .find(|r| r.tags & bit != 0)
        .expect("a disabled resident");
    let path: Vec<&str> = disabled.area_path.split('/').collect();
    let grant = format!("COMMUNITY_STAFF:community:{}", path[2]);
    let body = as_role(
        &app,
        "staff2",
        &grant,
        RESIDENT,
        json!({ "id": global("Resident", disabled.id) }),
    )
    .await;
    let tags = body["data"]["resident"]["tags"].as_array().unwrap();
    assert!(!tags.contains(&json!("DISABLED")), "{tags:?}");
}

#[tokio::test]
async fn everything_about_a_child_under_fourteen_is_sensitive() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let child = resident::Entity::find()
        .filter(resident::Column::BirthDate.gt(chrono::NaiveDate::from_ymd_opt(2014, 1, 1)))
        .order_by_asc(resident::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a young child");
    let path: Vec<&str> = child.area_path.split('/').collect();
    let grant = format!("COMMUNITY_STAFF:community:{}", path[2]);
    let body = as_role(
        &app,
        "staff3",
        &grant,
        RESIDENT,
        json!({ "id": global("Resident", child.id) }),
    )
    .await;
    let seen = &body["data"]["resident"];
    assert_ne!(seen["name"], child.name.as_str());
    assert_eq!(seen["birthDate"], Value::Null);
    assert_eq!(seen["ageBand"], "0-13");
}

#[tokio::test]
async fn residents_see_their_own_household_in_full() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let me = resident::Entity::find()
        .filter(resident::Column::HouseholdId.eq(1))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app.state
        .auth
        .create_user(NewUser {
            username: "resident1".into(),
            password: "correct horse battery".into(),
            display_name: "resident".into(),
            resident_id: Some(me.id),
            grants: vec!["RESIDENT:household:1".parse().unwrap()],
        })
        .await
        .unwrap();
    let token = app
        .state
        .auth
        .issue_token_for_user("resident1")
        .await
        .unwrap()
        .token;
    let (_, body) = app
        .graphql_as(&token, RESIDENT, json!({ "id": global("Resident", me.id) }))
        .await;
    assert_eq!(body["data"]["resident"]["idNumber"], me.id_number.as_str());
    assert_eq!(body["data"]["resident"]["name"], me.name.as_str());
}

#[tokio::test]
async fn filtering_or_ordering_on_masked_fields_is_forbidden() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let admin = app
        .token_for("admin2", &["DISTRICT_ADMIN:district:1"])
        .await;
    for query in [
        "{ residents(orderBy: NAME_ASC) { totalCount } }",
        "{ residents(orderBy: BIRTH_DATE_DESC) { totalCount } }",
        "{ residents(filter: { nameContains: \"王\" }) { totalCount } }",
        "{ residents(filter: { ageMin: 60 }) { totalCount } }",
        "{ residents(filter: { tags: [LIVING_ALONE] }) { totalCount } }",
        "{ households(orderBy: ROOM_ASC) { totalCount } }",
    ] {
        let (_, body) = app.graphql_as(&admin, query, json!({})).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{query}");
    }
    // Age tags are coarse and open to every role; sensitive tags need sensitive access.
    let (_, body) = app
        .graphql_as(
            &admin,
            "{ residents(filter: { tags: [ELDERLY] }) { totalCount } }",
            json!({}),
        )
        .await;
    assert!(body["data"]["residents"]["totalCount"].as_u64().unwrap() > 0);
    let body = app
        .graphql(
            "{ residents(filter: { tags: [DISABLED] }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
}

const REVEAL: &str = "mutation($id: ID!, $field: RevealableField!, $purpose: String!) {
  revealResidentField(input: { residentId: $id, field: $field, purpose: $purpose }) { field value } }";

const AUDIT: &str = "{ auditLog(first: 10, filter: { action: \"revealResidentField\" }) {
  nodes { actorName action entity entityId fields purpose outcome requestId } } }";

#[tokio::test]
async fn a_reveal_returns_the_value_and_writes_its_audit_row() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let admin = app
        .token_for("admin3", &["DISTRICT_ADMIN:district:1"])
        .await;
    let vars = json!({ "id": global("Resident", person.id), "field": "ID_NUMBER", "purpose": "核实低保申请" });
    let (_, body) = app.graphql_as(&admin, REVEAL, vars).await;
    assert_eq!(
        body["data"]["revealResidentField"]["value"],
        person.id_number.as_str()
    );

    let (_, audit) = app.graphql_as(&admin, AUDIT, json!({})).await;
    let entry = &audit["data"]["auditLog"]["nodes"][0];
    assert_eq!(entry["actorName"], "admin3");
    assert_eq!(entry["entityId"], person.id);
    assert_eq!(entry["fields"], "id_number");
    assert_eq!(entry["purpose"], "核实低保申请");
    assert_eq!(entry["outcome"], "SUCCESS");
    assert!(entry["requestId"].as_str().is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn roles_without_the_right_cannot_reveal_and_the_attempt_is_audited() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let vars =
        json!({ "id": global("Resident", person.id), "field": "ID_NUMBER", "purpose": "curious" });
    let leader = app
        .token_for("leader1", &["BUILDING_LEADER:building:1"])
        .await;
    let (_, body) = app.graphql_as(&leader, REVEAL, vars.clone()).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    assert_eq!(body["data"], Value::Null);
    assert!(!body.to_string().contains(&person.id_number));

    let admin = app
        .token_for("admin4", &["DISTRICT_ADMIN:district:1"])
        .await;
    let (_, audit) = app.graphql_as(&admin, AUDIT, json!({})).await;
    assert_eq!(audit["data"]["auditLog"]["nodes"][0]["outcome"], "DENIED");
    assert_eq!(
        audit["data"]["auditLog"]["nodes"][0]["actorName"],
        "leader1"
    );
}

#[tokio::test]
async fn reveals_need_a_purpose_and_a_resident_in_scope() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let worker = app.token_for("worker1", &["GRID_WORKER:grid:2"]).await;
    let vars =
        json!({ "id": global("Resident", person.id), "field": "ID_NUMBER", "purpose": "visit" });
    let (_, body) = app.graphql_as(&worker, REVEAL, vars).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let admin = app
        .token_for("admin5", &["DISTRICT_ADMIN:district:1"])
        .await;
    for purpose in ["", "   ", &"x".repeat(201)] {
        let vars =
            json!({ "id": global("Resident", person.id), "field": "PHONE", "purpose": purpose });
        let (_, body) = app.graphql_as(&admin, REVEAL, vars).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT");
    }
}

#[tokio::test]
async fn nothing_is_revealed_when_the_audit_write_fails() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let person = adult_with_phone(&app).await;
    let admin = app
        .token_for("admin6", &["DISTRICT_ADMIN:district:1"])
        .await;
    app.state
        .db
        .execute_unprepared("ALTER TABLE audit_log RENAME TO audit_log_gone")
        .await
        .unwrap();
    let vars =
        json!({ "id": global("Resident", person.id), "field": "ID_NUMBER", "purpose": "check" });
    let (_, body) = app.graphql_as(&admin, REVEAL, vars).await;
    assert_eq!(error_code(&body), "INTERNAL");
    assert!(!body.to_string().contains(&person.id_number));
}

#[tokio::test]
async fn the_audit_log_is_for_district_administrators_only() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let body = app.graphql(AUDIT, json!({})).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let body = app.anonymous(AUDIT, json!({})).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
}

async fn client_token(app: &TestApp, scopes: &[&str]) -> String {
    let client_id = format!("app-{}", scopes.len());
    app.client_token(&client_id, scopes, |client| client).await
}

#[tokio::test]
async fn api_clients_see_their_area_masked_and_only_with_the_territory_scope() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let street = global("Street", 1);
    let expected = app
        .data(
            "query($a: ID!) { residents(filter: { areaId: $a }) { totalCount } }",
            json!({ "a": street }),
        )
        .await["residents"]["totalCount"]
        .clone();
    let token = client_token(&app, &["territory:read"]).await;
    let (_, body) = app
        .graphql_as(&token, "{ residents(first: 5) { totalCount nodes { name idNumber birthDate } } streets { totalCount } }", json!({}))
        .await;
    assert_eq!(body["data"]["residents"]["totalCount"], expected);
    for resident in body["data"]["residents"]["nodes"].as_array().unwrap() {
        assert!(resident["name"].as_str().unwrap().ends_with('*'));
        assert!(is_masked_id(resident["idNumber"].as_str().unwrap()));
        assert_eq!(resident["birthDate"], Value::Null);
    }
    // Its street and the district above it, as context.
    assert_eq!(body["data"]["streets"]["totalCount"], 1);
    let (_, body) = app
        .graphql_as(
            &token,
            "{ residents(filter: { nameContains: \"王\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");

    let without_scope = client_token(&app, &["aggregates:read", "requests:write"]).await;
    let (_, body) = app
        .graphql_as(
            &without_scope,
            "{ residents { totalCount } grids { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["residents"]["totalCount"], 0);
    assert_eq!(body["data"]["grids"]["totalCount"], 0);
}
