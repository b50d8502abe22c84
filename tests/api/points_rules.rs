//! Who may move points, and bad input: the second approver, wrong roles, out-of-scope
//! volunteers, idempotent retries.

use serde_json::json;

use crate::harness::error_code;
use crate::points_support::{Ledger, ORDERED};
use crate::requests_support::gid;

#[tokio::test]
async fn the_proposer_cannot_approve_their_own_adjustment() {
    let ledger = Ledger::open().await;
    let input = json!({ "residentId": ledger.resident_id, "amount": 50, "reason": "补录" });
    let proposed = ledger
        .ok(
            &ledger.keeper,
            "adjustPoints",
            input,
            "adjustment { id version status }",
        )
        .await;
    assert_eq!(proposed["adjustment"]["status"], "PENDING");
    let approve = json!({ "adjustmentId": proposed["adjustment"]["id"], "version": 1 });
    let selection = "adjustment { status } volunteer { available }";
    let body = ledger
        .call(
            &ledger.keeper,
            "approvePointsAdjustment",
            approve.clone(),
            selection,
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let body = ledger
        .call(
            &ledger.worker,
            "approvePointsAdjustment",
            approve.clone(),
            selection,
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let approved = ledger
        .ok(
            &ledger.second_keeper,
            "approvePointsAdjustment",
            approve.clone(),
            selection,
        )
        .await;
    assert_eq!(approved["adjustment"]["status"], "APPROVED");
    assert_eq!(approved["volunteer"]["available"], 50);
    // Approved once: the same version again is stale.
    let again = ledger
        .call(
            &ledger.second_keeper,
            "approvePointsAdjustment",
            approve,
            selection,
        )
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
}

#[tokio::test]
async fn roles_without_the_ledger_cannot_propose_adjustments_or_offer_rewards() {
    let ledger = Ledger::open().await;
    let input = json!({ "residentId": ledger.resident_id, "amount": 50, "reason": "补录" });
    for token in [&ledger.worker, &ledger.resident] {
        let body = ledger
            .call(token, "adjustPoints", input.clone(), "adjustment { id }")
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    }
    let reward = json!({ "communityId": gid("Community", 1), "name": "x", "cost": 5, "stock": 1 });
    let body = ledger
        .call(&ledger.worker, "createReward", reward, "reward { id }")
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
}

#[tokio::test]
async fn keepers_of_another_community_see_neither_the_volunteer_nor_the_reward() {
    let ledger = Ledger::open().await;
    ledger.fund(100).await;
    let reward = ledger.reward(10, 5).await;
    let other = ledger
        .app
        .token_for("keeper9", &["COMMUNITY_STAFF:community:2"])
        .await;
    let input = json!({ "residentId": ledger.resident_id, "amount": 5, "reason": "补录" });
    let body = ledger
        .call(&other, "adjustPoints", input, "adjustment { id }")
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let redeem = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let body = ledger.call(&other, "redeemReward", redeem, ORDERED).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let (_, body) = ledger
        .app
        .graphql_as(
            &other,
            "{ volunteers { totalCount } pointsReconciliation { accountsChecked } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["volunteers"]["totalCount"], 0);
    assert_eq!(body["data"]["pointsReconciliation"]["accountsChecked"], 0);
}

#[tokio::test]
async fn a_resident_redeems_for_themself_only() {
    let ledger = Ledger::open().await;
    ledger.fund(100).await;
    let reward = ledger.reward(10, 5).await;
    // A neighbour in another household of the same grid is out of the resident's sight.
    let (_, body) = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "{ residents(first: 50) { nodes { id } } }",
            json!({}),
        )
        .await;
    let neighbour = body["data"]["residents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["id"].as_str().unwrap().to_owned())
        .find(|id| *id != ledger.resident_id)
        .unwrap();
    let input = json!({ "rewardId": reward, "residentId": neighbour });
    let body = ledger
        .call(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
    assert!(
        matches!(error_code(&body), "NOT_FOUND" | "FORBIDDEN"),
        "{body:#}"
    );
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    ledger
        .ok(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
}

#[tokio::test]
async fn bad_amounts_reasons_costs_and_stocks_are_refused_and_change_nothing() {
    let ledger = Ledger::open().await;
    for (amount, reason) in [(0, "补录"), (100_001, "补录"), (5, "  ")] {
        let input = json!({ "residentId": ledger.resident_id, "amount": amount, "reason": reason });
        let body = ledger
            .call(&ledger.keeper, "adjustPoints", input, "adjustment { id }")
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{amount} {reason}");
    }
    for (cost, stock) in [(0, 1), (-5, 1), (5, -1)] {
        let input = json!({ "communityId": gid("Community", 1), "name": "x", "cost": cost, "stock": stock });
        let body = ledger
            .call(&ledger.keeper, "createReward", input, "reward { id }")
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{cost} {stock}");
    }
    let (_, body) = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "{ rewards { totalCount } volunteers { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["rewards"]["totalCount"], 0);
    assert_eq!(body["data"]["volunteers"]["totalCount"], 0);
}

#[tokio::test]
async fn a_retried_redemption_with_its_key_holds_the_points_once() {
    let ledger = Ledger::open().await;
    ledger.fund(100).await;
    let reward = ledger.reward(30, 5).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let query = crate::points_support::mutation("redeemReward", ORDERED);
    let send = || {
        ledger
            .app
            .client()
            .post(ledger.app.url("/graphql"))
            .bearer_auth(&ledger.resident)
            .header("Idempotency-Key", "redeem-bag-1")
            .json(&json!({ "query": query, "variables": { "input": input } }))
            .send()
    };
    let first: serde_json::Value = send().await.unwrap().json().await.unwrap();
    let retry: serde_json::Value = send().await.unwrap().json().await.unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(first, retry);
    let account = ledger.account().await;
    assert_eq!(account["available"], 70);
    assert_eq!(account["ledger"]["totalCount"], 2);
}
