//! The volunteers group of a dashboard (志愿服务): volunteers under the area, those
//! active in the last [`ACTIVE_DAYS`] days, hours verified and points issued and
//! redeemed in the period, and the points outstanding now, in one statement of scalar
//! sub-selects over the countable points accounts, ledger entries and participations.
//! Points issued and redeemed add up per street and day: over a street or more their
//! whole days come from the points rollup (m0023). The rest stays on the rows: the
//! volunteers are distinct people, the active ones depend on now, the verified hours
//! are dated by an entry but counted off the participation, and the points
//! outstanding are balances now.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryResult};

use entity::activity_participation::{self, ParticipationStatus};
use entity::points_enums::EntryKind;
use entity::rollup_points_days as points_days;
use entity::{activity, points_account, points_entry};

use super::whole_days::days_under;
use super::{Period, Under, count, get, one, rollups, scoped, sub};
use crate::access::{Viewer, under_path};
use crate::error::AppResult;

/// How far back a volunteer's last activity may lie for them to count as active.
pub const ACTIVE_DAYS: i64 = 90;

/// Volunteers and their points under the area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VolunteerFigures {
    /// Residents with a points account or a place at an activity (people).
    pub volunteers: u64,
    /// Of those, checked in or credited at an activity that ended in the
    /// [`ACTIVE_DAYS`] days before now (people).
    pub active: u64,
    /// Hours of the participations verified (credited) in the period.
    pub hours: u64,
    /// Points earned in the period.
    pub points_issued: u64,
    /// Held points spent on rewards in the period.
    pub points_redeemed: u64,
    /// Available and held balances now: what the volunteers may still spend.
    pub points_outstanding: u64,
}

pub async fn volunteers(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    period: Period,
    now: DateTime<Utc>,
) -> AppResult<VolunteerFigures> {
    let mut select = Query::select();
    volunteer_columns(&mut select, viewer, area_path.into(), period, now);
    volunteers_of(&one(db, &select).await?)
}

/// The volunteer figures as columns of `select`, one sub-select each.
pub(crate) fn volunteer_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    area_path: Under<'_>,
    period: Period,
    now: DateTime<Utc>,
) {
    use activity_participation::Column as Place;
    use points_entry::Column as Entry;
    let account_holders = Query::select()
        .column(points_account::Column::ResidentId)
        .from(points_account::Entity)
        .cond_where(area_path.countable_set::<points_account::Entity>(viewer))
        .to_owned();
    // A resident has one account: accounts plus the participants without one.
    let volunteers = sub(count::<points_account::Entity>(
        viewer,
        area_path,
        Condition::all(),
    ))
    .add(sub(participants(
        viewer,
        area_path,
        Condition::all().add(Place::ResidentId.not_in_subquery(account_holders)),
    )));
    // Activities are catalogue rows that only date the counted participation.
    let recent = Query::select()
        .column(activity::Column::Id)
        .from(activity::Entity)
        .and_where(activity::Column::EndsAt.gte(now - Duration::days(ACTIVE_DAYS)))
        .and_where(activity::Column::EndsAt.lte(now))
        .to_owned();
    let active = participants(
        viewer,
        area_path,
        Condition::all()
            .add(Place::Status.is_in([
                ParticipationStatus::CheckedIn,
                ParticipationStatus::Verified,
            ]))
            .add(Place::ActivityId.in_subquery(recent)),
    );
    let entry = |column: points_entry::Column| Expr::col((points_entry::Entity, column));
    let points = |kind: EntryKind, value: SimpleExpr, rolled: points_days::Column| {
        points_in_period(viewer, area_path, period, (kind, value), rolled)
    };
    let account = |column: points_account::Column| Expr::col((points_account::Entity, column));
    select
        .expr_as(volunteers, Alias::new("volunteers"))
        .expr_as(sub(active), Alias::new("active"))
        .expr_as(
            sub(hours_verified(viewer, area_path, period)),
            Alias::new("hours"),
        )
        .expr_as(
            points(
                EntryKind::Earn,
                entry(Entry::Amount),
                points_days::Column::Issued,
            ),
            Alias::new("issued"),
        )
        .expr_as(
            // A REDEEM entry spends held points: its held change is the negative.
            points(
                EntryKind::Redeem,
                Expr::val(0).sub(entry(Entry::HeldAmount)),
                points_days::Column::Redeemed,
            ),
            Alias::new("redeemed"),
        )
        .expr_as(
            sub(total::<points_account::Entity>(
                viewer,
                area_path,
                account(points_account::Column::Available)
                    .add(account(points_account::Column::Held)),
                Condition::all(),
            )),
            Alias::new("outstanding"),
        );
}

