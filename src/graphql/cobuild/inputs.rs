//! Input objects and payloads of the co-building mutations.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::enums::{CoBuildCategory, CoBuildingUnitStatus, CoBuildingUnitType, ResourceType};
use super::{AllianceMembership, CoBuildingUnit, Milestone, NeedItem, Project, ResourceItem};
use crate::access::AreaKind;
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::service::cobuild::needs::NewNeed;
use crate::service::cobuild::projects::{NewProject, Planned, Progressed};
use crate::service::cobuild::resources::NewResource;
use crate::service::cobuild::units::{Contact, NewMembership, NewUnit, UnitChanges};

/// The area kind and id inside an area's global id.
pub fn area(id: &ID) -> AppResult<(AreaKind, i32)> {
    let (kind, number) = ids::decode(id)?;
    let area = kind
        .area_table()
        .and_then(AreaKind::parse)
        .ok_or_else(|| AppError::bad_input("`areaId` must be the id of an area"))?;
    Ok((area, number))
}

fn decode_all(ids: &[ID], kind: NodeKind) -> AppResult<Vec<i32>> {
    ids.iter().map(|id| ids::decode_as(id, kind)).collect()
}

/// A unit to register with a district, street or community.
#[derive(InputObject)]
pub struct RegisterCoBuildingUnitInput {
    /// 1 to 128 characters.
    pub name: String,
    pub unit_type: CoBuildingUnitType,
    /// The unified social credit code: 18 characters, checksums per GB 32100 / GB 11714.
    pub credit_code: String,
    /// The contact person (personal information: masked to most viewers).
    pub contact_name: Option<String>,
    /// The contact's mainland mobile number.
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    /// The district, street or community it registers with.
    pub area_id: ID,
}

impl RegisterCoBuildingUnitInput {
    pub fn into_new(self) -> AppResult<NewUnit> {
        Ok(NewUnit {
            area: area(&self.area_id)?,
            name: self.name,
            unit_type: self.unit_type.into(),
            credit_code: self.credit_code,
            contact: Contact {
                name: self.contact_name,
                phone: self.contact_phone,
            },
            address: self.address,
        })
    }
}

/// Changes to a unit, at the version read; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCoBuildingUnitInput {
    pub unit_id: ID,
    pub version: i32,
    pub name: Option<String>,
    pub unit_type: Option<CoBuildingUnitType>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    pub status: Option<CoBuildingUnitStatus>,
}

impl UpdateCoBuildingUnitInput {
    pub fn into_changes(self) -> AppResult<UnitChanges> {
        Ok(UnitChanges {
            id: ids::decode_as(&self.unit_id, NodeKind::CoBuildingUnit)?,
            version: self.version,
            name: self.name,
            unit_type: self.unit_type.map(Into::into),
            contact: Contact {
                name: self.contact_name,
                phone: self.contact_phone,
            },
            address: self.address,
            status: self.status.map(Into::into),
        })
    }
}

/// A unit joining a street's or community's alliance.
#[derive(InputObject)]
pub struct JoinAllianceInput {
    pub unit_id: ID,
    /// The street or community.
    pub area_id: ID,
    pub joined_on: NaiveDate,
    /// When the membership ends, if agreed; not before `joinedOn`.
    pub left_on: Option<NaiveDate>,
    /// The agreement's title or number (up to 200 characters).
    pub agreement: Option<String>,
}

impl JoinAllianceInput {
    pub fn into_new(self) -> AppResult<NewMembership> {
        Ok(NewMembership {
            unit_id: ids::decode_as(&self.unit_id, NodeKind::CoBuildingUnit)?,
            area: area(&self.area_id)?,
            joined_on: self.joined_on,
            left_on: self.left_on,
            agreement: self.agreement,
        })
    }
}

/// A need of a community or grid.
#[derive(InputObject)]
pub struct PublishNeedInput {
    /// The community or grid.
    pub area_id: ID,
    pub category: CoBuildCategory,
    /// 1 to 128 characters.
    pub title: String,
    /// 1 to 2,000 characters.
    pub description: String,
    /// How many people it would help (0 to 100,000).
    pub beneficiaries: i32,
    /// The resident's request it answers, from the same area.
    pub request_id: Option<ID>,
}

impl PublishNeedInput {
    pub fn into_new(self) -> AppResult<NewNeed> {
        let request_id = match &self.request_id {
            Some(id) => Some(ids::decode_as(id, NodeKind::Request)?),
            None => None,
        };
        Ok(NewNeed {
            area: area(&self.area_id)?,
            category: self.category.into(),
            title: self.title,
            description: self.description,
            beneficiaries: self.beneficiaries,
            request_id,
        })
    }
}

