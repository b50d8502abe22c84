//! Filters and orders of co-building's lists.

use async_graphql::{ID, InputObject};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Query};

use entity::{alliance_membership, co_building_unit, need_item, project, resource_item};

use super::enums::{CoBuildCategory, CoBuildingUnitType, NeedStatus, ProjectStatus, ResourceType};
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::macros::order_enum;
use crate::graphql::pagination::FilterEnv;
use crate::graphql::territory::under_area;
use crate::service::cobuild::matching;

/// Which co-building units to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CoBuildingUnitFilter {
    /// Only units in the alliance of this area or of an area under it.
    pub area_id: Option<ID>,
    /// Only units of this type.
    pub unit_type: Option<CoBuildingUnitType>,
}

impl CoBuildingUnitFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        let mut condition = Condition::all();
        if self.area_id.is_some() {
            let allied = Query::select()
                .column(alliance_membership::Column::UnitId)
                .from(alliance_membership::Entity)
                .cond_where(under_area(
                    alliance_membership::Column::AreaPath,
                    self.area_id.as_ref(),
                )?)
                .to_owned();
            condition = condition.add(co_building_unit::Column::Id.in_subquery(allied));
        }
        if let Some(unit_type) = self.unit_type {
            let unit_type = entity::co_building_unit::CoBuildingUnitType::from(unit_type);
            condition = condition.add(co_building_unit::Column::UnitType.eq(unit_type));
        }
        Ok(condition)
    }
}

/// Which needs to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NeedFilter {
    /// Only needs of this area or of the areas under it.
    pub area_id: Option<ID>,
    /// Only needs in one of these statuses.
    pub status: Option<Vec<NeedStatus>>,
    /// Only needs of one of these categories.
    pub category: Option<Vec<CoBuildCategory>>,
    /// Only needs claimed by this unit.
    pub claimed_by_unit_id: Option<ID>,
    /// Only the needs this unit's resources could answer (`matchingNeeds`).
    #[graphql(skip)]
    pub matching_unit: Option<i32>,
}

impl NeedFilter {
    /// Needs in one of `statuses`.
    pub fn of_status(statuses: &[NeedStatus]) -> NeedFilter {
        NeedFilter {
            status: Some(statuses.to_vec()),
            ..Default::default()
        }
    }

    pub fn condition(&self, env: FilterEnv) -> AppResult<Condition> {
        use need_item::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(statuses) = &self.status {
            let statuses = statuses
                .iter()
                .map(|s| entity::cobuild_enums::NeedStatus::from(*s));
            condition = condition.add(Column::Status.is_in(statuses));
        }
        if let Some(categories) = &self.category {
            let categories = categories
                .iter()
                .map(|c| entity::cobuild_enums::CoBuildCategory::from(*c));
            condition = condition.add(Column::Category.is_in(categories));
        }
        if let Some(unit) = &self.claimed_by_unit_id {
            let unit = ids::decode_as(unit, NodeKind::CoBuildingUnit)?;
            condition = condition.add(Column::ClaimedByUnitId.eq(unit));
        }
        if let Some(unit) = self.matching_unit {
            condition = condition.add(matching::matching_needs(unit, env.now));
        }
        Ok(condition)
    }
}

/// Which resources to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResourceFilter {
    /// Only resources of units registered in this area or under it.
    pub area_id: Option<ID>,
    /// Only resources offered by this unit.
    pub unit_id: Option<ID>,
    /// Only resources of one of these categories.
    pub category: Option<Vec<CoBuildCategory>>,
    /// Only resources of this type.
    pub resource_type: Option<ResourceType>,
    /// `true`: only resources with some quantity left whose window is not over.
    pub available: Option<bool>,
}

impl ResourceFilter {
    pub fn condition(&self, env: FilterEnv) -> AppResult<Condition> {
        use resource_item::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(unit) = &self.unit_id {
            let unit = ids::decode_as(unit, NodeKind::CoBuildingUnit)?;
            condition = condition.add(Column::UnitId.eq(unit));
        }
        if let Some(categories) = &self.category {
            let categories = categories
                .iter()
                .map(|c| entity::cobuild_enums::CoBuildCategory::from(*c));
            condition = condition.add(Column::Category.is_in(categories));
        }
        if let Some(kind) = self.resource_type {
            let kind = entity::cobuild_enums::ResourceType::from(kind);
            condition = condition.add(Column::ResourceType.eq(kind));
        }
        let available = Condition::all()
            .add(Column::Quantity.gt(0))
            .add(Column::AvailableTo.gte(env.now));
        match self.available {
            Some(true) => condition = condition.add(available),
            Some(false) => condition = condition.add(available.not()),
            None => {}
        }
        Ok(condition)
    }
}

/// Which projects to list.
#[derive(InputObject, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProjectFilter {
    /// Only projects of this area or of the areas under it.
    pub area_id: Option<ID>,
    /// Only projects in this status.
    pub status: Option<ProjectStatus>,
    /// Only projects owned by this unit.
    pub owner_unit_id: Option<ID>,
}

impl ProjectFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        use project::Column;
        let mut condition = under_area(Column::AreaPath, self.area_id.as_ref())?;
        if let Some(status) = self.status {
            let status = entity::cobuild_enums::ProjectStatus::from(status);
            condition = condition.add(Column::Status.eq(status));
        }
        if let Some(unit) = &self.owner_unit_id {
            let unit = ids::decode_as(unit, NodeKind::CoBuildingUnit)?;
            condition = condition.add(Column::OwnerUnitId.eq(unit));
        }
        Ok(condition)
    }
}

/// Lists that take no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoFilter;

impl NoFilter {
    pub fn condition(&self, _env: FilterEnv) -> AppResult<Condition> {
        Ok(Condition::all())
    }
}

order_enum! {
    /// How to order co-building units.
    CoBuildingUnitOrder for co_building_unit {
        /// By name.
        NameAsc => (Name, false),
    }
}

order_enum! {
    /// How to order alliance memberships.
    AllianceOrder for alliance_membership {
        /// Latest joined first.
        JoinedOnDesc => (JoinedOn, true),
    }
}

order_enum! {
    /// How to order needs.
    NeedOrder for need_item {
        /// Most beneficiaries first.
        BeneficiariesDesc => (Beneficiaries, true),
    }
}

order_enum! {
    /// How to order resources.
    ResourceOrder for resource_item {
        /// Soonest to end first.
        AvailableToAsc => (AvailableTo, false),
    }
}

order_enum! {
    /// How to order projects.
    ProjectOrder for project {
        /// Furthest along first.
        ProgressDesc => (Progress, true),
    }
}

order_enum! {
    /// How to order a project's milestones: as planned.
    MilestoneOrder for milestone {}
}

order_enum! {
    /// How to order a project's resources: as linked.
    ProjectResourceOrder for project_resource {}
}
