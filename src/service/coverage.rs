//! Coverage of party building over an area, for dashboards to call: grids without an
//! active party branch, buildings without a building leader and units without a unit
//! leader in office on a day, households without a liaison member (党员联系户), and the
//! in-service members dual-reported (双报到) to each community. Each count is one
//! statement over the rows the viewer sees.

use chrono::NaiveDate;
use sea_orm::QuerySelect;
use sea_orm::sea_query::{ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QueryOrder};

use entity::party_organization::{self, PartyOrgStatus, PartyOrgType};
use entity::post::{self, PostKind};
use entity::{building, dual_report, grid, household, liaison_assignment, unit};

use crate::access::{self, Viewer, under_path};
use crate::error::AppResult;

/// The gaps of party building under one area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub grids_without_branch: u64,
    pub buildings_without_leader: u64,
    pub units_without_leader: u64,
    pub households_without_liaison: u64,
}

/// The coverage under the area at `area_path` on `day`, as far as `viewer` sees.
pub async fn party_coverage(
    db: &DatabaseConnection,
    viewer: &Viewer,
    area_path: &str,
    day: NaiveDate,
) -> AppResult<Coverage> {
    let branches = Query::select()
        .column(party_organization::Column::AreaId)
        .from(party_organization::Entity)
        .and_where(party_organization::Column::AreaKind.eq("grid"))
        .and_where(party_organization::Column::OrgType.eq(PartyOrgType::Branch))
        .and_where(party_organization::Column::Status.eq(PartyOrgStatus::Active))
        .to_owned();
    let grids_without_branch = access::visible::<grid::Entity>(viewer)
        .filter(under_path(grid::Column::Path, area_path))
        .filter(grid::Column::Id.not_in_subquery(branches))
        .count(db)
        .await?;
    let buildings_without_leader = access::visible::<building::Entity>(viewer)
        .filter(under_path(building::Column::Path, area_path))
        .filter(building::Column::Id.not_in_subquery(in_office(PostKind::BuildingLeader, day)))
        .count(db)
        .await?;
    let units_without_leader = access::visible::<unit::Entity>(viewer)
        .filter(under_path(unit::Column::Path, area_path))
        .filter(unit::Column::Id.not_in_subquery(in_office(PostKind::UnitLeader, day)))
        .count(db)
        .await?;
    let liaised = Query::select()
        .column(liaison_assignment::Column::HouseholdId)
        .from(liaison_assignment::Entity)
        .cond_where(access::scope_condition::<liaison_assignment::Entity>(
            viewer,
        ))
        .and_where(liaison_assignment::Column::EndedOn.is_null())
        .to_owned();
    let households_without_liaison = access::visible::<household::Entity>(viewer)
        .filter(under_path(household::Column::Path, area_path))
        .filter(household::Column::Id.not_in_subquery(liaised))
        .count(db)
        .await?;
    Ok(Coverage {
        grids_without_branch,
        buildings_without_leader,
        units_without_leader,
        households_without_liaison,
    })
}

/// The members with an active dual report to each community under the area at
/// `area_path` (communities without any are left out), as far as `viewer` sees.
pub async fn dual_reported_by_community(
    db: &DatabaseConnection,
    viewer: &Viewer,
    area_path: &str,
) -> AppResult<Vec<(i32, u64)>> {
    let rows: Vec<(i32, i64)> = access::visible::<dual_report::Entity>(viewer)
        .filter(under_path(dual_report::Column::AreaPath, area_path))
        .filter(dual_report::Column::MemberId.is_not_null())
        .filter(dual_report::Column::EndedOn.is_null())
        .select_only()
        .column(dual_report::Column::CommunityId)
        .column_as(dual_report::Column::Id.count(), "members")
        .group_by(dual_report::Column::CommunityId)
        .order_by_asc(dual_report::Column::CommunityId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(community, members)| (community, u64::try_from(members).unwrap_or(0)))
        .collect())
}

/// The areas with a post of `kind` in office on `day`.
fn in_office(kind: PostKind, day: NaiveDate) -> SelectStatement {
    Query::select()
        .column(post::Column::AreaId)
        .from(post::Entity)
        .and_where(post::Column::Kind.eq(kind))
        .and_where(post::Column::StartedOn.lte(day))
        .and_where(
            post::Column::EndedOn
                .is_null()
                .or(post::Column::EndedOn.gte(day)),
        )
        .to_owned()
}
