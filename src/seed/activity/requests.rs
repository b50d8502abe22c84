//! Residents' requests over the activity year: about 0.28 a household, each walked
//! through the real state machine ([`lifecycle::apply`]) with its deadlines from the
//! real SLA policies and holiday calendar ([`sla::window`]), so statuses, levels,
//! rework counts, deadlines and events agree exactly as the services would have left
//! them. Most are closed; some were rejected; those whose next step would
//! fall after the year's end, and a few stuck ones, are still open (many of them
//! overdue); some were escalated, extended, sent back by verification or by a
//! dissatisfied resident, and the slowest carry yellow or red supervision cards.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityName, EntityTrait, QueryOrder, Set};

use entity::request_enums::{
    Channel, ExtensionKind, ExtensionStatus, HandlingLevel, RequestStatus, Satisfaction,
    SupervisionCard, Urgency,
};
use entity::{
    household, request, request_category, request_event, request_extension, request_supervision,
    resident, sla_policy,
};

use super::{ActivityReport, YEAR_END, YEAR_START, bulk, instant};
use crate::domain::requests::lifecycle::{self, Clock, Deadline, State, Step};
use crate::domain::requests::sla::{self, Calendar, Limit, Window};
use crate::error::{AppError, AppResult};
use crate::seed::rng::{Rng, Stream};
use crate::service::requests::repeats;

/// Requests per household over the year: none, one, two or three (per mille).
const PER_HOUSEHOLD: [u32; 4] = [780, 170, 40, 10];
/// Weights of the categories, in id order (the migration's eight; any later ones 5).
const CATEGORY_WEIGHTS: [u32; 8] = [30, 18, 12, 8, 10, 8, 6, 8];
const CHANNELS: [(Channel, u32); 6] = [
    (Channel::Hotline12345, 25),
    (Channel::MiniProgram, 35),
    (Channel::WechatGroup, 10),
    (Channel::GridVisit, 20),
    (Channel::WalkIn, 7),
    (Channel::ThirdPartyApp, 3),
];
const URGENCIES: [(Urgency, u32); 3] = [
    (Urgency::Normal, 900),
    (Urgency::Urgent, 80),
    (Urgency::Emergency, 20),
];
const DESCRIPTIONS: [&str; 6] = [
    "楼道灯不亮，晚上出入不便",
    "小区垃圾清运不及时，有异味",
    "楼上装修噪音大，影响休息",
    "消防通道被杂物堵塞",
    "地下车库有车辆长期占用公共车位",
    "独居老人需要上门探访",
];

/// What every request of the year is generated from.
struct Context {
    categories: Vec<(i32, HandlingLevel)>,
    /// (category or `None` for the default, level, urgency) → policy.
    policies: HashMap<(Option<i32>, HandlingLevel, Urgency), sla_policy::Model>,
    calendar: Calendar,
    actor: i32,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Context {
    fn window(
        &self,
        category: i32,
        level: HandlingLevel,
        urgency: Urgency,
        deadline: Deadline,
        at: DateTime<Utc>,
    ) -> AppResult<Window> {
        let policy = self
            .policies
            .get(&(Some(category), level, urgency))
            .or_else(|| self.policies.get(&(None, level, urgency)))
            .ok_or_else(|| {
                AppError::Internal(format!("no SLA policy for {level:?} {urgency:?}"))
            })?;
        let amount = match deadline {
            Deadline::Accept => policy.accept_limit,
            Deadline::Handle => policy.handle_limit,
            Deadline::Feedback => policy.feedback_limit,
        };
        let limit = Limit {
            unit: policy.limit_unit,
            amount,
        };
        Ok(sla::window(at, limit, &self.calendar))
    }
}

/// The rows of the requests, in insertion order.
#[derive(Default)]
struct Rows {
    requests: Vec<request::ActiveModel>,
    events: Vec<request_event::ActiveModel>,
    extensions: Vec<request_extension::ActiveModel>,
    cards: Vec<request_supervision::ActiveModel>,
}

pub(super) async fn insert(
    txn: &DatabaseTransaction,
    seed: u64,
    actor: i32,
    report: &mut ActivityReport,
) -> AppResult<()> {
    let context = context(txn, actor).await?;
    let communities = bulk::communities(txn).await?;
    let mut next_id = bulk::next_id(txn, request::Entity.table_name()).await?;
    for community in communities {
        let mut rows = Rows::default();
        for (household, path, resident) in households(txn, &community.path).await? {
            let mut rng = Rng::new(seed, Stream::Request, household);
            for _ in 0..rng.weighted(&PER_HOUSEHOLD) {
                let place = Place::of(&mut rng, household, &path, resident)?;
                Walk::new(&context, &mut rng, next_id, place).run(&mut rows)?;
                next_id += 1;
            }
        }
        report.requests += rows.requests.len() as u64;
        report.request_events += rows.events.len() as u64;
        report.request_extensions += rows.extensions.len() as u64;
        report.supervision_cards += rows.cards.len() as u64;
        crate::seed::insert(txn, rows.requests).await?;
        crate::seed::insert(txn, rows.events).await?;
        crate::seed::insert(txn, rows.extensions).await?;
        crate::seed::insert(txn, rows.cards).await?;
    }
    repeats::refresh_all(txn).await
}

async fn context(txn: &DatabaseTransaction, actor: i32) -> AppResult<Context> {
    let categories = request_category::Entity::find()
        .order_by_asc(request_category::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|category| (category.id, category.default_level))
        .collect::<Vec<_>>();
    if categories.is_empty() {
        return Err(AppError::Internal("no request categories".into()));
    }
    let policies = sla_policy::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|policy| ((policy.category_id, policy.level, policy.urgency), policy))
        .collect();
    let start = instant(YEAR_START);
    Ok(Context {
        categories,
        policies,
        calendar: crate::service::requests::deadlines::calendar(txn, start).await?,
        actor,
        start,
        end: instant(YEAR_END),
    })
}

