//! One service order and its record, walked through the lifecycle the way the
//! service layer would take it: eligibility at ordering (REJECTED with the failing
//! rule, as `orderService` stores it), approval, a slot with the item's provider
//! (never two at once for one provider), check-in and check-out (a few late), the
//! resident's confirmation with a rating or a dispute, settlement; or a cancellation,
//! a no-show, or a visit nobody closed. Every step asks [`lifecycle::next`], so the
//! statuses and the timestamps agree; a step that would fall after the year has not
//! happened, and the order stays where the step before left it.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use entity::service_enums::{OrderStatus, Orderer};
use entity::{resident, service_item, service_order};

use super::super::bulk;
use crate::domain::services::eligibility::{self, Facts, Rules};
use crate::domain::services::lifecycle::{self, OrderAction as A};
use crate::domain::tags::ResidentTag;
use crate::error::{AppError, AppResult};
use crate::seed::rng::Rng;
use crate::service::services::order::explain;

/// What an order is of and who serves it.
pub(super) struct Plan<'a> {
    pub item: &'a service_item::Model,
    pub rules: &'a Rules,
    pub visit_minutes: i64,
    pub provider: i32,
    pub actor: i32,
}

/// How far an eligible order is meant to go (before the year's end cuts it short).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    CancelledEarly,
    Refused,
    CancelledApproved,
    CancelledScheduled,
    NoShow,
    LeftScheduled,
    LeftInService,
    Unconfirmed,
    Disputed,
    Confirmed,
    Settled,
}

const FATES: [(Fate, u32); 11] = [
    (Fate::CancelledEarly, 3),
    (Fate::Refused, 2),
    (Fate::CancelledApproved, 2),
    (Fate::CancelledScheduled, 3),
    (Fate::NoShow, 3),
    (Fate::LeftScheduled, 3),
    (Fate::LeftInService, 1),
    (Fate::Unconfirmed, 6),
    (Fate::Disputed, 2),
    (Fate::Confirmed, 15),
    (Fate::Settled, 60),
];

/// Provider and hour (since the epoch) of a booked slot.
pub(super) type Booked = HashSet<(i32, i64)>;

/// One order of `plan.item` by `resident`.
pub(super) fn order(
    rng: &mut Rng,
    plan: &Plan<'_>,
    resident: &resident::Model,
    booked: &mut Booked,
) -> AppResult<service_order::Model> {
    let day = bulk::any_day(rng);
    let created = bulk::at_local(day, rng.between(8 * 60, 20 * 60) as u32);
    let mut row = blank(rng, plan, resident, created);
    let checked = step(&mut row, A::CheckEligibility, created)?;
    debug_assert!(checked);
    if let Err(why) = eligibility::check(plan.rules, &facts(resident), created) {
        step(&mut row, A::Reject, created)?;
        row.reason = Some(explain(why));
        row.version = 1;
        return Ok(row);
    }
    let fate = FATES[rng.weighted(&FATES.map(|(_, weight)| weight))].0;
    walk(rng, plan, &mut row, fate, booked)?;
    Ok(row)
}

/// The steps after eligibility, as far as the fate and the year allow.
fn walk(
    rng: &mut Rng,
    plan: &Plan<'_>,
    row: &mut service_order::Model,
    fate: Fate,
    booked: &mut Booked,
) -> AppResult<()> {
    let created = row.created_at;
    match fate {
        Fate::CancelledEarly => return cancel(row, created + bulk::minutes(rng, 60, 4320)),
        Fate::Refused => {
            if step(row, A::Reject, created + bulk::minutes(rng, 60, 2880))? {
                row.reason = Some("本月服务名额已满，请下月再申请".to_owned());
            }
            return Ok(());
        }
        _ => {}
    }
    let approved = created + bulk::minutes(rng, 30, 2880);
    if !step(row, A::Approve, approved)? {
        return Ok(());
    }
    if fate == Fate::CancelledApproved {
        return cancel(row, approved + bulk::minutes(rng, 60, 4320));
    }
    let scheduled = approved + bulk::minutes(rng, 10, 1440);
    let Some((start, end)) = slot(rng, plan, scheduled, booked) else {
        return Ok(());
    };
    if !step(row, A::Schedule, scheduled)? {
        return Ok(());
    }
    row.provider_id = Some(plan.provider);
    row.scheduled_start = Some(start);
    row.scheduled_end = Some(end);
    match fate {
        Fate::CancelledScheduled => {
            let lead = (start - scheduled).num_minutes().max(61);
            return cancel(row, scheduled + bulk::minutes(rng, 30, lead as i32 - 30));
        }
        Fate::NoShow => {
            if step(row, A::MarkNoShow, start + bulk::minutes(rng, 30, 60))? {
                row.reason = Some("上门时无人应答，电话未接通".to_owned());
            }
            return Ok(());
        }
        Fate::LeftScheduled => return Ok(()),
        _ => {}
    }
    deliver(rng, row, fate, start, end)
}

