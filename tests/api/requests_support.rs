//! Helpers of the request tests: people on the Tiny fixture, and one call per mutation.
//!
//! Grid 1 (community 1, street 1) holds buildings 1 and 2; grid 2 is its neighbour.
//! Staff: COMMUNITY_STAFF on community 1 (dispatches up to the community level); a grid
//! worker on grid 1 (who handles what is assigned to them) and one on grid 2.

use community_hub::access::{AreaKind, Role};
use community_hub::auth::{GrantSpec, NewUser};
use entity::{building, household, request, request_event, resident};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};

pub fn gid(kind: &str, id: i32) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// What a mutation answers about the request and the event.
pub const CHANGED: &str = "request { id version status level reworkCount slaState dueAt
    availableActions } event { action fromStatus toStatus fromLevel toLevel note }";

pub struct Desk {
    pub app: TestApp,
    pub staff: String,
    pub worker: String,
    pub worker_id: i32,
    pub other_worker: String,
}

impl Desk {
    pub async fn open() -> Desk {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let staff = app
            .token_for("desk", &["COMMUNITY_STAFF:community:1"])
            .await;
        let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
        let other_worker = app.token_for("worker2", &["GRID_WORKER:grid:2"]).await;
        let worker_id = user_id(&app, "worker1").await;
        Desk {
            app,
            staff,
            worker,
            worker_id,
            other_worker,
        }
    }

    /// A mutation as `token`: `name(input: $input) { CHANGED }`; the whole body.
    pub async fn call(&self, token: &str, name: &str, input: Value) -> Value {
        let query = mutation(name);
        let (_, body) = self
            .app
            .graphql_as(token, &query, json!({ "input": input }))
            .await;
        body
    }

    /// A mutation with an `Idempotency-Key`; the whole body.
    pub async fn call_with_key(&self, token: &str, key: &str, name: &str, input: Value) -> Value {
        let response = self
            .app
            .client()
            .post(self.app.url("/graphql"))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(&json!({ "query": mutation(name), "variables": { "input": input } }))
            .send()
            .await
            .expect("request sent");
        response.json().await.expect("JSON body")
    }

    /// A mutation that must succeed; its `request` and `event`.
    pub async fn ok(&self, token: &str, name: &str, input: Value) -> Value {
        let body = self.call(token, name, input).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name].clone()
    }

    /// A walk-in report by an anonymous contact about building 1 (grid 1), submitted
    /// by the staff desk; the submitted request.
    pub async fn walk_in(&self, category: &str, urgency: &str) -> Value {
        let input = walk_in_input(category, urgency);
        self.ok(&self.staff, "submitRequest", input).await["request"].clone()
    }

    /// `name` on the request `request` (as last seen) with extra input fields.
    pub async fn step(&self, token: &str, name: &str, request: &Value, extra: Value) -> Value {
        self.call(token, name, with_target(request, extra)).await
    }

    /// [`Desk::step`] that must succeed; the request after it.
    pub async fn advance(&self, token: &str, name: &str, request: &Value, extra: Value) -> Value {
        let body = self.step(token, name, request, extra).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name]["request"].clone()
    }

    /// Takes a new walk-in request to IN_PROGRESS with the grid worker; the request.
    pub async fn in_progress(&self, category: &str) -> Value {
        let submitted = self.walk_in(category, "NORMAL").await;
        self.in_progress_from(&submitted).await
    }

    /// Takes a submitted request to IN_PROGRESS with the grid worker; the request.
    pub async fn in_progress_from(&self, submitted: &Value) -> Value {
        let accepted = self
            .advance(&self.staff, "acceptRequest", submitted, json!({}))
            .await;
        let assignee = json!({ "assigneeId": gid("User", self.worker_id) });
        let assigned = self
            .advance(&self.staff, "assignRequest", &accepted, assignee)
            .await;
        let signed = self
            .advance(&self.worker, "signRequest", &assigned, json!({}))
            .await;
        self.advance(&self.worker, "startRequest", &signed, json!({}))
            .await
    }

    /// Fails a RESOLVED request's verification as the staff (BEGIN, then FAIL): it
    /// goes back to the assignee for rework; the request.
    pub async fn failed_verification(&self, resolved: &Value) -> Value {
        self.verification(resolved, "FAIL").await
    }

    /// Verifies a RESOLVED request as the staff (BEGIN, then PASS): it then awaits
    /// evaluation; the request.
    pub async fn verified(&self, resolved: &Value) -> Value {
        self.verification(resolved, "PASS").await
    }

    /// Resolves an IN_PROGRESS request as the grid worker with `note`; the request.
    pub async fn resolved(&self, working: &Value, note: &str) -> Value {
        let note = json!({ "note": note });
        self.advance(&self.worker, "resolveRequest", working, note)
            .await
    }

    /// Verifies a RESOLVED request and records a satisfied evaluation as the staff;
    /// the request, then CLOSED_RESOLVED.
    pub async fn closed_satisfied(&self, resolved: &Value) -> Value {
        let verified = self.verified(resolved).await;
        let satisfied = json!({ "satisfaction": "SATISFIED" });
        self.advance(&self.staff, "evaluateRequest", &verified, satisfied)
            .await
    }

    /// Begins the verification of a RESOLVED request as the staff and ends it with
    /// `outcome`; the request.
    async fn verification(&self, resolved: &Value, outcome: &str) -> Value {
        let begin = json!({ "step": "BEGIN" });
        let verifying = self
            .advance(&self.staff, "verifyRequest", resolved, begin)
            .await;
        let end = json!({ "step": outcome });
        self.advance(&self.staff, "verifyRequest", &verifying, end)
            .await
    }
}

