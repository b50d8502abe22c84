//! Inputs and payloads of leaving an alliance and of linking a contact's account.

use async_graphql::{ID, InputObject, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use entity::co_building_contact;

use super::AllianceMembership;
use crate::error::AppResult;
use crate::graphql::ids::{self, NodeKind};
use crate::service::cobuild::alliances::Departure;

/// A membership to end, at the version read.
#[derive(InputObject)]
pub struct LeaveAllianceInput {
    pub membership_id: ID,
    pub version: i32,
    /// The last day of membership: not before it joined, not after an agreed end;
    /// today (Asia/Shanghai) when absent.
    pub left_on: Option<NaiveDate>,
}

impl LeaveAllianceInput {
    pub fn into_departure(self) -> AppResult<Departure> {
        Ok(Departure {
            membership_id: ids::decode_as(&self.membership_id, NodeKind::AllianceMembership)?,
            version: self.version,
            left_on: self.left_on,
        })
    }
}

/// The membership, ended (kept as the unit's history).
#[derive(SimpleObject)]
pub struct LeaveAlliancePayload {
    pub membership: AllianceMembership,
}

/// The account of a co-building contact to tie to a unit.
#[derive(InputObject)]
pub struct LinkUnitContactInput {
    pub unit_id: ID,
    /// A user holding a CO_BUILDING_CONTACT grant in the viewer's reach.
    pub user_id: ID,
}

/// The link made: the account acts for this unit from now on.
#[derive(SimpleObject)]
pub struct LinkUnitContactPayload {
    pub unit_id: ID,
    pub user_id: ID,
    pub linked_at: DateTime<Utc>,
}

impl From<co_building_contact::Model> for LinkUnitContactPayload {
    fn from(row: co_building_contact::Model) -> Self {
        LinkUnitContactPayload {
            unit_id: ids::encode(NodeKind::CoBuildingUnit, row.unit_id),
            user_id: ids::encode(NodeKind::User, row.user_id),
            linked_at: row.created_at,
        }
    }
}