pub(crate) fn volunteers_of(row: &QueryResult) -> AppResult<VolunteerFigures> {
    Ok(VolunteerFigures {
        volunteers: get(row, "volunteers")?,
        active: get(row, "active")?,
        hours: get(row, "hours")?,
        points_issued: get(row, "issued")?,
        points_redeemed: get(row, "redeemed")?,
        points_outstanding: get(row, "outstanding")?,
    })
}

/// The sum of `value` over the countable entries of `kind` made in the period, as a
/// scalar: under a street or more, for a viewer who counts every entry there, the
/// whole days from the points rollup (m0023, its column `rolled`) and the edge days
/// from the entries; elsewhere from the entries.
fn points_in_period(
    viewer: &Viewer,
    area_path: Under<'_>,
    period: Period,
    (kind, value): (EntryKind, SimpleExpr),
    rolled: points_days::Column,
) -> SimpleExpr {
    use points_entry::Column as Entry;
    let entries = |when: Condition| {
        let extra = Condition::all().add(Entry::Kind.eq(kind)).add(when);
        sub(total::<points_entry::Entity>(
            viewer,
            area_path,
            value.clone(),
            extra,
        ))
    };
    match days_under::<points_entry::Entity>(viewer, area_path, period) {
        Some((path, days)) => sub(Query::select()
            .expr(rollups::total(Expr::col(rolled)))
            .from(points_days::Entity)
            .cond_where(under_path(points_days::Column::StreetPath, path))
            .cond_where(days.holds(points_days::Column::Day))
            .to_owned())
        .add(entries(days.edges(Entry::At))),
        None => entries(
            Condition::all()
                .add(Entry::At.gte(period.from))
                .add(Entry::At.lt(period.to)),
        ),
    }
}

/// `COUNT(DISTINCT resident_id)` of the countable participations under the area
/// meeting `extra`.
fn participants(viewer: &Viewer, area_path: Under<'_>, extra: Condition) -> SelectStatement {
    let resident = Expr::col((
        activity_participation::Entity,
        activity_participation::Column::ResidentId,
    ));
    Query::select()
        .expr(Func::count_distinct(resident))
        .from(activity_participation::Entity)
        .cond_where(scoped::<activity_participation::Entity>(viewer, area_path).add(extra))
        .to_owned()
}

/// The hours of the verified participations whose EARN entry (made when they were
/// verified, once) falls in the period: a participation has no time of its own.
fn hours_verified(viewer: &Viewer, area_path: Under<'_>, period: Period) -> SelectStatement {
    use activity_participation::Column as Place;
    use points_entry::Column as Entry;
    let entry = |column: points_entry::Column| Expr::col((points_entry::Entity, column));
    // The entry shares its participation's resident, hence its scope; bounding it by
    // the area too lets the database read the area's entries alone (by the
    // (area_path, at) index), not every entry of the period.
    let earned = Query::select()
        .expr(Expr::val(1))
        .from(points_entry::Entity)
        .cond_where(area_path.holds::<points_entry::Entity>())
        .and_where(entry(Entry::Kind).eq(EntryKind::Earn))
        .and_where(entry(Entry::SourceKind).eq("PARTICIPATION"))
        .and_where(entry(Entry::SourceId).equals((activity_participation::Entity, Place::Id)))
        .and_where(entry(Entry::At).gte(period.from))
        .and_where(entry(Entry::At).lt(period.to))
        .to_owned();
    total::<activity_participation::Entity>(
        viewer,
        area_path,
        Expr::col((activity_participation::Entity, Place::Hours)),
        Condition::all()
            .add(Place::Status.eq(ParticipationStatus::Verified))
            .add(Expr::exists(earned)),
    )
}

/// `COALESCE(CAST(SUM(value) AS BIGINT), 0)` over the countable rows of `E` under the
/// area meeting `extra` (PostgreSQL sums BIGINTs as NUMERIC).
fn total<E: crate::access::Scoped>(
    viewer: &Viewer,
    area_path: Under<'_>,
    value: SimpleExpr,
    extra: Condition,
) -> SelectStatement {
    let sum: SimpleExpr = Func::cast_as(Func::sum(value), Alias::new("BIGINT")).into();
    Query::select()
        .expr(Func::coalesce([sum, Expr::val(0)]))
        .from(E::default())
        .cond_where(scoped::<E>(viewer, area_path).add(extra))
        .to_owned()
}
