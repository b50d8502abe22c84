//! The `posts` filter and orders.

use async_graphql::{ID, InputObject};
use chrono::NaiveDate;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::post::{self, Column};

use super::enums::PostKind;
use crate::error::AppResult;
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which posts to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PostFilter {
    /// Only posts bound to this area or an area under it.
    pub area_id: Option<ID>,
    /// Only posts of one of these kinds.
    pub kind: Option<Vec<PostKind>>,
    /// Only posts whose term covers this day (started, not ended before it).
    pub active_on: Option<NaiveDate>,
}

impl PostFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
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

order_enum! {
    /// How to order posts: by appointment (ids grow with it) unless asked otherwise.
    PostOrder for post {
        /// Latest term first.
        StartedOnDesc => (StartedOn, true),
    }
}
