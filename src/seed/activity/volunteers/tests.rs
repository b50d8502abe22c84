//! The bulk volunteering on a small seeded SQLite database: activities are never
//! over-booked, participations agree with their status, every EARN pays a verified
//! participation its hours, every account reconciles with its entries, redemptions
//! agree with their entries, the same seed gives the same ledger, and the dashboard's
//! volunteers group adds up.

use std::collections::HashMap;

use sea_orm::sea_query::Condition;
use sea_orm::{EntityTrait, QueryOrder, TransactionTrait};

use entity::activity_participation::ParticipationStatus;
use entity::points_enums::{EntryKind, OrderStatus};
use entity::{activity, activity_participation, points_account, points_entry, redemption_order};

use super::super::bulk::fixture::{Fixture, fixture, year};
use super::super::bulk::in_year;
use super::super::{ActivityReport, YEAR_END, instant};
use crate::access::Viewer;
use crate::seed::DEMO_SEED;
use crate::service::{dashboard, points};

async fn loaded() -> (Fixture, ActivityReport) {
    let fixture = fixture().await;
    let txn = fixture.db.begin().await.unwrap();
    let mut report = ActivityReport::default();
    super::insert(&txn, DEMO_SEED, fixture.actor, &mut report)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    (fixture, report)
}

#[tokio::test]
async fn participations_agree_with_their_activities_and_their_points() {
    let (fixture, report) = loaded().await;
    let db = &fixture.db;
    let activities = activity::Entity::find().all(db).await.unwrap();
    let places = activity_participation::Entity::find()
        .all(db)
        .await
        .unwrap();
    let entries = points_entry::Entity::find().all(db).await.unwrap();
    // Two communities, four activities a month for eleven months.
    assert_eq!(activities.len(), 2 * 44);
    assert_eq!(places.len() as u64, report.participations);
    let by_id: HashMap<i32, &activity::Model> = activities.iter().map(|a| (a.id, a)).collect();
    let mut seats: HashMap<i32, i32> = HashMap::new();
    for place in &places {
        let held = by_id[&place.activity_id];
        *seats.entry(held.id).or_default() += 1;
        assert!(place.area_path.starts_with(&held.area_path));
        assert!(place.created_at < held.starts_at);
        let verified = place.status == ParticipationStatus::Verified;
        assert_eq!(place.hours.is_some(), verified);
        assert_eq!(
            place.checked_in_at.is_some(),
            place.status != ParticipationStatus::SignedUp
        );
        let earned: Vec<_> = entries
            .iter()
            .filter(|e| e.source_kind == "PARTICIPATION" && e.source_id == Some(place.id))
            .collect();
        assert_eq!(earned.len(), usize::from(verified));
        if let (Some(entry), Some(hours)) = (earned.first(), place.hours) {
            assert_eq!(entry.amount, i64::from(hours * held.points_per_hour));
            assert!(entry.at > held.ends_at && in_year(entry.at));
        }
    }
    for held in &activities {
        assert_eq!(held.signed_up, seats.get(&held.id).copied().unwrap_or(0));
        assert!(held.signed_up <= held.capacity && in_year(held.ends_at));
    }
    let statuses: Vec<_> = places.iter().map(|p| p.status).collect();
    for status in [
        ParticipationStatus::SignedUp,
        ParticipationStatus::CheckedIn,
        ParticipationStatus::Verified,
    ] {
        assert!(statuses.contains(&status), "no {status:?}");
    }
}

#[tokio::test]
async fn every_account_reconciles_and_redemptions_agree_with_their_entries() {
    let (fixture, report) = loaded().await;
    let db = &fixture.db;
    let balances = points::reconcile::balances(db, &Viewer::System, Condition::all())
        .await
        .unwrap();
    assert_eq!(balances.len() as u64, report.points_accounts);
    assert!(balances.iter().all(|b| b.consistent()), "{balances:?}");
    let entries = points_entry::Entity::find()
        .order_by_asc(points_entry::Column::Id)
        .all(db)
        .await
        .unwrap();
    let orders = redemption_order::Entity::find().all(db).await.unwrap();
    assert!(orders.len() > 10, "{} redemptions", orders.len());
    for order in &orders {
        let kinds: Vec<EntryKind> = entries
            .iter()
            .filter(|e| e.source_kind == "REDEMPTION_ORDER" && e.source_id == Some(order.id))
            .map(|e| e.kind)
            .collect();
        let expected = match order.status {
            OrderStatus::Held => vec![EntryKind::Hold],
            OrderStatus::Fulfilled => vec![EntryKind::Hold, EntryKind::Redeem],
            OrderStatus::Cancelled => vec![EntryKind::Hold, EntryKind::Release],
        };
        assert_eq!(kinds, expected, "{order:?}");
    }
    // Entries of an account are numbered in time order.
    let mut last: HashMap<i32, &points_entry::Model> = HashMap::new();
    for entry in &entries {
        if let Some(before) = last.insert(entry.account_id, entry) {
            assert!(before.at <= entry.at);
        }
    }
    let accounts = points_account::Entity::find().all(db).await.unwrap();
    assert!(accounts.iter().all(|a| a.available >= 0 && a.held >= 0));
}

#[tokio::test]
async fn the_same_seed_gives_the_same_ledger_and_the_dashboard_adds_it_up() {
    let (first, _) = loaded().await;
    let (second, _) = loaded().await;
    let entries = || points_entry::Entity::find().order_by_asc(points_entry::Column::Id);
    assert_eq!(
        entries().all(&first.db).await.unwrap(),
        entries().all(&second.db).await.unwrap()
    );

    let now = instant(YEAR_END);
    let figures = dashboard::volunteers(&first.db, &Viewer::System, "1/", year(), now)
        .await
        .unwrap();
    eprintln!("{figures:?}");
    assert!(figures.volunteers > 0 && figures.active > 0 && figures.active <= figures.volunteers);
    assert!(figures.hours > 0 && figures.points_redeemed > 0);
    // Nothing but earning and redeeming moved points this year.
    assert_eq!(
        figures.points_outstanding,
        figures.points_issued - figures.points_redeemed
    );
}
