//! Co-building and the three lists end to end: a need claimed once under concurrency,
//! answered by a project whose milestones roll up until the need is fulfilled, and the
//! matching of open needs to a unit's resources.

use serde_json::json;

use crate::cobuild_support::{CODES, Hub, NEED};
use crate::harness::error_code;
use crate::requests_support::gid;

#[tokio::test]
async fn a_need_is_claimed_answered_by_a_project_and_fulfilled_when_it_completes() {
    let hub = Hub::open().await;
    let unit = hub.allied_unit(CODES[0]).await;
    let need = hub.need(&hub.staff, &gid("Grid", 1), "ELDERLY_CARE").await;
    let claim = json!({ "needId": need, "unitId": unit });
    let claimed = hub.ok(&hub.staff, "claimNeed", claim, NEED).await;
    assert_eq!(claimed["need"]["status"], "CLAIMED");
    assert_eq!(claimed["need"]["claimedBy"]["id"], unit.as_str());
    let resources = hub
        .query(
            &hub.staff,
            "query($u: ID!) { resources(filter: { unitId: $u }) { nodes { id } } }",
            json!({ "u": unit }),
        )
        .await;
    let resource = resources["resources"]["nodes"][0]["id"].clone();
    let input = json!({ "name": "助浴进家门", "ownerUnitId": unit, "areaId": gid("Community", 1),
        "needIds": [need], "resourceIds": [resource],
        "milestones": [{ "title": "招募志愿者" }, { "title": "上门服务", "dueOn": "2026-07-01" }] });
    let created = hub
        .ok(
            &hub.staff,
            "createProject",
            input,
            "project { id status progress } milestones { id version }",
        )
        .await;
    assert_eq!(created["project"]["status"], "ACTIVE");
    let milestones = created["milestones"].as_array().unwrap().clone();
    assert_eq!(milestones.len(), 2);
    let step = |index: usize, version: i64, progress: i32| json!({ "milestoneId": milestones[index]["id"], "version": version, "progress": progress });
    let selection = "milestone { version progress } project { status progress }";
    let over = hub
        .call(&hub.staff, "updateMilestone", step(0, 1, 101), selection)
        .await;
    assert_eq!(error_code(&over), "BAD_USER_INPUT");
    let half = hub
        .ok(&hub.staff, "updateMilestone", step(0, 1, 100), selection)
        .await;
    assert_eq!(half["project"]["progress"], 50);
    assert_eq!(half["project"]["status"], "ACTIVE");
    let stale = hub
        .call(&hub.staff, "updateMilestone", step(0, 1, 90), selection)
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    let by_hand = json!({ "needId": need, "version": 3 });
    let refused = hub.call(&hub.staff, "fulfilNeed", by_hand, NEED).await;
    assert_eq!(
        error_code(&refused),
        "CONFLICT",
        "a project's need is settled with it"
    );
    let done = hub
        .ok(&hub.staff, "updateMilestone", step(1, 1, 100), selection)
        .await;
    assert_eq!(done["project"]["status"], "COMPLETED");
    assert_eq!(done["project"]["progress"], 100);
    let after = hub
        .call(&hub.staff, "updateMilestone", step(1, 2, 50), selection)
        .await;
    assert_eq!(
        error_code(&after),
        "CONFLICT",
        "a completed project stays completed"
    );
    let query = "query($p: ID!, $u: ID!) {
        project(id: $p) { milestones { totalCount nodes { progress } }
            needs { nodes { status } } resources { nodes { resource { id } } } owner { id } }
        coBuildingUnit(id: $u) { needsAnswered { totalCount nodes { id status } } } }";
    let data = hub
        .query(
            &hub.staff,
            query,
            json!({ "p": created["project"]["id"], "u": unit }),
        )
        .await;
    assert_eq!(data["project"]["milestones"]["totalCount"], 2);
    assert_eq!(data["project"]["needs"]["nodes"][0]["status"], "FULFILLED");
    assert_eq!(
        data["project"]["resources"]["nodes"][0]["resource"]["id"],
        resource
    );
    let answered = &data["coBuildingUnit"]["needsAnswered"];
    assert_eq!(answered["totalCount"], 1);
    assert_eq!(answered["nodes"][0]["status"], "FULFILLED");
}

