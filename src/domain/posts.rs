//! What a post of the three leaders (三长), a grid worker or a mediator must look like:
//! each kind sits on its kind of area, only grid workers are full- or part-time, the
//! notice-board name and relay phone are well formed, the duties are some of the five,
//! and the dates are in order (a term starts after the previous holder's last day and
//! ends on or after it started, not in the future).

use chrono::{Duration, NaiveDate};

use entity::post::{Employment, PostKind};
use entity::visit_finding::Duty;

use super::phone::Phone;
use super::requests::intake;

pub const MAX_DISPLAY_NAME_CHARS: usize = 32;
/// Appointments are made shortly before a term starts, not years ahead.
pub const MAX_DAYS_AHEAD: i64 = 90;

/// The areas a post can be bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostArea {
    Grid,
    Building,
    Unit,
}

impl PostArea {
    /// The table name stored in `post.area_kind`.
    pub fn table(self) -> &'static str {
        match self {
            PostArea::Grid => "grid",
            PostArea::Building => "building",
            PostArea::Unit => "unit",
        }
    }
}

/// A post as entered, before it is checked.
#[derive(Clone, Debug)]
pub struct PostInput {
    pub kind: PostKind,
    pub employment: Option<Employment>,
    pub area: PostArea,
    pub display_name: String,
    pub relay_phone: String,
    pub duties: Vec<Duty>,
    pub started_on: NaiveDate,
}

/// A post that passed [`validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPost {
    pub display_name: String,
    pub relay_phone: String,
    pub duties: i32,
}

/// Whether a post of `kind` may sit on `area`.
pub fn fits(kind: PostKind, area: PostArea) -> bool {
    match kind {
        PostKind::GridLeader | PostKind::GridWorker => area == PostArea::Grid,
        PostKind::BuildingLeader => area == PostArea::Building,
        PostKind::UnitLeader => area == PostArea::Unit,
        PostKind::Mediator => true,
    }
}

/// Whether an area holds at most one active post of `kind` (the three leaders).
pub fn is_single(kind: PostKind) -> bool {
    matches!(
        kind,
        PostKind::GridLeader | PostKind::BuildingLeader | PostKind::UnitLeader
    )
}

