//! The bulk visits on a small seeded SQLite database: every household living there is
//! reached once, by a visit of eight to twelve households of its own grid inside the
//! year, the same seed gives the same visits, and the dashboard's governance group
//! counts them.

use std::collections::HashSet;

use sea_orm::{EntityTrait, QueryOrder, TransactionTrait};

use entity::enums::ResidenceStatus;
use entity::{household, visit, visit_household};

use super::super::bulk::fixture::{Fixture, fixture, year};
use super::super::bulk::in_year;
use super::super::{ActivityReport, YEAR_END, bulk, instant};
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

async fn links(fixture: &Fixture) -> Vec<visit_household::Model> {
    visit_household::Entity::find()
        .order_by_asc(visit_household::Column::Id)
        .all(&fixture.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn every_household_at_home_is_visited_once_by_a_worker_of_its_grid() {
    let (fixture, report) = loaded().await;
    let households = household::Entity::find().all(&fixture.db).await.unwrap();
    let visits = visit::Entity::find().all(&fixture.db).await.unwrap();
    let links = links(&fixture).await;
    let at_home: HashSet<i32> = households
        .iter()
        .filter(|h| h.residence_status != ResidenceStatus::RegisteredNotLiving)
        .map(|h| h.id)
        .collect();
    let reached: HashSet<i32> = links.iter().map(|l| l.household_id).collect();
    assert_eq!(reached, at_home);
    assert_eq!(links.len(), reached.len(), "once each");
    assert_eq!(links.len() as u64, report.visit_households);
    for row in &visits {
        assert!(row.area_path.ends_with(&format!("/{}/", row.grid_id)));
        assert!(in_year(row.visited_at) && row.visited_at <= row.created_at);
        let reached: Vec<_> = links.iter().filter(|l| l.visit_id == row.id).collect();
        assert!((1..=12).contains(&reached.len()));
        for link in reached {
            assert_eq!(
                (&link.area_path, link.visited_at),
                (&row.area_path, row.visited_at)
            );
            let home = households
                .iter()
                .find(|h| h.id == link.household_id)
                .unwrap();
            assert!(home.path.starts_with(&row.area_path));
        }
    }
    // Spread over the year: every month has visits.
    let months: HashSet<_> = visits
        .iter()
        .map(|v| bulk::local_day(v.visited_at).format("%m").to_string())
        .collect();
    assert_eq!(months.len(), 11);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_visits_and_the_dashboard_counts_them() {
    let (first, _) = loaded().await;
    let (second, _) = loaded().await;
    let links = links(&first).await;
    assert_eq!(links, self::links(&second).await);
    let today = bulk::local_day(instant(YEAR_END));
    let figures = dashboard::governance(&first.db, &Viewer::System, "1/", year(), today)
        .await
        .unwrap();
    eprintln!("{figures:?}");
    assert_eq!(figures.households_visited, links.len() as u64);
    assert!(figures.households_visited < figures.households);
}
