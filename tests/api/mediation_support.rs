//! Helpers of the mediation API tests: on the Tiny fixture, community 1's staff (who
//! open and close cases), a grid worker of grid 1 who mediates, and one call per
//! mutation.

use entity::{grid, resident};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::{gid, user_id};

/// What every mediation mutation answers about the case.
pub const CASE: &str = "case { id version status outcome major followUpDue followUpOverdue
    agreementSignedOn followedUpOn community { id } grid { id }
    parties { totalCount nodes { name phone resident { id } } }
    sessions { totalCount nodes { heldOn notes } } }";

pub struct Table {
    pub app: TestApp,
    /// COMMUNITY_STAFF on community 1.
    pub staff: String,
    /// GRID_WORKER on grid 1, the mediator of the cases opened here.
    pub mediator: String,
    pub mediator_id: i32,
    /// GRID_WORKER on grid 2.
    pub other_worker: String,
}

impl Table {
    pub async fn open() -> Table {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let staff = app
            .token_for("mediation-desk", &["COMMUNITY_STAFF:community:1"])
            .await;
        let mediator = app.token_for("mediator1", &["GRID_WORKER:grid:1"]).await;
        let other_worker = app.token_for("mediator2", &["GRID_WORKER:grid:2"]).await;
        let mediator_id = user_id(&app, "mediator1").await;
        Table {
            app,
            staff,
            mediator,
            mediator_id,
            other_worker,
        }
    }

    /// `name(input: $input) { payload }` as `token`; the whole body.
    pub async fn call(&self, token: &str, name: &str, input: Value) -> Value {
        let payload = if name == "openMediationCase" {
            format!("{CASE} parties {{ name }}")
        } else {
            format!("{CASE} session {{ heldOn }}")
        };
        let query = format!(
            "mutation($input: {}Input!) {{ {name}(input: $input) {{ {payload} }} }}",
            capitalised(name)
        );
        let (_, body) = self
            .app
            .graphql_as(token, &query, json!({ "input": input }))
            .await;
        body
    }

    /// [`Table::call`] that must succeed; the case after it.
    pub async fn ok(&self, token: &str, name: &str, input: Value) -> Value {
        let body = self.call(token, name, input).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name]["case"].clone()
    }

    /// A minor case in grid 1 between a resident of grid 1 and an outsider.
    pub async fn case_input(&self) -> Value {
        let resident = residents_of_grid(&self.app, 1).await[0];
        json!({
            "areaId": gid("Grid", 1),
            "place": "1号楼2单元楼道",
            "category": "NEIGHBOUR",
            "summary": " 楼上卫生间漏水，楼下天花板受损 ",
            "mediatorId": gid("User", self.mediator_id),
            "parties": [
                { "residentId": gid("Resident", resident) },
                { "outsider": { "name": "张三丰", "phone": "13812345678" } },
            ],
        })
    }

    /// A case opened by the staff; the case.
    pub async fn opened(&self) -> Value {
        let input = self.case_input().await;
        self.ok(&self.staff, "openMediationCase", input).await
    }

    /// `name` on `case` (as last seen) with extra input fields, as `token`.
    pub async fn step(&self, token: &str, name: &str, case: &Value, extra: Value) -> Value {
        let mut input = json!({ "caseId": case["id"], "version": case["version"] });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        self.call(token, name, input).await
    }

    /// [`Table::step`] that must succeed; the case after it.
    pub async fn advance(&self, token: &str, name: &str, case: &Value, extra: Value) -> Value {
        let body = self.step(token, name, case, extra).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name]["case"].clone()
    }

    /// A case taken to AGREED (a session on 06-10, agreement signed on 06-12).
    pub async fn agreed(&self) -> Value {
        let case = self.opened().await;
        let session = json!({ "heldOn": "2026-06-10", "notes": "双方到场，初步沟通" });
        let case = self
            .advance(&self.mediator, "recordMediationSession", &case, session)
            .await;
        let agreement = json!({ "signedOn": "2026-06-12", "agreement": "楼上维修并赔偿500元" });
        self.advance(&self.mediator, "recordMediationAgreement", &case, agreement)
            .await
    }
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The ids of the residents living in grid `grid`, in id order.
pub async fn residents_of_grid(app: &TestApp, grid: i32) -> Vec<i32> {
    let db = &app.state.db;
    let grid = grid::Entity::find_by_id(grid)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    resident::Entity::find()
        .filter(resident::Column::AreaPath.starts_with(&grid.path))
        .order_by_asc(resident::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect()
}
