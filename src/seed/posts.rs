//! Demo posts and notice boards: a grid leader for every grid, a building leader for
//! every building, a unit leader for every odd-numbered unit (so "units without a unit
//! leader" has answers), each held by the first resident of the area, with relay phones
//! derived from the area's id; and the five service numbers of every building.

use sea_orm::{ConnectionTrait, DatabaseTransaction};

use crate::error::AppResult;

const POSTS: &str = "INSERT INTO post \
    (kind, employment, area_kind, area_id, area_path, holder_user_id, holder_resident_id, \
     display_name, relay_phone, duties, started_on, ended_on, created_at, version) ";

/// The first resident of every area, keyed by `{key}` (an expression over the joined
/// `b`, `u`, `h`): one grouped pass over the residents. A sub-select per area instead
/// ran for minutes at district scale (the tables have no statistics inside the seed's
/// transaction, and PostgreSQL scanned the residents once per unit).
const FIRST_RESIDENTS: &str = "(SELECT {key} AS area_id, MIN(r.id) AS resident_id FROM resident r \
     JOIN household h ON r.household_id = h.id JOIN unit u ON h.unit_id = u.id \
     JOIN building b ON u.building_id = b.id GROUP BY {key}) first_resident";

const SERVICES: [(&str, &str); 5] = [
    ("WATER", "96116"),
    ("POWER", "95598"),
    ("GAS", "96777"),
    ("PROPERTY", "400-820-1234"),
    ("COMMUNITY_OFFICE", "0571-88001234"),
];

/// Inserts the posts, then the service numbers.
pub async fn insert_posts(txn: &DatabaseTransaction) -> AppResult<()> {
    let posts = [
        (
            "GRID_LEADER",
            "grid",
            "'网格长'",
            "13900000000",
            "b.grid_id",
        ),
        (
            "BUILDING_LEADER",
            "building",
            "'楼栋长'",
            "13700000000",
            "b.id",
        ),
        ("UNIT_LEADER", "unit", "'单元长'", "13600000000", "u.id"),
    ];
    for (kind, table, title, phone, key) in posts {
        let odd = if table == "unit" {
            "WHERE unit.id % 2 = 1 "
        } else {
            ""
        };
        let first_residents = FIRST_RESIDENTS.replace("{key}", key);
        let sql = format!(
            "{POSTS} SELECT '{kind}', NULL, '{table}', {table}.id, {table}.path, NULL, \
             first_resident.resident_id, {table}.name || {title}, \
             CAST({phone} + {table}.id AS TEXT), 31, '2025-01-01', NULL, \
             '2025-01-01T00:00:00Z', 1 FROM {table} \
             LEFT JOIN {first_residents} ON first_resident.area_id = {table}.id \
             {odd}ORDER BY {table}.id"
        );
        txn.execute_unprepared(&sql).await?;
    }
    for (service, phone) in SERVICES {
        let sql = format!(
            "INSERT INTO building_service_number (building_id, area_path, service, phone) \
             SELECT id, path, '{service}', '{phone}' FROM building ORDER BY id"
        );
        txn.execute_unprepared(&sql).await?;
    }
    Ok(())
}
