//! Co-building's rules at the API: each kind of invalid credit code and bad amount is
//! BAD_USER_INPUT, a registration is idempotent and unique, updates are versioned, the
//! contact is masked by policy, and writes and reads follow the viewer's area.

use serde_json::json;

use crate::cobuild_support::{CODES, Hub, NEED, need, offer};
use crate::harness::error_code;
use crate::requests_support::gid;

const UNIT: &str = "unit { id version name contactName contactPhone status }";

fn unit_input(code: &str) -> serde_json::Value {
    json!({ "name": "区实验小学", "unitType": "SCHOOL", "creditCode": code,
        "contactName": "李红梅", "contactPhone": "13912345678", "areaId": gid("Community", 1) })
}

#[tokio::test]
async fn each_kind_of_invalid_credit_code_is_bad_input() {
    let hub = Hub::open().await;
    for bad in [
        "91350100M000100Y4",  // 17 characters
        "91350100M000100Y4I", // I is not in the alphabet
        "9135A100M000100Y43", // the division code holds a letter
        "91350100M000100Y53", // the organisation code's check fails
        "91350100M000100Y44", // the 18th character does not match
    ] {
        let body = hub
            .call(&hub.staff, "registerCoBuildingUnit", unit_input(bad), UNIT)
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{bad}: {body:#}");
    }
    let mut bad_phone = unit_input(CODES[0]);
    bad_phone["contactPhone"] = json!("12345");
    let body = hub
        .call(&hub.staff, "registerCoBuildingUnit", bad_phone, UNIT)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_registration_is_idempotent_and_a_credit_code_registers_once() {
    let hub = Hub::open().await;
    let query = crate::cobuild_support::mutation("registerCoBuildingUnit", UNIT);
    let send = || {
        hub.app
            .client()
            .post(hub.app.url("/graphql"))
            .bearer_auth(&hub.staff)
            .header("Idempotency-Key", "register-school-1")
            .json(&json!({ "query": query, "variables": { "input": unit_input(CODES[2]) } }))
            .send()
    };
    let first: serde_json::Value = send().await.unwrap().json().await.unwrap();
    let again: serde_json::Value = send().await.unwrap().json().await.unwrap();
    assert!(first.get("errors").is_none(), "{first:#}");
    assert_eq!(first, again);
    let twice = hub
        .call(
            &hub.staff,
            "registerCoBuildingUnit",
            unit_input(CODES[2]),
            UNIT,
        )
        .await;
    assert_eq!(error_code(&twice), "CONFLICT");
    let data = hub
        .query(&hub.staff, "{ coBuildingUnits { totalCount } }", json!({}))
        .await;
    assert_eq!(data["coBuildingUnits"]["totalCount"], 1);
}

#[tokio::test]
async fn a_unit_is_updated_at_the_version_read() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[0]).await;
    let change = json!({ "unitId": unit, "version": 1, "name": "市一院", "status": "INACTIVE" });
    let updated = hub
        .ok(&hub.staff, "updateCoBuildingUnit", change.clone(), UNIT)
        .await;
    assert_eq!(updated["unit"]["version"], 2);
    assert_eq!(updated["unit"]["status"], "INACTIVE");
    let stale = hub
        .call(&hub.staff, "updateCoBuildingUnit", change, UNIT)
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let offered = hub
        .call(
            &hub.staff,
            "offerResource",
            offer(&unit, "HEALTH", 1),
            "resource { id }",
        )
        .await;
    assert_eq!(
        error_code(&offered),
        "BAD_USER_INPUT",
        "an inactive unit offers nothing"
    );
}

#[tokio::test]
async fn the_contact_is_masked_to_roles_that_do_not_see_personal_data() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[0]).await;
    let query = "query($u: ID!) { coBuildingUnit(id: $u) { contactName contactPhone creditCode } }";
    let staff = hub.query(&hub.staff, query, json!({ "u": unit })).await;
    assert_eq!(staff["coBuildingUnit"]["contactPhone"], "13812345678");
    assert_eq!(staff["coBuildingUnit"]["contactName"], "王建国");
    let street = hub.query(&hub.street, query, json!({ "u": unit })).await;
    assert_eq!(street["coBuildingUnit"]["contactPhone"], "138****5678");
    assert_ne!(street["coBuildingUnit"]["contactName"], "王建国");
    assert_eq!(street["coBuildingUnit"]["creditCode"], CODES[0]);
}