/// A unit taking on an open need.
#[derive(InputObject)]
pub struct ClaimNeedInput {
    pub need_id: ID,
    /// An active unit in the alliance of the need's area (or of an area above it).
    pub unit_id: ID,
}

/// A need to fulfil or withdraw, at the version read.
#[derive(InputObject)]
pub struct SettleNeedInput {
    pub need_id: ID,
    pub version: i32,
}

/// What a unit offers.
#[derive(InputObject)]
pub struct OfferResourceInput {
    pub unit_id: ID,
    pub resource_type: ResourceType,
    pub category: CoBuildCategory,
    /// 1 to 500 characters.
    pub description: String,
    /// How much; not negative.
    pub quantity: i32,
    /// How many it serves at once; not negative.
    pub capacity: Option<i32>,
    pub available_from: DateTime<Utc>,
    /// Not before `availableFrom`.
    pub available_to: DateTime<Utc>,
}

impl OfferResourceInput {
    pub fn into_new(self) -> AppResult<NewResource> {
        Ok(NewResource {
            unit_id: ids::decode_as(&self.unit_id, NodeKind::CoBuildingUnit)?,
            resource_type: self.resource_type.into(),
            category: self.category.into(),
            description: self.description,
            quantity: self.quantity,
            capacity: self.capacity,
            available_from: self.available_from,
            available_to: self.available_to,
        })
    }
}

/// One milestone of a new project.
#[derive(InputObject)]
pub struct MilestoneInput {
    /// 1 to 128 characters.
    pub title: String,
    pub due_on: Option<NaiveDate>,
}

/// A project answering needs with resources.
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// 1 to 128 characters.
    pub name: String,
    /// The unit that owns it; the needs become claimed by it.
    pub owner_unit_id: ID,
    /// The street, community or grid it is placed in; every need lies in it.
    pub area_id: ID,
    /// 1 to 50 needs, open or claimed by the owner, answered by no other project.
    pub need_ids: Vec<ID>,
    /// 1 to 50 resources.
    pub resource_ids: Vec<ID>,
    /// 1 to 20 milestones.
    pub milestones: Vec<MilestoneInput>,
}

impl CreateProjectInput {
    pub fn into_new(self) -> AppResult<NewProject> {
        Ok(NewProject {
            owner_unit_id: ids::decode_as(&self.owner_unit_id, NodeKind::CoBuildingUnit)?,
            area: area(&self.area_id)?,
            need_ids: decode_all(&self.need_ids, NodeKind::NeedItem)?,
            resource_ids: decode_all(&self.resource_ids, NodeKind::ResourceItem)?,
            milestones: self
                .milestones
                .into_iter()
                .map(|m| (m.title, m.due_on))
                .collect(),
            name: self.name,
        })
    }
}

/// A milestone's new progress, at the version read.
#[derive(InputObject)]
pub struct UpdateMilestoneInput {
    pub milestone_id: ID,
    pub version: i32,
    /// 0 to 100.
    pub progress: i32,
}

/// The unit after the change.
#[derive(SimpleObject)]
pub struct CoBuildingUnitPayload {
    pub unit: CoBuildingUnit,
}

/// The membership recorded.
#[derive(SimpleObject)]
pub struct JoinAlliancePayload {
    pub membership: AllianceMembership,
}

/// The need after the change.
#[derive(SimpleObject)]
pub struct NeedPayload {
    pub need: NeedItem,
}

/// The resource offered.
#[derive(SimpleObject)]
pub struct OfferResourcePayload {
    pub resource: ResourceItem,
}

/// The project created, with its milestones.
#[derive(SimpleObject)]
pub struct CreateProjectPayload {
    pub project: Project,
    pub milestones: Vec<Milestone>,
}

impl From<Planned> for CreateProjectPayload {
    fn from(planned: Planned) -> Self {
        CreateProjectPayload {
            project: Project(planned.project),
            milestones: planned.milestones.into_iter().map(Milestone).collect(),
        }
    }
}

/// The milestone after its update and its project after the roll-up.
#[derive(SimpleObject)]
pub struct UpdateMilestonePayload {
    pub milestone: Milestone,
    pub project: Project,
}

impl From<Progressed> for UpdateMilestonePayload {
    fn from(progressed: Progressed) -> Self {
        UpdateMilestonePayload {
            milestone: Milestone(progressed.milestone),
            project: Project(progressed.project),
        }
    }
}