/// The households of a community with their first resident, in id order.
async fn households(
    txn: &DatabaseTransaction,
    community_path: &str,
) -> AppResult<Vec<(i32, String, Option<i32>)>> {
    let mut select = Query::select();
    select
        .column((household::Entity, household::Column::Id))
        .column((household::Entity, household::Column::Path))
        .expr_as(
            Func::min(Expr::col((resident::Entity, resident::Column::Id))),
            Alias::new("resident_id"),
        )
        .from(household::Entity)
        .left_join(
            resident::Entity,
            Expr::col((resident::Entity, resident::Column::HouseholdId))
                .equals((household::Entity, household::Column::Id)),
        )
        .and_where(
            Expr::col((household::Entity, household::Column::Path))
                .like(format!("{community_path}%")),
        )
        .group_by_col((household::Entity, household::Column::Id))
        .group_by_col((household::Entity, household::Column::Path))
        .order_by((household::Entity, household::Column::Id), Order::Asc);
    txn.query_all(&select)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get("", "id")?,
                row.try_get("", "path")?,
                row.try_get("", "resident_id")?,
            ))
        })
        .collect()
}

/// Where a request is about and who reported it.
struct Place {
    path: String,
    building: i32,
    unit: Option<i32>,
    household: Option<i32>,
    resident: Option<i32>,
}

impl Place {
    /// Four in five about the household itself, the rest about its building.
    fn of(rng: &mut Rng, household: i32, path: &str, resident: Option<i32>) -> AppResult<Place> {
        // district/street/community/grid/building/unit/household/
        let ids = path
            .split_terminator('/')
            .map(str::parse::<i32>)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| AppError::Internal(format!("bad household path {path}")))?;
        let [_, _, _, _, building, unit, _] = ids[..] else {
            return Err(AppError::Internal(format!("bad household path {path}")));
        };
        Ok(if rng.chance(800) {
            Place {
                path: path.to_owned(),
                building,
                unit: Some(unit),
                household: Some(household),
                resident,
            }
        } else {
            let building_path = path.split_inclusive('/').take(5).collect::<String>();
            Place {
                path: building_path,
                building,
                unit: None,
                household: None,
                resident,
            }
        })
    }
}

/// One request walked through its life.
struct Walk<'a> {
    context: &'a Context,
    rng: &'a mut Rng,
    id: i32,
    place: Place,
    category: i32,
    urgency: Urgency,
    state: State,
    at: DateTime<Utc>,
    submitted_at: DateTime<Utc>,
    accept_due: DateTime<Utc>,
    handle_due: Option<DateTime<Utc>>,
    feedback_due: Option<DateTime<Utc>>,
    running: Option<Window>,
    satisfaction: Option<Satisfaction>,
    first_resolved: Option<DateTime<Utc>>,
    card: Option<SupervisionCard>,
    events: Vec<request_event::ActiveModel>,
    extension: Option<request_extension::ActiveModel>,
    cards: Vec<request_supervision::ActiveModel>,
}

