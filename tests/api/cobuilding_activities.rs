//! Activities: sign-ups never past capacity under concurrency, check-in, and verified
//! hours that earn points exactly once however often they are verified.

use serde_json::{Value, json};

use crate::harness::error_code;
use crate::points_support::Ledger;
use crate::requests_support::gid;

const PARTICIPATION: &str = "participation { id version status hours }";

async fn schedule(ledger: &Ledger, capacity: i32) -> String {
    let input = json!({ "communityId": gid("Community", 1), "title": "社区清洁日",
        "activityType": "VOLUNTEER_SERVICE", "startsAt": "2026-12-05T01:00:00Z",
        "endsAt": "2026-12-05T04:00:00Z", "address": "社区广场", "capacity": capacity,
        "pointsPerHour": 10 });
    let payload = ledger
        .ok(&ledger.keeper, "scheduleActivity", input, "activity { id }")
        .await;
    payload["activity"]["id"].as_str().unwrap().to_owned()
}

async fn residents(ledger: &Ledger, count: usize) -> Vec<String> {
    let (_, body) = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "query($c: ID!) { residents(first: 50, filter: { areaId: $c }) { nodes { id } } }",
            json!({ "c": gid("Community", 1) }),
        )
        .await;
    let ids: Vec<String> = body["data"]["residents"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["id"].as_str().unwrap().to_owned())
        .take(count)
        .collect();
    assert_eq!(ids.len(), count, "{body:#}");
    ids
}

#[tokio::test]
async fn concurrent_sign_ups_for_the_last_seats_never_over_book() {
    let ledger = Ledger::open().await;
    let activity = schedule(&ledger, 3).await;
    let people = residents(&ledger, 8).await;
    let calls = people.iter().map(|person| {
        let input = json!({ "activityId": activity, "residentId": person });
        ledger.call(&ledger.keeper, "signUpForActivity", input, PARTICIPATION)
    });
    let answers = futures_util::future::join_all(calls).await;
    let seated = answers.iter().filter(|a| a.get("errors").is_none()).count();
    assert_eq!(seated, 3, "{answers:#?}");
    for refused in answers.iter().filter(|a| a.get("errors").is_some()) {
        assert_eq!(error_code(refused), "CONFLICT");
    }
    let (_, body) = ledger
        .app
        .graphql_as(
            &ledger.keeper,
            "query($id: ID!) { activity(id: $id) { capacity signedUp participants { totalCount } } }",
            json!({ "id": activity }),
        )
        .await;
    assert_eq!(body["data"]["activity"]["signedUp"], 3);
    assert_eq!(body["data"]["activity"]["participants"]["totalCount"], 3);
}

async fn checked_in(ledger: &Ledger) -> Value {
    let activity = schedule(ledger, 10).await;
    let input = json!({ "activityId": activity, "residentId": ledger.resident_id });
    let signed = ledger
        .ok(
            &ledger.resident,
            "signUpForActivity",
            input.clone(),
            PARTICIPATION,
        )
        .await;
    let again = ledger
        .call(&ledger.resident, "signUpForActivity", input, PARTICIPATION)
        .await;
    assert_eq!(error_code(&again), "CONFLICT");
    let participation = &signed["participation"];
    let check_in =
        json!({ "participationId": participation["id"], "version": participation["version"] });
    let body = ledger
        .call(
            &ledger.resident,
            "checkInParticipant",
            check_in.clone(),
            PARTICIPATION,
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    ledger
        .ok(
            &ledger.keeper,
            "checkInParticipant",
            check_in,
            PARTICIPATION,
        )
        .await["participation"]
        .clone()
}

#[tokio::test]
async fn verified_hours_earn_points_once_even_when_verified_again() {
    let ledger = Ledger::open().await;
    let participation = checked_in(&ledger).await;
    assert_eq!(participation["status"], "CHECKED_IN");
    let input = json!({ "participationId": participation["id"], "hours": 2 });
    let selection = "participation { status hours } volunteer { available } entry { id kind amount sourceKind }";
    let calls =
        (0..4).map(|_| ledger.call(&ledger.keeper, "verifyHours", input.clone(), selection));
    let answers = futures_util::future::join_all(calls).await;
    let done: Vec<_> = answers
        .iter()
        .filter(|a| a.get("errors").is_none())
        .collect();
    assert!(!done.is_empty(), "{answers:#?}");
    // Losers of the race meet a changed row (CONFLICT); a retry then answers the same.
    let retried = ledger
        .ok(&ledger.keeper, "verifyHours", input, selection)
        .await;
    for answer in done {
        assert_eq!(answer["data"]["verifyHours"]["entry"], retried["entry"]);
    }
    assert_eq!(retried["entry"]["kind"], "EARN");
    assert_eq!(retried["entry"]["amount"], 20);
    assert_eq!(retried["entry"]["sourceKind"], "PARTICIPATION");
    assert_eq!(retried["participation"]["status"], "VERIFIED");
    let account = ledger.account().await;
    assert_eq!(account["available"], 20);
    assert_eq!(account["ledger"]["totalCount"], 1);
    let other = json!({ "participationId": participation["id"], "hours": 3 });
    let body = ledger
        .call(&ledger.keeper, "verifyHours", other, selection)
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    assert_eq!(ledger.reconciliation().await["consistent"], true);
}

#[tokio::test]
async fn only_the_communitys_staff_schedule_and_bad_activities_are_refused() {
    let ledger = Ledger::open().await;
    let good = json!({ "communityId": gid("Community", 1), "title": "党课",
        "activityType": "PARTY_LESSON", "startsAt": "2026-12-05T01:00:00Z",
        "endsAt": "2026-12-05T02:00:00Z", "address": "党群服务中心", "capacity": 30,
        "pointsPerHour": 5 });
    let body = ledger
        .call(
            &ledger.worker,
            "scheduleActivity",
            good.clone(),
            "activity { id }",
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let mut backwards = good.clone();
    backwards["endsAt"] = json!("2026-12-05T00:00:00Z");
    let mut nowhere = good.clone();
    nowhere["address"] = Value::Null;
    let mut no_seats = good.clone();
    no_seats["capacity"] = json!(0);
    for input in [backwards, nowhere, no_seats] {
        let body = ledger
            .call(&ledger.keeper, "scheduleActivity", input, "activity { id }")
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    }
    let (_, body) = ledger
        .app
        .graphql_as(&ledger.keeper, "{ activities { totalCount } }", json!({}))
        .await;
    assert_eq!(body["data"]["activities"]["totalCount"], 0);
}
