//! The party member mutations and their inputs: each decodes its input and makes one
//! call into `service::party_members`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::NaiveDate;

use super::member::{MemberCategory, PartyMember};
use crate::error::{AppError, AppResult};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::party_members::{self, NewMember, Person, Transfer};

/// A resident or a staff user joining an organisation's rolls.
#[derive(InputObject)]
pub struct RegisterPartyMemberInput {
    /// The organisation, one whose rolls the registrar keeps.
    pub organization_id: ID,
    /// The member as a resident of the register (give this or `userId`).
    pub resident_id: Option<ID>,
    /// The member as a staff user (give this or `residentId`).
    pub user_id: Option<ID>,
    pub category: MemberCategory,
    /// Not in the future, not before 1921-07-01, at 18 or older.
    pub joined_on: NaiveDate,
    /// Whether they show their identity (亮身份); false unless given.
    #[graphql(default)]
    pub shows_identity: bool,
}

/// A member moving to another organisation.
#[derive(InputObject)]
pub struct TransferPartyMemberInput {
    pub member_id: ID,
    /// The version read; a stale one is CONFLICT.
    pub version: i32,
    pub to_organization_id: ID,
    /// Between joining and today.
    pub transferred_on: NaiveDate,
}

/// The member as written.
#[derive(SimpleObject)]
pub struct PartyMemberPayload {
    /// The member after the change.
    pub member: PartyMember,
}

fn person(input: &RegisterPartyMemberInput) -> AppResult<Person> {
    match (&input.resident_id, &input.user_id) {
        (Some(resident), None) => Ok(Person::Resident(ids::decode_as(
            resident,
            NodeKind::Resident,
        )?)),
        (None, Some(user)) => Ok(Person::User(ids::decode_as(user, NodeKind::User)?)),
        _ => Err(AppError::bad_input(
            "give exactly one of `residentId` and `userId`",
        )),
    }
}

#[derive(Default)]
pub struct PartyMutation;

#[Object]
impl PartyMutation {
    /// Registers a party member with an organisation (community staff, party
    /// secretaries and administrators, in their area); a person is a member once.
    async fn register_party_member(
        &self,
        ctx: &Context<'_>,
        input: RegisterPartyMemberInput,
    ) -> AppResult<PartyMemberPayload> {
        let new = NewMember {
            person: person(&input)?,
            organization_id: ids::decode_as(&input.organization_id, NodeKind::PartyOrganization)?,
            category: input.category.into(),
            joined_on: input.joined_on,
            shows_identity: input.shows_identity,
        };
        let member = party_members::register(&change(ctx)?, new).await?;
        Ok(PartyMemberPayload {
            member: PartyMember(member),
        })
    }
    /// Transfers a member to another organisation, keeping the history (versioned).
    async fn transfer_party_member(
        &self,
        ctx: &Context<'_>,
        input: TransferPartyMemberInput,
    ) -> AppResult<PartyMemberPayload> {
        let transfer = Transfer {
            member_id: ids::decode_as(&input.member_id, NodeKind::PartyMember)?,
            version: input.version,
            to_organization_id: ids::decode_as(
                &input.to_organization_id,
                NodeKind::PartyOrganization,
            )?,
            transferred_on: input.transferred_on,
        };
        let member = party_members::transfer(&change(ctx)?, transfer).await?;
        Ok(PartyMemberPayload {
            member: PartyMember(member),
        })
    }
}
