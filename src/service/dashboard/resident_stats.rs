//! `residentStats`: residents counted by any mix of age band, gender, grid and tag in
//! one GROUP BY over the countable residents; tags (a resident may have several) become
//! one conditional sum per stored tag within each group, unpivoted here.

use chrono::NaiveDate;
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ConnectionTrait, QueryResult};

use entity::{building, household, resident, unit};

use super::{count_if, get};
use crate::access::Viewer;
use crate::access::aggregates::countable;
use crate::domain::age::born_on_or_before_for_age;
use crate::domain::tags::ResidentTag;
use crate::error::{AppError, AppResult};

/// What residents are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    AgeBand,
    Gender,
    Grid,
    Tag,
}

/// Age bands, Asia/Shanghai ages today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AgeBand {
    Under18,
    From18To59,
    From60To79,
    From80,
}

impl AgeBand {
    const ALL: [(AgeBand, &'static str); 4] = [
        (AgeBand::Under18, "U18"),
        (AgeBand::From18To59, "A18"),
        (AgeBand::From60To79, "A60"),
        (AgeBand::From80, "A80"),
    ];
}

/// One group: the keys it was grouped by, and how many residents it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsGroup {
    pub age_band: Option<AgeBand>,
    pub gender: Option<String>,
    pub grid_id: Option<i32>,
    pub tag: Option<ResidentTag>,
    pub count: u64,
}

/// The groups of the countable residents meeting `filter`, by `dimensions`.
pub async fn resident_stats(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: Condition,
    dimensions: &[Dimension],
    today: NaiveDate,
) -> AppResult<Vec<StatsGroup>> {
    let select = statement(viewer, filter, dimensions, today);
    let rows = db.query_all(&select).await?;
    let mut groups = Vec::new();
    for row in rows {
        let base = StatsGroup {
            age_band: key(&row, dimensions, Dimension::AgeBand, "age_band")?
                .map(|code: String| band_of(&code))
                .transpose()?,
            gender: key(&row, dimensions, Dimension::Gender, "gender")?,
            grid_id: key(&row, dimensions, Dimension::Grid, "grid_id")?,
            tag: None,
            count: 0,
        };
        if dimensions.contains(&Dimension::Tag) {
            for (index, tag) in ResidentTag::STORED.into_iter().enumerate() {
                let count = get(&row, &format!("tag_{index}"))?;
                groups.push(StatsGroup {
                    tag: Some(tag),
                    count,
                    ..base.clone()
                });
            }
        } else {
            groups.push(StatsGroup {
                count: get(&row, "n")?,
                ..base
            });
        }
    }
    groups.retain(|group| group.count > 0);
    Ok(groups)
}

fn statement(
    viewer: &Viewer,
    filter: Condition,
    dimensions: &[Dimension],
    today: NaiveDate,
) -> SelectStatement {
    let mut select = Query::select();
    select
        .from(resident::Entity)
        .cond_where(countable::<resident::Entity>(viewer))
        .cond_where(filter);
    for dimension in dimensions {
        let (expr, alias) = match dimension {
            Dimension::AgeBand => (age_band(today), "age_band"),
            Dimension::Gender => (
                Expr::col((resident::Entity, resident::Column::Gender)),
                "gender",
            ),
            Dimension::Grid => {
                join_to_building(&mut select);
                (
                    Expr::col((building::Entity, building::Column::GridId)),
                    "grid_id",
                )
            }
            Dimension::Tag => continue,
        };
        select.expr_as(expr, Alias::new(alias));
        // By the output name: PostgreSQL would not match two copies of the age CASE,
        // each with its own bound parameters.
        select.add_group_by([Expr::col(Alias::new(alias))]);
    }
    if dimensions.contains(&Dimension::Tag) {
        let tags = Expr::col((resident::Entity, resident::Column::Tags));
        for (index, tag) in ResidentTag::STORED.into_iter().enumerate() {
            let bit = tag.bit().unwrap_or(0);
            let has = Condition::all().add(tags.clone().bit_and(bit).ne(0));
            select.expr_as(count_if(has), Alias::new(format!("tag_{index}")));
        }
    } else {
        let id = Expr::col((resident::Entity, resident::Column::Id));
        select.expr_as(Func::count(id), Alias::new("n"));
    }
    select.to_owned()
}

/// `CASE` of the birth date against today's band limits.
fn age_band(today: NaiveDate) -> SimpleExpr {
    let birth = || Expr::col((resident::Entity, resident::Column::BirthDate));
    let born_by = |age| born_on_or_before_for_age(today, age);
    Expr::case(birth().gt(born_by(18)), AgeBand::ALL[0].1)
        .case(birth().gt(born_by(60)), AgeBand::ALL[1].1)
        .case(birth().gt(born_by(80)), AgeBand::ALL[2].1)
        .finally(AgeBand::ALL[3].1)
        .into()
}

fn join_to_building(select: &mut SelectStatement) {
    select
        .inner_join(
            household::Entity,
            Expr::col((household::Entity, household::Column::Id))
                .equals((resident::Entity, resident::Column::HouseholdId)),
        )
        .inner_join(
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id))
                .equals((household::Entity, household::Column::UnitId)),
        )
        .inner_join(
            building::Entity,
            Expr::col((building::Entity, building::Column::Id))
                .equals((unit::Entity, unit::Column::BuildingId)),
        );
}

fn key<T: sea_orm::TryGetable>(
    row: &QueryResult,
    dimensions: &[Dimension],
    dimension: Dimension,
    column: &str,
) -> AppResult<Option<T>> {
    if !dimensions.contains(&dimension) {
        return Ok(None);
    }
    row.try_get("", column)
        .map(Some)
        .map_err(|err| AppError::Internal(format!("resident stats column {column}: {err}")))
}

fn band_of(code: &str) -> AppResult<AgeBand> {
    AgeBand::ALL
        .iter()
        .find(|(_, stored)| *stored == code)
        .map(|(band, _)| *band)
        .ok_or_else(|| AppError::Internal(format!("unknown age band {code}")))
}
