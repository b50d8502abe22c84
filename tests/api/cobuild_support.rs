//! Helpers of the co-building tests: keepers of communities 1 and 2 (street 1), a street
//! administrator, a grid worker of grid 1, a resident, and one call per mutation; a unit
//! registered and allied with community 1, with a resource.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::{gid, resident_account};

/// Valid unified social credit codes (checked by hand against GB 32100).
pub const CODES: [&str; 4] = [
    "91350100M000100Y43",
    "914403001922038216",
    "9144030071526726XG",
    "91110000802100433B",
];

pub const NEED: &str = "need { id version status claimedBy { id name } project { id } }";

pub struct Hub {
    pub app: TestApp,
    pub staff: String,
    pub other_staff: String,
    pub street: String,
    pub worker: String,
    pub resident: String,
}

impl Hub {
    pub async fn open() -> Hub {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let staff = app
            .token_for("staff1", &["COMMUNITY_STAFF:community:1"])
            .await;
        let other_staff = app
            .token_for("staff2", &["COMMUNITY_STAFF:community:2"])
            .await;
        let street = app.token_for("street1", &["STREET_ADMIN:street:1"]).await;
        let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
        let (resident, _) = resident_account(&app).await;
        Hub {
            app,
            staff,
            other_staff,
            street,
            worker,
            resident,
        }
    }

    /// `name(input: $input) { selection }` as `token`; the whole body.
    pub async fn call(&self, token: &str, name: &str, input: Value, selection: &str) -> Value {
        let (_, body) = self
            .app
            .graphql_as(token, &mutation(name, selection), json!({ "input": input }))
            .await;
        body
    }

    /// A mutation that must succeed; its payload.
    pub async fn ok(&self, token: &str, name: &str, input: Value, selection: &str) -> Value {
        let body = self.call(token, name, input, selection).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name].clone()
    }

    /// A query that must succeed; its data.
    pub async fn query(&self, token: &str, query: &str, variables: Value) -> Value {
        let (_, body) = self.app.graphql_as(token, query, variables).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"].clone()
    }

    /// A unit registered with community `community` by its staff `token`; its id.
    pub async fn unit(&self, token: &str, community: i32, code: &str) -> String {
        let input = json!({ "name": "市第一人民医院", "unitType": "HOSPITAL", "creditCode": code,
            "contactName": "王建国", "contactPhone": "13812345678",
            "areaId": gid("Community", community) });
        let payload = self
            .ok(token, "registerCoBuildingUnit", input, "unit { id }")
            .await;
        payload["unit"]["id"].as_str().unwrap().to_owned()
    }

    /// `unit` joins the alliance of community `community`.
    pub async fn ally(&self, token: &str, unit: &str, community: i32) {
        let input = json!({ "unitId": unit, "areaId": gid("Community", community),
            "joinedOn": "2026-01-01", "agreement": "共建协议 2026-01" });
        self.ok(token, "joinAlliance", input, "membership { id }")
            .await;
    }

    /// A resource of `unit` in `category`; its id.
    pub async fn resource(&self, token: &str, unit: &str, category: &str, quantity: i32) -> String {
        let input = offer(unit, category, quantity);
        let payload = self
            .ok(token, "offerResource", input, "resource { id }")
            .await;
        payload["resource"]["id"].as_str().unwrap().to_owned()
    }

    /// An open need of `area` (a global id) in `category`; its id.
    pub async fn need(&self, token: &str, area: &str, category: &str) -> String {
        let payload = self
            .ok(token, "publishNeed", need(area, category), NEED)
            .await;
        assert_eq!(payload["need"]["status"], "OPEN");
        payload["need"]["id"].as_str().unwrap().to_owned()
    }

    /// A unit of community 1, allied with it, with an ELDERLY_CARE resource.
    pub async fn allied_unit(&self, code: &str) -> String {
        let unit = self.unit(&self.staff, 1, code).await;
        self.ally(&self.staff, &unit, 1).await;
        self.resource(&self.staff, &unit, "ELDERLY_CARE", 20).await;
        unit
    }
}

/// A resource offer's input, available around the test clock.
pub fn offer(unit: &str, category: &str, quantity: i32) -> Value {
    json!({ "unitId": unit, "resourceType": "VOLUNTEERS", "category": category,
        "description": "医护志愿者上门服务", "quantity": quantity,
        "availableFrom": "2026-06-01T00:00:00Z", "availableTo": "2026-12-31T00:00:00Z" })
}

/// A need's input.
pub fn need(area: &str, category: &str) -> Value {
    json!({ "areaId": area, "category": category, "title": "独居老人助浴",
        "description": "12 位独居老人需要每周助浴", "beneficiaries": 12 })
}

/// `mutation($input: NameInput!) { name(input: $input) { selection } }`; fulfilling and
/// withdrawing share one input type.
pub fn mutation(name: &str, selection: &str) -> String {
    match name {
        "fulfilNeed" | "withdrawNeed" => format!(
            "mutation($input: SettleNeedInput!) {{ {name}(input: $input) {{ {selection} }} }}"
        ),
        _ => crate::points_support::mutation(name, selection),
    }
}
