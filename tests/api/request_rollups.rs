//! The request rollups the database triggers keep (m0022) against the rows they count,
//! after the seed, after requests are submitted, escalated, extended, closed and
//! rejected through the API, and after requests are written, moved, re-dated and
//! removed in bulk; and the district admin's request figures, read from them for the
//! whole days of a period and from the rows for its edges, against counts made here.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::request_enums::{Channel, HandlingLevel, RequestStatus, Satisfaction};
use entity::{
    request, request_category, request_event, request_extension, rollup_request_cells,
    rollup_request_days,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, Set};
use serde_json::{Value, json};

use crate::dashboard_support::{Spec, insert};
use crate::harness::TestApp;
use crate::requests_support::{Desk, gid};

const FIGURES: &str = "query($area: ID!, $from: DateTime!, $to: DateTime!) {
    dashboard(areaId: $area, from: $from, to: $to) { requests {
        submitted openNow overdueNow
        responseRate { numerator denominator } solvedRate { numerator denominator }
        satisfactionRate { numerator denominator }
        evaluationCoverage { numerator denominator } onTimeRate { numerator denominator }
        escalationRate { numerator denominator } reworkRate { numerator denominator }
        extensionRate { numerator denominator }
        repeatComplaintRate { numerator denominator }
        closedBelowCommunity { numerator denominator }
        closedWithinCommunity { numerator denominator }
        byCategory: breakdown(by: CATEGORY) { key submitted closed solved }
        byChannel: breakdown(by: CHANNEL) { key submitted closed solved }
        byLevel: breakdown(by: LEVEL) { key submitted closed solved } } } }";

/// The sums the days rollup keeps, in its column order.
const SUMS: [&str; 13] = [
    "submitted",
    "responded",
    "closed",
    "solved",
    "evaluated",
    "satisfied",
    "on_time",
    "escalated",
    "reworked",
    "extended",
    "repeated",
    "closed_below",
    "closed_within",
];

/// The requests with what the rollups read off other rows.
struct Rows {
    requests: Vec<request::Model>,
    escalated: HashSet<i32>,
    extended: HashSet<i32>,
    categories: HashMap<i32, String>,
}

async fn rows(app: &TestApp) -> Rows {
    let db = &app.state.db;
    let escalated = request_event::Entity::find()
        .filter(request_event::Column::Action.eq("ESCALATE"))
        .all(db)
        .await
        .unwrap();
    let extended = request_extension::Entity::find().all(db).await.unwrap();
    let categories = request_category::Entity::find().all(db).await.unwrap();
    Rows {
        requests: request::Entity::find().all(db).await.unwrap(),
        escalated: escalated.iter().map(|event| event.request_id).collect(),
        extended: extended.iter().map(|row| row.request_id).collect(),
        categories: categories.into_iter().map(|c| (c.id, c.code)).collect(),
    }
}

fn closed(row: &request::Model) -> bool {
    matches!(
        row.status,
        RequestStatus::ClosedResolved | RequestStatus::ClosedUnresolved
    )
}

fn open(row: &request::Model) -> bool {
    !closed(row) && !matches!(row.status, RequestStatus::Rejected | RequestStatus::Merged)
}

/// Whether the request counts in each of [`SUMS`], as the dashboard defines them.
fn sums(rows: &Rows, row: &request::Model) -> [bool; 13] {
    use Satisfaction::*;
    let level_in = |levels: &[HandlingLevel]| closed(row) && levels.contains(&row.level);
    [
        true,
        row.status != RequestStatus::Submitted,
        closed(row),
        row.status == RequestStatus::ClosedResolved,
        matches!(
            row.satisfaction,
            Some(Satisfied | BasicallySatisfied | Dissatisfied)
        ),
        matches!(row.satisfaction, Some(Satisfied | BasicallySatisfied)),
        closed(row)
            && matches!((row.first_resolved_at, row.handle_due_at),
                (Some(resolved), Some(due)) if resolved <= due),
        rows.escalated.contains(&row.id),
        row.rework_count > 0,
        rows.extended.contains(&row.id),
        row.is_repeat,
        level_in(&[HandlingLevel::Building, HandlingLevel::Grid]),
        level_in(&[
            HandlingLevel::Building,
            HandlingLevel::Grid,
            HandlingLevel::Community,
        ]),
    ]
}

/// The day of an instant in China Standard Time.
pub(crate) fn day(at: DateTime<Utc>) -> String {
    (at + Duration::hours(8)).format("%Y-%m-%d").to_string()
}

pub(crate) fn street(path: &str) -> String {
    let end = path.match_indices('/').nth(1).unwrap().0;
    path[..=end].to_owned()
}

