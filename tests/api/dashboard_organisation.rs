//! The dashboard's organisation group against values counted by hand on the Tiny
//! fixture. Street 1 holds 6 grids, 12 buildings, 24 units and 72 households; the seed
//! gives every grid a leader and a branch, every building a leader and every odd unit a
//! leader: 30 of 42 leader places filled. Below, two grid workers join grid 1, three
//! households of grid 1 get a liaison member and one member dual-reports.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp, error_code};
use crate::liaison::{households, member_of};
use crate::posts::{gid, send, staff};

const ORGANISATION: &str = "query($area: ID!) {
    dashboard(areaId: $area, from: \"2026-06-01T00:00:00Z\", to: \"2026-06-16T00:00:00Z\") {
        organisation {
            threeLeaderPostsFilled { numerator denominator value }
            gridWorkersPerThousandHouseholds
            gridsWithPartyBranch { numerator denominator value }
            householdsWithLiaisonMember { numerator denominator value }
            membersDualReported { value suppressed }
        }
    }
}";

const APPOINT: &str =
    "mutation($input: AppointPostInput!) { appointPost(input: $input) { post { id } } }";

async fn organisation(app: &TestApp, token: &str, area: &str) -> Value {
    let (_, body) = app
        .graphql_as(token, ORGANISATION, json!({ "area": area }))
        .await;
    body
}

/// Returns the token of community 1's staff who did it.
async fn party_building(app: &TestApp) -> String {
    let staff = staff(app).await;
    for (resident, name) in [(1, "网格员甲"), (2, "网格员乙")] {
        let input = json!({ "kind": "GRID_WORKER", "employment": "FULL_TIME",
            "areaId": gid("Grid", 1), "holderResidentId": gid("Resident", resident),
            "displayName": name, "relayPhone": "138 0000 3333", "startedOn": "2026-06-01" });
        let body = send(app, &staff, APPOINT, input).await;
        assert!(body.get("errors").is_none(), "{body:#}");
    }
    let member = member_of(app, &staff, "organisation.one", 5).await;
    let assign = "mutation($input: AssignLiaisonHouseholdsInput!) {
        assignLiaisonHouseholds(input: $input) { member { id } } }";
    let input = json!({ "memberId": member, "householdIds": households(&[1, 2, 3]) });
    assert!(
        send(app, &staff, assign, input)
            .await
            .get("errors")
            .is_none()
    );
    let report = "mutation($input: RegisterDualReportInput!) {
        registerDualReport(input: $input) { report { id } } }";
    let input = json!({ "memberId": member, "communityId": gid("Community", 1) });
    assert!(
        send(app, &staff, report, input)
            .await
            .get("errors")
            .is_none()
    );
    staff
}

fn rate(numerator: u64, denominator: u64, value: f64) -> Value {
    json!({ "numerator": numerator, "denominator": denominator, "value": value })
}

#[tokio::test]
async fn a_street_admin_sees_the_party_building_of_their_street_counted_by_hand() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    party_building(&app).await;
    let street = app.token_for("street1", &["STREET_ADMIN:street:1"]).await;
    let body = organisation(&app, &street, &gid("Street", 1)).await;
    let group = &body["data"]["dashboard"]["organisation"];
    assert_eq!(
        group["threeLeaderPostsFilled"],
        rate(30, 42, 0.7143),
        "{body:#}"
    );
    assert_eq!(group["gridWorkersPerThousandHouseholds"], 27.78);
    assert_eq!(group["gridsWithPartyBranch"], rate(6, 6, 1.0));
    assert_eq!(group["householdsWithLiaisonMember"], rate(3, 72, 0.0417));
    assert_eq!(
        group["membersDualReported"],
        json!({ "value": 1, "suppressed": false })
    );
    let grid = organisation(&app, &street, &gid("Grid", 1)).await;
    let group = &grid["data"]["dashboard"]["organisation"];
    // Grid 1: itself, 2 buildings, 4 units (2 led), 12 households.
    assert_eq!(
        group["threeLeaderPostsFilled"],
        rate(5, 7, 0.7143),
        "{grid:#}"
    );
    assert_eq!(group["householdsWithLiaisonMember"], rate(3, 12, 0.25));
    assert_eq!(group["gridWorkersPerThousandHouseholds"], 166.67);
}

