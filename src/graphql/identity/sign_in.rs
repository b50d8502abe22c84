//! Sign-in mutations. They are open to anonymous callers; every failure is the same
//! `UNAUTHENTICATED` "invalid credentials".

use async_graphql::{Context, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::access::audit::AuditEntry;
use crate::auth::TokenPair;
use crate::error::AppResult;
use crate::graphql::RequestContext;
use crate::rate_limit::SignIn;

/// A username and password.
#[derive(InputObject)]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

/// A refresh token to exchange.
#[derive(InputObject)]
pub struct RefreshTokenInput {
    pub refresh_token: String,
}

/// The refresh token of the session to end.
#[derive(InputObject)]
pub struct LogoutInput {
    pub refresh_token: String,
}

/// An API client's credentials.
#[derive(InputObject)]
pub struct ClientTokenInput {
    pub client_id: String,
    pub client_secret: String,
}

/// Tokens of a session.
#[derive(SimpleObject)]
pub struct TokenPayload {
    /// Bearer token for `Authorization: Bearer …`, valid until `expiresAt` (≤ 15 min).
    pub access_token: String,
    /// Single-use token for `refreshToken`; using one twice ends the session.
    pub refresh_token: String,
    /// When the access token expires.
    pub expires_at: DateTime<Utc>,
}

impl From<TokenPair> for TokenPayload {
    fn from(pair: TokenPair) -> Self {
        TokenPayload {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            expires_at: pair.expires_at,
        }
    }
}

/// The result of `logout`.
#[derive(SimpleObject)]
pub struct LogoutPayload {
    /// Always true: signing out of an unknown or ended session is not an error.
    pub ok: bool,
}

/// An API client's access token (there is no refresh token: ask again).
#[derive(SimpleObject)]
pub struct ClientTokenPayload {
    pub access_token: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct SignInMutation;

#[Object]
impl SignInMutation {
    /// Signs a user in (登录).
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> AppResult<TokenPayload> {
        let request = RequestContext::of(ctx)?;
        let attempt = SignIn::User(&input.username);
        request
            .app
            .rate_limiter
            .take_sign_in(attempt, &request.meta)
            .await?;
        let result = request
            .app
            .auth
            .login(&input.username, &input.password)
            .await;
        let entry = AuditEntry {
            action: "login",
            entity: Some("app_user"),
            claimed_actor: Some(input.username),
            ..Default::default()
        };
        Ok(request.audited(entry, result).await?.into())
    }

    /// Exchanges a refresh token for new tokens; the one given is spent.
    async fn refresh_token(
        &self,
        ctx: &Context<'_>,
        input: RefreshTokenInput,
    ) -> AppResult<TokenPayload> {
        let request = RequestContext::of(ctx)?;
        let result = request.app.auth.refresh(&input.refresh_token).await;
        let entry = AuditEntry {
            action: "refreshToken",
            entity: Some("refresh_token"),
            ..Default::default()
        };
        Ok(request.audited(entry, result).await?.into())
    }

    /// Ends the session of a refresh token (退出登录).
    async fn logout(&self, ctx: &Context<'_>, input: LogoutInput) -> AppResult<LogoutPayload> {
        let request = RequestContext::of(ctx)?;
        let result = request.app.auth.logout(&input.refresh_token).await;
        let entry = AuditEntry {
            action: "logout",
            entity: Some("refresh_token"),
            ..Default::default()
        };
        request.audited(entry, result).await?;
        Ok(LogoutPayload { ok: true })
    }

    /// An access token for an API client (client credentials).
    async fn client_token(
        &self,
        ctx: &Context<'_>,
        input: ClientTokenInput,
    ) -> AppResult<ClientTokenPayload> {
        let request = RequestContext::of(ctx)?;
        let attempt = SignIn::Client(&input.client_id);
        request
            .app
            .rate_limiter
            .take_sign_in(attempt, &request.meta)
            .await?;
        let result = request
            .app
            .auth
            .client_token(&input.client_id, &input.client_secret)
            .await;
        let entry = AuditEntry {
            action: "clientToken",
            entity: Some("api_client"),
            claimed_actor: Some(input.client_id),
            ..Default::default()
        };
        let token = request.audited(entry, result).await?;
        Ok(ClientTokenPayload {
            access_token: token.token,
            expires_at: token.expires_at,
        })
    }
}