pub fn walk_in_input(category: &str, urgency: &str) -> Value {
    json!({
        "channel": "WALK_IN",
        "categoryCode": category,
        "placeId": gid("Building", 1),
        "contact": { "name": "王小明", "phone": "13812345678" },
        "description": "楼道里堆满了垃圾，三天没人清运",
        "attachments": ["https://img.example.com/corridor.jpg"],
        "urgency": urgency,
    })
}

/// `{requestId, version}` of `request` plus `extra`.
pub fn with_target(request: &Value, extra: Value) -> Value {
    let mut input = json!({ "requestId": request["id"], "version": request["version"] });
    for (key, value) in extra.as_object().cloned().unwrap_or_default() {
        input[key] = value;
    }
    input
}

fn mutation(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    let input = format!("{first}{}Input", chars.as_str());
    format!("mutation($input: {input}!) {{ {name}(input: $input) {{ {CHANGED} }} }}")
}

pub async fn user_id(app: &TestApp, username: &str) -> i32 {
    use entity::app_user;
    app_user::Entity::find()
        .filter(app_user::Column::Username.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("user exists")
        .id
}

/// A resident of household 1 with an account; (token, resident id).
pub async fn resident_account(app: &TestApp) -> (String, i32) {
    let household = household::Entity::find()
        .order_by_asc(household::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let person = resident::Entity::find()
        .filter(resident::Column::HouseholdId.eq(household.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let user = NewUser {
        username: "resident1".to_owned(),
        password: "correct horse battery".to_owned(),
        display_name: "resident1".to_owned(),
        resident_id: Some(person.id),
        grants: vec![GrantSpec {
            role: Role::Resident,
            area_kind: AreaKind::Household,
            area_id: household.id,
        }],
    };
    app.state.auth.create_user(user).await.unwrap();
    let token = app
        .state
        .auth
        .issue_token_for_user("resident1")
        .await
        .unwrap();
    (token.token, person.id)
}

/// Rows of `request` and `request_event`.
pub async fn counts(app: &TestApp) -> (u64, u64) {
    let requests = request::Entity::find().count(&app.state.db).await.unwrap();
    let events = request_event::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    (requests, events)
}

/// The first building of grid `grid`.
pub async fn building_of_grid(app: &TestApp, grid: i32) -> i32 {
    building::Entity::find()
        .filter(building::Column::GridId.eq(grid))
        .order_by_asc(building::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}
