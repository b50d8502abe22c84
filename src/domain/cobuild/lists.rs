//! The three lists' rules, free of the database: a need's lifecycle (OPEN → CLAIMED →
//! FULFILLED, or WITHDRAWN before it is fulfilled), a resource offer's bounds, an
//! alliance's dates, and a project's progress as the mean of its milestones'.

use chrono::{DateTime, NaiveDate, Utc};

use entity::cobuild_enums::NeedStatus;

pub const MAX_MILESTONES: usize = 20;
pub const MAX_BENEFICIARIES: i32 = 100_000;
pub const MAX_QUANTITY: i32 = 100_000_000;

/// The day `now` falls on in Asia/Shanghai: the day alliances are checked against.
pub fn day_of(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Asia::Shanghai).date_naive()
}

/// The community of an area at or below one (`district/street/community/…`).
pub fn community_of(path: &str) -> Option<i32> {
    path.split('/').nth(2)?.parse().ok()
}

/// What can happen to a need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedStep {
    Claim,
    Fulfil,
    Withdraw,
}

/// The status after `step`, or why it cannot be taken from `from`.
pub fn need_after(from: NeedStatus, step: NeedStep) -> Result<NeedStatus, String> {
    use NeedStatus::*;
    match (from, step) {
        (Open, NeedStep::Claim) => Ok(Claimed),
        (Claimed, NeedStep::Fulfil) => Ok(Fulfilled),
        (Open | Claimed, NeedStep::Withdraw) => Ok(Withdrawn),
        (Claimed, NeedStep::Claim) => Err("the need has been claimed already".to_owned()),
        (Open, NeedStep::Fulfil) => Err("a need is claimed before it is fulfilled".to_owned()),
        (Fulfilled, _) => Err("the need has been fulfilled already".to_owned()),
        (Withdrawn, _) => Err("the need has been withdrawn".to_owned()),
    }
}

/// A resource offer's amounts and window: quantity and capacity not negative, the
/// window not reversed.
pub fn check_offer(
    quantity: i32,
    capacity: Option<i32>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(), String> {
    if !(0..=MAX_QUANTITY).contains(&quantity) {
        return Err(format!("`quantity` is 0 to {MAX_QUANTITY}"));
    }
    if capacity.is_some_and(|capacity| capacity < 0) {
        return Err("`capacity` must not be negative".to_owned());
    }
    if from > to {
        return Err("`availableFrom` must not be after `availableTo`".to_owned());
    }
    Ok(())
}

/// How many a need helps: not negative, not absurd.
pub fn check_beneficiaries(count: i32) -> Result<(), String> {
    if (0..=MAX_BENEFICIARIES).contains(&count) {
        Ok(())
    } else {
        Err(format!("`beneficiaries` is 0 to {MAX_BENEFICIARIES}"))
    }
}

/// An alliance's dates: it ends (if at all) on or after the day it starts.
pub fn check_alliance(joined_on: NaiveDate, left_on: Option<NaiveDate>) -> Result<(), String> {
    match left_on {
        Some(left) if left < joined_on => Err("`leftOn` must not be before `joinedOn`".into()),
        _ => Ok(()),
    }
}

/// Why a membership cannot be left on the day asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leaving {
    /// The day is not one the membership could end on (bad input).
    BadDay(String),
    /// The membership has ended already (a conflict with its state).
    Ended,
}

