//! Helpers of the points tests: two ledger keepers of community 1 (an adjustment needs
//! both), a resident of household 1 with an account, a grid worker (sees, keeps
//! nothing), and one call per mutation.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};
use crate::requests_support::{gid, resident_account};

pub struct Ledger {
    pub app: TestApp,
    pub keeper: String,
    pub second_keeper: String,
    pub worker: String,
    pub resident: String,
    pub resident_id: String,
}

impl Ledger {
    pub async fn open() -> Ledger {
        let app = TestApp::seeded(Fixture::Tiny).await;
        let keeper = app
            .token_for("keeper1", &["COMMUNITY_STAFF:community:1"])
            .await;
        let second_keeper = app
            .token_for("keeper2", &["COMMUNITY_STAFF:community:1"])
            .await;
        let worker = app.token_for("worker1", &["GRID_WORKER:grid:1"]).await;
        let (resident, resident_id) = resident_account(&app).await;
        Ledger {
            app,
            keeper,
            second_keeper,
            worker,
            resident,
            resident_id: gid("Resident", resident_id),
        }
    }

    /// `name(input: $input) { selection }` as `token`; the whole body.
    pub async fn call(&self, token: &str, name: &str, input: Value, selection: &str) -> Value {
        let query = mutation(name, selection);
        let (_, body) = self
            .app
            .graphql_as(token, &query, json!({ "input": input }))
            .await;
        body
    }

    /// A mutation that must succeed; its payload.
    pub async fn ok(&self, token: &str, name: &str, input: Value, selection: &str) -> Value {
        let body = self.call(token, name, input, selection).await;
        assert!(body.get("errors").is_none(), "{name}: {body:#}");
        body["data"][name].clone()
    }

    /// A reward of community 1; its id.
    pub async fn reward(&self, cost: i64, stock: i32) -> String {
        let input = json!({ "communityId": gid("Community", 1), "name": "环保袋",
            "cost": cost, "stock": stock });
        let payload = self
            .ok(&self.keeper, "createReward", input, "reward { id }")
            .await;
        payload["reward"]["id"].as_str().unwrap().to_owned()
    }

    /// Gives the resident `amount` points: proposed by one keeper, approved by the other.
    pub async fn fund(&self, amount: i64) -> Value {
        let input = json!({ "residentId": self.resident_id, "amount": amount,
            "reason": "补录活动时长" });
        let proposed = self
            .ok(
                &self.keeper,
                "adjustPoints",
                input,
                "adjustment { id version }",
            )
            .await;
        let approve = json!({ "adjustmentId": proposed["adjustment"]["id"],
            "version": proposed["adjustment"]["version"] });
        self.ok(
            &self.second_keeper,
            "approvePointsAdjustment",
            approve,
            "volunteer { id available held } entry { id kind amount availableAfter }",
        )
        .await
    }

    /// The resident's account as the keeper sees it.
    pub async fn account(&self) -> Value {
        let query = "query($r: ID!) { volunteers(filter: { residentId: $r }) { nodes {
            id available held ledger(first: 100) { totalCount nodes { kind amount heldAmount
            availableAfter heldAfter } } } } }";
        let (_, body) = self
            .app
            .graphql_as(&self.keeper, query, json!({ "r": self.resident_id }))
            .await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["volunteers"]["nodes"][0].clone()
    }

    /// The reconciliation as the keeper sees it.
    pub async fn reconciliation(&self) -> Value {
        let query = "{ pointsReconciliation { accountsChecked entriesChecked consistent
            mismatches { volunteerId available summedAvailable lastAvailable } } }";
        let (_, body) = self.app.graphql_as(&self.keeper, query, json!({})).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"]["pointsReconciliation"].clone()
    }
}

/// `mutation($input: NameInput!) { name(input: $input) { selection } }`, with the
/// input type the mutations share where they do.
pub fn mutation(name: &str, selection: &str) -> String {
    let input = match name {
        "fulfilRedemption" | "cancelRedemption" => "SettleRedemptionInput".to_owned(),
        _ => {
            let mut chars = name.chars();
            let first = chars.next().unwrap().to_ascii_uppercase();
            format!("{first}{}Input", chars.as_str())
        }
    };
    format!("mutation($input: {input}!) {{ {name}(input: $input) {{ {selection} }} }}")
}

/// What redemption mutations answer.
pub const ORDERED: &str = "order { id version status points } volunteer { available held } entry { kind amount heldAmount availableAfter heldAfter }";
