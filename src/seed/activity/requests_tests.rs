//! The generated requests against the rules the services keep, on a small seeded
//! SQLite database: every event chain is a walk of the state machine, the request row
//! is where its last event left it, and the dashboard finds every kind of figure.

use std::collections::HashMap;

use chrono::TimeZone;
use migration::MigratorTrait;
use sea_orm::{Database, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder};

use entity::request_enums::{RequestStatus, Satisfaction};
use entity::{household, request, request_event, request_extension, request_supervision};
use migration::Migrator;

use super::super::{ActivityReport, YEAR_END, YEAR_START, instant, seed_activity};
use crate::access::Viewer;
use crate::domain::requests::lifecycle;
use crate::seed::{DEMO_SEED, Scale, Shape, seed};
use crate::service::dashboard::{self, Period};

async fn seeded(dir: &tempfile::TempDir, seed_value: u64) -> (DatabaseConnection, ActivityReport) {
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("activity.db").display()
    );
    let db = Database::connect(&url).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    let shape = Shape {
        streets: 1,
        communities_per_street: 2,
        ..Scale::Small.shape()
    };
    seed(&db, &shape, DEMO_SEED).await.unwrap();
    let report = seed_activity(&db, seed_value).await.unwrap();
    (db, report)
}

#[tokio::test]
async fn every_request_is_a_legal_walk_of_its_lifecycle() {
    let dir = tempfile::tempdir().unwrap();
    let (db, report) = seeded(&dir, DEMO_SEED).await;
    let requests = request::Entity::find().all(&db).await.unwrap();
    let households = household::Entity::find().count(&db).await.unwrap();
    let per_household = requests.len() as f64 / households as f64;
    assert!(
        (0.2..0.36).contains(&per_household),
        "{per_household} a household"
    );
    assert_eq!(report.requests, requests.len() as u64);

    let mut events: HashMap<i32, Vec<request_event::Model>> = HashMap::new();
    for event in request_event::Entity::find()
        .order_by_asc(request_event::Column::Id)
        .all(&db)
        .await
        .unwrap()
    {
        events.entry(event.request_id).or_default().push(event);
    }
    assert_eq!(
        report.request_events,
        events.values().map(Vec::len).sum::<usize>() as u64
    );
    let (start, end) = (instant(YEAR_START), instant(YEAR_END));
    for request in &requests {
        let chain = &events[&request.id];
        assert_eq!(chain[0].action, "SUBMIT");
        assert_eq!(chain[0].at, request.submitted_at);
        for pair in chain.windows(2) {
            assert_eq!(
                pair[1].from_status,
                Some(pair[0].to_status),
                "request {}",
                request.id
            );
            assert_eq!(pair[1].from_level, Some(pair[0].to_level));
            assert!(pair[1].at >= pair[0].at);
        }
        let last = chain.last().unwrap();
        assert_eq!(
            (last.to_status, last.to_level),
            (request.status, request.level)
        );
        assert_eq!(last.at, request.updated_at);
        assert!(start <= request.submitted_at && request.updated_at < end);
        assert!(request.area_path.starts_with("1/"));
        assert_eq!(request.version, chain.len() as i32);
        let open = lifecycle::is_open(request.status);
        // A running deadline exactly while the request waits on someone.
        let waits = open && request.status != RequestStatus::AwaitingEvaluation;
        assert_eq!(
            request.sla_due_at.is_some(),
            waits,
            "request {}",
            request.id
        );
        let evaluated = chain
            .iter()
            .any(|event| event.action == "EVALUATE" || event.action == "CLOSE_UNEVALUATED");
        assert_eq!(request.satisfaction.is_some(), evaluated);
        let reworks = chain
            .iter()
            .filter(|event| event.to_status == RequestStatus::InProgress)
            .filter(|event| {
                let reopened = [RequestStatus::Verifying, RequestStatus::AwaitingEvaluation];
                event
                    .from_status
                    .is_some_and(|from| reopened.contains(&from))
            })
            .count();
        assert_eq!(
            request.rework_count, reworks as i32,
            "request {}",
            request.id
        );
    }

    let count = |status: RequestStatus| requests.iter().filter(|r| r.status == status).count();
    let closed = count(RequestStatus::ClosedResolved) + count(RequestStatus::ClosedUnresolved);
    assert!(
        closed * 10 > requests.len() * 7,
        "{closed} of {} closed",
        requests.len()
    );
    for status in [
        RequestStatus::Rejected,
        RequestStatus::Submitted,
        RequestStatus::InProgress,
        RequestStatus::ClosedUnresolved,
    ] {
        assert!(count(status) > 0, "no {status:?} request");
    }
    let verdicts = |satisfaction| {
        requests
            .iter()
            .filter(|r| r.satisfaction == Some(satisfaction))
            .count()
    };
    for satisfaction in [
        Satisfaction::Satisfied,
        Satisfaction::Dissatisfied,
        Satisfaction::NotEvaluated,
    ] {
        assert!(verdicts(satisfaction) > 0, "no {satisfaction:?} request");
    }

    let actions = |action: &str| {
        events
            .values()
            .flatten()
            .filter(|e| e.action == action)
            .count()
    };
    let extensions = request_extension::Entity::find().all(&db).await.unwrap();
    assert_eq!(extensions.len(), actions("EXTEND"));
    let cards = request_supervision::Entity::find().all(&db).await.unwrap();
    assert_eq!(cards.len(), actions("SUPERVISE"));
    for card in &cards {
        let request = requests.iter().find(|r| r.id == card.request_id).unwrap();
        assert!(request.supervision_card.is_some() && request.handle_due_at.is_some());
        // Carded while open, by the SUPERVISE event of the same moment.
        let chain = &events[&card.request_id];
        let event = chain
            .iter()
            .find(|e| e.action == "SUPERVISE" && e.at == card.issued_at);
        assert!(event.is_some_and(|e| lifecycle::is_open(e.to_status)));
    }
    assert!(actions("ESCALATE") > 0 && !cards.is_empty() && !extensions.is_empty());
}