/// Both request rollups as they must be: counted here from the rows.
async fn assert_rollups_match_the_rows(app: &TestApp) {
    let rows = rows(app).await;
    let mut days: BTreeMap<(String, String), [i64; 13]> = BTreeMap::new();
    let mut cells: BTreeMap<(String, String, i32, String, String), [i64; 3]> = BTreeMap::new();
    for row in &rows.requests {
        let (street, day) = (street(&row.area_path), day(row.submitted_at));
        let counted = sums(&rows, row);
        let kept = days.entry((street.clone(), day.clone())).or_default();
        for (sum, counts) in kept.iter_mut().zip(counted) {
            *sum += i64::from(counts);
        }
        let key = (
            street,
            day,
            row.category_id,
            format!("{:?}", row.channel),
            format!("{:?}", row.level),
        );
        let cell = cells.entry(key).or_default();
        cell[0] += 1;
        cell[1] += i64::from(counted[2]);
        cell[2] += i64::from(counted[3]);
    }
    let db = &app.state.db;
    // A key whose rows all left keeps a row of zeros: the same as no row.
    let kept: BTreeMap<_, _> = rollup_request_days::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.submitted != 0)
        .map(|r| {
            let sums = [
                r.submitted,
                r.responded,
                r.closed,
                r.solved,
                r.evaluated,
                r.satisfied,
                r.on_time,
                r.escalated,
                r.reworked,
                r.extended,
                r.repeated,
                r.closed_below,
                r.closed_within,
            ];
            ((r.street_path, r.day), sums)
        })
        .collect();
    assert_eq!(kept, days, "request sums per street and day ({SUMS:?})");
    let kept: BTreeMap<_, _> = rollup_request_cells::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.submitted != 0)
        .map(|r| {
            let key = (
                r.street_path,
                r.day,
                r.category_id,
                format!("{:?}", r.channel),
                format!("{:?}", r.level),
            );
            (key, [r.submitted, r.closed, r.solved])
        })
        .collect();
    assert_eq!(
        kept, cells,
        "requests per street, day, category, channel, level"
    );
}

/// `{numerator, denominator}`.
fn rate(numerator: i64, denominator: i64) -> Value {
    json!({ "numerator": numerator, "denominator": denominator })
}

