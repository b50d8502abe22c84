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

/// Enrols the residents flagged as party members (and born before 1990, so that every
/// joining day below is at 18 or older) in their grid's branch; those born before 1966
/// as RETIRED; every third shows their identity.
pub async fn insert_members(txn: &DatabaseTransaction) -> AppResult<()> {
    txn.execute_unprepared(
        "INSERT INTO party_member \
         (resident_id, user_id, name, organization_id, area_path, category, joined_on, \
          shows_identity, version) \
         SELECT r.id, NULL, r.name, branch.id, branch.area_path, \
         CASE WHEN r.birth_date < '1966-01-01' THEN 'RETIRED' ELSE 'DIRECT' END, \
         '2015-07-01', r.id % 3 = 0, 1 \
         FROM resident r JOIN household h ON r.household_id = h.id \
         JOIN unit u ON h.unit_id = u.id JOIN building b ON u.building_id = b.id \
         JOIN party_organization branch \
         ON branch.area_kind = 'grid' AND branch.area_id = b.grid_id AND branch.org_type = 'BRANCH' \
         WHERE r.is_party_member AND r.birth_date < '1990-01-01' ORDER BY r.id",
    )
    .await?;
    Ok(())
}
