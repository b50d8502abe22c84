//! The bulk service orders on a small seeded SQLite database: statuses agree with
//! the record's timestamps, nothing leaves the resident's community or the year, no
//! provider is booked twice at once, the same seed gives the same rows, and the
//! dashboard's services group has something to say about every figure.

use std::collections::HashSet;

use sea_orm::{EntityTrait, QueryOrder, TransactionTrait};

use entity::service_enums::OrderStatus::{self, *};
use entity::{service_item, service_order};

use super::super::bulk::fixture::{Fixture, fixture, year};
use super::super::bulk::in_year;
use super::super::{ActivityReport, YEAR_END, instant};
use crate::access::Viewer;
use crate::seed::DEMO_SEED;
use crate::service::dashboard;

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

async fn orders(fixture: &Fixture) -> Vec<service_order::Model> {
    service_order::Entity::find()
        .order_by_asc(service_order::Column::Id)
        .all(&fixture.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn service_orders_follow_the_lifecycle_inside_the_territory_and_the_year() {
    let (fixture, report) = loaded().await;
    let rows = orders(&fixture).await;
    let items = service_item::Entity::find().all(&fixture.db).await.unwrap();
    assert_eq!(rows.len() as u64, report.service_orders);
    assert!(rows.len() > 200, "{} orders", rows.len());
    let scheduled = [
        Scheduled, InService, Completed, Confirmed, Settled, Disputed, NoShow,
    ];
    let checked_in = [InService, Completed, Confirmed, Settled, Disputed];
    let delivered = [Completed, Confirmed, Settled, Disputed];
    for row in &rows {
        let item = items.iter().find(|i| i.id == row.item_id).unwrap();
        assert!(row.area_path.starts_with(&item.area_path), "{row:?}");
        assert!(in_year(row.created_at) && in_year(row.updated_at));
        assert!(row.created_at <= row.updated_at && row.version >= 1);
        if scheduled.contains(&row.status) {
            assert!(
                row.provider_id.is_some() && row.scheduled_start.is_some(),
                "{row:?}"
            );
        }
        if let (Some(start), Some(end)) = (row.scheduled_start, row.scheduled_end) {
            assert!(row.created_at < start && start < end && in_year(end));
        }
        assert_eq!(
            row.checked_in_at.is_some(),
            checked_in.contains(&row.status),
            "{row:?}"
        );
        assert_eq!(
            row.checked_out_at.is_some(),
            delivered.contains(&row.status),
            "{row:?}"
        );
        if let (Some(i), Some(o)) = (row.checked_in_at, row.checked_out_at) {
            assert!(i < o && o <= row.updated_at);
        }
        if let Some(stars) = row.rating {
            assert!(matches!(row.status, Confirmed | Settled));
            assert!((1..=5).contains(&stars));
        }
        if matches!(row.status, Rejected | Disputed) {
            assert!(row.reason.is_some());
        }
    }
    let statuses: HashSet<OrderStatus> = rows.iter().map(|r| r.status).collect();
    for status in [
        EligibilityChecked,
        Approved,
        Rejected,
        Cancelled,
        NoShow,
        Disputed,
    ] {
        assert!(statuses.contains(&status), "no {status:?}");
    }
    for status in [Scheduled, InService, Completed, Confirmed, Settled] {
        assert!(statuses.contains(&status), "no {status:?}");
    }
    assert!(rows.iter().any(|r| r.rating.is_some()));
}

#[tokio::test]
async fn no_provider_is_booked_twice_at_once() {
    let (fixture, _) = loaded().await;
    let mut slots: Vec<_> = orders(&fixture)
        .await
        .into_iter()
        .filter_map(|r| Some((r.provider_id?, r.scheduled_start?, r.scheduled_end?)))
        .collect();
    slots.sort();
    for pair in slots.windows(2) {
        if pair[0].0 == pair[1].0 {
            assert!(pair[0].2 <= pair[1].1, "{pair:?}");
        }
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_orders_and_the_dashboard_counts_them() {
    let (first, _) = loaded().await;
    let (second, _) = loaded().await;
    let rows = orders(&first).await;
    assert_eq!(rows, orders(&second).await);

    let now = instant(YEAR_END);
    let figures = dashboard::services(&first.db, &Viewer::System, "1/", year(), now)
        .await
        .unwrap();
    eprintln!("{figures:?}");
    assert_eq!(figures.placed, rows.len() as u64);
    assert!(figures.completed > 0 && figures.completed_on_time > 0);
    assert!(
        figures.completed_on_time < figures.completed,
        "some are late"
    );
    assert!(figures.open_overdue > 0, "some are open past their slot");
    assert!(figures.rated > 0 && figures.satisfied > 0 && figures.satisfied < figures.rated);
}
