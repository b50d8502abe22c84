//! Demo party organisations: a committee (党委) for every community and, under it, a
//! branch (党支部) for every grid, so "a party organisation in every grid" holds in the
//! demo. Derived from the territory rows in two statements; deterministic by id.

use sea_orm::{ConnectionTrait, DatabaseTransaction};

use crate::error::AppResult;

/// Inserts the committees, then the branches pointing at their community's committee.
pub async fn insert_organizations(txn: &DatabaseTransaction) -> AppResult<()> {
    txn.execute_unprepared(
        "INSERT INTO party_organization \
         (parent_id, name, org_type, area_kind, area_id, area_path, founded_on, status, version) \
         SELECT NULL, name || '党委', 'COMMITTEE', 'community', id, path, '2018-07-01', 'ACTIVE', 1 \
         FROM community ORDER BY id",
    )
    .await?;
    txn.execute_unprepared(
        "INSERT INTO party_organization \
         (parent_id, name, org_type, area_kind, area_id, area_path, founded_on, status, version) \
         SELECT committee.id, grid.name || '党支部', 'BRANCH', 'grid', grid.id, grid.path, \
         '2020-07-01', 'ACTIVE', 1 \
         FROM grid JOIN party_organization committee \
         ON committee.area_kind = 'community' AND committee.area_id = grid.community_id \
         ORDER BY grid.id",
    )
    .await?;
    Ok(())
}
