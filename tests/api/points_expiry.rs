//! Expiry of points: an EXPIRE entry retires unused points, never past the available
//! balance, only by a ledger keeper, and the ledger still reconciles.

use serde_json::json;

use crate::harness::error_code;
use crate::points_support::Ledger;

const MOVED: &str = "volunteer { available held } entry { kind amount availableAfter reason }";

#[tokio::test]
async fn expiry_retires_points_but_never_below_zero() {
    let ledger = Ledger::open().await;
    ledger.fund(30).await;
    let input = |amount: i64| json!({ "residentId": ledger.resident_id, "amount": amount, "reason": "两年未使用" });
    let expired = ledger
        .ok(&ledger.keeper, "expirePoints", input(20), MOVED)
        .await;
    assert_eq!(expired["volunteer"]["available"], 10);
    assert_eq!(expired["entry"]["kind"], "EXPIRE");
    assert_eq!(expired["entry"]["amount"], -20);
    assert_eq!(expired["entry"]["availableAfter"], 10);
    let too_much = ledger
        .call(&ledger.keeper, "expirePoints", input(20), MOVED)
        .await;
    assert_eq!(error_code(&too_much), "CONFLICT");
    for amount in [0, -5] {
        let body = ledger
            .call(&ledger.keeper, "expirePoints", input(amount), MOVED)
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{amount}");
    }
    let worker = ledger
        .call(&ledger.worker, "expirePoints", input(1), MOVED)
        .await;
    assert_eq!(error_code(&worker), "FORBIDDEN");
    let own = ledger
        .call(&ledger.resident, "expirePoints", input(1), MOVED)
        .await;
    assert_eq!(error_code(&own), "FORBIDDEN");
    assert_eq!(ledger.account().await["available"], 10);
    assert_eq!(ledger.reconciliation().await["consistent"], true);
}
