//! `assignLiaisonHouseholds`: decodes its input and makes one call into
//! `service::liaison`.

use async_graphql::{Context, ID, InputObject, Object};

use super::PartyMember;
use super::member_mutations::PartyMemberPayload;
use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mutation::change;
use crate::service::liaison::{self, AssignLiaison};

/// The households a member looks after from today, replacing the current set.
#[derive(InputObject)]
pub struct AssignLiaisonHouseholdsInput {
    pub member_id: ID,
    /// Every household the member looks after from now on (an empty list ends them
    /// all); at most the configured maximum (`LIAISON_MAX_HOUSEHOLDS`, 10 by default).
    pub household_ids: Vec<ID>,
    /// The member's version as read; a stale one is CONFLICT. Without it the change
    /// applies to whatever is current.
    pub version: Option<i32>,
}

#[derive(Default)]
pub struct LiaisonMutation;

#[Object]
impl LiaisonMutation {
    /// Sets the households a party member looks after (党员联系户): dropped ones end
    /// today (kept as history), new ones start today; one active liaison member per
    /// household (CONFLICT otherwise). Bumps the member's version.
    async fn assign_liaison_households(
        &self,
        ctx: &Context<'_>,
        input: AssignLiaisonHouseholdsInput,
    ) -> AppResult<PartyMemberPayload> {
        let household_ids = input
            .household_ids
            .iter()
            .map(|id| ids::decode_as(id, NodeKind::Household))
            .collect::<AppResult<Vec<_>>>()?;
        let assign = AssignLiaison {
            member_id: ids::decode_as(&input.member_id, NodeKind::PartyMember)?,
            household_ids,
            version: input.version,
            max: RequestContext::of(ctx)?.app.config.liaison_max_households,
        };
        let member = liaison::assign(&change(ctx)?, assign).await?;
        Ok(PartyMemberPayload {
            member: PartyMember(member),
        })
    }
}