/// Why a walk ends before its request closes.
enum Halt {
    /// The next step would fall after the year (or the request is stuck): it stays
    /// as it is, open.
    Stopped,
    Failed(AppError),
}

impl From<AppError> for Halt {
    fn from(err: AppError) -> Halt {
        Halt::Failed(err)
    }
}

impl<'a> Walk<'a> {
    fn new(context: &'a Context, rng: &'a mut Rng, id: i32, place: Place) -> Walk<'a> {
        let mut weights = CATEGORY_WEIGHTS.to_vec();
        weights.resize(context.categories.len(), 5);
        let (category, level) = context.categories[rng.weighted(&weights)];
        let urgency = URGENCIES[rng.weighted(&URGENCIES.map(|(_, w)| w))].0;
        let year = (context.end - context.start).num_seconds();
        let at = context.start + Duration::seconds((rng.next_u64() % year as u64) as i64);
        Walk {
            context,
            rng,
            id,
            place,
            category,
            urgency,
            state: lifecycle::submitted(level),
            at,
            submitted_at: at,
            accept_due: at,
            handle_due: None,
            feedback_due: None,
            running: None,
            satisfaction: None,
            first_resolved: None,
            card: None,
            events: Vec::new(),
            extension: None,
            cards: Vec::new(),
        }
    }

    fn run(mut self, rows: &mut Rows) -> AppResult<()> {
        let window = self.window(Deadline::Accept)?;
        self.accept_due = window.due;
        self.running = Some(window);
        self.event("SUBMIT", None);
        match self.life() {
            Ok(()) | Err(Halt::Stopped) => {}
            Err(Halt::Failed(err)) => return Err(err),
        }
        let channel = CHANNELS[self.rng.weighted(&CHANNELS.map(|(_, w)| w))].0;
        rows.requests.push(self.row(channel));
        rows.events.append(&mut self.events);
        rows.extensions.extend(self.extension.take());
        rows.cards.append(&mut self.cards);
        Ok(())
    }

    /// Takes the steps of this request's life until it closes or stops.
    fn life(&mut self) -> Result<(), Halt> {
        let stuck = self.rng.chance(30);
        let fate = self.rng.below(1000);
        let hours = |rng: &mut Rng, low, high| {
            Duration::minutes(i64::from(rng.between(low * 60, high * 60)))
        };
        if fate < 25 {
            let delay = hours(self.rng, 1, 8);
            return self.step(Step::Reject, delay);
        }
        let delay = hours(self.rng, 1, 30);
        self.step(Step::Accept, delay)?;
        if self.rng.chance(60) && lifecycle::level_up(self.state.level).is_some() {
            let delay = hours(self.rng, 2, 24);
            self.step(Step::Escalate, delay)?;
        }
        for (step, low, high) in [
            (Step::Assign, 0, 4),
            (Step::Sign, 0, 8),
            (Step::Start, 0, 24),
        ] {
            let delay = hours(self.rng, low, high);
            self.step(step, delay)?;
        }
        if stuck {
            // Never resolved: open (and soon overdue) at the year's end.
            self.supervise_late(f64::INFINITY)?;
            return Err(Halt::Stopped);
        }
        if self.rng.chance(50) {
            self.extend()?;
        }
        let mut reworks_left = 2;
        loop {
            self.resolve()?;
            let delay = hours(self.rng, 1, 24);
            self.step(Step::BeginVerification, delay)?;
            let delay = hours(self.rng, 1, 12);
            if reworks_left > 0 && self.rng.chance(30) {
                reworks_left -= 1;
                self.step(Step::FailVerification, delay)?;
                continue;
            }
            self.step(Step::PassVerification, delay)?;
            let verdict = self.rng.below(1000);
            let (step, delay) = match verdict {
                0..600 => (
                    Step::Evaluate(Satisfaction::Satisfied),
                    hours(self.rng, 2, 96),
                ),
                600..750 => (
                    Step::Evaluate(Satisfaction::BasicallySatisfied),
                    hours(self.rng, 2, 96),
                ),
                750..800 => (
                    Step::Evaluate(Satisfaction::Dissatisfied),
                    hours(self.rng, 2, 96),
                ),
                _ => (Step::CloseUnevaluated, hours(self.rng, 72, 120)),
            };
            self.step(step, delay)?;
            if !lifecycle::is_open(self.state.status) {
                return Ok(());
            }
            // A dissatisfied resident reopened it: handle it again.
        }
    }

    /// Resolves within the handling deadline mostly, late one time in seven; a late
    /// one may be carded first.
    fn resolve(&mut self) -> Result<(), Halt> {
        let left = self
            .handle_due
            .map_or(Duration::days(3), |due| due - self.at);
        let share = if self.rng.chance(140) {
            f64::from(self.rng.between(105, 250)) / 100.0
        } else {
            f64::from(self.rng.between(10, 95)) / 100.0
        };
        let finished = self.at + share_of(left, share);
        self.supervise_late(share)?;
        let delay = (finished - self.at).max(Duration::minutes(30));
        self.step(Step::Resolve, delay)
    }

    /// Cards a request that overruns its handling deadline: a yellow card half a day
    /// past it for two in five, then a red card three days past it for a third of those
    /// (when `share`, the share of the time left it will take, reaches that far).
    fn supervise_late(&mut self, share: f64) -> Result<(), Halt> {
        let Some(due) = self.handle_due else {
            return Ok(());
        };
        let left = due - self.at;
        let finished = if share.is_finite() {
            self.at + share_of(left, share)
        } else {
            DateTime::<Utc>::MAX_UTC
        };
        let mut card_at = due + Duration::hours(12);
        for (card, per_mille) in [(SupervisionCard::Yellow, 400), (SupervisionCard::Red, 330)] {
            if card_at >= finished || !self.rng.chance(per_mille) {
                break;
            }
            if card_at >= self.context.end {
                return Err(Halt::Stopped);
            }
            let delay = card_at - self.at;
            self.step(Step::Supervise, delay.max(Duration::zero()))?;
            self.card = Some(card);
            self.cards.push(request_supervision::ActiveModel {
                request_id: Set(self.id),
                area_path: Set(self.place.path.clone()),
                card: Set(card),
                reason: Set("超期未办结".to_owned()),
                issued_by: Set(self.context.actor),
                issued_at: Set(self.at),
                ..Default::default()
            });
            card_at = due + Duration::days(3);
        }
        Ok(())
    }

    /// Asks for two more days and has them approved.
    fn extend(&mut self) -> Result<(), Halt> {
        let asked = Duration::hours(i64::from(self.rng.between(1, 12)));
        self.step(Step::RequestExtension, asked)?;
        let requested_at = self.at;
        let decided = Duration::hours(i64::from(self.rng.between(1, 8)));
        self.step(Step::Extend, decided)?;
        self.extension = Some(request_extension::ActiveModel {
            request_id: Set(self.id),
            area_path: Set(self.place.path.clone()),
            kind: Set(ExtensionKind::Extend),
            reason: Set("需协调物业和施工单位".to_owned()),
            extra_hours: Set(Some(EXTRA_HOURS)),
            suspend_until: Set(None),
            status: Set(ExtensionStatus::Approved),
            requested_by: Set(self.context.actor),
            requested_at: Set(requested_at),
            decided_by: Set(Some(self.context.actor)),
            decided_at: Set(Some(self.at)),
            decision_note: Set(None),
            ..Default::default()
        });
        Ok(())
    }

    /// Takes `step` `after` the last one, unless that falls after the year.
    fn step(&mut self, step: Step, after: Duration) -> Result<(), Halt> {
        let at = self.at + after;
        if at >= self.context.end {
            return Err(Halt::Stopped);
        }
        let before = self.state;
        let outcome = lifecycle::apply(before, step)
            .map_err(|illegal| AppError::Internal(format!("activity seed: {illegal}")))?;
        self.at = at;
        self.state = outcome.state;
        match outcome.clock {
            Clock::Keep => {}
            Clock::Stop => self.running = None,
            Clock::Start(deadline) => {
                let window = self.window(deadline)?;
                match deadline {
                    Deadline::Accept => self.accept_due = window.due,
                    Deadline::Handle => self.handle_due = Some(window.due),
                    Deadline::Feedback => self.feedback_due = Some(window.due),
                }
                self.running = Some(window);
            }
            Clock::Extend => {
                let extra = Duration::hours(i64::from(EXTRA_HOURS));
                self.handle_due = self.handle_due.map(|due| due + extra);
                self.running = self.running.map(|window| Window {
                    warn: window.warn + extra,
                    due: window.due + extra,
                    ..window
                });
            }
            Clock::Pause | Clock::Resume => {
                return Err(AppError::Internal("activity seed: no suspensions".into()).into());
            }
        }
        if step == Step::Resolve && self.first_resolved.is_none() {
            self.first_resolved = Some(at);
        }
        if let Step::Evaluate(satisfaction) = step {
            self.satisfaction = Some(satisfaction);
        } else if step == Step::CloseUnevaluated {
            self.satisfaction = Some(Satisfaction::NotEvaluated);
        }
        self.event(step.event_name(), Some(before));
        Ok(())
    }

    fn window(&self, deadline: Deadline) -> AppResult<Window> {
        self.context.window(
            self.category,
            self.state.level,
            self.urgency,
            deadline,
            self.at,
        )
    }

    fn event(&mut self, action: &'static str, before: Option<State>) {
        self.events.push(request_event::ActiveModel {
            request_id: Set(self.id),
            area_path: Set(self.place.path.clone()),
            reporter_user_id: Set(None),
            at: Set(self.at),
            actor_kind: Set(if before.is_none() { "SYSTEM" } else { "USER" }.to_owned()),
            actor_id: Set(before.map(|_| self.context.actor)),
            actor_name: Set(None),
            action: Set(action.to_owned()),
            from_status: Set(before.map(|state| state.status)),
            to_status: Set(self.state.status),
            from_level: Set(before.map(|state| state.level)),
            to_level: Set(self.state.level),
            note: Set(None),
            ..Default::default()
        });
    }

    fn row(&mut self, channel: Channel) -> request::ActiveModel {
        let (resident, contact) = match (channel, self.place.resident) {
            (Channel::Hotline12345, _) | (_, None) => (None, true),
            (_, Some(resident)) => (Some(resident), false),
        };
        let (contact_name, contact_phone) = if contact {
            let phone = format!("139{:08}", self.id % 100_000_000);
            (Some("来电居民".to_owned()), Some(phone))
        } else {
            (None, None)
        };
        let external = (channel == Channel::Hotline12345).then(|| format!("GD2026-{:07}", self.id));
        request::ActiveModel {
            id: Set(self.id),
            channel: Set(channel),
            external_order_id: Set(external),
            category_id: Set(self.category),
            building_id: Set(self.place.building),
            unit_id: Set(self.place.unit),
            household_id: Set(self.place.household),
            area_path: Set(self.place.path.clone()),
            reporter_resident_id: Set(resident),
            reporter_user_id: Set(None),
            contact_name: Set(contact_name),
            contact_phone: Set(contact_phone),
            description: Set(self.rng.pick(&DESCRIPTIONS).to_string()),
            attachments: Set("[]".to_owned()),
            urgency: Set(self.urgency),
            status: Set(self.state.status),
            level: Set(self.state.level),
            assignee_user_id: Set(matches!(
                self.state.status,
                RequestStatus::Assigned | RequestStatus::Signed | RequestStatus::InProgress
            )
            .then_some(self.context.actor)),
            merged_into_id: Set(None),
            reject_reason: Set(
                (self.state.status == RequestStatus::Rejected).then(|| "不属于受理范围".to_owned())
            ),
            satisfaction: Set(self.satisfaction),
            submitted_at: Set(self.submitted_at),
            updated_at: Set(self.at),
            accept_due_at: Set(self.accept_due),
            handle_due_at: Set(self.handle_due),
            feedback_due_at: Set(self.feedback_due),
            sla_started_at: Set(self.running.map(|window| window.started)),
            sla_warn_at: Set(self.running.map(|window| window.warn)),
            sla_due_at: Set(self.running.map(|window| window.due)),
            version: Set(self.events.len() as i32),
            rework_count: Set(self.state.rework_count),
            sla_paused_at: Set(None),
            suspended_until: Set(None),
            supervision_card: Set(self.card),
            first_resolved_at: Set(self.first_resolved),
            // Set for all the requests at once when they are in: see `insert`.
            is_repeat: Set(false),
        }
    }
}

/// `share` of the time `left` (an hour at least).
fn share_of(left: Duration, share: f64) -> Duration {
    Duration::seconds((Ord::max(left.num_seconds(), 3600) as f64 * share) as i64)
}

/// The hours an approved extension adds.
const EXTRA_HOURS: i32 = 48;

#[cfg(test)]
#[path = "requests_tests.rs"]
mod tests;