#[tokio::test]
async fn the_dashboard_finds_every_kind_of_request_figure() {
    let dir = tempfile::tempdir().unwrap();
    let (db, report) = seeded(&dir, DEMO_SEED).await;
    let period = Period {
        from: instant(YEAR_START),
        to: instant(YEAR_END),
    };
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
    let figures = dashboard::requests(&db, &Viewer::System, "1/", period, now)
        .await
        .unwrap();
    assert_eq!(figures.submitted, report.requests);
    let positive = [
        ("open", figures.open_now),
        ("overdue", figures.overdue_now),
        ("responded", figures.responded),
        ("solved", figures.solved),
        ("satisfied", figures.satisfied),
        ("on time", figures.closed_on_time),
        ("open overdue", figures.open_overdue),
        ("escalated", figures.escalated),
        ("reworked", figures.reworked),
        ("extended", figures.extended),
        ("closed below the community", figures.closed_below_community),
        ("yellow cards", figures.yellow_cards),
        ("red cards", figures.red_cards),
        ("repeats", figures.repeated),
    ];
    for (what, value) in positive {
        assert!(value > 0, "no {what}");
    }
    // Most closed on time, not all.
    assert!(figures.closed_on_time * 10 > figures.closed * 7);
    assert!(figures.closed_on_time < figures.closed);
    let times = dashboard::handling_times(&db, &Viewer::System, "1/", period)
        .await
        .unwrap();
    let (median, p90) = (times.median_hours.unwrap(), times.p90_hours.unwrap());
    assert!(0.0 < median && median < p90, "{median} {p90}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_requests() {
    let digest = |requests: Vec<request::Model>| {
        requests
            .into_iter()
            .map(|r| (r.id, r.area_path, r.status, r.submitted_at, r.updated_at))
            .collect::<Vec<_>>()
    };
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, _) = seeded(&one, DEMO_SEED).await;
    let (second, _) = seeded(&two, DEMO_SEED).await;
    let all = |db: DatabaseConnection| async move {
        request::Entity::find()
            .order_by_asc(request::Column::Id)
            .all(&db)
            .await
            .unwrap()
    };
    assert_eq!(digest(all(first).await), digest(all(second).await));
}
