//! Helpers of the visit tests: a grid worker on grid 1 of the Tiny fixture, the
//! households of a grid, and one call per visit mutation.

use chrono::{DateTime, Duration, Utc};
use entity::{grid, household, request, visit, visit_finding, visit_household};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::{gid, user_id};

/// What `recordVisit` answers.
pub const RECORDED: &str = "visit { id version visitedAt workerId grid { id }
    households { totalCount nodes { household { id } } } }
    findings { id version duty note request { id } }";

/// What `openRequestFromFinding` answers.
pub const OPENED: &str = "finding { id version request { id } }
    request { id channel status household { id } description }
    event { action toStatus }";

pub struct Round {
    pub app: TestApp,
    /// GRID_WORKER on grid 1.
    pub worker: String,
    pub worker_id: i32,
    /// GRID_WORKER on grid 2.
    pub other_worker: String,
}

impl Round {
    pub async fn open() -> Round {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let worker = app.token_for("walker1", &["GRID_WORKER:grid:1"]).await;
        let other_worker = app.token_for("walker2", &["GRID_WORKER:grid:2"]).await;
        let worker_id = user_id(&app, "walker1").await;
        Round {
            app,
            worker,
            worker_id,
            other_worker,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.app.state.clock.now()
    }

    /// A visit an hour ago to `households` of grid 1 with `findings` as `(duty, note)`.
    pub fn input(&self, households: &[i32], findings: &[(&str, &str)]) -> Value {
        json!({
            "visitedAt": (self.now() - Duration::hours(1)).to_rfc3339(),
            "householdIds": households.iter().map(|id| gid("Household", *id)).collect::<Vec<_>>(),
            "findings": findings
                .iter()
                .map(|(duty, note)| json!({ "duty": duty, "note": note }))
                .collect::<Vec<_>>(),
        })
    }

    /// `recordVisit` as `token`; the whole body.
    pub async fn record(&self, token: &str, input: Value) -> Value {
        let query = format!(
            "mutation($input: RecordVisitInput!) {{ recordVisit(input: $input) {{ {RECORDED} }} }}"
        );
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    /// `recordVisit` as the worker that must succeed; the payload.
    pub async fn recorded(&self, input: Value) -> Value {
        let body = self.record(&self.worker, input).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["recordVisit"].clone()
    }

    /// `openRequestFromFinding` as `token`; the whole body.
    pub async fn open_request(&self, token: &str, input: Value) -> Value {
        let query = format!(
            "mutation($input: OpenRequestFromFindingInput!) {{ openRequestFromFinding(input: $input) {{ {OPENED} }} }}"
        );
        self.app
            .graphql_as(token, &query, json!({ "input": input }))
            .await
            .1
    }

    /// Rows of the visit tables and of requests: (visits, links, findings, requests).
    pub async fn rows(&self) -> (u64, u64, u64, u64) {
        let db = &self.app.state.db;
        (
            visit::Entity::find().count(db).await.unwrap(),
            visit_household::Entity::find().count(db).await.unwrap(),
            visit_finding::Entity::find().count(db).await.unwrap(),
            request::Entity::find().count(db).await.unwrap(),
        )
    }
}

/// The household ids of grid `grid`, in id order.
pub async fn households_of_grid(app: &TestApp, grid: i32) -> Vec<i32> {
    let db = &app.state.db;
    let grid = grid::Entity::find_by_id(grid)
        .one(db)
        .await
        .unwrap()
        .expect("grid exists");
    household::Entity::find()
        .filter(household::Column::Path.starts_with(&grid.path))
        .order_by_asc(household::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect()
}

/// The `openRequestFromFinding` input for `finding` (a recorded finding's JSON).
pub fn from_finding(finding: &Value) -> Value {
    json!({
        "findingId": finding["id"],
        "categoryCode": "PROPERTY_REPAIR",
        "urgency": "URGENT",
    })
}
