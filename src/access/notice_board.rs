//! The public notice board of a building (三长公示牌): the one read open to anonymous
//! callers ([`super::policy::ANONYMOUS_READS`]), so a QR code in the stairwell opens it.
//!
//! It is built here, inside `access`, from a narrow projection: the display names and
//! relay phones of the building's three leaders (the grid leader of its grid, its
//! building leader, the unit leaders of its units) and the building's service numbers.
//! The types below hold nothing else (no ids, no holders, no residents), so nothing else
//! can reach the board.

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use entity::building_service_number::{self, Service};
use entity::post::{self, PostKind};
use entity::{building, unit};

use crate::domain::visits::grid_path;
use crate::error::AppResult;

/// One leader as the board shows them.
#[derive(Clone, Debug)]
pub struct BoardLeader {
    pub kind: PostKind,
    /// The unit's name, for a unit leader.
    pub unit: Option<String>,
    pub display_name: String,
    pub relay_phone: String,
}

/// A building's notice board.
#[derive(Clone, Debug)]
pub struct NoticeBoard {
    pub building: String,
    pub leaders: Vec<BoardLeader>,
    pub service_numbers: Vec<(Service, String)>,
}

/// The posts active on `today` among the three leaders of the buildings at `paths`:
/// building and unit leaders under a building, and the grid leader of its grid.
pub fn three_leaders(paths: &[&str], today: NaiveDate) -> Condition {
    let below = paths.iter().fold(Condition::any(), |any, path| {
        any.add(super::under_path(post::Column::AreaPath, path))
    });
    let grids: Vec<&str> = paths.iter().filter_map(|path| grid_path(path)).collect();
    Condition::all()
        .add(post::Column::EndedOn.is_null())
        .add(post::Column::StartedOn.lte(today))
        .add(
            Condition::any()
                .add(
                    post::Column::Kind
                        .is_in([PostKind::BuildingLeader, PostKind::UnitLeader])
                        .and(below),
                )
                .add(
                    post::Column::Kind
                        .eq(PostKind::GridLeader)
                        .and(post::Column::AreaPath.is_in(grids)),
                ),
        )
}

/// Whether `leader` (one of [`three_leaders`]) is a leader of the building at `path`.
pub fn leads(leader: &post::Model, path: &str) -> bool {
    match leader.kind {
        PostKind::GridLeader => grid_path(path) == Some(leader.area_path.as_str()),
        _ => super::path_is_under(&leader.area_path, path),
    }
}

/// The board of `building_id` on `today`; `None` for an unknown building.
pub async fn notice_board(
    db: &DatabaseConnection,
    building_id: i32,
    today: NaiveDate,
) -> AppResult<Option<NoticeBoard>> {
    let Some(building) = building::Entity::find_by_id(building_id).one(db).await? else {
        return Ok(None);
    };
    let units = unit::Entity::find()
        .filter(unit::Column::BuildingId.eq(building.id))
        .all(db)
        .await?;
    let posts = post::Entity::find()
        .filter(three_leaders(&[&building.path], today))
        // A grid's path is a prefix of its buildings', so the grid leader comes first.
        .order_by_asc(post::Column::AreaPath)
        .order_by_asc(post::Column::Id)
        .all(db)
        .await?;
    let leaders = posts
        .into_iter()
        .map(|post| BoardLeader {
            kind: post.kind,
            unit: (post.kind == PostKind::UnitLeader)
                .then(|| units.iter().find(|unit| unit.id == post.area_id))
                .flatten()
                .map(|unit| unit.name.clone()),
            display_name: post.display_name,
            relay_phone: post.relay_phone,
        })
        .collect();
    let service_numbers = building_service_number::Entity::find()
        .filter(building_service_number::Column::BuildingId.eq(building.id))
        .order_by_asc(building_service_number::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.service, row.phone))
        .collect();
    Ok(Some(NoticeBoard {
        building: building.name,
        leaders,
        service_numbers,
    }))
}
