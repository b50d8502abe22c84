//! The dashboard's volunteers group against accounts, ledger entries and activity
//! places written straight into the Tiny fixture. T is the test clock's start; the
//! period is [T - 10 d, T + 1 d). Activities: "recent" ended T - 10 d, "old" ended
//! T - 100 d, "coming" ends T + 2 d. Community 1 (grid 1):
//! - A: account (30 available, 10 held), verified 3 h at "recent", earned 30 at
//!   T - 3 d, redeemed 10 at T - 2 d;
//! - B: account (20 available), verified 2 h at "old", earned 20 at T - 95 d;
//! - C: no account, checked in at "recent";
//! - D: no account, signed up for "coming".
//!
//! Community 2 (grid 4): F, account (10 available), verified 1 h at "recent", earned
//! 10 at T - 1 d. Street 2 (grid 7): G, account (100 available), verified 4 h at
//! "recent", earned 40 at T - 1 d.
//!
//! Community 1: 4 volunteers, 2 active (A, C), 3 hours, 30 issued, 10 redeemed, 60
//! outstanding. Street 1 adds F: 5, 3, 4 hours, 40, 10, 70.

use chrono::{DateTime, Duration, Utc};
use entity::activity::{self, ActivityType};
use entity::activity_participation::{self, ParticipationStatus};
use entity::points_enums::EntryKind;
use entity::{points_account, points_entry, resident};
use sea_orm::{ActiveModelTrait, NotSet, Set};
use serde_json::{Value, json};

use crate::dashboard_services::resident_of;
use crate::dashboard_support::period;
use crate::harness::{Fixture, TestApp, error_code};
use crate::requests_support::gid;

const VOLUNTEERS: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) {
        volunteers {
            volunteers { value suppressed } activeIn90Days { value suppressed }
            hoursVerified pointsIssued pointsRedeemed pointsOutstanding
        } } }";

