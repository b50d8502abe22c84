//! The points of a community's volunteers, as `points::ledger::post` writes them: an
//! account opened at a volunteer's first verified participation, one EARN entry per
//! verified participation (hours × points per hour, keyed once), and now and then a
//! reward redeemed: a HOLD, then REDEEM when it is handed over or RELEASE when it is
//! called off (some are still held). Entries of an account are numbered in time
//! order with the balances after each, so reconciliation finds every account
//! consistent; a volunteer only holds what they have.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use entity::activity_participation::ParticipationStatus;
use entity::points_enums::{EntryKind, OrderStatus};
use entity::{activity, activity_participation, community, points_account, points_entry};
use entity::{redemption_order, resident, reward};

use super::super::{YEAR_START, bulk, instant};
use super::Ids;
use crate::seed::rng::{Rng, Stream};

/// What the community's activities left to be paid.
pub(super) struct Held<'a> {
    pub activities: &'a [activity::Model],
    /// When each activity's hours were verified (parallel to `activities`).
    pub verified: &'a [DateTime<Utc>],
    pub places: &'a [activity_participation::Model],
}

#[derive(Default)]
pub(super) struct Books {
    pub rewards: Vec<reward::Model>,
    pub accounts: Vec<points_account::Model>,
    pub entries: Vec<points_entry::Model>,
    pub orders: Vec<redemption_order::Model>,
}

const REWARDS: [(&str, i64); 3] = [("环保购物袋", 50), ("上门理发一次", 200), ("粮油礼包", 400)];
const STOCK: i32 = 1000;

