//! Filter inputs of territory lists, and the conditions they share. Every filter has
//! `areaId`, "anywhere under this area", answered by a range on the materialised path.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, LikeExpr, Query};

use super::enums::{GridKind, ResidenceStatus};
use crate::error::{AppError, AppResult};
use crate::graphql::ids;
use crate::graphql::pagination::FilterEnv;

/// Rows whose `path_column` lies under the area `area_id` (any area kind). The area's
/// path is read by a sub-select in the same statement: no extra round trip, and an
/// unknown area simply matches nothing.
pub fn under_area<C: ColumnTrait>(path_column: C, area_id: Option<&ID>) -> AppResult<Condition> {
    let Some(area_id) = area_id else {
        return Ok(Condition::all());
    };
    let (kind, id) = ids::decode(area_id)?;
    let table = kind
        .area_table()
        .ok_or_else(|| AppError::bad_input("`areaId` must be the id of an area"))?;
    let area_path = |expr: Expr| {
        Expr::SubQuery(
            None,
            Box::new(
                Query::select()
                    .expr(expr)
                    .from(Alias::new(table))
                    .and_where(Expr::col(Alias::new("id")).eq(id))
                    .to_owned()
                    .into(),
            ),
        )
    };
    let column = || Expr::col(Alias::new(path_column.as_str()));
    Ok(Condition::all()
        .add(column().gte(area_path(Expr::col(Alias::new("path")))))
        // The first string after the subtree: the path with its final '/' bumped to '0'.
        .add(column().lt(area_path(Expr::cust(
            "substr(path, 1, length(path) - 1) || '0'",
        )))))
}

/// Rows whose `column` contains `text` literally (LIKE wildcards escaped).
pub fn contains<C: ColumnTrait>(column: C, text: Option<&str>) -> AppResult<Condition> {
    let Some(text) = text else {
        return Ok(Condition::all());
    };
    if text.trim().is_empty() || text.chars().count() > 50 {
        return Err(AppError::bad_input(
            "`nameContains` must have 1 to 50 characters",
        ));
    }
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
    Ok(Condition::all().add(column.like(pattern)))
}

/// Declares a filter input with `areaId` and `nameContains` for an area table.
macro_rules! area_filter {
    ($(#[$meta:meta])* $name:ident for $module:ident) => {
        $(#[$meta])*
        #[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name {
            /// Only rows anywhere under this area (any area id).
            pub area_id: Option<ID>,
            /// Only rows whose name contains this text.
            pub name_contains: Option<String>,
        }

        impl $name {
            pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
                use entity::$module::Column;
                Ok(Condition::all()
                    .add(under_area(Column::Path, self.area_id.as_ref())?)
                    .add(contains(Column::Name, self.name_contains.as_deref())?))
            }
        }
    };
}

area_filter!(
    /// Which districts to list.
    DistrictFilter for district
);
area_filter!(
    /// Which streets to list.
    StreetFilter for street
);
area_filter!(
    /// Which communities to list.
    CommunityFilter for community
);
area_filter!(
    /// Which buildings to list.
    BuildingFilter for building
);
area_filter!(
    /// Which units to list.
    UnitFilter for unit
);

/// Which grids to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GridFilter {
    /// Only grids anywhere under this area.
    pub area_id: Option<ID>,
    /// Only grids whose name contains this text.
    pub name_contains: Option<String>,
    /// Only grids of this kind.
    pub kind: Option<GridKind>,
}

impl GridFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use entity::grid::Column;
        let mut condition = Condition::all()
            .add(under_area(Column::Path, self.area_id.as_ref())?)
            .add(contains(Column::Name, self.name_contains.as_deref())?);
        if let Some(kind) = self.kind {
            condition = condition.add(Column::Kind.eq(entity::enums::GridKind::from(kind)));
        }
        Ok(condition)
    }
}

/// Which households to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HouseholdFilter {
    /// Only households anywhere under this area.
    pub area_id: Option<ID>,
    /// Only households with this residence status.
    pub residence_status: Option<ResidenceStatus>,
}

impl HouseholdFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use entity::household::Column;
        let mut condition = under_area(Column::Path, self.area_id.as_ref())?;
        if let Some(status) = self.residence_status {
            let status = entity::enums::ResidenceStatus::from(status);
            condition = condition.add(Column::ResidenceStatus.eq(status));
        }
        Ok(condition)
    }
}