#[tokio::test]
async fn negative_amounts_reversed_windows_and_dates_are_bad_input() {
    let hub = Hub::open().await;
    let unit = hub.allied_unit(CODES[0]).await;
    let mut negative = offer(&unit, "HEALTH", -1);
    let body = hub
        .call(
            &hub.staff,
            "offerResource",
            negative.clone(),
            "resource { id }",
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    negative["quantity"] = json!(1);
    negative["capacity"] = json!(-5);
    let body = hub
        .call(&hub.staff, "offerResource", negative, "resource { id }")
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let mut reversed = offer(&unit, "HEALTH", 1);
    reversed["availableTo"] = json!("2026-05-01T00:00:00Z");
    let body = hub
        .call(&hub.staff, "offerResource", reversed, "resource { id }")
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let mut fewer = need(&gid("Community", 1), "HEALTH");
    fewer["beneficiaries"] = json!(-1);
    let body = hub.call(&hub.staff, "publishNeed", fewer, NEED).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let left = json!({ "unitId": unit, "areaId": gid("Street", 1), "joinedOn": "2026-03-01",
        "leftOn": "2026-02-01" });
    let body = hub
        .call(&hub.street, "joinAlliance", left, "membership { id }")
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    let again = json!({ "unitId": unit, "areaId": gid("Community", 1), "joinedOn": "2026-03-01" });
    let body = hub
        .call(&hub.staff, "joinAlliance", again, "membership { id }")
        .await;
    assert_eq!(
        error_code(&body),
        "CONFLICT",
        "a unit joins an alliance once"
    );
}

#[tokio::test]
async fn a_communitys_staff_cannot_publish_in_another_community() {
    let hub = Hub::open().await;
    let other = hub
        .call(
            &hub.staff,
            "publishNeed",
            need(&gid("Community", 2), "HEALTH"),
            NEED,
        )
        .await;
    assert_eq!(error_code(&other), "NOT_FOUND");
    let above = hub
        .call(
            &hub.worker,
            "publishNeed",
            need(&gid("Community", 1), "HEALTH"),
            NEED,
        )
        .await;
    assert_eq!(
        error_code(&above),
        "FORBIDDEN",
        "a grid worker publishes in their grid only"
    );
    hub.need(&hub.worker, &gid("Grid", 1), "HEALTH").await;
    let seen = hub
        .query(&hub.other_staff, "{ needs { totalCount } }", json!({}))
        .await;
    assert_eq!(
        seen["needs"]["totalCount"], 0,
        "community 2 does not see community 1's needs"
    );
    let seen = hub
        .query(&hub.resident, "{ needs { totalCount } }", json!({}))
        .await;
    assert_eq!(
        seen["needs"]["totalCount"], 0,
        "residents do not read the lists"
    );
}

#[tokio::test]
async fn a_unit_claims_only_where_it_is_allied_and_withdrawn_needs_stay_withdrawn() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[0]).await;
    let need_id = hub.need(&hub.staff, &gid("Community", 1), "HEALTH").await;
    let claim = json!({ "needId": need_id, "unitId": unit });
    let body = hub.call(&hub.staff, "claimNeed", claim.clone(), NEED).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "not allied yet");
    let withdraw = json!({ "needId": need_id, "version": 1 });
    let withdrawn = hub
        .ok(&hub.staff, "withdrawNeed", withdraw.clone(), NEED)
        .await;
    assert_eq!(withdrawn["need"]["status"], "WITHDRAWN");
    hub.ally(&hub.staff, &unit, 1).await;
    let body = hub.call(&hub.staff, "claimNeed", claim, NEED).await;
    assert_eq!(error_code(&body), "CONFLICT");
    let body = hub
        .call(
            &hub.staff,
            "withdrawNeed",
            json!({ "needId": need_id, "version": 2 }),
            NEED,
        )
        .await;
    assert_eq!(error_code(&body), "CONFLICT");
    let elsewhere = hub
        .call(
            &hub.other_staff,
            "claimNeed",
            json!({ "needId": need_id, "unitId": unit }),
            NEED,
        )
        .await;
    assert_eq!(error_code(&elsewhere), "NOT_FOUND");
}
