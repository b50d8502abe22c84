//! Demo accounts on the demo dataset: one user per typical role, on the first area of
//! each level, and one API client, all with the same password or secret.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use entity::{building, community, district, grid, household, resident, street, unit};

use super::{GrantSpec, NewClient, NewUser};
use crate::AppState;
use crate::access::{AreaKind, Role};
use crate::error::{AppError, AppResult};

/// The account that tells whether demo accounts exist already.
pub const MARKER_USER: &str = "district.admin";

/// The first id of `$module` (optionally under `$parent = $id`), or a clear error.
macro_rules! first {
    ($db:expr, $module:ident) => {
        first!(@run $db, $module::Entity::find(), $module)
    };
    ($db:expr, $module:ident, $parent:ident = $id:expr) => {
        first!(@run $db, $module::Entity::find().filter($module::Column::$parent.eq($id)), $module)
    };
    (@run $db:expr, $select:expr, $module:ident) => {
        $select
            .order_by_asc($module::Column::Id)
            .one($db)
            .await?
            .map(|row| row.id)
            .ok_or_else(|| {
                AppError::Internal(format!("demo data has no {}", stringify!($module)))
            })?
    };
}

/// The first area of each level, first by id.
struct DemoAreas {
    district: i32,
    street: i32,
    community: i32,
    grid: i32,
    building: i32,
    household: i32,
    resident: i32,
}

async fn demo_areas(db: &impl ConnectionTrait) -> AppResult<DemoAreas> {
    let district = first!(db, district);
    let street = first!(db, street, DistrictId = district);
    let community = first!(db, community, StreetId = street);
    let grid = first!(db, grid, CommunityId = community);
    let building = first!(db, building, GridId = grid);
    let unit = first!(db, unit, BuildingId = building);
    let household = first!(db, household, UnitId = unit);
    let resident = first!(db, resident, HouseholdId = household);
    Ok(DemoAreas {
        district,
        street,
        community,
        grid,
        building,
        household,
        resident,
    })
}

/// Creates the demo users and the `demo-app` client; returns (account, what it sees).
pub async fn create_demo_accounts(
    state: &AppState,
    password: &str,
) -> AppResult<Vec<(String, String)>> {
    let areas = demo_areas(&state.db).await?;
    let users = [
        (
            "district.admin",
            "区管理员",
            Role::DistrictAdmin,
            AreaKind::District,
            areas.district,
        ),
        (
            "street.admin",
            "街道管理员",
            Role::StreetAdmin,
            AreaKind::Street,
            areas.street,
        ),
        (
            "community.staff",
            "社区工作人员",
            Role::CommunityStaff,
            AreaKind::Community,
            areas.community,
        ),
        (
            "party.secretary",
            "党组织书记",
            Role::PartySecretary,
            AreaKind::Community,
            areas.community,
        ),
        (
            "grid.worker",
            "网格员",
            Role::GridWorker,
            AreaKind::Grid,
            areas.grid,
        ),
        (
            "building.leader",
            "楼栋长",
            Role::BuildingLeader,
            AreaKind::Building,
            areas.building,
        ),
        (
            "resident",
            "居民",
            Role::Resident,
            AreaKind::Household,
            areas.household,
        ),
    ];
    let mut created = Vec::new();
    for (username, display_name, role, area_kind, area_id) in users {
        let resident_id = (role == Role::Resident).then_some(areas.resident);
        state
            .auth
            .create_user(NewUser {
                username: username.to_owned(),
                password: password.to_owned(),
                display_name: display_name.to_owned(),
                resident_id,
                grants: vec![GrantSpec {
                    role,
                    area_kind,
                    area_id,
                }],
            })
            .await?;
        let sees = format!("{} on {} {area_id}", role.as_str(), area_kind.table());
        created.push((username.to_owned(), sees));
    }
    state
        .auth
        .create_client(NewClient {
            client_id: "demo-app".to_owned(),
            secret: password.to_owned(),
            name: "Demo dashboard".to_owned(),
            scopes: vec!["territory:read".into(), "aggregates:read".into()],
            daily_quota: 10_000,
            area_kind: AreaKind::Street,
            area_id: areas.street,
            trusted_documents_only: false,
        })
        .await?;
    created.push((
        "demo-app (API client)".to_owned(),
        format!("territory:read, aggregates:read on street {}", areas.street),
    ));
    Ok(created)
}

/// A random demo password (16 URL-safe characters).
pub fn generate_password() -> String {
    super::random::token(12)
}
