//! Alliance memberships over time and the accounts that speak for units: leaving keeps
//! the history, is versioned and happens once; a unit that left joins again without
//! overlapping; a co-building contact acts for its own unit only; `matchingNeeds` of a
//! unit out of sight answers NOT_FOUND and shows nothing.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use entity::audit_log;

use crate::cobuild_support::{CODES, Hub, NEED, offer};
use crate::harness::error_code;
use crate::requests_support::gid;

const MEMBERSHIP: &str = "membership { id version joinedOn leftOn }";
const ALLIANCES: &str = "query($u: ID!) { node(id: $u) { ... on CoBuildingUnit { alliances { totalCount nodes { id version joinedOn leftOn } } } } }";

/// The membership of `unit` joined on `joined_on` with community 1; its payload.
async fn join(hub: &Hub, unit: &str, joined_on: &str) -> Value {
    let input = json!({ "unitId": unit, "areaId": gid("Community", 1), "joinedOn": joined_on });
    hub.call(&hub.staff, "joinAlliance", input, MEMBERSHIP)
        .await
}

async fn alliances(hub: &Hub, unit: &str) -> Value {
    let data = hub.query(&hub.staff, ALLIANCES, json!({ "u": unit })).await;
    data["node"]["alliances"].clone()
}

fn leave(membership: &Value, version: i64, left_on: &str) -> Value {
    json!({ "membershipId": membership["id"], "version": version, "leftOn": left_on })
}

