//! A year of volunteering (志愿服务): every community holds about four activities a
//! month, at one of its facilities or out in the neighbourhood, and about twenty of its
//! regular volunteers (one adult in twenty-five) sign up for each. Most come and are checked
//! in, and most of those have their hours verified a day or so later, which earns them
//! points ([`ledger`]); activities of the last days of the year are still waiting for
//! verification. Rows go in with their ids, so the ledger names its participations.

mod ledger;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

use entity::activity::{self, ActivityType};
use entity::activity_participation::{self as place, ParticipationStatus};
use entity::{community, facility, resident};

use super::{ActivityReport, YEAR_START, bulk, instant};
use crate::domain::age::age_on;
use crate::error::AppResult;
use crate::seed::insert as insert_rows;
use crate::seed::rng::{Rng, Stream};

/// The next id of each table written here.
pub(super) struct Ids {
    pub activity: i32,
    pub place: i32,
    pub account: i32,
    pub entry: i32,
    pub reward: i32,
    pub order: i32,
}

const TABLES: [&str; 6] = [
    "activity",
    "activity_participation",
    "points_account",
    "points_entry",
    "reward",
    "redemption_order",
];

pub(super) async fn insert(
    txn: &DatabaseTransaction,
    seed: u64,
    actor: i32,
    report: &mut ActivityReport,
) -> AppResult<()> {
    let mut next = Vec::new();
    for table in TABLES {
        next.push(bulk::next_id(txn, table).await?);
    }
    let mut ids = Ids {
        activity: next[0],
        place: next[1],
        account: next[2],
        entry: next[3],
        reward: next[4],
        order: next[5],
    };
    for community in bulk::communities(txn).await? {
        let residents = bulk::residents_under(txn, &community.path).await?;
        let pool: Vec<&resident::Model> = residents
            .iter()
            .filter(|r| (18..=75).contains(&age_on(r.birth_date, bulk::days().0)))
            .filter(|r| Rng::new(seed, Stream::Volunteer, r.id).chance(40))
            .collect();
        let places = facility::Entity::find()
            .filter(facility::Column::AreaPath.eq(&community.path))
            .order_by_asc(facility::Column::Id)
            .all(txn)
            .await?;
        let mut rng = Rng::new(seed, Stream::Volunteering, community.id);
        let mut activities = Vec::new();
        let mut verified = Vec::new();
        let mut taken = Vec::new();
        for (month, week) in (1..=11).flat_map(|m| (0..4).map(move |w| (m, w))) {
            let mut row = new_activity(&mut rng, &community, &places, (month, week), &mut ids);
            // The staff verify everyone's hours in one sitting, a while after the end.
            let verify = row.ends_at + bulk::minutes(&mut rng, 60, 4320);
            let signed = sign_up(&mut rng, &row, verify, &pool, &mut ids);
            // Each sign-up took a seat and bumped the version (`take_seat`).
            row.signed_up = signed.len() as i32;
            row.version = 1 + row.signed_up;
            taken.extend(signed);
            verified.push(verify);
            activities.push(row);
        }
        let held = ledger::Held {
            activities: &activities,
            verified: &verified,
            places: &taken,
        };
        let books = ledger::books(seed, actor, &community, &residents, held, &mut ids);
        report.activities += activities.len() as u64;
        report.participations += taken.len() as u64;
        report.points_accounts += books.accounts.len() as u64;
        report.points_entries += books.entries.len() as u64;
        report.redemptions += books.orders.len() as u64;
        insert_rows(txn, activities).await?;
        insert_rows(txn, taken).await?;
        insert_rows(txn, books.rewards).await?;
        insert_rows(txn, books.accounts).await?;
        insert_rows(txn, books.orders).await?;
        insert_rows(txn, books.entries).await?;
    }
    crate::seed::reset_sequences(txn, &TABLES).await
}