#[tokio::test]
async fn another_streets_admin_counts_only_their_own_street() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    party_building(&app).await;
    let other = app.token_for("street2", &["STREET_ADMIN:street:2"]).await;
    let body = organisation(&app, &other, &gid("Street", 2)).await;
    let group = &body["data"]["dashboard"]["organisation"];
    assert_eq!(
        group["threeLeaderPostsFilled"],
        rate(30, 42, 0.7143),
        "{body:#}"
    );
    assert_eq!(group["gridWorkersPerThousandHouseholds"], 0.0);
    assert_eq!(group["householdsWithLiaisonMember"], rate(0, 72, 0.0));
    assert_eq!(group["membersDualReported"]["value"], 0);
    let body = organisation(&app, &other, &gid("Street", 1)).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
}

const COVERAGE: &str = "query($area: ID!) {
    partyCoverage(areaId: $area) {
        gridsWithoutBranch buildingsWithoutLeader unitsWithoutLeader householdsWithoutLiaison
        dualReported { community { id } members }
    }
}";

#[tokio::test]
async fn party_coverage_counts_households_without_a_liaison_and_members_per_community() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let staff = party_building(&app).await;
    let (_, body) = app
        .graphql_as(&staff, COVERAGE, json!({ "area": gid("Community", 1) }))
        .await;
    let coverage = &body["data"]["partyCoverage"];
    // Community 1: 3 grids, 6 buildings, 12 units (6 even ones unled), 36 households.
    assert_eq!(coverage["gridsWithoutBranch"], 0, "{body:#}");
    assert_eq!(coverage["buildingsWithoutLeader"], 0);
    assert_eq!(coverage["unitsWithoutLeader"], 6);
    assert_eq!(coverage["householdsWithoutLiaison"], 33);
    let reported = json!([{ "community": { "id": gid("Community", 1) }, "members": 1 }]);
    assert_eq!(coverage["dualReported"], reported);
    let (_, body) = app
        .graphql_as(&staff, COVERAGE, json!({ "area": gid("Community", 3) }))
        .await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let other = app.token_for("street2", &["STREET_ADMIN:street:2"]).await;
    let (_, body) = app
        .graphql_as(&other, COVERAGE, json!({ "area": gid("Street", 2) }))
        .await;
    let coverage = &body["data"]["partyCoverage"];
    assert_eq!(coverage["householdsWithoutLiaison"], 72, "{body:#}");
    assert_eq!(coverage["dualReported"], json!([]));
}

#[tokio::test]
async fn a_breakdown_by_community_gives_each_community_its_organisation_indicators() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    party_building(&app).await;
    let query = "query($area: ID!, $indicators: [Indicator!]!) {
        breakdown(areaId: $area, by: COMMUNITY, indicators: $indicators,
            from: \"2026-06-01T00:00:00Z\", to: \"2026-06-16T00:00:00Z\") {
            areaId values { value numerator denominator suppressed } } }";
    let indicators = json!([
        "LEADER_POSTS_FILLED",
        "GRID_WORKERS_PER_THOUSAND_HOUSEHOLDS",
        "GRIDS_WITH_PARTY_BRANCH",
        "HOUSEHOLDS_WITH_LIAISON",
        "MEMBERS_DUAL_REPORTED"
    ]);
    let street = app.token_for("street-ob", &["STREET_ADMIN:street:1"]).await;
    let variables = json!({ "area": gid("Street", 1), "indicators": indicators });
    let (_, body) = app.graphql_as(&street, query, variables).await;
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    let values = |row: &Value| -> Vec<Value> {
        row["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| json!([v["value"], v["numerator"], v["denominator"]]))
            .collect()
    };
    // Each community: 3 grids, 6 buildings and 12 units (6 led) of a leader, 36
    // households. Community 1 has the two grid workers, the three liaison households
    // and the dual-reported member.
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["areaId"], gid("Community", 1));
    assert_eq!(
        values(&rows[0]),
        [
            json!([0.7143, 15, 21]),
            json!([55.5556, 2, 36]),
            json!([1.0, 3, 3]),
            json!([0.0833, 3, 36]),
            json!([1.0, null, null]),
        ]
    );
    assert_eq!(rows[1]["areaId"], gid("Community", 2));
    assert_eq!(
        values(&rows[1]),
        [
            json!([0.7143, 15, 21]),
            json!([0.0, 0, 36]),
            json!([1.0, 3, 3]),
            json!([0.0, 0, 36]),
            json!([0.0, null, null]),
        ]
    );
}