/// The requests figures of [`FIGURES`] under `path` in `[from, to)`, counted here.
async fn figures_counted(
    app: &TestApp,
    path: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Value {
    let rows = rows(app).await;
    let now = app.state.clock.now();
    let under: Vec<&request::Model> = rows
        .requests
        .iter()
        .filter(|row| row.area_path.starts_with(path))
        .collect();
    let overdue = |row: &request::Model| {
        open(row) && row.sla_paused_at.is_none() && row.sla_due_at.is_some_and(|due| due <= now)
    };
    let in_period: Vec<&request::Model> = under
        .iter()
        .copied()
        .filter(|row| row.submitted_at >= from && row.submitted_at < to)
        .collect();
    let mut total = [0i64; 13];
    let mut groups: [BTreeMap<String, [i64; 3]>; 3] = Default::default();
    for row in &in_period {
        let counted = sums(&rows, row);
        for (sum, counts) in total.iter_mut().zip(counted) {
            *sum += i64::from(counts);
        }
        let keys = [
            rows.categories[&row.category_id].clone(),
            row.channel.to_value(),
            row.level.to_value(),
        ];
        for (grouping, key) in groups.iter_mut().zip(keys) {
            let group = grouping.entry(key).or_default();
            group[0] += 1;
            group[1] += i64::from(counted[2]);
            group[2] += i64::from(counted[3]);
        }
    }
    let open_overdue = in_period.iter().filter(|row| overdue(row)).count() as i64;
    let [
        submitted,
        responded,
        closed,
        solved,
        evaluated,
        satisfied,
        on_time,
        escalated,
        reworked,
        extended,
        repeated,
        below,
        within,
    ] = total;
    let [by_category, by_channel, by_level] = groups.map(|grouping| {
        let mut list: Vec<_> = grouping.into_iter().collect();
        list.sort_by(|(a_key, a), (b_key, b)| b[0].cmp(&a[0]).then(a_key.cmp(b_key)));
        list.into_iter()
            .map(|(key, [submitted, closed, solved])| {
                json!({ "key": key, "submitted": submitted, "closed": closed, "solved": solved })
            })
            .collect::<Vec<_>>()
    });
    json!({
        "submitted": submitted,
        "openNow": under.iter().filter(|row| open(row)).count(),
        "overdueNow": under.iter().filter(|row| overdue(row)).count(),
        "responseRate": rate(responded, submitted),
        "solvedRate": rate(solved, closed),
        "satisfactionRate": rate(satisfied, evaluated),
        "evaluationCoverage": rate(evaluated, closed),
        "onTimeRate": rate(on_time, closed + open_overdue),
        "escalationRate": rate(escalated, submitted),
        "reworkRate": rate(reworked, submitted),
        "extensionRate": rate(extended, submitted),
        "repeatComplaintRate": rate(repeated, submitted),
        "closedBelowCommunity": rate(below, closed),
        "closedWithinCommunity": rate(within, closed),
        "byCategory": by_category,
        "byChannel": by_channel,
        "byLevel": by_level,
    })
}

async fn figures_shown(
    app: &TestApp,
    token: &str,
    area: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Value {
    let variables = json!({ "area": area, "from": from, "to": to });
    let (_, body) = app.graphql_as(token, FIGURES, variables).await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["dashboard"]["requests"].clone()
}

/// Local midnight (UTC+8) starting `2026-06-{day}`.
pub(crate) fn midnight(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, day, 0, 0, 0).unwrap() - Duration::hours(8)
}

/// Requests on either side of local midnights, in two streets, in several states.
async fn requests_around_midnights(app: &TestApp) {
    let second = Duration::seconds(1);
    let milli = Duration::milliseconds(1);
    let times = [
        midnight(8) - second,
        midnight(8),
        midnight(8) + milli,
        midnight(9) + Duration::hours(15),
        midnight(10) - milli,
        midnight(12) + Duration::hours(11),
        midnight(13) - second,
        midnight(13),
    ];
    let states = [
        (RequestStatus::ClosedResolved, HandlingLevel::Grid),
        (RequestStatus::ClosedUnresolved, HandlingLevel::Community),
        (RequestStatus::InProgress, HandlingLevel::Building),
        (RequestStatus::Submitted, HandlingLevel::Grid),
        (RequestStatus::Rejected, HandlingLevel::Grid),
        (RequestStatus::ClosedResolved, HandlingLevel::Street),
    ];
    let categories = ["SANITATION", "PARKING", "PROPERTY_REPAIR"];
    for (n, at) in times.into_iter().enumerate() {
        for grid in [1, 7] {
            let (status, level) = states[(n + grid as usize) % states.len()];
            let closed = matches!(
                status,
                RequestStatus::ClosedResolved | RequestStatus::ClosedUnresolved
            );
            insert(
                app,
                Spec {
                    status,
                    level,
                    satisfaction: closed.then_some(if n % 2 == 0 {
                        Satisfaction::Satisfied
                    } else {
                        Satisfaction::Dissatisfied
                    }),
                    handle_due: Some(at + Duration::days(2)),
                    sla_due: (!closed).then_some(at + Duration::days(1)),
                    rework: (n % 3 == 0) as i32,
                    resolved: closed.then_some(at + Duration::days(1 + (n % 3) as i64)),
                    ..Spec::waiting(categories[n % 3], grid, at)
                },
            )
            .await;
        }
    }
}

/// The periods compared: partial edges, whole days only, edges on one side, none whole.
pub(crate) fn periods(app: &TestApp) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let t = app.state.clock.now();
    vec![
        (t - Duration::days(10), t + Duration::days(1)),
        (midnight(8), midnight(13)),
        (midnight(8) + Duration::milliseconds(1), midnight(13)),
        (midnight(8), midnight(13) - Duration::seconds(1)),
        (midnight(8) - Duration::seconds(1), midnight(10)),
        (
            midnight(9) + Duration::hours(1),
            midnight(10) - Duration::hours(1),
        ),
    ]
}

