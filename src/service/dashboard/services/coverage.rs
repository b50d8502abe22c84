//! The 15-minute facility coverage of the services group: the share of the area's
//! households whose building lies within [`REACH_MINUTES`] of estimated walk of an
//! open essential facility (party-mass service centre, minors' activity room,
//! civilisation practice station, elderly canteen), reusing `facilityCoverage`'s
//! estimate. Walking time is decided in Rust over the buildings' coordinates, so it
//! cannot be a sub-select of the group statement: it is its own statement counting
//! households per building (per child area and building in a breakdown), plus the
//! facilities near them, as in `facilityCoverage`.

use std::collections::HashMap;

use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryResult};

use entity::facility::{self, FacilityType};
use entity::rollup_building_households as buildings;
use entity::{building, household, unit};

use super::super::rollups::buildings_under;
use super::super::under::CHILD;
use super::super::{Under, scoped};
use crate::access::aggregates::countable;
use crate::access::{Viewer, under_path};
use crate::domain::facilities::coverage::{ESSENTIAL, Homes, covered_by_any};
use crate::domain::facilities::walking::GeoPoint;
use crate::error::{AppError, AppResult};
use crate::service::facilities::coverage::places_within_reach;

/// The walk a household should be within (15分钟生活圈).
pub const REACH_MINUTES: f64 = 15.0;

/// Households under an area and how many of them reach an essential facility.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FacilityReach {
    /// Households of buildings without coordinates count here and are never covered.
    pub households: u64,
    pub covered: u64,
}

/// The coverage under the area at `area_path`, over the households and facilities
/// the viewer may count.
pub async fn facility_reach(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
) -> AppResult<FacilityReach> {
    let mut select = Query::select();
    match buildings_under(viewer, area_path.into()) {
        Some(path) => {
            let rolled = || Expr::col((buildings::Entity, buildings::Column::Households));
            home_columns(
                &mut select,
                Func::cast_as(Func::sum(rolled()), Alias::new("BIGINT")).into(),
            );
            select
                .from(buildings::Entity)
                .inner_join(
                    building::Entity,
                    Expr::col((building::Entity, building::Column::Path))
                        .equals((buildings::Entity, buildings::Column::BuildingPath)),
                )
                .cond_where(under_path(buildings::Column::BuildingPath, path));
        }
        None => {
            // Households counted per unit first: the join to units and buildings then
            // meets one row per unit, not one per household.
            let homes = Alias::new("homes");
            let per_unit = Query::select()
                .column(household::Column::UnitId)
                .expr_as(
                    Expr::col((household::Entity, household::Column::Id)).count(),
                    Alias::new("households"),
                )
                .from(household::Entity)
                .cond_where(scoped::<household::Entity>(viewer, area_path))
                .group_by_col(household::Column::UnitId)
                .to_owned();
            let households: SimpleExpr = Func::cast_as(
                Func::sum(Expr::col((homes.clone(), Alias::new("households")))),
                Alias::new("BIGINT"),
            )
            .into();
            home_columns(&mut select, households);
            select
                .from_subquery(per_unit, homes.clone())
                .inner_join(
                    unit::Entity,
                    Expr::col((unit::Entity, unit::Column::Id))
                        .equals((homes, household::Column::UnitId)),
                )
                .inner_join(building::Entity, building_of_unit());
        }
    }
    let rows = db.query_all(&select).await?;
    let homes: Vec<Homes> = rows.iter().map(home_of).collect::<AppResult<_>>()?;
    let places = places(db, viewer, &homes).await?;
    Ok(reach_of(&homes, &places))
}

/// One child area of a breakdown.
pub(crate) struct ChildArea {
    pub id: i32,
    pub name: String,
    pub path: String,
}

