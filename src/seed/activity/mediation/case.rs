//! One mediation case walked through [`mediation::next`]: sessions a few days apart,
//! the agreement (its follow-up due 30 days later, as `recordMediationAgreement`
//! sets it), the follow-up around that day, the close RESOLVED or PARTIAL; or a close
//! FAILED or REFERRED without an agreement; or a case that stalls. Each step is dated
//! on the day it was recorded and bumps the version; a step after the year has not
//! happened yet.

use chrono::{DateTime, Duration, Utc};

use entity::community;
use entity::mediation_enums::{CaseStatus as Stored, DisputeCategory};
use entity::{mediation_case, mediation_session};

use super::super::bulk;
use crate::domain::mediation::{self, CaseStatus, Outcome, Step};
use crate::error::{AppError, AppResult};
use crate::seed::rng::Rng;

pub(super) struct New<'a> {
    pub id: i32,
    pub community: &'a community::Model,
    pub area: (&'static str, i32),
    pub path: String,
    pub category: DisputeCategory,
    pub mediator: i32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Agreed { followed_up: bool, outcome: Outcome },
    Closed(Outcome),
    Stalled { sessions: i32 },
}

fn fate(rng: &mut Rng) -> Fate {
    match rng.weighted(&[70, 12, 8, 4, 6]) {
        0 => Fate::Agreed {
            followed_up: rng.chance(880),
            outcome: if rng.chance(750) {
                Outcome::Resolved
            } else {
                Outcome::Partial
            },
        },
        1 => Fate::Closed(Outcome::Failed),
        2 => Fate::Closed(Outcome::Referred),
        3 => Fate::Stalled { sessions: 0 },
        _ => Fate::Stalled {
            sessions: rng.between(1, 2),
        },
    }
}

/// The case and its sessions.
pub(super) fn walk(
    rng: &mut Rng,
    new: New<'_>,
) -> AppResult<(mediation_case::Model, Vec<mediation_session::ActiveModel>)> {
    let opened = bulk::at_local(bulk::any_day(rng), rng.between(9 * 60, 18 * 60) as u32);
    let (summary, place) = *rng.pick(summaries(new.category));
    let mut case = mediation_case::Model {
        id: new.id,
        area_kind: new.area.0.to_owned(),
        area_id: new.area.1,
        area_path: new.path,
        place: place.map(|p| format!("{}{p}", new.community.name)),
        category: new.category,
        major: rng.chance(100),
        summary: summary.to_owned(),
        mediator_user_id: new.mediator,
        status: Stored::Open,
        outcome: None,
        agreement: None,
        agreement_signed_on: None,
        follow_up_due: None,
        followed_up_on: None,
        follow_up_notes: None,
        opened_at: opened,
        updated_at: opened,
        version: 1,
    };
    let fate = fate(rng);
    let sessions = match fate {
        Fate::Agreed { .. } => rng.between(1, 3),
        Fate::Closed(_) => rng.between(0, 2),
        Fate::Stalled { sessions } => sessions,
    };
    let mut held = Vec::new();
    for _ in 0..sessions {
        let at = later(rng, case.updated_at, 2, 10);
        if !step(&mut case, Step::RecordSession, at)? {
            return Ok((case, held));
        }
        let notes = SESSION_NOTES[rng.below(SESSION_NOTES.len() as u32) as usize];
        held.push(session(&case, at, notes));
    }
    match fate {
        Fate::Stalled { .. } => {}
        Fate::Closed(outcome) => {
            let at = later(rng, case.updated_at, 3, 20);
            step(&mut case, Step::Close(outcome), at)?;
        }
        Fate::Agreed {
            followed_up,
            outcome,
        } => {
            let signed = later(rng, case.updated_at, 0, 5);
            if !step(&mut case, Step::RecordAgreement, signed)? {
                return Ok((case, held));
            }
            let day = bulk::local_day(signed);
            let due = mediation::follow_up_due(day);
            case.agreement = Some(rng.pick(&AGREEMENTS).to_string());
            case.agreement_signed_on = Some(day);
            case.follow_up_due = Some(due);
            let visit =
                bulk::at_local(due, 10 * 60) + Duration::days(i64::from(rng.between(-7, 10)));
            if !followed_up || !step(&mut case, Step::RecordFollowUp, visit)? {
                return Ok((case, held));
            }
            case.followed_up_on = Some(bulk::local_day(visit));
            case.follow_up_notes = Some("回访双方，协议已履行，关系缓和".to_owned());
            step(&mut case, Step::Close(outcome), later(rng, visit, 0, 5))?;
        }
    }
    Ok((case, held))
}

