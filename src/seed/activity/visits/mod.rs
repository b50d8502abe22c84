//! A year of grid workers' visits (入户走访): every grid's households are called on
//! once a year, eight to twelve neighbours (by household number) per visit, the
//! visits of a grid spread evenly over the year on working hours. Households
//! registered but not living there are never found at home and are not visited. A
//! visit records what it found in about four cases in ten. Rows are as `recordVisit`
//! writes them: the visit, one link per household with the grid's path and the
//! visit's time, the findings.

#[cfg(test)]
mod tests;

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

use entity::enums::ResidenceStatus;
use entity::visit_finding::Duty;
use entity::{household, visit, visit_finding, visit_household};

use super::{ActivityReport, bulk};
use crate::domain::visits::grid_path;
use crate::error::AppResult;
use crate::seed::insert as insert_rows;
use crate::seed::rng::{Rng, Stream};

pub(super) async fn insert(
    txn: &DatabaseTransaction,
    seed: u64,
    actor: i32,
    report: &mut ActivityReport,
) -> AppResult<()> {
    let mut next = bulk::next_id(txn, "visit").await?;
    for community in bulk::communities(txn).await? {
        let households = household::Entity::find()
            .filter(household::Column::Path.starts_with(&community.path))
            .order_by_asc(household::Column::Id)
            .all(txn)
            .await?;
        let mut rows = Rows::default();
        for grid in households.chunk_by(|a, b| grid_path(&a.path) == grid_path(&b.path)) {
            rounds(seed, actor, grid, &mut next, &mut rows);
        }
        report.visits += rows.visits.len() as u64;
        report.visit_households += rows.links.len() as u64;
        insert_rows(txn, rows.visits).await?;
        insert_rows(txn, rows.links).await?;
        insert_rows(txn, rows.findings).await?;
    }
    crate::seed::reset_sequences(txn, &["visit"]).await
}

#[derive(Default)]
struct Rows {
    visits: Vec<visit::Model>,
    links: Vec<visit_household::ActiveModel>,
    findings: Vec<visit_finding::ActiveModel>,
}

/// The year's visits to the households of one grid (in id order).
fn rounds(seed: u64, actor: i32, grid: &[household::Model], next: &mut i32, rows: &mut Rows) {
    let Some(path) = grid.first().and_then(|h| grid_path(&h.path)) else {
        return;
    };
    let grid_id = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_default();
    let mut rng = Rng::new(seed, Stream::Visits, grid_id);
    let home: Vec<&household::Model> = grid
        .iter()
        .filter(|h| h.residence_status != ResidenceStatus::RegisteredNotLiving)
        .collect();
    let mut groups = Vec::new();
    let mut rest = &home[..];
    while !rest.is_empty() {
        let (group, tail) = rest.split_at((rng.between(8, 12) as usize).min(rest.len()));
        groups.push(group);
        rest = tail;
    }
    let (first, last) = bulk::days();
    let span = (last - first).num_days() + 1;
    let count = groups.len() as i64;
    for (n, group) in groups.into_iter().enumerate() {
        // The n-th of `count` visits falls in the n-th equal share of the year.
        let from = span * n as i64 / count;
        let to = (span * (n as i64 + 1) / count).max(from + 1);
        let day: NaiveDate =
            first + Duration::days(from + i64::from(rng.below((to - from) as u32)));
        let visited = bulk::at_local(day, rng.between(9 * 60, 17 * 60) as u32);
        let recorded = visited + bulk::minutes(&mut rng, 10, 180);
        let id = *next;
        *next += 1;
        rows.visits.push(visit::Model {
            id,
            worker_user_id: actor,
            grid_id,
            area_path: path.to_owned(),
            visited_at: visited,
            created_at: if bulk::in_year(recorded) {
                recorded
            } else {
                visited
            },
            version: 1,
        });
        for household in group {
            rows.links.push(visit_household::ActiveModel {
                visit_id: sea_orm::Set(id),
                household_id: sea_orm::Set(household.id),
                area_path: sea_orm::Set(path.to_owned()),
                visited_at: sea_orm::Set(visited),
                ..Default::default()
            });
        }
        if rng.chance(400) {
            let (duty, note) = *rng.pick(&FINDINGS);
            rows.findings.push(visit_finding::ActiveModel {
                visit_id: sea_orm::Set(id),
                area_path: sea_orm::Set(path.to_owned()),
                duty: sea_orm::Set(duty),
                note: sea_orm::Set(note.to_owned()),
                request_id: sea_orm::Set(None),
                version: sea_orm::Set(1),
                ..Default::default()
            });
        }
    }
}

const FINDINGS: [(Duty, &str); 6] = [
    (Duty::CollectSentiment, "住户反映小区夜间停车难"),
    (Duty::PublicisePolicy, "讲解了城乡居民医保缴费政策"),
    (Duty::MediateDisputes, "上下楼住户因噪音有矛盾，已劝解"),
    (Duty::ConvenienceService, "帮助独居老人预约上门理发"),
    (Duty::Supervision, "楼道堆放杂物，已提醒清理"),
    (Duty::CollectSentiment, "老人希望增加社区助餐点"),
];
