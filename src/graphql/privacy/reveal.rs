//! `revealResidentField`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use crate::access::reveal::{self, Reveal, RevealableField};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::ids::{self, NodeKind};

/// Which field of which resident to reveal, and why.
#[derive(InputObject)]
pub struct RevealResidentFieldInput {
    pub resident_id: ID,
    pub field: RevealableField,
    /// Why the value is needed (kept in the audit log), 1 to 200 characters.
    pub purpose: String,
}

/// The revealed value.
#[derive(SimpleObject)]
pub struct RevealResidentFieldPayload {
    pub field: RevealableField,
    /// The full value; null when the resident has none (e.g. no phone).
    pub value: Option<String>,
}

#[derive(Default)]
pub struct RevealMutation;

#[Object]
impl RevealMutation {
    /// Returns one masked field of a resident in full, for roles allowed to see it, and
    /// records the access (with its purpose) in the audit log in the same transaction.
    async fn reveal_resident_field(
        &self,
        ctx: &Context<'_>,
        input: RevealResidentFieldInput,
    ) -> AppResult<RevealResidentFieldPayload> {
        let request = RequestContext::signed_in(ctx)?;
        let resident_id = ids::decode_as(&input.resident_id, NodeKind::Resident)?;
        let ask = Reveal {
            resident_id,
            field: input.field,
            purpose: &input.purpose,
        };
        let now = request.app.clock.now();
        let today = request.filter_env().today;
        let value =
            reveal::reveal(&request.db, &request.viewer, &request.meta, now, today, ask).await?;
        Ok(RevealResidentFieldPayload {
            field: input.field,
            value,
        })
    }
}
