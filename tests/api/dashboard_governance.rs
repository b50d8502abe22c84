//! The dashboard's governance group against counts made here: mediation cases opened,
//! closed and settled in the period, overdue follow-ups, households visited; scoped to
//! what the viewer may count.

use chrono::Duration;
use entity::{grid, household};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::error_code;
use crate::mediation_support::Table;
use crate::requests_support::gid;

const GOVERNANCE: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { governance {
        mediationCasesOpened mediationCasesClosed
        mediationSuccessRate { numerator denominator value }
        followUpsOverdue householdsVisited { numerator denominator value } } } }";

async fn governance(table: &Table, token: &str, area: &str) -> Value {
    let now = table.app.state.clock.now();
    let variables =
        json!({ "area": area, "from": now - Duration::days(3), "to": now + Duration::days(1) });
    let (_, body) = table.app.graphql_as(token, GOVERNANCE, variables).await;
    body
}

/// Two cases closed (one settled, one failed) and one agreed long ago, all in grid 1.
async fn three_cases(table: &Table) {
    let agreed = table.agreed().await;
    let follow_up = json!({ "followedUpOn": "2026-06-14", "notes": "已履行" });
    let followed = table
        .advance(
            &table.mediator,
            "recordMediationFollowUp",
            &agreed,
            follow_up,
        )
        .await;
    let resolved = json!({ "outcome": "RESOLVED" });
    table
        .advance(&table.staff, "closeMediationCase", &followed, resolved)
        .await;
    let failed = table.opened().await;
    let outcome = json!({ "outcome": "FAILED" });
    table
        .advance(&table.staff, "closeMediationCase", &failed, outcome)
        .await;
    let stale = table.opened().await;
    let session = json!({ "heldOn": "2026-04-20", "notes": "调解" });
    let stale = table
        .advance(&table.mediator, "recordMediationSession", &stale, session)
        .await;
    let agreement = json!({ "signedOn": "2026-05-01", "agreement": "协议" });
    table
        .advance(
            &table.mediator,
            "recordMediationAgreement",
            &stale,
            agreement,
        )
        .await;
}

/// The first `n` households of grid 1, visited an hour ago by the mediator.
async fn visit_households(table: &Table, n: u64) {
    let db = &table.app.state.db;
    let grid = grid::Entity::find_by_id(1).one(db).await.unwrap().unwrap();
    let homes: Vec<String> = household::Entity::find()
        .filter(household::Column::Path.starts_with(&grid.path))
        .order_by_asc(household::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(n as usize)
        .map(|row| gid("Household", row.id))
        .collect();
    let input = json!({
        "visitedAt": (table.app.state.clock.now() - Duration::hours(1)).to_rfc3339(),
        "householdIds": homes,
    });
    let query =
        "mutation($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } } }";
    let (_, body) = table
        .app
        .graphql_as(&table.mediator, query, json!({ "input": input }))
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
}

#[tokio::test]
async fn governance_counts_mediation_and_visits_of_the_community() {
    let table = Table::open().await;
    three_cases(&table).await;
    visit_households(&table, 2).await;
    let db = &table.app.state.db;
    let community = entity::community::Entity::find_by_id(1)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let households = household::Entity::find()
        .filter(household::Column::Path.starts_with(&community.path))
        .count(db)
        .await
        .unwrap();
    let body = governance(&table, &table.staff, &gid("Community", 1)).await;
    let figures = &body["data"]["dashboard"]["governance"];
    assert_eq!(figures["mediationCasesOpened"], 3, "{body:#}");
    assert_eq!(figures["mediationCasesClosed"], 2);
    assert_eq!(
        figures["mediationSuccessRate"],
        json!({ "numerator": 1, "denominator": 2, "value": 0.5 })
    );
    assert_eq!(figures["followUpsOverdue"], 1);
    assert_eq!(figures["householdsVisited"]["numerator"], 2);
    assert_eq!(figures["householdsVisited"]["denominator"], households);
}

#[tokio::test]
async fn governance_counts_only_what_the_viewer_may_count() {
    let table = Table::open().await;
    three_cases(&table).await;
    visit_households(&table, 1).await;
    // A street's staff count the major cases only: none here.
    let street = table
        .app
        .token_for("street-g", &["STREET_ADMIN:street:1"])
        .await;
    let body = governance(&table, &street, &gid("Community", 1)).await;
    let figures = &body["data"]["dashboard"]["governance"];
    assert_eq!(figures["mediationCasesOpened"], 0, "{body:#}");
    assert_eq!(figures["followUpsOverdue"], 0);
    // The neighbouring community's staff see their own community, empty, and not ours.
    let neighbour = table
        .app
        .token_for("staff-g2", &["COMMUNITY_STAFF:community:2"])
        .await;
    let body = governance(&table, &neighbour, &gid("Community", 2)).await;
    let figures = &body["data"]["dashboard"]["governance"];
    assert_eq!(figures["mediationCasesOpened"], 0, "{body:#}");
    assert_eq!(figures["householdsVisited"]["numerator"], 0);
    let body = governance(&table, &neighbour, &gid("Community", 1)).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
}