/// Check-in, check-out, then the resident's side and the settlement.
fn deliver(
    rng: &mut Rng,
    row: &mut service_order::Model,
    fate: Fate,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> AppResult<()> {
    let late = rng.chance(80);
    let (checked_in, checked_out) = if late {
        let arrived = start + bulk::minutes(rng, 20, 90);
        (arrived, arrived + (end - start) - bulk::minutes(rng, 0, 10))
    } else {
        (
            start + bulk::minutes(rng, -10, 5),
            end - bulk::minutes(rng, 0, 15),
        )
    };
    if !step(row, A::CheckIn, checked_in)? {
        return Ok(());
    }
    row.checked_in_at = Some(checked_in);
    if fate == Fate::LeftInService || !step(row, A::Complete, checked_out)? {
        return Ok(());
    }
    row.checked_out_at = Some(checked_out);
    row.notes = Some(rng.pick(&NOTES).to_string());
    match fate {
        Fate::Unconfirmed => Ok(()),
        Fate::Disputed => {
            if step(row, A::Dispute, checked_out + bulk::minutes(rng, 120, 7200))? {
                row.reason = Some(rng.pick(&DISPUTES).to_string());
            }
            Ok(())
        }
        _ => {
            let confirmed = checked_out + bulk::minutes(rng, 60, 4320);
            if !step(row, A::Confirm, confirmed)? {
                return Ok(());
            }
            if rng.chance(900) {
                // Late visits please less.
                let stars = if late {
                    [15, 20, 30, 25, 10]
                } else {
                    [2, 3, 8, 30, 57]
                };
                row.rating = Some(rng.weighted(&stars) as i32 + 1);
                row.rating_comment = rng.chance(200).then(|| rng.pick(&COMMENTS).to_string());
            }
            if fate == Fate::Settled {
                step(
                    row,
                    A::Settle,
                    confirmed + bulk::minutes(rng, 2 * 1440, 20 * 1440),
                )?;
            }
            Ok(())
        }
    }
}

/// The first free slot of the item's length from one to seven days after `at`,
/// between 09:00 and 17:00, inside the year.
fn slot(
    rng: &mut Rng,
    plan: &Plan<'_>,
    at: DateTime<Utc>,
    booked: &mut Booked,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let hours = (plan.visit_minutes + 59) / 60;
    let first_day = bulk::local_day(at) + Duration::days(i64::from(rng.between(1, 7)));
    let last_hour = 17 - hours as i32;
    let first_hour = rng.between(9, last_hour);
    for offset in 0..(7 * 9) {
        let day = first_day + Duration::days(i64::from(offset / 9));
        let hour = 9 + (first_hour - 9 + offset) % (last_hour - 9 + 1);
        let start = bulk::at_local(day, hour as u32 * 60);
        let end = start + Duration::minutes(plan.visit_minutes);
        if !bulk::in_year(end) {
            return None;
        }
        let key = start.timestamp() / 3600;
        if (key..key + hours).all(|h| !booked.contains(&(plan.provider, h))) {
            booked.extend((key..key + hours).map(|h| (plan.provider, h)));
            return Some((start, end));
        }
    }
    None
}

/// Takes `action` at `at` if the year has come that far: the status by the
/// lifecycle, the time and the version as `steps::write` leaves them.
fn step(row: &mut service_order::Model, action: A, at: DateTime<Utc>) -> AppResult<bool> {
    if !bulk::in_year(at) {
        return Ok(false);
    }
    let next = lifecycle::next(row.status.into(), action)
        .ok_or_else(|| AppError::Internal(format!("no step {action:?} from {:?}", row.status)))?;
    row.status = next.into();
    row.updated_at = at;
    row.version += 1;
    Ok(true)
}

fn cancel(row: &mut service_order::Model, at: DateTime<Utc>) -> AppResult<()> {
    if step(row, A::Cancel, at)? {
        row.reason = Some("家属已另行安排".to_owned());
    }
    Ok(())
}

/// An order as `orderService` inserts it, before eligibility.
fn blank(
    rng: &mut Rng,
    plan: &Plan<'_>,
    resident: &resident::Model,
    at: DateTime<Utc>,
) -> service_order::Model {
    let orderers = [
        Orderer::GridWorker,
        Orderer::Staff,
        Orderer::Family,
        Orderer::Resident,
    ];
    service_order::Model {
        id: 0,
        item_id: plan.item.id,
        resident_id: resident.id,
        area_path: resident.area_path.clone(),
        ordered_by_user_id: plan.actor,
        orderer: orderers[rng.weighted(&[40, 25, 20, 15])],
        status: OrderStatus::Requested,
        reason: None,
        provider_id: None,
        scheduled_start: None,
        scheduled_end: None,
        checked_in_at: None,
        checked_out_at: None,
        notes: None,
        rating: None,
        rating_comment: None,
        price_cents: plan.item.price_cents,
        subsidy_cents: plan.item.subsidy_cents,
        created_at: at,
        updated_at: at,
        // The order is inserted at 1; `step` counts the eligibility check.
        version: 0,
    }
}

fn facts(resident: &resident::Model) -> Facts {
    let tagged = |tag: ResidentTag| tag.bit().is_some_and(|bit| resident.tags & bit != 0);
    Facts {
        birth_date: resident.birth_date,
        living_alone: tagged(ResidentTag::LivingAlone),
        disabled: tagged(ResidentTag::Disabled),
        low_income: tagged(ResidentTag::LowIncome),
    }
}

const NOTES: [&str; 4] = [
    "服务已完成，老人状态良好",
    "按约定时间完成服务，已告知注意事项",
    "服务完成，家属在场确认",
    "已完成，下次服务时间待约",
];
const DISPUTES: [&str; 3] = [
    "服务时间不足约定时长",
    "服务内容与预约不符",
    "服务人员迟到且未提前告知",
];
const COMMENTS: [&str; 3] = ["服务很周到，谢谢", "师傅很耐心", "希望能准时一些"];
