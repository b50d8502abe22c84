//! Managing accounts: district and street administrators end sessions of, disable and
//! re-enable users holding a grant inside their area (`auth::admin` decides).

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};

use crate::access::audit::AuditEntry;
use crate::auth::admin;
use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::graphql::ids::{self, NodeKind};

/// Whether a user may sign in.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    Disabled,
}

/// The user whose sessions to end.
#[derive(InputObject)]
pub struct RevokeSessionsInput {
    pub user_id: ID,
}

#[derive(SimpleObject)]
pub struct RevokeSessionsPayload {
    pub ok: bool,
}

/// The user and the status to give them.
#[derive(InputObject)]
pub struct SetUserStatusInput {
    pub user_id: ID,
    pub status: AccountStatus,
}

#[derive(SimpleObject)]
pub struct SetUserStatusPayload {
    /// The user's status now.
    pub status: AccountStatus,
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Ends every session of a user: their access tokens stop working within 30 s and
    /// their refresh tokens are revoked.
    async fn revoke_sessions(
        &self,
        ctx: &Context<'_>,
        input: RevokeSessionsInput,
    ) -> AppResult<RevokeSessionsPayload> {
        let request = RequestContext::signed_in(ctx)?;
        let user_id = ids::decode_as(&input.user_id, NodeKind::User)?;
        admin::authorize(&request.app.auth, &request.viewer, user_id).await?;
        let result = request.app.auth.revoke_sessions(user_id).await;
        let entry = AuditEntry {
            action: "revokeSessions",
            entity: Some("app_user"),
            entity_id: Some(user_id),
            ..Default::default()
        };
        request.audited(entry, result).await?;
        Ok(RevokeSessionsPayload { ok: true })
    }

    /// Disables (ending every session) or re-enables a user.
    async fn set_user_status(
        &self,
        ctx: &Context<'_>,
        input: SetUserStatusInput,
    ) -> AppResult<SetUserStatusPayload> {
        let request = RequestContext::signed_in(ctx)?;
        let user_id = ids::decode_as(&input.user_id, NodeKind::User)?;
        admin::authorize(&request.app.auth, &request.viewer, user_id).await?;
        let active = input.status == AccountStatus::Active;
        let result = request.app.auth.set_user_status(user_id, active).await;
        let entry = AuditEntry {
            action: "setUserStatus",
            entity: Some("app_user"),
            entity_id: Some(user_id),
            fields: Some("status".to_owned()),
            ..Default::default()
        };
        request.audited(entry, result).await?;
        Ok(SetUserStatusPayload {
            status: input.status,
        })
    }
}