/// Successful changes audited as `action`.
async fn audits(hub: &Hub, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::Outcome.eq("SUCCESS"))
        .count(&hub.app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_unit_that_leaves_keeps_its_history_and_claims_nothing_there() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[0]).await;
    let joined = join(&hub, &unit, "2026-01-01").await;
    let membership = joined["data"]["joinAlliance"]["membership"].clone();
    hub.resource(&hub.staff, &unit, "ELDERLY_CARE", 5).await;
    let need = hub.need(&hub.staff, &gid("Grid", 1), "ELDERLY_CARE").await;
    let left = hub
        .ok(
            &hub.staff,
            "leaveAlliance",
            leave(&membership, 1, "2026-06-14"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(left["membership"]["leftOn"], "2026-06-14");
    assert_eq!(left["membership"]["version"], 2);
    assert_eq!(audits(&hub, "leaveAlliance").await, 1);
    // The history stays on the unit.
    let listed = alliances(&hub, &unit).await;
    assert_eq!(listed["totalCount"], 1);
    assert_eq!(listed["nodes"][0]["joinedOn"], "2026-01-01");
    assert_eq!(listed["nodes"][0]["leftOn"], "2026-06-14");
    // No longer allied today: nothing to match, nothing to claim.
    let matching = "query($u: ID!) { matchingNeeds(unitId: $u) { totalCount } }";
    let data = hub.query(&hub.staff, matching, json!({ "u": unit })).await;
    assert_eq!(data["matchingNeeds"]["totalCount"], 0);
    let claim = json!({ "needId": need, "unitId": unit });
    let body = hub.call(&hub.staff, "claimNeed", claim, NEED).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
}

#[tokio::test]
async fn leaving_is_versioned_checked_and_happens_once() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[1]).await;
    let joined = join(&hub, &unit, "2026-03-01").await;
    let membership = joined["data"]["joinAlliance"]["membership"].clone();
    let bad_days = [("2026-02-28", "before it joined")];
    for (day, why) in bad_days {
        let body = hub
            .call(
                &hub.staff,
                "leaveAlliance",
                leave(&membership, 1, day),
                MEMBERSHIP,
            )
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{why}: {body:#}");
    }
    let stale = hub
        .call(
            &hub.staff,
            "leaveAlliance",
            leave(&membership, 7, "2026-06-01"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(error_code(&stale), "CONFLICT");
    // Staff of another community do not see it; a grid worker sees but does not keep.
    let outsider = hub
        .call(
            &hub.other_staff,
            "leaveAlliance",
            leave(&membership, 1, "2026-06-01"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(error_code(&outsider), "NOT_FOUND");
    let worker = hub
        .call(
            &hub.worker,
            "leaveAlliance",
            leave(&membership, 1, "2026-06-01"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(error_code(&worker), "FORBIDDEN");
    // None of that changed the membership.
    let listed = alliances(&hub, &unit).await;
    assert_eq!(listed["nodes"][0]["version"], 1);
    assert_eq!(listed["nodes"][0]["leftOn"], Value::Null);
    assert_eq!(audits(&hub, "leaveAlliance").await, 0);
    hub.ok(
        &hub.staff,
        "leaveAlliance",
        leave(&membership, 1, "2026-06-01"),
        MEMBERSHIP,
    )
    .await;
    // Over already (it ended before today): leaving again is a conflict.
    let again = hub
        .call(
            &hub.staff,
            "leaveAlliance",
            leave(&membership, 2, "2026-06-01"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(error_code(&again), "CONFLICT", "{again:#}");
}

#[tokio::test]
async fn a_fixed_term_membership_ends_sooner_but_not_later() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[2]).await;
    let input = json!({ "unitId": unit, "areaId": gid("Community", 1),
        "joinedOn": "2026-01-01", "leftOn": "2026-12-31" });
    let joined = hub.ok(&hub.staff, "joinAlliance", input, MEMBERSHIP).await;
    let membership = joined["membership"].clone();
    let later = hub
        .call(
            &hub.staff,
            "leaveAlliance",
            leave(&membership, 1, "2027-01-31"),
            MEMBERSHIP,
        )
        .await;
    assert_eq!(error_code(&later), "BAD_USER_INPUT");
    let today = json!({ "membershipId": membership["id"], "version": 1 });
    let left = hub.ok(&hub.staff, "leaveAlliance", today, MEMBERSHIP).await;
    assert_eq!(left["membership"]["leftOn"], "2026-06-15");
}

#[tokio::test]
async fn a_unit_that_left_joins_again_without_overlapping() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[3]).await;
    let joined = join(&hub, &unit, "2025-01-01").await;
    let membership = joined["data"]["joinAlliance"]["membership"].clone();
    let twice = join(&hub, &unit, "2026-02-01").await;
    assert_eq!(error_code(&twice), "CONFLICT");
    hub.ok(
        &hub.staff,
        "leaveAlliance",
        leave(&membership, 1, "2025-12-31"),
        MEMBERSHIP,
    )
    .await;
    let overlapping = join(&hub, &unit, "2025-12-31").await;
    assert_eq!(error_code(&overlapping), "CONFLICT");
    let again = join(&hub, &unit, "2026-03-01").await;
    assert!(again.get("errors").is_none(), "{again:#}");
    let listed = alliances(&hub, &unit).await;
    assert_eq!(listed["totalCount"], 2);
    let need = hub.need(&hub.staff, &gid("Grid", 2), "ELDERLY_CARE").await;
    let claim = json!({ "needId": need, "unitId": unit });
    hub.ok(&hub.staff, "claimNeed", claim, NEED).await;
}

#[tokio::test]
async fn concurrent_joins_of_one_unit_make_one_membership() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[0]).await;
    let days = [
        "2026-01-01",
        "2026-01-02",
        "2026-02-01",
        "2026-03-01",
        "2026-04-01",
        "2026-05-01",
    ];
    let joins = days.iter().map(|day| join(&hub, &unit, day));
    let bodies = futures_util::future::join_all(joins).await;
    let won = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(won, 1, "{bodies:#?}");
    for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(error_code(body), "CONFLICT", "{body:#}");
    }
    assert_eq!(alliances(&hub, &unit).await["totalCount"], 1);
}

/// A CO_BUILDING_CONTACT account over community 1; its token and user id.
async fn contact(hub: &Hub, name: &str) -> (String, String) {
    let token = hub
        .app
        .token_for(name, &["CO_BUILDING_CONTACT:community:1"])
        .await;
    let id = user_id(hub, name).await;
    (token, gid("User", id))
}

async fn user_id(hub: &Hub, name: &str) -> i32 {
    use entity::app_user;
    app_user::Entity::find()
        .filter(app_user::Column::Username.eq(name))
        .one(&hub.app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn link(unit: &str, user: &str) -> Value {
    json!({ "unitId": unit, "userId": user })
}

#[tokio::test]
async fn a_contact_acts_for_its_own_unit_and_not_for_its_neighbour() {
    let hub = Hub::open().await;
    let mine = hub.allied_unit(CODES[0]).await;
    let neighbour = hub.allied_unit(CODES[1]).await;
    let (token, user) = contact(&hub, "contact-a").await;
    let (unlinked, _) = contact(&hub, "contact-b").await;
    // Before the link the contact speaks for no unit.
    let body = hub
        .call(
            &token,
            "offerResource",
            offer(&mine, "HEALTH", 3),
            "resource { id }",
        )
        .await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    let linked = hub
        .ok(
            &hub.staff,
            "linkUnitContact",
            link(&mine, &user),
            "unitId userId",
        )
        .await;
    assert_eq!(linked["unitId"], mine.as_str());
    assert_eq!(audits(&hub, "linkUnitContact").await, 1);
    let twice = hub
        .call(&hub.staff, "linkUnitContact", link(&mine, &user), "unitId")
        .await;
    assert_eq!(error_code(&twice), "CONFLICT");
    // For its own unit: offers and claims.
    hub.ok(
        &token,
        "offerResource",
        offer(&mine, "HEALTH", 3),
        "resource { id }",
    )
    .await;
    let need = hub.need(&hub.staff, &gid("Grid", 1), "ELDERLY_CARE").await;
    let claim = json!({ "needId": need, "unitId": mine });
    let claimed = hub.ok(&token, "claimNeed", claim, NEED).await;
    assert_eq!(claimed["need"]["claimedBy"]["id"], mine.as_str());
    // For the neighbour in the same community, and unlinked: refused, nothing written.
    let other_need = hub.need(&hub.staff, &gid("Grid", 1), "ELDERLY_CARE").await;
    for (who, unit) in [(&token, &neighbour), (&unlinked, &mine)] {
        let body = hub
            .call(
                who,
                "offerResource",
                offer(unit, "HEALTH", 3),
                "resource { id }",
            )
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
        let claim = json!({ "needId": other_need, "unitId": unit });
        let body = hub.call(who, "claimNeed", claim, NEED).await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{body:#}");
    }
    let query = "query($u: ID!) { resources(filter: { unitId: $u }) { totalCount } }";
    let data = hub
        .query(&hub.staff, query, json!({ "u": neighbour }))
        .await;
    assert_eq!(data["resources"]["totalCount"], 1);
    let open = "query($n: ID!) { node(id: $n) { ... on NeedItem { status } } }";
    let data = hub
        .query(&hub.staff, open, json!({ "n": other_need }))
        .await;
    assert_eq!(data["node"]["status"], "OPEN");
}

#[tokio::test]
async fn only_the_units_keepers_link_contacts_in_their_reach() {
    let hub = Hub::open().await;
    let unit = hub.unit(&hub.staff, 1, CODES[2]).await;
    let (_, user) = contact(&hub, "contact-c").await;
    let out_of_sight = hub
        .call(
            &hub.other_staff,
            "linkUnitContact",
            link(&unit, &user),
            "unitId",
        )
        .await;
    assert_eq!(error_code(&out_of_sight), "NOT_FOUND");
    let worker = hub
        .call(&hub.worker, "linkUnitContact", link(&unit, &user), "unitId")
        .await;
    assert_eq!(error_code(&worker), "FORBIDDEN");
    // A user who is no co-building contact, and one whose grant lies beyond the keeper.
    let staff_user = gid("User", user_id(&hub, "staff2").await);
    let far = hub
        .app
        .create_user(
            "contact-far",
            "correct horse battery",
            &["CO_BUILDING_CONTACT:community:3"],
        )
        .await;
    let far_user = gid("User", far);
    for who in [staff_user, far_user] {
        let body = hub
            .call(&hub.staff, "linkUnitContact", link(&unit, &who), "unitId")
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
    }
    assert_eq!(audits(&hub, "linkUnitContact").await, 0);
}

#[tokio::test]
async fn matching_needs_of_a_unit_out_of_sight_is_not_found_and_shows_nothing() {
    let hub = Hub::open().await;
    let unit = hub.allied_unit(CODES[3]).await;
    hub.need(&hub.staff, &gid("Grid", 1), "ELDERLY_CARE").await;
    let query = "query($u: ID!) { matchingNeeds(unitId: $u) { totalCount nodes { id title } } }";
    let (_, seen) = hub
        .app
        .graphql_as(&hub.staff, query, json!({ "u": unit }))
        .await;
    assert_eq!(seen["data"]["matchingNeeds"]["totalCount"], 1);
    let (_, hidden) = hub
        .app
        .graphql_as(&hub.other_staff, query, json!({ "u": unit }))
        .await;
    let (_, missing) = hub
        .app
        .graphql_as(
            &hub.other_staff,
            query,
            json!({ "u": gid("CoBuildingUnit", 999) }),
        )
        .await;
    assert_eq!(error_code(&hidden), "NOT_FOUND");
    assert_eq!(hidden["data"], Value::Null, "{hidden:#}");
    assert!(!hidden.to_string().contains("独居老人"), "{hidden:#}");
    // Out of sight and not there at all answer alike.
    assert_eq!(
        hidden["errors"][0]["message"],
        missing["errors"][0]["message"]
    );
    assert_eq!(error_code(&missing), "NOT_FOUND");
}
