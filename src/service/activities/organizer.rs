//! Who organises an activity beside its community (组织方): a co-building unit in the
//! community's alliance today, or a party organisation on the community's line (its
//! own, one of its grids', or the street's above it). At most one; the community always
//! hosts.

use sea_orm::{ColumnTrait, DatabaseTransaction, QueryFilter};

use entity::community;
use entity::party_organization::{self, PartyOrgStatus};

use crate::access::{self, Viewer};
use crate::domain::cobuild::lists;
use crate::error::{AppError, AppResult};
use crate::service::cobuild::{active_unit, needs};

/// The organiser asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Organizer {
    /// The community alone.
    #[default]
    Community,
    Unit(i32),
    PartyOrganization(i32),
}

impl Organizer {
    /// From the two optional ids of the input; both given is bad input.
    pub fn of(unit: Option<i32>, party_organization: Option<i32>) -> AppResult<Organizer> {
        match (unit, party_organization) {
            (None, None) => Ok(Organizer::Community),
            (Some(unit), None) => Ok(Organizer::Unit(unit)),
            (None, Some(org)) => Ok(Organizer::PartyOrganization(org)),
            (Some(_), Some(_)) => Err(AppError::bad_input(
                "an activity has one organiser beside its community: a unit or a party organisation",
            )),
        }
    }
}

/// The columns (`co_building_unit_id`, `party_organization_id`) for `organizer` of an
/// activity in `area`: NOT_FOUND for one out of sight, BAD_USER_INPUT for one that
/// does not belong with the community.
pub async fn columns(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    area: &community::Model,
    organizer: Organizer,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<(Option<i32>, Option<i32>)> {
    match organizer {
        Organizer::Community => Ok((None, None)),
        Organizer::Unit(id) => {
            let unit = active_unit(txn, viewer, id).await?;
            if !needs::allied_over(txn, unit.id, &area.path, lists::day_of(now)).await? {
                return Err(AppError::bad_input(
                    "the unit is not in the community's alliance",
                ));
            }
            Ok((Some(unit.id), None))
        }
        Organizer::PartyOrganization(id) => {
            let org = access::visible::<party_organization::Entity>(viewer)
                .filter(party_organization::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let on_line = access::path_is_under(&org.area_path, &area.path)
                || access::path_is_under(&area.path, &org.area_path);
            if org.status != PartyOrgStatus::Active || !on_line {
                return Err(AppError::bad_input(
                    "the party organisation is not an active one of this community's line",
                ));
            }
            Ok((None, Some(org.id)))
        }
    }
}