/// One movement before it is numbered.
struct Movement {
    at: DateTime<Utc>,
    kind: EntryKind,
    amount: i64,
    held: i64,
    source: (&'static str, i32),
    earn_key: Option<String>,
}

pub(super) fn books(
    seed: u64,
    actor: i32,
    community: &community::Model,
    residents: &[resident::Model],
    held: Held<'_>,
    ids: &mut Ids,
) -> Books {
    let mut books = Books {
        rewards: rewards(community, ids),
        ..Books::default()
    };
    let mut earned: BTreeMap<i32, Vec<Movement>> = BTreeMap::new();
    for place in held
        .places
        .iter()
        .filter(|p| p.status == ParticipationStatus::Verified)
    {
        let Some(index) = held
            .activities
            .iter()
            .position(|a| a.id == place.activity_id)
        else {
            continue;
        };
        let hours = i64::from(place.hours.unwrap_or(0));
        earned.entry(place.resident_id).or_default().push(Movement {
            at: held.verified[index],
            kind: EntryKind::Earn,
            amount: hours * i64::from(held.activities[index].points_per_hour),
            held: 0,
            source: ("PARTICIPATION", place.id),
            earn_key: Some(format!("PARTICIPATION:{}:{}", place.id, place.resident_id)),
        });
    }
    for (resident_id, mut earns) in earned {
        let Ok(at) = residents.binary_search_by_key(&resident_id, |r| r.id) else {
            continue;
        };
        earns.sort_by_key(|m| (m.at, m.source.1));
        let mut rng = Rng::new(seed, Stream::Points, resident_id);
        let account = ids.account;
        ids.account += 1;
        let mut movements = redeem(&mut rng, earns, account, actor, &mut books, ids);
        movements.sort_by_key(|m| m.at);
        post(&residents[at], account, actor, movements, &mut books, ids);
    }
    // Each redemption took a unit (and bumped the version); a cancellation gave it back.
    for reward in &mut books.rewards {
        let orders = books.orders.iter().filter(|o| o.reward_id == reward.id);
        let (taken, returned) = orders.fold((0, 0), |(taken, returned), o| {
            (
                taken + 1,
                returned + i32::from(o.status == OrderStatus::Cancelled),
            )
        });
        reward.stock = STOCK - taken + returned;
        reward.version = 1 + taken + returned;
    }
    books
}

/// The earns with, after some of them, a reward redeemed from what is surely
/// available then: redemptions fall before the next earn, and only earlier holds
/// are counted against it (a release would only add).
fn redeem(
    rng: &mut Rng,
    earns: Vec<Movement>,
    account: i32,
    actor: i32,
    books: &mut Books,
    ids: &mut Ids,
) -> Vec<Movement> {
    let next_at: Vec<Option<DateTime<Utc>>> = earns
        .iter()
        .skip(1)
        .map(|m| Some(m.at))
        .chain([None])
        .collect();
    let mut surely = 0;
    let mut movements = Vec::new();
    for (earn, next) in earns.into_iter().zip(next_at) {
        surely += earn.amount;
        let at = earn.at;
        movements.push(earn);
        let affordable: Vec<&reward::Model> =
            books.rewards.iter().filter(|r| r.cost <= surely).collect();
        if affordable.is_empty() || !rng.chance(300) {
            continue;
        }
        let reward = (*rng.pick(&affordable)).clone();
        let mut hold = at + bulk::minutes(rng, 24 * 60, 10 * 24 * 60);
        if let Some(next) = next {
            if next - at < Duration::minutes(2) {
                continue;
            }
            hold = hold.min(at + (next - at) / 2);
        }
        if !bulk::in_year(hold) {
            continue;
        }
        surely -= reward.cost;
        let order = ids.order;
        ids.order += 1;
        let movement = |at, kind, amount, held| Movement {
            at,
            kind,
            amount,
            held,
            source: ("REDEMPTION_ORDER", order),
            earn_key: None,
        };
        movements.push(movement(hold, EntryKind::Hold, -reward.cost, reward.cost));
        let settled = hold + bulk::minutes(rng, 24 * 60, 7 * 24 * 60);
        let status = match rng.weighted(&[75, 10, 15]) {
            0 if bulk::in_year(settled) => OrderStatus::Fulfilled,
            1 if bulk::in_year(settled) => OrderStatus::Cancelled,
            _ => OrderStatus::Held,
        };
        match status {
            OrderStatus::Fulfilled => {
                movements.push(movement(settled, EntryKind::Redeem, 0, -reward.cost))
            }
            OrderStatus::Cancelled => movements.push(movement(
                settled,
                EntryKind::Release,
                reward.cost,
                -reward.cost,
            )),
            OrderStatus::Held => {}
        }
        let done = status != OrderStatus::Held;
        books.orders.push(redemption_order::Model {
            id: order,
            account_id: account,
            reward_id: reward.id,
            area_path: String::new(),
            points: reward.cost,
            status,
            requested_by_user_id: Some(actor),
            created_at: hold,
            updated_at: if done { settled } else { hold },
            version: if done { 2 } else { 1 },
        });
    }
    movements
}

/// Numbers the movements of one account in time order with the balances after each,
/// and opens the account with its final balances.
fn post(
    resident: &resident::Model,
    account: i32,
    actor: i32,
    movements: Vec<Movement>,
    books: &mut Books,
    ids: &mut Ids,
) {
    let (mut available, mut held) = (0, 0);
    let first = movements.first().map_or(instant(YEAR_START), |m| m.at);
    let mut last = first;
    let count = movements.len() as i32;
    for movement in movements {
        available += movement.amount;
        held += movement.held;
        last = movement.at;
        books.entries.push(points_entry::Model {
            id: ids.entry,
            account_id: account,
            area_path: resident.area_path.clone(),
            kind: movement.kind,
            amount: movement.amount,
            held_amount: movement.held,
            available_after: available,
            held_after: held,
            source_kind: movement.source.0.to_owned(),
            source_id: Some(movement.source.1),
            earn_key: movement.earn_key,
            reverses_entry_id: None,
            reason: None,
            actor_user_id: Some(actor),
            approver_user_id: None,
            at: movement.at,
        });
        ids.entry += 1;
    }
    for order in books.orders.iter_mut().filter(|o| o.account_id == account) {
        order.area_path = resident.area_path.clone();
    }
    books.accounts.push(points_account::Model {
        id: account,
        resident_id: resident.id,
        area_path: resident.area_path.clone(),
        available,
        held,
        created_at: first,
        updated_at: last,
        // Opened at 1; every posting bumps it.
        version: 1 + count,
    });
}

fn rewards(community: &community::Model, ids: &mut Ids) -> Vec<reward::Model> {
    REWARDS
        .iter()
        .map(|(name, cost)| {
            ids.reward += 1;
            reward::Model {
                id: ids.reward - 1,
                name: (*name).to_owned(),
                description: None,
                cost: *cost,
                stock: STOCK,
                area_kind: "community".to_owned(),
                area_id: community.id,
                area_path: community.path.clone(),
                created_at: instant(YEAR_START),
                updated_at: instant(YEAR_START),
                version: 1,
            }
        })
        .collect()
}
