//! How each scoped table declares the area its rows belong to. A table becomes
//! reachable through [`super::visible`] only once it implements [`Scoped`].

use sea_orm::EntityTrait;

use entity::{building, community, district, grid, household, resident, street, unit};

/// A table whose rows belong to an area of the territory tree.
pub trait Scoped: EntityTrait {
    /// The materialised path that places a row in the tree.
    fn scope_column() -> Self::Column;
}

macro_rules! scoped_by {
    ($($module:ident => $column:ident),+ $(,)?) => {
        $(impl Scoped for $module::Entity {
            fn scope_column() -> Self::Column {
                $module::Column::$column
            }
        })+
    };
}

scoped_by!(
    district => Path,
    street => Path,
    community => Path,
    grid => Path,
    building => Path,
    unit => Path,
    household => Path,
    resident => AreaPath,
);