const TYPES: [(ActivityType, u32, i32, &[&str]); 5] = [
    (
        ActivityType::VolunteerService,
        40,
        10,
        &[
            "社区环境清洁日",
            "垃圾分类指导",
            "助老陪伴志愿服务",
            "文明交通劝导",
        ],
    ),
    (
        ActivityType::Featured,
        20,
        5,
        &["邻里文化节", "亲子手工坊", "健康义诊进社区"],
    ),
    (
        ActivityType::PartyLesson,
        15,
        5,
        &["主题党日党课", "党史学习分享会"],
    ),
    (
        ActivityType::Visit,
        15,
        8,
        &["走访慰问困难家庭", "节日走访独居老人"],
    ),
    (
        ActivityType::PairedHelp,
        10,
        8,
        &["结对帮扶入户", "困难儿童学业帮扶"],
    ),
];

/// Activity `week` (0 to 3) of `month`: a day in that week, morning, afternoon or
/// evening, two or three hours.
fn new_activity(
    rng: &mut Rng,
    community: &community::Model,
    places: &[facility::Model],
    (month, week): (u32, u32),
    ids: &mut Ids,
) -> activity::Model {
    let (kind, _, points, titles) = TYPES[rng.weighted(&TYPES.map(|t| t.1))];
    let day = NaiveDate::from_ymd_opt(YEAR_START.0, month, 1 + 7 * week + rng.below(7))
        .unwrap_or_default();
    let starts = bulk::at_local(day, [9 * 60, 14 * 60, 19 * 60][rng.weighted(&[40, 45, 15])]);
    let ends = starts + Duration::hours(i64::from(rng.between(2, 3)));
    let created = (starts - Duration::days(i64::from(rng.between(7, 14)))).max(instant(YEAR_START));
    // Visits and paired help go to people's homes; the rest meet at a facility.
    let home = matches!(kind, ActivityType::Visit | ActivityType::PairedHelp);
    let facility = (!home && !places.is_empty()).then(|| rng.pick(places).id);
    let address = facility
        .is_none()
        .then(|| format!("{}辖区居民家中", community.name));
    ids.activity += 1;
    activity::Model {
        id: ids.activity - 1,
        title: rng.pick(titles).to_string(),
        activity_type: kind,
        starts_at: starts,
        ends_at: ends,
        facility_id: facility,
        address,
        co_building_unit_id: None,
        party_organization_id: None,
        community_id: community.id,
        area_path: community.path.clone(),
        capacity: rng.between(30, 50),
        signed_up: 0,
        points_per_hour: points,
        created_at: created,
        updated_at: created,
        version: 1,
    }
}

/// Twelve to twenty-eight volunteers of the pool, each at most once.
fn sign_up(
    rng: &mut Rng,
    row: &activity::Model,
    verify: DateTime<Utc>,
    pool: &[&resident::Model],
    ids: &mut Ids,
) -> Vec<place::Model> {
    let wanted = (rng.between(12, 28) as usize).min(pool.len());
    let mut order: Vec<usize> = (0..pool.len()).collect();
    let hours = ((row.ends_at - row.starts_at).num_hours()) as i32;
    (0..wanted)
        .map(|n| {
            let pick = n + rng.below((pool.len() - n) as u32) as usize;
            order.swap(n, pick);
            let resident = pool[order[n]];
            let signed = between(rng, row.created_at, row.starts_at - Duration::hours(1));
            let (status, version) = match rng.weighted(&[10, 6, 84]) {
                0 => (ParticipationStatus::SignedUp, 1),
                1 => (ParticipationStatus::CheckedIn, 2),
                _ if bulk::in_year(verify) => (ParticipationStatus::Verified, 3),
                _ => (ParticipationStatus::CheckedIn, 2),
            };
            let checked_in = (status != ParticipationStatus::SignedUp)
                .then(|| row.starts_at + bulk::minutes(rng, -20, 15));
            let verified = (status == ParticipationStatus::Verified).then(|| {
                if rng.chance(100) {
                    (hours - 1).max(1)
                } else {
                    hours
                }
            });
            ids.place += 1;
            place::Model {
                id: ids.place - 1,
                activity_id: row.id,
                resident_id: resident.id,
                area_path: resident.area_path.clone(),
                status,
                hours: verified,
                checked_in_at: checked_in,
                created_at: signed,
                version,
            }
        })
        .collect()
}

/// An instant drawn evenly in `from..to` (`from` when empty).
fn between(rng: &mut Rng, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
    let span = (to - from).num_minutes().max(1);
    from + Duration::minutes(i64::from(rng.below(span as u32)))
}
