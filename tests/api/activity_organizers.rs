//! Who organises an activity beside its community: a co-building unit in its alliance
//! today, or a party organisation on its line; one at most; others are refused and
//! nothing is scheduled.

use serde_json::{Value, json};

use crate::cobuild_support::{CODES, Hub};
use crate::harness::error_code;
use crate::requests_support::gid;

const ACTIVITY: &str =
    "activity { id organizerUnit { id } organizerPartyOrganization { id name } }";

fn activity(organizer: Value) -> Value {
    let mut input = json!({ "communityId": gid("Community", 1), "title": "党员进社区",
        "activityType": "PARTY_LESSON", "startsAt": "2026-07-01T01:00:00Z",
        "endsAt": "2026-07-01T03:00:00Z", "address": "社区党群服务中心", "capacity": 30,
        "pointsPerHour": 5 });
    for (key, value) in organizer.as_object().unwrap() {
        input[key] = value.clone();
    }
    input
}

async fn scheduled(hub: &Hub) -> i64 {
    let query = "query($c: ID!) { activities(filter: { areaId: $c }) { totalCount } }";
    let data = hub
        .query(&hub.staff, query, json!({ "c": gid("Community", 1) }))
        .await;
    data["activities"]["totalCount"].as_i64().unwrap()
}

#[tokio::test]
async fn a_party_organisation_of_the_community_or_its_grid_organises_an_activity() {
    let hub = Hub::open().await;
    for org in [1, 5] {
        let organizer = json!({ "organizerPartyOrganizationId": gid("PartyOrganization", org) });
        let payload = hub
            .ok(
                &hub.staff,
                "scheduleActivity",
                activity(organizer),
                ACTIVITY,
            )
            .await;
        let by = &payload["activity"]["organizerPartyOrganization"];
        assert_eq!(by["id"], gid("PartyOrganization", org));
        assert_eq!(payload["activity"]["organizerUnit"], Value::Null);
    }
    let plain = hub
        .ok(
            &hub.staff,
            "scheduleActivity",
            activity(json!({})),
            ACTIVITY,
        )
        .await;
    assert_eq!(plain["activity"]["organizerPartyOrganization"], Value::Null);
    assert_eq!(scheduled(&hub).await, 3);
}

#[tokio::test]
async fn another_communitys_party_organisation_does_not_organise_here() {
    let hub = Hub::open().await;
    let theirs = json!({ "organizerPartyOrganizationId": gid("PartyOrganization", 2) });
    // Out of the staff's sight: not found, like one that does not exist.
    let body = hub
        .call(
            &hub.staff,
            "scheduleActivity",
            activity(theirs.clone()),
            ACTIVITY,
        )
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    let missing = json!({ "organizerPartyOrganizationId": gid("PartyOrganization", 999) });
    let body = hub
        .call(&hub.staff, "scheduleActivity", activity(missing), ACTIVITY)
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    // Seen by the street's administrator, but not on community 1's line.
    let body = hub
        .call(&hub.street, "scheduleActivity", activity(theirs), ACTIVITY)
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    assert_eq!(scheduled(&hub).await, 0);
}

#[tokio::test]
async fn an_allied_unit_organises_and_one_organiser_is_the_most() {
    let hub = Hub::open().await;
    let allied = hub.allied_unit(CODES[0]).await;
    let stranger = hub.unit(&hub.staff, 1, CODES[1]).await;
    let payload = hub
        .ok(
            &hub.staff,
            "scheduleActivity",
            activity(json!({ "organizerUnitId": allied })),
            ACTIVITY,
        )
        .await;
    assert_eq!(payload["activity"]["organizerUnit"]["id"], allied.as_str());
    let refused = [
        json!({ "organizerUnitId": stranger }),
        json!({ "organizerUnitId": allied,
            "organizerPartyOrganizationId": gid("PartyOrganization", 1) }),
    ];
    for organizer in refused {
        let body = hub
            .call(
                &hub.staff,
                "scheduleActivity",
                activity(organizer),
                ACTIVITY,
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
    }
    assert_eq!(scheduled(&hub).await, 1);
}