async fn activity(app: &TestApp, community: i32, ends: DateTime<Utc>) -> i32 {
    activity::ActiveModel {
        id: NotSet,
        title: Set("楼道清洁".to_owned()),
        activity_type: Set(ActivityType::VolunteerService),
        starts_at: Set(ends - Duration::hours(3)),
        ends_at: Set(ends),
        facility_id: Set(None),
        address: Set(Some("小区广场".to_owned())),
        co_building_unit_id: Set(None),
        party_organization_id: Set(None),
        community_id: Set(community),
        area_path: Set(if community <= 2 {
            format!("1/1/{community}/")
        } else {
            format!("1/2/{community}/")
        }),
        capacity: Set(20),
        signed_up: Set(1),
        points_per_hour: Set(10),
        created_at: Set(ends - Duration::days(7)),
        updated_at: Set(ends - Duration::days(7)),
        version: Set(1),
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// A place at `activity`; its id.
async fn place(
    app: &TestApp,
    who: &resident::Model,
    activity: i32,
    status: ParticipationStatus,
    hours: Option<i32>,
) -> i32 {
    activity_participation::ActiveModel {
        id: NotSet,
        activity_id: Set(activity),
        resident_id: Set(who.id),
        area_path: Set(who.area_path.clone()),
        status: Set(status),
        hours: Set(hours),
        checked_in_at: Set(None),
        created_at: Set(app.state.clock.now() - Duration::days(120)),
        version: Set(1),
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// An account with its balances; its id.
async fn account(app: &TestApp, who: &resident::Model, available: i64, held: i64) -> i32 {
    let t = app.state.clock.now();
    points_account::ActiveModel {
        id: NotSet,
        resident_id: Set(who.id),
        area_path: Set(who.area_path.clone()),
        available: Set(available),
        held: Set(held),
        created_at: Set(t - Duration::days(120)),
        updated_at: Set(t),
        version: Set(1),
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

struct Entry {
    kind: EntryKind,
    amount: i64,
    held_amount: i64,
    participation: Option<i32>,
    at: DateTime<Utc>,
}

async fn entry(app: &TestApp, account: i32, who: &resident::Model, entry: Entry) {
    let (source_kind, earn_key) = match entry.participation {
        Some(id) => (
            "PARTICIPATION",
            Some(format!("PARTICIPATION:{id}:{}", who.id)),
        ),
        None => ("REDEMPTION_ORDER", None),
    };
    points_entry::ActiveModel {
        id: NotSet,
        account_id: Set(account),
        area_path: Set(who.area_path.clone()),
        kind: Set(entry.kind),
        amount: Set(entry.amount),
        held_amount: Set(entry.held_amount),
        available_after: Set(0),
        held_after: Set(0),
        source_kind: Set(source_kind.to_owned()),
        source_id: Set(entry.participation),
        earn_key: Set(earn_key),
        reverses_entry_id: Set(None),
        reason: Set(None),
        actor_user_id: Set(None),
        approver_user_id: Set(None),
        at: Set(entry.at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

/// A verified place at `activity` earning `points` at `at`, on a new account.
async fn credited(
    app: &TestApp,
    who: &resident::Model,
    activity: i32,
    hours: i32,
    (available, held): (i64, i64),
    at: DateTime<Utc>,
) -> i32 {
    let id = place(
        app,
        who,
        activity,
        ParticipationStatus::Verified,
        Some(hours),
    )
    .await;
    let account = account(app, who, available, held).await;
    let earn = Entry {
        kind: EntryKind::Earn,
        amount: i64::from(hours) * 10,
        held_amount: 0,
        participation: Some(id),
        at,
    };
    entry(app, account, who, earn).await;
    account
}

/// The volunteers of the module comment.
async fn volunteers_fixture(app: &TestApp) {
    let t = app.state.clock.now();
    let d = Duration::days;
    let recent = activity(app, 1, t - d(10)).await;
    let old = activity(app, 1, t - d(100)).await;
    let coming = activity(app, 1, t + d(2)).await;
    let [a, b, c, dd] = [0, 1, 2, 3].map(|nth| resident_of(app, 1, nth));
    let (a, b, c, dd) = (a.await, b.await, c.await, dd.await);
    let account_a = credited(app, &a, recent, 3, (30, 10), t - d(3)).await;
    let redeem = Entry {
        kind: EntryKind::Redeem,
        amount: 0,
        held_amount: -10,
        participation: None,
        at: t - d(2),
    };
    entry(app, account_a, &a, redeem).await;
    credited(app, &b, old, 2, (20, 0), t - d(95)).await;
    place(app, &c, recent, ParticipationStatus::CheckedIn, None).await;
    place(app, &dd, coming, ParticipationStatus::SignedUp, None).await;
    let f = resident_of(app, 4, 0).await;
    credited(app, &f, recent, 1, (10, 0), t - d(1)).await;
    let g = resident_of(app, 7, 0).await;
    credited(app, &g, recent, 4, (100, 0), t - d(1)).await;
}

async fn volunteers(app: &TestApp, token: &str, area: &str) -> Value {
    let mut variables = period(app);
    variables["area"] = json!(area);
    let (_, body) = app.graphql_as(token, VOLUNTEERS, variables).await;
    body
}

fn shown(n: u64) -> Value {
    json!({ "value": n, "suppressed": false })
}

#[tokio::test]
async fn volunteer_indicators_match_the_hand_count() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    volunteers_fixture(&app).await;
    let street = app.token_for("street-v", &["STREET_ADMIN:street:1"]).await;

    let body = volunteers(&app, &street, &gid("Community", 1)).await;
    let group = &body["data"]["dashboard"]["volunteers"];
    assert_eq!(group["volunteers"], shown(4), "{body:#}");
    assert_eq!(group["activeIn90Days"], shown(2));
    assert_eq!(group["hoursVerified"], 3);
    assert_eq!(group["pointsIssued"], 30);
    assert_eq!(group["pointsRedeemed"], 10);
    assert_eq!(group["pointsOutstanding"], 60);

    // Street 1 adds F, never G of street 2.
    let body = volunteers(&app, &street, &gid("Street", 1)).await;
    let group = &body["data"]["dashboard"]["volunteers"];
    assert_eq!(group["volunteers"], shown(5), "{body:#}");
    assert_eq!(group["activeIn90Days"], shown(3));
    assert_eq!(group["hoursVerified"], 4);
    assert_eq!(group["pointsIssued"], 40);
    assert_eq!(group["pointsRedeemed"], 10);
    assert_eq!(group["pointsOutstanding"], 70);

    // Street 2's admin counts G alone, and street 1 is not found.
    let other = app.token_for("street-v2", &["STREET_ADMIN:street:2"]).await;
    let body = volunteers(&app, &other, &gid("Street", 2)).await;
    let group = &body["data"]["dashboard"]["volunteers"];
    assert_eq!(group["volunteers"], shown(1), "{body:#}");
    assert_eq!(group["hoursVerified"], 4);
    assert_eq!(group["pointsOutstanding"], 100);
    let body = volunteers(&app, &other, &gid("Street", 1)).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body:#}");
}

#[tokio::test]
async fn volunteer_counts_are_suppressed_below_five_for_an_api_client() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    volunteers_fixture(&app).await;
    let client = app
        .client_token("dash-v", &["aggregates:read"], |client| client)
        .await;
    let body = volunteers(&app, &client, &gid("Community", 1)).await;
    let group = &body["data"]["dashboard"]["volunteers"];
    let hidden = json!({ "value": null, "suppressed": true });
    assert_eq!(group["volunteers"], hidden, "{body:#}");
    assert_eq!(group["activeIn90Days"], hidden);
    // Hours and points are not people: shown.
    assert_eq!(group["hoursVerified"], 3);

    // A fifth volunteer (an account, nothing else) makes the count shown.
    let e = resident_of(&app, 1, 4).await;
    account(&app, &e, 0, 0).await;
    let body = volunteers(&app, &client, &gid("Community", 1)).await;
    let group = &body["data"]["dashboard"]["volunteers"];
    assert_eq!(group["volunteers"], shown(5), "{body:#}");
    assert_eq!(group["activeIn90Days"], hidden);
}

#[tokio::test]
async fn a_breakdown_by_community_gives_each_community_its_volunteers() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    volunteers_fixture(&app).await;
    let query = "query($area: ID!, $indicators: [Indicator!]!, $from: DateTime!,
        $to: DateTime!) {
        breakdown(areaId: $area, by: COMMUNITY, indicators: $indicators, from: $from,
            to: $to) { areaId values { indicator value suppressed } } }";
    let mut variables = period(&app);
    variables["area"] = json!(gid("Street", 1));
    variables["indicators"] = json!([
        "VOLUNTEERS",
        "VOLUNTEERS_ACTIVE",
        "VOLUNTEER_HOURS",
        "POINTS_ISSUED",
        "POINTS_REDEEMED",
        "POINTS_OUTSTANDING"
    ]);
    let street = app.token_for("street-vb", &["STREET_ADMIN:street:1"]).await;
    let (_, body) = app.graphql_as(&street, query, variables.clone()).await;
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    let values = |row: &Value| -> Vec<Value> {
        row["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value["value"].clone())
            .collect()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["areaId"], gid("Community", 1));
    assert_eq!(
        values(&rows[0]),
        [4.0, 2.0, 3.0, 30.0, 10.0, 60.0].map(|v| json!(v))
    );
    assert_eq!(rows[1]["areaId"], gid("Community", 2));
    assert_eq!(
        values(&rows[1]),
        [1.0, 1.0, 1.0, 10.0, 0.0, 10.0].map(|v| json!(v))
    );

    // For an API client, the small counts of people are suppressed across the
    // communities; hours and points are shown.
    let client = app
        .client_token("dash-vb", &["aggregates:read"], |client| client)
        .await;
    let (_, body) = app.graphql_as(&client, query, variables).await;
    let rows = body["data"]["breakdown"]
        .as_array()
        .unwrap_or_else(|| panic!("{body:#}"));
    for row in rows {
        assert_eq!(row["values"][0]["suppressed"], true, "{body:#}");
        assert_eq!(row["values"][2]["suppressed"], false);
    }
}
