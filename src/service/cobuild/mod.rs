//! Co-building (共驻共建) against the database: [`units`] register and update
//! co-building units and their alliance memberships ([`alliances`]: leaving and
//! joining again; [`contacts`]: the accounts that speak for a unit), [`needs`] publish, claim, fulfil
//! and withdraw needs, [`resources`] offer what units give, [`projects`] answer needs
//! with resources and roll milestones up, and [`matching`] finds the open needs a
//! unit's resources could answer. Each change is one idempotent transaction with its
//! audit row; the rules are in `domain::cobuild` and `access::cobuild_actions`.

pub mod alliances;
pub mod contacts;
pub mod matching;
pub mod needs;
pub mod projects;
pub mod resources;
pub mod units;

use sea_orm::{ColumnTrait, ConnectionTrait, FromQueryResult, QueryFilter};

use entity::{co_building_unit, community, district, grid, street};

use crate::access::audit::AuditEntry;
use crate::access::{self, AreaKind, Scoped, Viewer};
use crate::error::{AppError, AppResult};

/// The row `id` of `E` if `viewer` sees it; NOT_FOUND otherwise.
pub async fn visible_row<E>(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id_column: E::Column,
    id: i32,
) -> AppResult<E::Model>
where
    E: Scoped,
    E::Model: FromQueryResult + Send + Sync,
{
    access::visible::<E>(viewer)
        .filter(id_column.eq(id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The path of the area `id` of `kind` if `viewer` sees it; NOT_FOUND otherwise.
pub async fn visible_area(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: AreaKind,
    id: i32,
) -> AppResult<String> {
    macro_rules! path_of {
        ($module:ident) => {
            visible_row::<$module::Entity>(db, viewer, $module::Column::Id, id)
                .await?
                .path
        };
    }
    Ok(match kind {
        AreaKind::District => path_of!(district),
        AreaKind::Street => path_of!(street),
        AreaKind::Community => path_of!(community),
        AreaKind::Grid => path_of!(grid),
        _ => {
            return Err(AppError::bad_input(
                "co-building is placed on a grid or above",
            ));
        }
    })
}

/// The unit `id`, seen and active; NOT_FOUND or BAD_USER_INPUT otherwise.
pub async fn active_unit(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i32,
) -> AppResult<co_building_unit::Model> {
    let unit =
        visible_row::<co_building_unit::Entity>(db, viewer, co_building_unit::Column::Id, id)
            .await?;
    if unit.status != co_building_unit::CoBuildingUnitStatus::Active {
        return Err(AppError::bad_input("the unit is inactive"));
    }
    Ok(unit)
}

/// The audit row of a change to `entity` row `id` at `path`, naming the fields written.
pub fn audit(
    action: &'static str,
    entity: &'static str,
    id: i32,
    path: &str,
    fields: &str,
) -> AuditEntry {
    AuditEntry {
        action,
        entity: Some(entity),
        entity_id: Some(id),
        fields: Some(fields.to_owned()),
        area_path: Some(path.to_owned()),
        ..Default::default()
    }
}