#[tokio::test]
async fn a_need_is_claimed_once_when_units_race_for_it() {
    let hub = Hub::open().await;
    let mut units = Vec::new();
    for code in CODES {
        units.push(hub.allied_unit(code).await);
    }
    let need = hub
        .need(&hub.staff, &gid("Community", 1), "ELDERLY_CARE")
        .await;
    let calls = units.iter().cycle().take(8).map(|unit| {
        let input = json!({ "needId": need, "unitId": unit });
        hub.call(&hub.staff, "claimNeed", input, NEED)
    });
    let answers = futures_util::future::join_all(calls).await;
    let won: Vec<_> = answers
        .iter()
        .filter(|a| a.get("errors").is_none())
        .collect();
    assert_eq!(won.len(), 1, "{answers:#?}");
    for lost in answers.iter().filter(|a| a.get("errors").is_some()) {
        assert_eq!(error_code(lost), "CONFLICT");
    }
    let winner = won[0]["data"]["claimNeed"]["need"]["claimedBy"]["id"].clone();
    let data = hub
        .query(
            &hub.staff,
            "query($n: ID!) { needItem(id: $n) { status version claimedBy { id } } }",
            json!({ "n": need }),
        )
        .await;
    assert_eq!(data["needItem"]["status"], "CLAIMED");
    assert_eq!(data["needItem"]["version"], 2);
    assert_eq!(data["needItem"]["claimedBy"]["id"], winner);
}

#[tokio::test]
async fn matching_finds_open_needs_of_allied_areas_in_the_units_categories() {
    let hub = Hub::open().await;
    let unit = hub.allied_unit(CODES[0]).await;
    hub.resource(&hub.staff, &unit, "HEALTH", 0).await;
    let matched = hub.need(&hub.staff, &gid("Grid", 2), "ELDERLY_CARE").await;
    let also = hub
        .need(&hub.staff, &gid("Community", 1), "ELDERLY_CARE")
        .await;
    hub.need(&hub.staff, &gid("Community", 1), "HEALTH").await;
    hub.need(&hub.staff, &gid("Community", 1), "EDUCATION")
        .await;
    hub.need(&hub.other_staff, &gid("Community", 2), "ELDERLY_CARE")
        .await;
    let claimed = hub
        .need(&hub.staff, &gid("Community", 1), "ELDERLY_CARE")
        .await;
    hub.ok(
        &hub.staff,
        "claimNeed",
        json!({ "needId": claimed, "unitId": unit }),
        NEED,
    )
    .await;
    let query = "query($u: ID!) { matchingNeeds(unitId: $u) { totalCount nodes { id } } }";
    let data = hub.query(&hub.street, query, json!({ "u": unit })).await;
    let ids: Vec<&str> = data["matchingNeeds"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![matched.as_str(), also.as_str()]);
    assert_eq!(data["matchingNeeds"]["totalCount"], 2);
    // Allied with community 2 as well, the unit matches its need there too.
    hub.ally(&hub.street, &unit, 2).await;
    let data = hub.query(&hub.street, query, json!({ "u": unit })).await;
    assert_eq!(data["matchingNeeds"]["totalCount"], 3);
    let open = "query($c: ID!) { community(id: $c) { openNeeds { totalCount } } }";
    let data = hub
        .query(&hub.staff, open, json!({ "c": gid("Community", 1) }))
        .await;
    assert_eq!(data["community"]["openNeeds"]["totalCount"], 4);
}

#[tokio::test]
async fn units_are_listed_by_the_area_they_are_allied_with() {
    let hub = Hub::open().await;
    let first = hub.allied_unit(CODES[0]).await;
    let second = hub.unit(&hub.other_staff, 2, CODES[1]).await;
    hub.ally(&hub.other_staff, &second, 2).await;
    let query = "query($a: ID!) { coBuildingUnits(filter: { areaId: $a }) { nodes { id } } }";
    let data = hub
        .query(&hub.street, query, json!({ "a": gid("Community", 1) }))
        .await;
    assert_eq!(data["coBuildingUnits"]["nodes"], json!([{ "id": first }]));
    let data = hub
        .query(&hub.street, query, json!({ "a": gid("Street", 1) }))
        .await;
    assert_eq!(
        data["coBuildingUnits"]["nodes"].as_array().unwrap().len(),
        2
    );
    let hospitals = "{ coBuildingUnits(filter: { unitType: SCHOOL }) { totalCount } }";
    let data = hub.query(&hub.street, hospitals, json!({})).await;
    assert_eq!(data["coBuildingUnits"]["totalCount"], 0);
}
