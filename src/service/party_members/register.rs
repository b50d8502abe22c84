//! `registerPartyMember`: a resident (in the registrar's sight) or a staff user joins
//! the rolls of an organisation the registrar keeps. A person is a member once: a
//! second registration is CONFLICT (the database's unique index is the last word).

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use sea_orm::{Set, SqlErr};

use entity::party_member::{self, MemberCategory};
use entity::{app_user, resident};

use crate::access::audit::AuditEntry;
use crate::access::{self, party_actions};
use crate::domain::party_members;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;

/// Who the member is.
#[derive(Clone, Copy, Debug)]
pub enum Person {
    Resident(i32),
    User(i32),
}

/// A membership as entered.
#[derive(Clone, Debug)]
pub struct NewMember {
    pub person: Person,
    pub organization_id: i32,
    pub category: MemberCategory,
    pub joined_on: NaiveDate,
    pub shows_identity: bool,
}

/// Registers; see the module documentation.
pub async fn register(change: &Change<'_>, new: NewMember) -> AppResult<party_member::Model> {
    change
        .run("registerPartyMember", "party_member", async |txn| {
            let organization = super::organization(change, txn, new.organization_id).await?;
            if !party_actions::may_keep_rolls(change.viewer, &organization.area_path) {
                return Err(super::may_not());
            }
            let (name, born) = person(change, txn, new.person).await?;
            party_members::validate_joined(new.joined_on, born, super::today(change))
                .map_err(AppError::BadUserInput)?;
            let (resident_id, user_id) = match new.person {
                Person::Resident(id) => (Some(id), None),
                Person::User(id) => (None, Some(id)),
            };
            let member = party_member::ActiveModel {
                resident_id: Set(resident_id),
                user_id: Set(user_id),
                name: Set(name),
                organization_id: Set(organization.id),
                area_path: Set(organization.area_path.clone()),
                category: Set(new.category),
                joined_on: Set(new.joined_on),
                shows_identity: Set(new.shows_identity),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(|err| match err.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    AppError::Conflict("this person is a party member already".to_owned())
                }
                _ => err.into(),
            })?;
            let entry = AuditEntry {
                action: "registerPartyMember",
                entity: Some("party_member"),
                entity_id: Some(member.id),
                fields: Some("person,organization,category,joined_on".to_owned()),
                area_path: Some(member.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(member)
        })
        .await
}

/// The person's name and birth date; a resident out of sight reads as absent.
async fn person(
    change: &Change<'_>,
    txn: &DatabaseTransaction,
    person: Person,
) -> AppResult<(String, Option<NaiveDate>)> {
    match person {
        Person::Resident(id) => {
            let row = access::visible::<resident::Entity>(change.viewer)
                .filter(resident::Column::Id.eq(id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((row.name, Some(row.birth_date)))
        }
        Person::User(id) => {
            let row = app_user::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((row.display_name, None))
        }
    }
}