/// Checks a new post on `today`; `previous_end` is the last day of the latest ended
/// term of the same kind on the same area, if any.
pub fn validate(
    input: &PostInput,
    today: NaiveDate,
    previous_end: Option<NaiveDate>,
) -> Result<ValidPost, String> {
    if !fits(input.kind, input.area) {
        return Err(format!(
            "a {:?} post is not bound to a {}",
            input.kind,
            input.area.table()
        ));
    }
    match (input.kind, input.employment) {
        (PostKind::GridWorker, None) => {
            return Err("a grid worker is FULL_TIME or PART_TIME: give `employment`".to_owned());
        }
        (PostKind::GridWorker, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err("`employment` is for grid workers only".to_owned()),
    }
    let display_name = intake::text("displayName", &input.display_name, MAX_DISPLAY_NAME_CHARS)?;
    let relay_phone = Phone::parse(&input.relay_phone)
        .map_err(|err| format!("`relayPhone`: {}", err.public_message()))?
        .into_string();
    if input.duties.is_empty() {
        return Err("a post carries at least one of the five duties".to_owned());
    }
    if input.started_on > today + Duration::days(MAX_DAYS_AHEAD) {
        return Err(format!(
            "`startedOn` must be within {MAX_DAYS_AHEAD} days from today"
        ));
    }
    if let Some(end) = previous_end
        && input.started_on <= end
    {
        return Err(format!(
            "`startedOn` overlaps the previous term, which ended on {end}"
        ));
    }
    Ok(ValidPost {
        display_name,
        relay_phone,
        duties: duty_bits(&input.duties),
    })
}

/// Checks the last day of a term that started on `started_on`.
pub fn validate_end(
    started_on: NaiveDate,
    ended_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    if ended_on < started_on {
        return Err(format!(
            "`endedOn` must not be before the start, {started_on}"
        ));
    }
    if ended_on > today {
        return Err("`endedOn` must not be in the future".to_owned());
    }
    Ok(())
}

const DUTIES: [Duty; 5] = [
    Duty::CollectSentiment,
    Duty::PublicisePolicy,
    Duty::MediateDisputes,
    Duty::ConvenienceService,
    Duty::Supervision,
];

/// The bit set stored in `post.duties`.
pub fn duty_bits(duties: &[Duty]) -> i32 {
    duties
        .iter()
        .map(|duty| 1 << DUTIES.iter().position(|known| known == duty).unwrap_or(0))
        .fold(0, |bits, bit| bits | bit)
}

/// The duties of a stored bit set, in their usual order.
pub fn duties_of(bits: i32) -> Vec<Duty> {
    DUTIES
        .iter()
        .enumerate()
        .filter(|(at, _)| bits & (1 << at) != 0)
        .map(|(_, duty)| *duty)
        .collect()
}

/// All five duties.
pub fn all_duties() -> Vec<Duty> {
    DUTIES.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn input(kind: PostKind, area: PostArea) -> PostInput {
        PostInput {
            kind,
            employment: None,
            area,
            display_name: " 王楼长 ".to_owned(),
            relay_phone: "138-0000-1111".to_owned(),
            duties: vec![Duty::CollectSentiment, Duty::Supervision],
            started_on: day("2026-03-01"),
        }
    }

    #[test]
    fn a_building_leader_on_a_building_is_valid_and_normalised() {
        let input = input(PostKind::BuildingLeader, PostArea::Building);
        let valid = validate(&input, day("2026-03-02"), None).unwrap();
        assert_eq!(valid.display_name, "王楼长");
        assert_eq!(valid.relay_phone, "13800001111");
        assert_eq!(duties_of(valid.duties), input.duties);
    }

    #[test]
    fn each_kind_sits_on_its_area() {
        assert!(!fits(PostKind::GridLeader, PostArea::Building));
        assert!(!fits(PostKind::UnitLeader, PostArea::Building));
        assert!(fits(PostKind::Mediator, PostArea::Unit));
        let wrong = input(PostKind::UnitLeader, PostArea::Grid);
        assert!(validate(&wrong, day("2026-03-02"), None).is_err());
    }

    #[test]
    fn only_grid_workers_have_an_employment() {
        let mut worker = input(PostKind::GridWorker, PostArea::Grid);
        assert!(validate(&worker, day("2026-03-02"), None).is_err());
        worker.employment = Some(Employment::PartTime);
        assert!(validate(&worker, day("2026-03-02"), None).is_ok());
        let mut leader = input(PostKind::GridLeader, PostArea::Grid);
        leader.employment = Some(Employment::FullTime);
        assert!(validate(&leader, day("2026-03-02"), None).is_err());
    }

    #[test]
    fn bad_names_phones_and_duties_are_refused() {
        let mut post = input(PostKind::UnitLeader, PostArea::Unit);
        post.display_name = "  ".to_owned();
        assert!(validate(&post, day("2026-03-02"), None).is_err());
        let mut post = input(PostKind::UnitLeader, PostArea::Unit);
        post.relay_phone = "12345".to_owned();
        assert!(validate(&post, day("2026-03-02"), None).is_err());
        let mut post = input(PostKind::UnitLeader, PostArea::Unit);
        post.duties.clear();
        assert!(validate(&post, day("2026-03-02"), None).is_err());
    }

    #[test]
    fn a_term_starts_after_the_previous_one_and_not_far_ahead() {
        let post = input(PostKind::GridLeader, PostArea::Grid);
        assert!(validate(&post, day("2026-03-02"), Some(day("2026-03-01"))).is_err());
        assert!(validate(&post, day("2026-03-02"), Some(day("2026-02-28"))).is_ok());
        assert!(validate(&post, day("2025-11-01"), None).is_err());
    }

    #[test]
    fn a_term_ends_after_it_started_and_not_in_the_future() {
        let start = day("2026-03-01");
        assert!(validate_end(start, day("2026-02-28"), day("2026-04-01")).is_err());
        assert!(validate_end(start, day("2026-04-02"), day("2026-04-01")).is_err());
        assert!(validate_end(start, start, day("2026-04-01")).is_ok());
    }

    #[test]
    fn duties_round_trip_through_bits() {
        assert_eq!(duties_of(duty_bits(&all_duties())), all_duties());
        assert_eq!(duty_bits(&[]), 0);
    }
}