/// Leaving on `left_on` a membership that started `joined_on` and ends (if agreed)
/// `ends_on`, on `today`: not before it started, not after its agreed end (leaving is
/// ending it sooner), and not once it is over.
pub fn check_leaving(
    joined_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    left_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Leaving> {
    if ends_on.is_some_and(|end| end < today) {
        return Err(Leaving::Ended);
    }
    if left_on < joined_on {
        return Err(Leaving::BadDay(
            "`leftOn` must not be before the day it joined".into(),
        ));
    }
    if ends_on.is_some_and(|end| left_on > end) {
        return Err(Leaving::BadDay(
            "`leftOn` must not be after the membership's agreed end".into(),
        ));
    }
    Ok(())
}

/// Whether two memberships' spans (open-ended when `None`) share a day.
pub fn spans_overlap(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    let starts_before_end =
        |start: NaiveDate, end: Option<NaiveDate>| end.is_none_or(|e| start <= e);
    starts_before_end(a.0, b.1) && starts_before_end(b.0, a.1)
}

/// A milestone's progress, a percentage.
pub fn check_progress(progress: i32) -> Result<(), String> {
    if (0..=100).contains(&progress) {
        Ok(())
    } else {
        Err("`progress` is 0 to 100".to_owned())
    }
}

/// A project's progress: the mean of its milestones', rounded down, so it reaches 100
/// only when every milestone has.
pub fn rolled_up(milestones: &[i32]) -> i32 {
    if milestones.is_empty() {
        return 0;
    }
    let sum: i64 = milestones.iter().map(|p| i64::from(*p)).sum();
    (sum / milestones.len() as i64) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use NeedStatus::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_need_is_claimed_then_fulfilled() {
        assert_eq!(need_after(Open, NeedStep::Claim), Ok(Claimed));
        assert_eq!(need_after(Claimed, NeedStep::Fulfil), Ok(Fulfilled));
    }

    #[test]
    fn a_need_is_claimed_once_and_fulfilled_only_when_claimed() {
        assert!(need_after(Claimed, NeedStep::Claim).is_err());
        assert!(need_after(Open, NeedStep::Fulfil).is_err());
    }

    #[test]
    fn a_need_is_withdrawn_before_it_is_fulfilled_only() {
        assert_eq!(need_after(Open, NeedStep::Withdraw), Ok(Withdrawn));
        assert_eq!(need_after(Claimed, NeedStep::Withdraw), Ok(Withdrawn));
        for step in [NeedStep::Claim, NeedStep::Fulfil, NeedStep::Withdraw] {
            assert!(need_after(Fulfilled, step).is_err());
            assert!(need_after(Withdrawn, step).is_err());
        }
    }

    fn at(hour: u32) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + i64::from(hour) * 3600, 0).unwrap()
    }

    #[test]
    fn an_offer_has_no_negative_amounts_and_no_reversed_window() {
        assert!(check_offer(0, None, at(1), at(1)).is_ok());
        assert!(check_offer(5, Some(0), at(1), at(2)).is_ok());
        assert!(check_offer(-1, None, at(1), at(2)).is_err());
        assert!(check_offer(1, Some(-1), at(1), at(2)).is_err());
        assert!(check_offer(1, None, at(2), at(1)).is_err());
    }

    #[test]
    fn beneficiaries_and_progress_stay_in_bounds() {
        assert!(check_beneficiaries(0).is_ok());
        assert!(check_beneficiaries(-1).is_err());
        assert!(check_progress(100).is_ok());
        assert!(check_progress(101).is_err());
        assert!(check_progress(-1).is_err());
    }

    #[test]
    fn a_membership_is_left_within_its_span_while_it_lasts() {
        assert_eq!(check_leaving(day(2), None, day(5), day(9)), Ok(()));
        assert_eq!(check_leaving(day(2), Some(day(8)), day(5), day(3)), Ok(()));
        assert!(matches!(
            check_leaving(day(2), None, day(1), day(9)),
            Err(Leaving::BadDay(_))
        ));
        assert!(matches!(
            check_leaving(day(2), Some(day(8)), day(9), day(3)),
            Err(Leaving::BadDay(_))
        ));
        assert_eq!(
            check_leaving(day(2), Some(day(8)), day(8), day(9)),
            Err(Leaving::Ended)
        );
    }

    #[test]
    fn memberships_overlap_when_they_share_a_day() {
        assert!(spans_overlap((day(1), None), (day(5), None)));
        assert!(spans_overlap((day(1), Some(day(5))), (day(5), None)));
        assert!(!spans_overlap((day(1), Some(day(4))), (day(5), None)));
        assert!(!spans_overlap(
            (day(6), Some(day(9))),
            (day(1), Some(day(5)))
        ));
    }

    #[test]
    fn an_alliance_does_not_end_before_it_starts() {
        assert!(check_alliance(day(2), None).is_ok());
        assert!(check_alliance(day(2), Some(day(2))).is_ok());
        assert!(check_alliance(day(2), Some(day(1))).is_err());
    }

    #[test]
    fn the_community_is_the_third_level_of_a_path() {
        assert_eq!(community_of("1/2/3/"), Some(3));
        assert_eq!(community_of("1/2/30/44/"), Some(30));
        assert_eq!(community_of("1/2/"), None);
    }

    #[test]
    fn progress_rolls_up_as_the_floor_of_the_mean() {
        assert_eq!(rolled_up(&[]), 0);
        assert_eq!(rolled_up(&[100, 99]), 99);
        assert_eq!(rolled_up(&[100, 100, 100]), 100);
        assert_eq!(rolled_up(&[50, 0, 25]), 25);
    }
}
