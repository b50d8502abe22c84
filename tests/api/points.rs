//! The volunteer points ledger: redemption under concurrency, holds, fulfilment and
//! cancellation, stock, reversal and reconciliation.

use serde_json::json;

use crate::harness::error_code;
use crate::points_support::{Ledger, ORDERED};

#[tokio::test]
async fn twenty_concurrent_redemptions_against_a_balance_for_one_let_exactly_one_through() {
    let ledger = Ledger::open().await;
    ledger.fund(100).await;
    let reward = ledger.reward(100, 50).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let calls =
        (0..20).map(|_| ledger.call(&ledger.resident, "redeemReward", input.clone(), ORDERED));
    let answers = futures_util::future::join_all(calls).await;
    let won: Vec<_> = answers
        .iter()
        .filter(|a| a.get("errors").is_none())
        .collect();
    assert_eq!(won.len(), 1, "{answers:#?}");
    for lost in answers.iter().filter(|a| a.get("errors").is_some()) {
        assert_eq!(error_code(lost), "CONFLICT", "{lost:#}");
    }
    let account = ledger.account().await;
    assert_eq!(account["available"], 0);
    assert_eq!(account["held"], 100);
    // ADJUST then one HOLD: no entry ever recorded a balance below zero.
    let entries = account["ledger"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert!(
        entries
            .iter()
            .all(|e| e["availableAfter"].as_i64().unwrap() >= 0)
    );
    let stock = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "query($id: ID!) { reward(id: $id) { stock } }",
            json!({ "id": reward }),
        )
        .await
        .1;
    assert_eq!(stock["data"]["reward"]["stock"], 49);
    assert_eq!(ledger.reconciliation().await["consistent"], true);
}

