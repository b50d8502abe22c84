//! The organisation group of a dashboard (党建引领): the three leaders' posts filled,
//! grid workers per thousand households, grids with a party branch, households with a
//! liaison member (党员联系户) and members dual-reported (双报到), in one statement of
//! scalar sub-selects over the countable rows of the area's subtree.

use chrono::NaiveDate;
use sea_orm::sea_query::{Alias, Condition, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryResult};

use entity::party_organization::{self, PartyOrgStatus, PartyOrgType};
use entity::post::{self, PostKind};
use entity::{building, dual_report, grid, household, liaison_assignment, unit};

use super::{Under, count, get, households, one, sub};
use crate::access::Viewer;
use crate::error::AppResult;

/// Party building under the area, today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OrganisationFigures {
    /// Places of a leader: grids, buildings and units.
    pub leader_places: u64,
    /// Of those, the ones whose leader is in office today.
    pub leader_places_filled: u64,
    pub grids: u64,
    pub grids_with_branch: u64,
    pub households: u64,
    pub households_with_liaison: u64,
    /// Grid workers (full- and part-time) in office today.
    pub grid_workers: u64,
    /// Members with an active dual report to a community under the area.
    pub members_dual_reported: u64,
}

pub async fn organisation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    area_path: &str,
    today: NaiveDate,
) -> AppResult<OrganisationFigures> {
    let mut select = Query::select();
    organisation_columns(&mut select, viewer, area_path.into(), today);
    organisation_of(&one(db, &select).await?)
}

/// The organisation figures as columns of `select`, one sub-select each.
pub(crate) fn organisation_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    area_path: Under<'_>,
    today: NaiveDate,
) {
    let all = Condition::all;
    select
        .expr_as(
            sub(count::<grid::Entity>(viewer, area_path, all())),
            Alias::new("grids"),
        )
        .expr_as(
            sub(count::<building::Entity>(viewer, area_path, all())),
            Alias::new("buildings"),
        )
        .expr_as(
            sub(count::<unit::Entity>(viewer, area_path, all())),
            Alias::new("units"),
        )
        .expr_as(
            sub(count::<grid::Entity>(
                viewer,
                area_path,
                all().add(grid::Column::Id.in_subquery(in_office(
                    viewer,
                    area_path,
                    PostKind::GridLeader,
                    today,
                ))),
            )),
            Alias::new("grids_led"),
        )
        .expr_as(
            sub(count::<building::Entity>(
                viewer,
                area_path,
                all().add(building::Column::Id.in_subquery(in_office(
                    viewer,
                    area_path,
                    PostKind::BuildingLeader,
                    today,
                ))),
            )),
            Alias::new("buildings_led"),
        )
        .expr_as(
            sub(count::<unit::Entity>(
                viewer,
                area_path,
                all().add(unit::Column::Id.in_subquery(in_office(
                    viewer,
                    area_path,
                    PostKind::UnitLeader,
                    today,
                ))),
            )),
            Alias::new("units_led"),
        )
        .expr_as(
            sub(count::<grid::Entity>(
                viewer,
                area_path,
                all().add(grid::Column::Id.in_subquery(branches(viewer, area_path))),
            )),
            Alias::new("grids_with_branch"),
        )
        .expr_as(households(viewer, area_path), Alias::new("households"))
        .expr_as(
            sub(count::<household::Entity>(
                viewer,
                area_path,
                all().add(household::Column::Id.in_subquery(liaised(viewer, area_path))),
            )),
            Alias::new("households_with_liaison"),
        )
        .expr_as(
            sub(count::<post::Entity>(
                viewer,
                area_path,
                serving(today).add(post::Column::Kind.eq(PostKind::GridWorker)),
            )),
            Alias::new("grid_workers"),
        )
        .expr_as(
            sub(count::<dual_report::Entity>(
                viewer,
                area_path,
                all()
                    .add(dual_report::Column::MemberId.is_not_null())
                    .add(dual_report::Column::EndedOn.is_null()),
            )),
            Alias::new("dual_reported"),
        );
}

pub(crate) fn organisation_of(row: &QueryResult) -> AppResult<OrganisationFigures> {
    let places = ["grids", "buildings", "units"];
    let led = ["grids_led", "buildings_led", "units_led"];
    let total = |columns: [&str; 3]| -> AppResult<u64> {
        columns.iter().map(|column| get(row, column)).sum()
    };
    Ok(OrganisationFigures {
        leader_places: total(places)?,
        leader_places_filled: total(led)?,
        grids: get(row, "grids")?,
        grids_with_branch: get(row, "grids_with_branch")?,
        households: get(row, "households")?,
        households_with_liaison: get(row, "households_with_liaison")?,
        grid_workers: get(row, "grid_workers")?,
        members_dual_reported: get(row, "dual_reported")?,
    })
}

/// Posts whose term covers `today`.
fn serving(today: NaiveDate) -> Condition {
    Condition::all()
        .add(post::Column::StartedOn.lte(today))
        .add(
            Condition::any()
                .add(post::Column::EndedOn.is_null())
                .add(post::Column::EndedOn.gte(today)),
        )
}

/// The areas with a countable post of `kind` in office today.
fn in_office(
    viewer: &Viewer,
    area_path: Under<'_>,
    kind: PostKind,
    today: NaiveDate,
) -> SelectStatement {
    Query::select()
        .column(post::Column::AreaId)
        .from(post::Entity)
        .cond_where(area_path.countable_set::<post::Entity>(viewer))
        .cond_where(serving(today).add(post::Column::Kind.eq(kind)))
        .to_owned()
}

/// The grids with a countable active party branch.
fn branches(viewer: &Viewer, area_path: Under<'_>) -> SelectStatement {
    Query::select()
        .column(party_organization::Column::AreaId)
        .from(party_organization::Entity)
        .cond_where(area_path.countable_set::<party_organization::Entity>(viewer))
        .and_where(party_organization::Column::AreaKind.eq("grid"))
        .and_where(party_organization::Column::OrgType.eq(PartyOrgType::Branch))
        .and_where(party_organization::Column::Status.eq(PartyOrgStatus::Active))
        .to_owned()
}

/// The households with a countable active liaison.
fn liaised(viewer: &Viewer, area_path: Under<'_>) -> SelectStatement {
    Query::select()
        .column(liaison_assignment::Column::HouseholdId)
        .from(liaison_assignment::Entity)
        .cond_where(area_path.countable_set::<liaison_assignment::Entity>(viewer))
        .and_where(liaison_assignment::Column::EndedOn.is_null())
        .to_owned()
}