/// The coverage of every child area of the derived table `children`, in two
/// statements for all of them: the households per child and building, and the
/// facilities near any of those buildings.
pub(crate) async fn facility_reach_by_child(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    children: &SelectStatement,
) -> AppResult<Vec<(ChildArea, FacilityReach)>> {
    let child = |name: &str| Expr::col((Alias::new(CHILD), Alias::new(name)));
    let mut select = Query::select();
    home_columns(
        &mut select,
        Expr::col((household::Entity, household::Column::Id)).count(),
    );
    // LEFT JOINs: a child without households still has its row (households 0).
    select
        .expr_as(child("id"), Alias::new("child_id"))
        .expr_as(child("name"), Alias::new("child_name"))
        .expr_as(child("path"), Alias::new("child_path"))
        .from_subquery(children.clone(), Alias::new(CHILD))
        .left_join(
            household::Entity,
            scoped::<household::Entity>(viewer, Under::Child),
        )
        .left_join(unit::Entity, unit_of_household())
        .left_join(building::Entity, building_of_unit())
        .add_group_by([child("id"), child("name"), child("path")]);
    let rows = db.query_all(&select).await?;
    let mut areas: Vec<(ChildArea, Vec<Homes>)> = Vec::new();
    let mut index: HashMap<i32, usize> = HashMap::new();
    for row in &rows {
        let id: i32 = column(row, "child_id")?;
        let at = match index.get(&id) {
            Some(at) => *at,
            None => {
                let area = ChildArea {
                    id,
                    name: column(row, "child_name")?,
                    path: column(row, "child_path")?,
                };
                areas.push((area, Vec::new()));
                index.insert(id, areas.len() - 1);
                areas.len() - 1
            }
        };
        areas[at].1.push(home_of(row)?);
    }
    let all: Vec<Homes> = areas.iter().flat_map(|(_, homes)| homes.clone()).collect();
    let places = places(db, viewer, &all).await?;
    Ok(areas
        .into_iter()
        .map(|(area, homes)| {
            let reach = reach_of(&homes, &places);
            (area, reach)
        })
        .collect())
}

/// Latitude, longitude and `households` (a count or a sum of counts) per building.
fn home_columns(select: &mut SelectStatement, households: SimpleExpr) {
    let lat = Expr::col((building::Entity, building::Column::Latitude));
    let lon = Expr::col((building::Entity, building::Column::Longitude));
    select
        .expr_as(lat.clone(), Alias::new("latitude"))
        .expr_as(lon.clone(), Alias::new("longitude"))
        .expr_as(households, Alias::new("households"))
        .add_group_by([
            Expr::col((building::Entity, building::Column::Id)),
            lat,
            lon,
        ]);
}

// Units and buildings only place the counted households: they add no rows of their
// own, so they need no scope.
fn unit_of_household() -> Condition {
    Condition::all().add(
        Expr::col((unit::Entity, unit::Column::Id))
            .equals((household::Entity, household::Column::UnitId)),
    )
}

fn building_of_unit() -> Condition {
    Condition::all().add(
        Expr::col((building::Entity, building::Column::Id))
            .equals((unit::Entity, unit::Column::BuildingId)),
    )
}

fn home_of(row: &QueryResult) -> AppResult<Homes> {
    let latitude: Option<f64> = column(row, "latitude")?;
    let longitude: Option<f64> = column(row, "longitude")?;
    let households: i64 = column(row, "households")?;
    Ok(Homes {
        place: latitude
            .zip(longitude)
            .and_then(|(la, lo)| GeoPoint::new(la, lo)),
        households: u64::try_from(households).unwrap_or(0),
    })
}

/// The open essential facilities the viewer may count near any of `homes`.
async fn places(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    homes: &[Homes],
) -> AppResult<Vec<(FacilityType, GeoPoint)>> {
    let facilities = facility::Entity::find().filter(countable::<facility::Entity>(viewer));
    places_within_reach(db, facilities, homes, REACH_MINUTES, &ESSENTIAL).await
}

fn reach_of(homes: &[Homes], places: &[(FacilityType, GeoPoint)]) -> FacilityReach {
    FacilityReach {
        households: homes.iter().map(|home| home.households).sum(),
        covered: covered_by_any(homes, places, REACH_MINUTES),
    }
}

fn column<T: sea_orm::TryGetable>(row: &QueryResult, name: &str) -> AppResult<T> {
    row.try_get("", name)
        .map_err(|err| AppError::Internal(format!("facility coverage column {name}: {err}")))
}