/// The areas compared, with their paths: the district and a street (unions of
/// rollup keys) and a community (counted from the rows).
pub(crate) fn areas() -> [(String, &'static str); 3] {
    [
        (gid("District", 1), "1/"),
        (gid("Street", 1), "1/1/"),
        (gid("Community", 1), "1/1/1/"),
    ]
}

/// The district admin's request figures (from the rollups: the district and a street
/// are unions of its keys) and a community's (from the rows) against the counts.
async fn assert_figures_match_the_counts(app: &TestApp, admin: &str) {
    for (from, to) in periods(app) {
        for (area, path) in areas() {
            let shown = figures_shown(app, admin, &area, from, to).await;
            let counted = figures_counted(app, path, from, to).await;
            assert_eq!(shown, counted, "under {path} in [{from}, {to})");
        }
    }
}

#[tokio::test]
async fn request_rollups_follow_every_change_of_the_requests() {
    let desk = Desk::open().await;
    let app = &desk.app;
    let db = &app.state.db;
    assert_rollups_match_the_rows(app).await;

    // Through the API: submitted, escalated, extended, closed, rejected.
    let working = desk.in_progress("SANITATION").await;
    let reason = json!({ "reason": "涉及物业公司，需社区协调" });
    desk.advance(&desk.worker, "escalateRequest", &working, reason)
        .await;
    let working = desk.in_progress("PARKING").await;
    let extend = json!({ "kind": "EXTEND", "reason": "需要协调", "extraHours": 24 });
    desk.advance(&desk.worker, "requestExtension", &working, extend)
        .await;
    let working = desk.in_progress("SANITATION").await;
    let resolved = desk.resolved(&working, "已处理").await;
    desk.closed_satisfied(&resolved).await;
    let rejected = desk.walk_in("PARKING", "NORMAL").await;
    desk.advance(
        &desk.staff,
        "rejectRequest",
        &rejected,
        json!({ "reason": "重复" }),
    )
    .await;
    assert_rollups_match_the_rows(app).await;

    // In bulk: written with exact times, then moved, re-dated and re-keyed many at once.
    requests_around_midnights(app).await;
    assert_rollups_match_the_rows(app).await;
    let bulk = |channel| {
        request::Entity::update_many()
            .col_expr(request::Column::Channel, Expr::value(channel))
            .filter(request::Column::Description.eq("楼道堆物"))
    };
    bulk(Channel::Hotline12345)
        .filter(request::Column::Status.eq(RequestStatus::Submitted))
        .exec(db)
        .await
        .unwrap();
    request::Entity::update_many()
        .col_expr(
            request::Column::SubmittedAt,
            Expr::cust(match app.state.db.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => r#""submitted_at" + INTERVAL '1 day'"#,
                _ => r#"strftime('%Y-%m-%dT%H:%M:%S+00:00', "submitted_at", '+1 day')"#,
            }),
        )
        .filter(request::Column::Status.eq(RequestStatus::InProgress))
        .exec(db)
        .await
        .unwrap();
    request::Entity::update_many()
        .col_expr(
            request::Column::Status,
            Expr::value(RequestStatus::ClosedResolved),
        )
        .col_expr(
            request::Column::Level,
            Expr::value(HandlingLevel::Community),
        )
        .filter(request::Column::Status.eq(RequestStatus::Rejected))
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(app).await;

    // Escalations and extensions written and removed by hand move the flags.
    let some = request::Entity::find()
        .filter(request::Column::Description.eq("楼道堆物"))
        .all(db)
        .await
        .unwrap();
    let event = |row: &request::Model| request_event::ActiveModel {
        id: NotSet,
        request_id: Set(row.id),
        area_path: Set(row.area_path.clone()),
        reporter_user_id: Set(None),
        at: Set(row.submitted_at),
        actor_kind: Set("USER".to_owned()),
        actor_id: Set(None),
        actor_name: Set(None),
        action: Set("ESCALATE".to_owned()),
        from_status: Set(Some(row.status)),
        to_status: Set(row.status),
        from_level: Set(Some(row.level)),
        to_level: Set(row.level),
        note: Set(None),
    };
    request_event::Entity::insert_many(some.iter().take(4).map(event))
        .exec(db)
        .await
        .unwrap();
    event(&some[0]).insert(db).await.unwrap();
    assert_rollups_match_the_rows(app).await;
    request_event::Entity::delete_many()
        .filter(request_event::Column::Action.eq("ESCALATE"))
        .filter(request_event::Column::RequestId.is_in([some[0].id, some[1].id]))
        .exec(db)
        .await
        .unwrap();
    request_extension::Entity::delete_many()
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(app).await;

    // Removed: their events first.
    let gone: Vec<i32> = some.iter().skip(2).step_by(3).map(|row| row.id).collect();
    request_event::Entity::delete_many()
        .filter(request_event::Column::RequestId.is_in(gone.clone()))
        .exec(db)
        .await
        .unwrap();
    request::Entity::delete_many()
        .filter(request::Column::Id.is_in(gone))
        .exec(db)
        .await
        .unwrap();
    assert_rollups_match_the_rows(app).await;
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    assert_figures_match_the_counts(app, &admin).await;
}

#[tokio::test]
async fn the_district_dashboard_from_the_rollups_counts_what_the_rows_say() {
    let desk = Desk::open().await;
    let app = &desk.app;
    requests_around_midnights(app).await;
    let working = desk.in_progress("SANITATION").await;
    let reason = json!({ "reason": "涉及物业公司，需社区协调" });
    desk.advance(&desk.worker, "escalateRequest", &working, reason)
        .await;
    assert_rollups_match_the_rows(app).await;
    let admin = app.token_for("admin", &["DISTRICT_ADMIN:district:1"]).await;
    assert_figures_match_the_counts(app, &admin).await;
    // Days later the open requests are overdue: the figures of now stay on the rows.
    app.set_clock_hours_after_start(24 * 30);
    assert_figures_match_the_counts(app, &admin).await;
}
