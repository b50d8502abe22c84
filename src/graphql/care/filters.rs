//! The `careProfiles` filter and order.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::care_profile;

use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which care profiles to list. Filters on the sensitive facts themselves are left
/// out on purpose: a masked value must not be probed by filtering.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CareProfileFilter {
    /// Only profiles of residents anywhere under this area.
    pub area_id: Option<ID>,
    /// Only the profile of this resident.
    pub resident_id: Option<ID>,
}

impl CareProfileFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use care_profile::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(resident) = &self.resident_id {
            let resident = ids::decode_as(resident, NodeKind::Resident)?;
            condition = condition.add(Column::ResidentId.eq(resident));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order care profiles: as recorded (ids grow with it).
    CareProfileOrder for care_profile {}
}
