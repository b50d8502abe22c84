//! Mediation cases: walked on their own over many draws (every status and outcome
//! appears, and each case's fields agree with its status), then loaded into a small
//! seeded SQLite database (about one case per 200 households, parties living where
//! the case is placed, the same seed giving the same cases, the dashboard counting
//! them).

use std::collections::HashSet;

use sea_orm::{EntityTrait, QueryOrder, TransactionTrait};

use entity::mediation_enums::{CaseOutcome, CaseStatus, DisputeCategory};
use entity::{community, mediation_case, mediation_party, mediation_session, resident};

use super::super::bulk::fixture::{Fixture, fixture, year};
use super::super::bulk::in_year;
use super::super::{ActivityReport, YEAR_END, bulk, instant};
use super::case;
use crate::access::Viewer;
use crate::domain::mediation::follow_up_due;
use crate::seed::DEMO_SEED;
use crate::seed::rng::{Rng, Stream};
use crate::service::dashboard;

/// A case's fields agree with its status; `sessions` is how many it held.
fn consistent(case: &mediation_case::Model, sessions: i32) {
    use CaseStatus::*;
    let settled = matches!(
        case.outcome,
        Some(CaseOutcome::Resolved | CaseOutcome::Partial)
    );
    let agreed = matches!(case.status, Agreed | FollowedUp) || settled;
    let followed = case.status == FollowedUp || settled;
    assert_eq!(case.agreement.is_some(), agreed, "{case:?}");
    assert_eq!(case.agreement_signed_on.is_some(), agreed);
    assert_eq!(
        case.follow_up_due,
        case.agreement_signed_on.map(follow_up_due)
    );
    assert_eq!(case.outcome.is_some(), case.status == Closed, "{case:?}");
    assert_eq!(case.followed_up_on.is_some(), followed, "{case:?}");
    assert_eq!(case.follow_up_notes.is_some(), followed);
    if let (Some(signed), Some(on)) = (case.agreement_signed_on, case.followed_up_on) {
        assert!(signed <= on);
    }
    assert!(in_year(case.opened_at) && in_year(case.updated_at));
    assert!(case.opened_at <= case.updated_at);
    let steps =
        sessions + i32::from(agreed) + i32::from(followed) + i32::from(case.outcome.is_some());
    assert_eq!(case.version, 1 + steps, "{case:?}");
}

#[test]
fn cases_reach_every_status_and_outcome_and_agree_with_them() {
    let place = community::Model {
        id: 1,
        street_id: 1,
        code: "1".into(),
        name: "测试社区".into(),
        address: None,
        path: "1/1/1/".into(),
    };
    let (mut statuses, mut outcomes) = (HashSet::new(), HashSet::new());
    for id in 1..2000 {
        let mut rng = Rng::new(DEMO_SEED, Stream::Mediation, id);
        let new = case::New {
            id,
            community: &place,
            area: ("community", 1),
            path: place.path.clone(),
            category: DisputeCategory::Neighbour,
            mediator: 1,
        };
        let (row, sessions) = case::walk(&mut rng, new).unwrap();
        consistent(&row, sessions.len() as i32);
        statuses.insert(row.status);
        outcomes.extend(row.outcome);
    }
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
}

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

async fn cases(fixture: &Fixture) -> Vec<mediation_case::Model> {
    mediation_case::Entity::find()
        .order_by_asc(mediation_case::Column::Id)
        .all(&fixture.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn loaded_cases_name_parties_of_their_area_and_the_dashboard_counts_them() {
    let (fixture, report) = loaded().await;
    let (second, _) = loaded().await;
    let rows = cases(&fixture).await;
    assert_eq!(rows, cases(&second).await);
    // 2,048 households: about ten cases.
    assert!((6..=14).contains(&rows.len()), "{} cases", rows.len());
    assert_eq!(rows.len() as u64, report.mediation_cases);
    let parties = mediation_party::Entity::find()
        .all(&fixture.db)
        .await
        .unwrap();
    let sessions = mediation_session::Entity::find()
        .all(&fixture.db)
        .await
        .unwrap();
    let residents = resident::Entity::find().all(&fixture.db).await.unwrap();
    for case in &rows {
        let held = sessions.iter().filter(|s| s.case_id == case.id).count();
        consistent(case, held as i32);
        let named: Vec<_> = parties.iter().filter(|p| p.case_id == case.id).collect();
        assert!(named.len() >= 2);
        for party in named {
            assert_eq!(party.area_path, case.area_path);
            if let Some(id) = party.resident_id {
                let person = residents.iter().find(|r| r.id == id).unwrap();
                assert!(person.area_path.starts_with(&case.area_path));
            }
        }
    }
    let today = bulk::local_day(instant(YEAR_END));
    let figures = dashboard::governance(&fixture.db, &Viewer::System, "1/", year(), today)
        .await
        .unwrap();
    eprintln!("{figures:?}");
    assert_eq!(figures.cases_opened, rows.len() as u64);
    assert!(figures.cases_closed > 0 && figures.cases_settled > 0);
}
