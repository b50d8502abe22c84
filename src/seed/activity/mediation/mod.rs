//! A year of people's mediation (人民调解): about one case per 200 households, placed
//! in a grid (most) or the community, between two or three of its residents (or a
//! resident and the property manager), one in ten major. Each case walks the
//! lifecycle of `domain::mediation` ([`case`]), so statuses, outcomes and dates agree;
//! cases opened late in the year are still open, in mediation or awaiting their
//! follow-up, and some agreed cases were never followed up and are overdue.

mod case;
#[cfg(test)]
mod tests;

use sea_orm::DatabaseTransaction;

use entity::mediation_enums::DisputeCategory;
use entity::{community, mediation_case, mediation_party, mediation_session, resident};

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
    let mut next = bulk::next_id(txn, "mediation_case").await?;
    for community in bulk::communities(txn).await? {
        let residents = bulk::residents_under(txn, &community.path).await?;
        let households = households(&residents);
        let mut rng = Rng::new(seed, Stream::Mediation, community.id);
        let count = (households + rng.below(200) as usize) / 200;
        let mut rows = Rows::default();
        for _ in 0..count {
            let Some(people) = parties(&mut rng, &community, &residents) else {
                continue;
            };
            let (area, path) = people.area.clone();
            let new = case::New {
                id: next,
                community: &community,
                area,
                path,
                category: people.category,
                mediator: actor,
            };
            next += 1;
            let (row, sessions) = case::walk(&mut rng, new)?;
            rows.parties.extend(people.rows(&row));
            rows.sessions.extend(sessions);
            rows.cases.push(row);
        }
        report.mediation_cases += rows.cases.len() as u64;
        insert_rows(txn, rows.cases).await?;
        insert_rows(txn, rows.parties).await?;
        insert_rows(txn, rows.sessions).await?;
    }
    crate::seed::reset_sequences(txn, &["mediation_case"]).await
}

#[derive(Default)]
struct Rows {
    cases: Vec<mediation_case::Model>,
    parties: Vec<mediation_party::ActiveModel>,
    sessions: Vec<mediation_session::ActiveModel>,
}

/// Residents' paths are their households': count the distinct ones (they come in
/// id order, a household's residents together).
fn households(residents: &[resident::Model]) -> usize {
    residents
        .chunk_by(|a, b| a.area_path == b.area_path)
        .count()
}

/// Who is in the dispute, and where it is placed.
struct People {
    /// `("grid", id)` or `("community", id)`, and the path.
    area: ((&'static str, i32), String),
    category: DisputeCategory,
    residents: Vec<i32>,
    outsider: Option<(String, String)>,
}

impl People {
    fn rows(&self, case: &mediation_case::Model) -> Vec<mediation_party::ActiveModel> {
        let party =
            |resident_id, contact: Option<&(String, String)>| mediation_party::ActiveModel {
                case_id: sea_orm::Set(case.id),
                area_path: sea_orm::Set(case.area_path.clone()),
                major: sea_orm::Set(case.major),
                resident_id: sea_orm::Set(resident_id),
                name: sea_orm::Set(contact.map(|c| c.0.clone())),
                phone: sea_orm::Set(contact.map(|c| c.1.clone())),
                ..Default::default()
            };
        let mut rows: Vec<_> = self
            .residents
            .iter()
            .map(|id| party(Some(*id), None))
            .collect();
        rows.extend(self.outsider.as_ref().map(|c| party(None, Some(c))));
        rows
    }
}

const CATEGORIES: [(DisputeCategory, u32); 5] = [
    (DisputeCategory::Neighbour, 40),
    (DisputeCategory::Family, 25),
    (DisputeCategory::Property, 20),
    (DisputeCategory::Labour, 5),
    (DisputeCategory::Other, 10),
];

/// Two or three residents of one grid (seven cases in ten placed there) or of the
/// community, from different households; a property dispute may name the manager.
fn parties(
    rng: &mut Rng,
    community: &community::Model,
    residents: &[resident::Model],
) -> Option<People> {
    let category = CATEGORIES[rng.weighted(&CATEGORIES.map(|c| c.1))].0;
    let first = rng.pick(residents);
    let grid = grid_path(&first.area_path)?.to_owned();
    let in_grid = rng.chance(700);
    let (area, within) = if in_grid {
        let id = grid
            .trim_end_matches('/')
            .rsplit('/')
            .next()?
            .parse()
            .ok()?;
        (("grid", id), grid)
    } else {
        (("community", community.id), community.path.clone())
    };
    // A family quarrels at home; other disputes are between adult neighbours.
    let family = category == DisputeCategory::Family;
    let near: Vec<&resident::Model> = residents
        .iter()
        .filter(|r| r.id != first.id && r.area_path.starts_with(&within))
        .filter(|r| (r.area_path == first.area_path) == family)
        .filter(|r| family || r.birth_date.year() < 2008)
        .collect();
    let mut people = vec![first.id];
    let wanted = if rng.chance(200) { 3 } else { 2 };
    for _ in 0..8 {
        if people.len() >= wanted || near.is_empty() {
            break;
        }
        let other = rng.pick(&near).id;
        if !people.contains(&other) {
            people.push(other);
        }
    }
    let outsider = (category == DisputeCategory::Property && rng.chance(300)).then(|| {
        (
            "王经理".to_owned(),
            format!("139{:08}", rng.below(100_000_000)),
        )
    });
    if people.len() + usize::from(outsider.is_some()) < 2 {
        return None;
    }
    Some(People {
        area: (area, within),
        category,
        residents: people,
        outsider,
    })
}

use chrono::Datelike;
