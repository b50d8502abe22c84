//! The points rollup the database triggers keep (m0023) against the ledger entries it
//! adds up, after the seed, after points are given and redeemed through the API and
//! after entries are written in bulk on either side of local midnights; and the
//! district admin's points issued and redeemed, read from it for the whole days of a
//! period and from the entries for its edges, against sums made here.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use entity::points_enums::EntryKind;
use entity::{points_account, points_entry, resident, rollup_points_days};
use sea_orm::{ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};
use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::points_support::{Ledger, ORDERED};
use crate::request_rollups::{areas, day, midnight, periods, street};

const POINTS: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) {
        volunteers { pointsIssued pointsRedeemed } } }";

/// What an entry adds to the points issued and redeemed.
fn points(entry: &points_entry::Model) -> (i64, i64) {
    match entry.kind {
        EntryKind::Earn => (entry.amount, 0),
        EntryKind::Redeem => (0, -entry.held_amount),
        _ => (0, 0),
    }
}

async fn assert_rollup_matches_the_entries(app: &TestApp) {
    let db = &app.state.db;
    let mut counted: BTreeMap<(String, String), [i64; 3]> = BTreeMap::new();
    for entry in points_entry::Entity::find().all(db).await.unwrap() {
        let (issued, redeemed) = points(&entry);
        let sums = counted
            .entry((street(&entry.area_path), day(entry.at)))
            .or_default();
        sums[0] += 1;
        sums[1] += issued;
        sums[2] += redeemed;
    }
    let kept: BTreeMap<_, _> = rollup_points_days::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.entries != 0)
        .map(|row| {
            let sums = [row.entries, row.issued, row.redeemed];
            ((row.street_path, row.day), sums)
        })
        .collect();
    assert_eq!(
        kept, counted,
        "entries, issued, redeemed per street and day"
    );
}

/// Entries of the resident's account, as if made by volunteers of three places (two
/// streets), around local midnights.
async fn entries_around_midnights(app: &TestApp) {
    let db = &app.state.db;
    let account = points_account::Entity::find()
        .order_by_asc(points_account::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("the resident's account");
    let mut places = Vec::new();
    for prefix in ["1/1/1/", "1/1/2/", "1/2/"] {
        let who = resident::Entity::find()
            .filter(resident::Column::AreaPath.starts_with(prefix))
            .one(db)
            .await
            .unwrap()
            .expect("a resident there");
        places.push(who.area_path);
    }
    let times = [
        midnight(8) - Duration::seconds(1),
        midnight(8),
        midnight(8) + Duration::milliseconds(1),
        midnight(9) + Duration::hours(15),
        midnight(10) - Duration::milliseconds(1),
        midnight(13) - Duration::seconds(1),
        midnight(13),
    ];
    let kinds = [EntryKind::Earn, EntryKind::Redeem, EntryKind::Hold];
    let mut rows = Vec::new();
    for (n, at) in times.into_iter().enumerate() {
        for (p, path) in places.iter().enumerate() {
            let kind = kinds[(n + p) % kinds.len()];
            let (amount, held_amount) = match kind {
                EntryKind::Earn => (10 + n as i64, 0),
                EntryKind::Redeem => (0, -(5 + p as i64)),
                _ => (-3, 3),
            };
            rows.push(points_entry::ActiveModel {
                id: NotSet,
                account_id: Set(account.id),
                area_path: Set(path.clone()),
                kind: Set(kind),
                amount: Set(amount),
                held_amount: Set(held_amount),
                available_after: Set(0),
                held_after: Set(0),
                source_kind: Set("SEED".to_owned()),
                source_id: Set(None),
                // An EARN entry is keyed by its source, once.
                earn_key: Set((kind == EntryKind::Earn).then(|| format!("ROLLUP:{n}:{p}"))),
                reverses_entry_id: Set(None),
                reason: Set(None),
                actor_user_id: Set(None),
                approver_user_id: Set(None),
                at: Set(at),
            });
        }
    }
    points_entry::Entity::insert_many(rows)
        .exec(db)
        .await
        .unwrap();
}

/// The points issued and redeemed under `path` in `[from, to)`, summed here.
async fn points_counted(
    app: &TestApp,
    path: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Value {
    let (mut issued, mut redeemed) = (0, 0);
    for entry in points_entry::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
    {
        if entry.area_path.starts_with(path) && entry.at >= from && entry.at < to {
            let (earned, spent) = points(&entry);
            issued += earned;
            redeemed += spent;
        }
    }
    json!({ "pointsIssued": issued, "pointsRedeemed": redeemed })
}

#[tokio::test]
async fn the_points_rollup_follows_the_ledger_and_the_district_dashboard_reads_it() {
    let ledger = Ledger::open().await;
    let app = &ledger.app;
    assert_rollup_matches_the_entries(app).await;

    // Through the API: given, held, then spent on a reward.
    ledger.fund(300).await;
    let reward = ledger.reward(100, 5).await;
    let input = json!({ "rewardId": reward, "residentId": ledger.resident_id });
    let held = ledger
        .ok(&ledger.resident, "redeemReward", input, ORDERED)
        .await;
    let settle = json!({ "orderId": held["order"]["id"], "version": held["order"]["version"] });
    ledger
        .ok(&ledger.keeper, "fulfilRedemption", settle, ORDERED)
        .await;
    assert_rollup_matches_the_entries(app).await;

    entries_around_midnights(app).await;
    assert_rollup_matches_the_entries(app).await;

    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    for (from, to) in periods(app) {
        for (area, path) in areas() {
            let variables = json!({ "area": area, "from": from, "to": to });
            let (_, body) = app.graphql_as(&admin, POINTS, variables).await;
            let shown = &body["data"]["dashboard"]["volunteers"];
            let counted = points_counted(app, path, from, to).await;
            assert_eq!(*shown, counted, "under {path} in [{from}, {to}): {body}");
        }
    }
}
