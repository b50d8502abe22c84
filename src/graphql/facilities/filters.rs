//! The `facilities` filter and order.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::facility;

use super::enums::{FacilityStatus, FacilityType};
use crate::error::AppResult;
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which facilities to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FacilityFilter {
    /// Only facilities registered anywhere under this area.
    pub area_id: Option<ID>,
    /// Only facilities of one of these types.
    pub types: Option<Vec<FacilityType>>,
    /// Only facilities in this status.
    pub status: Option<FacilityStatus>,
}

impl FacilityFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use facility::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(types) = &self.types {
            let types = types.iter().map(|kind| facility::FacilityType::from(*kind));
            condition = condition.add(Column::FacilityType.is_in(types));
        }
        if let Some(status) = self.status {
            condition = condition.add(Column::Status.eq(facility::FacilityStatus::from(status)));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order facilities: by registration (ids grow with it), or by name.
    FacilityOrder for facility {
        /// By name, A to Z.
        NameAsc => (Name, false),
    }
}
