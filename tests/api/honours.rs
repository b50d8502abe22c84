//! Honours: nominated by one ledger keeper, decided once by another, at the version read.

use serde_json::json;

use crate::harness::error_code;
use crate::points_support::Ledger;

const HONOUR: &str = "honour { id version status title }";

#[tokio::test]
async fn an_honour_is_nominated_by_one_keeper_and_decided_once_by_another() {
    let ledger = Ledger::open().await;
    let nominate = json!({ "residentId": ledger.resident_id, "title": "最美三长",
        "reason": "十年如一日服务楼栋居民" });
    let worker = ledger
        .call(&ledger.worker, "nominateHonour", nominate.clone(), HONOUR)
        .await;
    assert_eq!(error_code(&worker), "FORBIDDEN");
    let mut untitled = nominate.clone();
    untitled["title"] = json!("  ");
    let body = ledger
        .call(&ledger.keeper, "nominateHonour", untitled, HONOUR)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let nominated = ledger
        .ok(&ledger.keeper, "nominateHonour", nominate, HONOUR)
        .await;
    assert_eq!(nominated["honour"]["status"], "NOMINATED");
    let id = nominated["honour"]["id"].clone();
    let decide = |version: i64| json!({ "honourId": id, "version": version, "approve": true });
    let own = ledger
        .call(&ledger.keeper, "decideHonour", decide(1), HONOUR)
        .await;
    assert_eq!(
        error_code(&own),
        "FORBIDDEN",
        "the nominator does not decide"
    );
    let stale = ledger
        .call(&ledger.second_keeper, "decideHonour", decide(2), HONOUR)
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let approved = ledger
        .ok(&ledger.second_keeper, "decideHonour", decide(1), HONOUR)
        .await;
    assert_eq!(approved["honour"]["status"], "APPROVED");
    assert_eq!(approved["honour"]["version"], 2);
    let again = ledger
        .call(&ledger.second_keeper, "decideHonour", decide(2), HONOUR)
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    let (_, body) = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "{ honours(filter: { status: APPROVED }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["honours"]["totalCount"], 1, "{body:#}");
}
