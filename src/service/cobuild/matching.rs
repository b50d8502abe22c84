//! Matching suggestions (供需对接): the open needs a unit's resources could answer —
//! in an area whose alliance the unit is in today (the alliance's area or below it),
//! of a category one of its resources offers while it still has some (quantity above
//! zero, window not over). One condition on `need_item` with two correlated EXISTS,
//! so the database does the matching and the list pages like any other.

use chrono::{DateTime, Utc};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};

use entity::cobuild_enums::NeedStatus;
use entity::{alliance_membership, need_item, resource_item};

use crate::domain::cobuild::lists;

/// The rows of `need_item` that `unit` could answer at `now`.
pub fn matching_needs(unit: i32, now: DateTime<Utc>) -> Condition {
    let today = lists::day_of(now);
    let allied = {
        use alliance_membership::Column;
        Query::select()
            .expr(Expr::val(1))
            .from(alliance_membership::Entity)
            .and_where(Column::UnitId.eq(unit))
            .and_where(Column::JoinedOn.lte(today))
            .and_where(Column::LeftOn.is_null().or(Column::LeftOn.gte(today)))
            // The need lies at or under the alliance's area (both paths end in '/').
            .and_where(Expr::cust(
                "substr(need_item.area_path, 1, length(alliance_membership.area_path)) \
                 = alliance_membership.area_path",
            ))
            .to_owned()
    };
    let offered = {
        use resource_item::Column;
        Query::select()
            .expr(Expr::val(1))
            .from(resource_item::Entity)
            .and_where(Column::UnitId.eq(unit))
            .and_where(Column::Quantity.gt(0))
            .and_where(Column::AvailableTo.gte(now))
            .and_where(
                Expr::col((resource_item::Entity, Column::Category))
                    .equals((need_item::Entity, need_item::Column::Category)),
            )
            .to_owned()
    };
    Condition::all()
        .add(need_item::Column::Status.eq(NeedStatus::Open))
        .add(Expr::exists(allied))
        .add(Expr::exists(offered))
}