#[tokio::test]
async fn a_hold_is_spent_on_fulfilment_and_given_back_on_cancellation() {
    let ledger = Ledger::open().await;
    ledger.fund(300).await;
    let reward = ledger.reward(100, 5).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let first = ledger
        .ok(&ledger.resident, "redeemReward", input.clone(), ORDERED)
        .await;
    assert_eq!(first["entry"]["kind"], "HOLD");
    assert_eq!(first["volunteer"]["available"], 200);
    assert_eq!(first["volunteer"]["held"], 100);
    let settle = json!({ "orderId": first["order"]["id"], "version": first["order"]["version"] });
    // The resident may cancel their own order but not mark it handed over.
    let body = ledger
        .call(
            &ledger.resident,
            "fulfilRedemption",
            settle.clone(),
            ORDERED,
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let fulfilled = ledger
        .ok(&ledger.keeper, "fulfilRedemption", settle.clone(), ORDERED)
        .await;
    assert_eq!(fulfilled["order"]["status"], "FULFILLED");
    assert_eq!(fulfilled["entry"]["kind"], "REDEEM");
    assert_eq!(fulfilled["volunteer"]["held"], 0);
    assert_eq!(fulfilled["volunteer"]["available"], 200);
    // The version it was read at is stale now.
    let body = ledger
        .call(&ledger.keeper, "cancelRedemption", settle, ORDERED)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");

    let second = ledger
        .ok(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
    let settle = json!({ "orderId": second["order"]["id"], "version": second["order"]["version"] });
    let cancelled = ledger
        .ok(&ledger.resident, "cancelRedemption", settle, ORDERED)
        .await;
    assert_eq!(cancelled["order"]["status"], "CANCELLED");
    assert_eq!(cancelled["entry"]["kind"], "RELEASE");
    assert_eq!(cancelled["volunteer"]["available"], 200);
    assert_eq!(cancelled["volunteer"]["held"], 0);
    let stock = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "query($id: ID!) { reward(id: $id) { stock } }",
            json!({ "id": reward }),
        )
        .await
        .1;
    assert_eq!(stock["data"]["reward"]["stock"], 4);
    let reconciliation = ledger.reconciliation().await;
    assert_eq!(reconciliation["consistent"], true);
    assert_eq!(reconciliation["entriesChecked"], 5);
}

#[tokio::test]
async fn redeeming_a_reward_out_of_stock_is_refused_and_changes_nothing() {
    let ledger = Ledger::open().await;
    ledger.fund(500).await;
    let reward = ledger.reward(100, 1).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    ledger
        .ok(&ledger.resident, "redeemReward", input.clone(), ORDERED)
        .await;
    let body = ledger
        .call(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    let account = ledger.account().await;
    assert_eq!(account["available"], 400);
    assert_eq!(account["ledger"]["totalCount"], 2);
}

#[tokio::test]
async fn concurrent_redemptions_of_the_last_unit_leave_the_stock_at_zero() {
    let ledger = Ledger::open().await;
    ledger.fund(1000).await;
    let reward = ledger.reward(10, 3).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let calls =
        (0..10).map(|_| ledger.call(&ledger.resident, "redeemReward", input.clone(), ORDERED));
    let answers = futures_util::future::join_all(calls).await;
    let won = answers.iter().filter(|a| a.get("errors").is_none()).count();
    assert_eq!(won, 3, "{answers:#?}");
    let account = ledger.account().await;
    assert_eq!(account["available"], 970);
    assert_eq!(account["held"], 30);
}

#[tokio::test]
async fn a_reversal_undoes_an_entry_once_and_reconciliation_finds_a_tampered_balance() {
    let ledger = Ledger::open().await;
    let funded = ledger.fund(80).await;
    let input = json!({ "entryId": funded["entry"]["id"], "reason": "重复录入" });
    let selection = "volunteer { available } entry { kind amount availableAfter reverses { id } }";
    let reversed = ledger
        .ok(
            &ledger.keeper,
            "reversePointsEntry",
            input.clone(),
            selection,
        )
        .await;
    assert_eq!(reversed["entry"]["kind"], "REVERSAL");
    assert_eq!(reversed["entry"]["amount"], -80);
    assert_eq!(reversed["entry"]["reverses"]["id"], funded["entry"]["id"]);
    assert_eq!(reversed["volunteer"]["available"], 0);
    let again = ledger
        .call(&ledger.keeper, "reversePointsEntry", input, selection)
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    assert_eq!(ledger.reconciliation().await["consistent"], true);

    // A balance written behind the ledger's back.
    use sea_orm::ConnectionTrait;
    ledger
        .app
        .state
        .db
        .execute_unprepared("UPDATE points_account SET available = available + 7")
        .await
        .unwrap();
    let reconciliation = ledger.reconciliation().await;
    assert_eq!(reconciliation["consistent"], false);
    let mismatch = &reconciliation["mismatches"][0];
    assert_eq!(mismatch["volunteerId"], funded["volunteer"]["id"]);
    assert_eq!(mismatch["available"], 7);
    assert_eq!(mismatch["summedAvailable"], 0);
    assert_eq!(mismatch["lastAvailable"], 0);
}

#[tokio::test]
async fn a_reversal_that_would_take_the_balance_below_zero_is_refused() {
    let ledger = Ledger::open().await;
    let funded = ledger.fund(100).await;
    let reward = ledger.reward(60, 5).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    ledger
        .ok(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
    let input = json!({ "entryId": funded["entry"]["id"], "reason": "重复录入" });
    let body = ledger
        .call(&ledger.keeper, "reversePointsEntry", input, "entry { id }")
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    assert_eq!(ledger.account().await["available"], 40);
}

#[tokio::test]
async fn the_database_refuses_a_negative_balance_and_edits_to_entries() {
    let ledger = Ledger::open().await;
    ledger.fund(10).await;
    use sea_orm::ConnectionTrait;
    let db = &ledger.app.state.db;
    let negative = db
        .execute_unprepared("UPDATE points_account SET available = -1")
        .await;
    assert!(negative.is_err());
    let edited = db
        .execute_unprepared("UPDATE points_entry SET amount = 1000")
        .await;
    assert!(edited.is_err());
    let deleted = db.execute_unprepared("DELETE FROM points_entry").await;
    assert!(deleted.is_err());
    assert_eq!(ledger.account().await["available"], 10);
}

#[tokio::test]
async fn the_demo_seeds_a_funded_volunteer_with_a_held_redemption() {
    use crate::harness::{Fixture, TestApp};
    let app = TestApp::seeded(Fixture::Tiny).await;
    community_hub::auth::demo::create_demo_accounts(&app.state, "demo password 1")
        .await
        .unwrap();
    let posted = community_hub::seed::points::seed_demo_points(&app.state)
        .await
        .unwrap();
    assert_eq!(posted, 2);
    let body = app
        .data(
            "{ rewards { totalCount } volunteers { nodes { available held
               ledger { nodes { kind amount availableAfter } } } }
               redemptionOrders(filter: { status: [HELD] }) { totalCount }
               pointsReconciliation { consistent accountsChecked } }",
            json!({}),
        )
        .await;
    assert_eq!(body["rewards"]["totalCount"], 2);
    let volunteer = &body["volunteers"]["nodes"][0];
    assert_eq!(volunteer["available"], 70);
    assert_eq!(volunteer["held"], 50);
    let kinds: Vec<_> = volunteer["ledger"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["ADJUST", "HOLD"]);
    assert_eq!(body["redemptionOrders"]["totalCount"], 1);
    assert_eq!(body["pointsReconciliation"]["consistent"], true);
    assert_eq!(body["pointsReconciliation"]["accountsChecked"], 1);
}
