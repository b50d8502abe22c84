//! The `posts` filter and orders.

use async_graphql::{ID, InputObject};
use chrono::NaiveDate;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Query};

use entity::post::{self, Column};
use entity::{building, grid};

use super::enums::PostKind;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which posts to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PostFilter {
    /// Only posts bound to this area or an area under it; for a building, also the
    /// grid leader of its grid (one of its three leaders).
    pub area_id: Option<ID>,
    /// Only posts of one of these kinds.
    pub kind: Option<Vec<PostKind>>,
    /// Only posts whose term covers this day (started, not ended before it).
    pub active_on: Option<NaiveDate>,
}

impl PostFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let below = under_area(Column::AreaPath, self.area_id.as_ref())?;
        let mut condition = match grid_leader_of_building(self.area_id.as_ref())? {
            Some(leader) => Condition::all().add(Condition::any().add(below).add(leader)),
            None => below,
        };
        if let Some(kinds) = &self.kind {
            let kinds = kinds.iter().map(|kind| post::PostKind::from(*kind));
            condition = condition.add(Column::Kind.is_in(kinds));
        }
        if let Some(day) = self.active_on {
            condition = condition.add(Column::StartedOn.lte(day)).add(
                Condition::any()
                    .add(Column::EndedOn.is_null())
                    .add(Column::EndedOn.gte(day)),
            );
        }
        Ok(condition)
    }
}

/// For a building's id, the grid leader of its grid: one of the building's three
/// leaders (as `building.leaders` and the notice board show), though bound to the grid.
fn grid_leader_of_building(area_id: Option<&ID>) -> AppResult<Option<Condition>> {
    let Some(area_id) = area_id else {
        return Ok(None);
    };
    let (kind, id) = ids::decode(area_id)?;
    if kind != NodeKind::Building {
        return Ok(None);
    }
    let grid_of_building = Query::select()
        .column(building::Column::GridId)
        .from(building::Entity)
        .and_where(building::Column::Id.eq(id))
        .to_owned();
    let grid_path = Query::select()
        .column(grid::Column::Path)
        .from(grid::Entity)
        .and_where(grid::Column::Id.in_subquery(grid_of_building))
        .to_owned();
    Ok(Some(
        Condition::all()
            .add(Column::Kind.eq(post::PostKind::GridLeader))
            .add(Column::AreaPath.in_subquery(grid_path)),
    ))
}

order_enum! {
    /// How to order posts: by appointment (ids grow with it) unless asked otherwise.
    PostOrder for post {
        /// Latest term first.
        StartedOnDesc => (StartedOn, true),
    }
}
