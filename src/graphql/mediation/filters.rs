//! The `mediationCases` filter and the orders of cases, parties and sessions.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

use entity::mediation_case;
use entity::mediation_enums::CaseStatus;

use super::enums::{DisputeCategory, MediationStatus};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;

/// Which mediation cases to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MediationCaseFilter {
    /// Only cases in this district, street, community or grid.
    pub area_id: Option<ID>,
    /// Only cases with one of these statuses.
    pub statuses: Option<Vec<MediationStatus>>,
    /// Only cases of this category.
    pub category: Option<DisputeCategory>,
    /// Only major cases (true) or only minor ones (false).
    pub major: Option<bool>,
    /// Only cases this user mediates.
    pub mediator_id: Option<ID>,
    /// Only agreed cases whose follow-up is past due today (Asia/Shanghai) and not made
    /// (true), or only the others (false).
    pub follow_up_overdue: Option<bool>,
}

impl MediationCaseFilter {
    pub fn condition(&self, env: FilterEnv) -> AppResult<Condition> {
        use mediation_case::Column;
        if let Some(area) = &self.area_id {
            let (kind, _) = ids::decode(area)?;
            if matches!(
                kind,
                NodeKind::Building | NodeKind::Unit | NodeKind::Household
            ) {
                return Err(AppError::bad_input(
                    "`areaId` names a grid or an area above it",
                ));
            }
        }
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(statuses) = &self.statuses {
            let statuses = statuses.iter().map(|status| CaseStatus::from(*status));
            condition = condition.add(Column::Status.is_in(statuses));
        }
        if let Some(category) = self.category {
            let category = entity::mediation_enums::DisputeCategory::from(category);
            condition = condition.add(Column::Category.eq(category));
        }
        if let Some(major) = self.major {
            condition = condition.add(Column::Major.eq(major));
        }
        if let Some(mediator) = &self.mediator_id {
            let mediator = ids::decode_as(mediator, NodeKind::User)?;
            condition = condition.add(Column::MediatorUserId.eq(mediator));
        }
        if let Some(overdue) = self.follow_up_overdue {
            let is_overdue = Condition::all()
                .add(Column::Status.eq(CaseStatus::Agreed))
                .add(Column::FollowUpDue.lt(env.today));
            condition = condition.add(if overdue {
                is_overdue
            } else {
                is_overdue.not()
            });
        }
        Ok(condition)
    }
}

order_enum! {
    /// How to order cases: by opening (ids grow with it).
    MediationCaseOrder for mediation_case {
        /// Latest opened first.
        OpenedAtDesc => (OpenedAt, true),
    }
}

order_enum! {
    /// How to order a case's parties: as named.
    MediationPartyOrder for mediation_party {}
}

order_enum! {
    /// How to order a case's sessions: as recorded, or by the day they were held.
    MediationSessionOrder for mediation_session {
        /// Earliest held first.
        HeldOnAsc => (HeldOn, false),
    }
}

/// Parties and sessions take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}
