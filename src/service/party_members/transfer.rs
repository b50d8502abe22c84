//! `transferPartyMember`: a member moves to another organisation (组织关系转接). The
//! member row follows (versioned: a stale version is CONFLICT) and a transfer row keeps
//! the history; the rolls of both organisations must be the viewer's to keep.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};

use entity::{party_member, party_member_transfer};

use crate::access::audit::AuditEntry;
use crate::access::{self, party_actions};
use crate::domain::party_members;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::versioned;

/// Which member moves where, when, as read at which version.
#[derive(Clone, Debug)]
pub struct Transfer {
    pub member_id: i32,
    pub version: i32,
    pub to_organization_id: i32,
    pub transferred_on: NaiveDate,
}

/// Transfers; see the module documentation.
pub async fn transfer(change: &Change<'_>, input: Transfer) -> AppResult<party_member::Model> {
    change
        .run("transferPartyMember", "party_member", async |txn| {
            let member = access::visible::<party_member::Entity>(change.viewer)
                .filter(party_member::Column::Id.eq(input.member_id))
                .one(txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let to = super::organization(change, txn, input.to_organization_id).await?;
            if !party_actions::may_keep_rolls(change.viewer, &member.area_path)
                || !party_actions::may_keep_rolls(change.viewer, &to.area_path)
            {
                return Err(super::may_not());
            }
            // A stale read is told as such, before whatever it got wrong.
            if member.version != input.version {
                return Err(versioned::stale());
            }
            party_members::validate_transfer(
                member.organization_id,
                to.id,
                member.joined_on,
                input.transferred_on,
                super::today(change),
            )
            .map_err(AppError::BadUserInput)?;
            let changes = party_member::ActiveModel {
                organization_id: Set(to.id),
                area_path: Set(to.area_path.clone()),
                ..Default::default()
            };
            versioned::update(
                txn,
                changes,
                party_member::Column::Id,
                member.id,
                party_member::Column::Version,
                input.version,
            )
            .await?;
            party_member_transfer::ActiveModel {
                member_id: Set(member.id),
                from_organization_id: Set(member.organization_id),
                to_organization_id: Set(to.id),
                area_path: Set(to.area_path.clone()),
                transferred_on: Set(input.transferred_on),
                created_at: Set(change.now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let entry = AuditEntry {
                action: "transferPartyMember",
                entity: Some("party_member"),
                entity_id: Some(member.id),
                fields: Some("organization".to_owned()),
                area_path: Some(to.area_path.clone()),
                ..Default::default()
            };
            change.audit(txn, entry).await?;
            Ok(party_member::Model {
                organization_id: to.id,
                area_path: to.area_path,
                version: input.version + 1,
                ..member
            })
        })
        .await
}