/// Takes `step` at `at` if the year has come that far.
fn step(case: &mut mediation_case::Model, step: Step, at: DateTime<Utc>) -> AppResult<bool> {
    if !bulk::in_year(at) {
        return Ok(false);
    }
    let to = mediation::next(CaseStatus::from(case.status), step)
        .map_err(|illegal| AppError::Internal(illegal.to_string()))?;
    case.status = to.into();
    if let Step::Close(outcome) = step {
        case.outcome = Some(outcome.into());
    }
    case.updated_at = at;
    case.version += 1;
    Ok(true)
}

/// `low` to `high` days after `at`, at least an hour later, on working hours.
fn later(rng: &mut Rng, at: DateTime<Utc>, low: i32, high: i32) -> DateTime<Utc> {
    let day = bulk::local_day(at) + Duration::days(i64::from(rng.between(low, high)));
    let when = bulk::at_local(day, rng.between(9 * 60, 17 * 60) as u32);
    when.max(at + Duration::hours(1))
}

fn session(
    case: &mediation_case::Model,
    at: DateTime<Utc>,
    notes: &str,
) -> mediation_session::ActiveModel {
    mediation_session::ActiveModel {
        case_id: sea_orm::Set(case.id),
        area_path: sea_orm::Set(case.area_path.clone()),
        major: sea_orm::Set(case.major),
        held_on: sea_orm::Set(bulk::local_day(at)),
        notes: sea_orm::Set(notes.to_owned()),
        recorded_at: sea_orm::Set(at),
        ..Default::default()
    }
}

type Summary = (&'static str, Option<&'static str>);

fn summaries(category: DisputeCategory) -> &'static [Summary] {
    match category {
        DisputeCategory::Neighbour => &[
            (
                "楼上卫生间漏水导致楼下天花板受损，双方就维修和赔偿协商未果",
                Some("居民楼"),
            ),
            ("邻居长期在楼道堆放杂物，影响通行和消防安全", Some("楼道")),
            ("夜间装修噪音扰民，多次沟通无果", None),
        ],
        DisputeCategory::Family => &[
            ("子女就老人赡养费用分担发生争执", None),
            ("夫妻因家庭琐事长期争吵，邻居多次报警", None),
        ],
        DisputeCategory::Property => &[
            ("居民与物业公司就地下车位收费标准发生争议", Some("地下车库")),
            ("电梯长期故障，业主拒交物业费", Some("电梯间")),
        ],
        DisputeCategory::Labour => &[("装修工人被拖欠工钱，与业主发生纠纷", None)],
        DisputeCategory::Other => &[("共用绿地被个别住户私自占用种菜", Some("小区绿地"))],
    }
}

const SESSION_NOTES: [&str; 3] = [
    "双方到场，陈述各自诉求，调解员讲解相关法规",
    "查看现场，双方初步同意协商解决",
    "再次组织协商，双方就主要分歧达成一致意向",
];
const AGREEMENTS: [&str; 3] = [
    "责任方负责维修并承担费用，双方互不追究",
    "双方约定按比例分担费用，一个月内履行完毕",
    "责任方书面致歉并限期整改",
];
