//! The `visits` filter and orders.

use async_graphql::{ID, InputObject};
use chrono::{DateTime, Utc};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Query};

use entity::{visit, visit_finding};

use super::enums::Duty;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which visits to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VisitFilter {
    /// Only visits in this district, street, community or grid.
    pub area_id: Option<ID>,
    /// Only visits made by this user.
    pub worker_id: Option<ID>,
    /// Only visits with a finding filed under this duty.
    pub duty: Option<Duty>,
    /// Only visits made at or after this time.
    pub visited_from: Option<DateTime<Utc>>,
    /// Only visits made before this time.
    pub visited_before: Option<DateTime<Utc>>,
}

impl VisitFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use visit::Column;
        if let Some(area) = &self.area_id {
            let (kind, _) = ids::decode(area)?;
            if matches!(
                kind,
                NodeKind::Building | NodeKind::Unit | NodeKind::Household
            ) {
                return Err(AppError::bad_input(
                    "`areaId` names a grid or an area above it; a household's visits are `household.visits`",
                ));
            }
        }
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(worker) = &self.worker_id {
            let worker = ids::decode_as(worker, NodeKind::User)?;
            condition = condition.add(Column::WorkerUserId.eq(worker));
        }
        if let Some(duty) = self.duty {
            let visits = Query::select()
                .column(visit_finding::Column::VisitId)
                .from(visit_finding::Entity)
                .and_where(visit_finding::Column::Duty.eq(entity::visit_finding::Duty::from(duty)))
                .to_owned();
            condition = condition.add(Column::Id.in_subquery(visits));
        }
        if let (Some(from), Some(before)) = (self.visited_from, self.visited_before)
            && from >= before
        {
            return Err(AppError::bad_input(
                "`visitedFrom` must be before `visitedBefore`",
            ));
        }
        if let Some(from) = self.visited_from {
            condition = condition.add(Column::VisitedAt.gte(from));
        }
        if let Some(before) = self.visited_before {
            condition = condition.add(Column::VisitedAt.lt(before));
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order visits: by recording (ids grow with it), or by when they happened.
    VisitOrder for visit {
        /// Latest visit first.
        VisitedAtDesc => (VisitedAt, true),
        /// Earliest visit first.
        VisitedAtAsc => (VisitedAt, false),
    }
}

order_enum! {
    /// How to order a visit's findings: as recorded.
    VisitFindingOrder for visit_finding {}
}

order_enum! {
    /// How to order the households of a visit, or the visits of a household.
    HouseholdVisitOrder for visit_household {
        /// Latest visit first.
        VisitedAtDesc => (VisitedAt, true),
    }
}

/// Findings and household links take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}
