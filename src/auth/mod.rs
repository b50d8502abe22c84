//! Identity: who a request is. Users sign in with a password and get a short-lived
//! access token (JWT, [`jwt`]) and a rotating refresh token ([`tokens`]); API clients
//! exchange their id and secret for an access token. [`Auth::authenticate`] turns a
//! bearer token into a [`Principal`] ([`principal`]) that `access` scopes by.
//!
//! Every credential failure answers the same `UNAUTHENTICATED` "invalid credentials",
//! and takes as long whether or not the account exists ([`password`]).

pub mod accounts;
pub mod admin;
pub mod demo;
pub mod jwt;
pub mod password;
pub mod principal;
mod random;
pub mod tokens;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, TransactionTrait,
};

use entity::enums::AccountStatus;
use entity::{api_client, app_user};

pub use accounts::{GrantSpec, NewClient, NewUser};
pub use jwt::{AccessToken, JwtKeys, Subject};

use crate::access::{Grant, Principal};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::events::{Event, Events};
use principal::PrincipalCache;
use tokio::sync::broadcast::error::RecvError;

/// A verified bearer token: its principal, its subject as events name it (`user:12`),
/// and when it expires.
#[derive(Clone, Debug)]
pub struct Session {
    pub principal: Arc<Principal>,
    pub subject: String,
    pub expires_at: DateTime<Utc>,
}

/// What a sign-in or refresh hands out.
#[derive(Clone, Debug)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// When the access token expires.
    pub expires_at: DateTime<Utc>,
}

/// The identity service, shared by every request (held in `AppState`).
pub struct Auth {
    db: DatabaseConnection,
    keys: JwtKeys,
    refresh_ttl: Duration,
    cache: PrincipalCache,
    /// Tells the other instances when a principal changed, so they drop it too.
    events: Arc<Events>,
}

impl Auth {
    pub fn new(config: &Config, db: DatabaseConnection, events: Arc<Events>) -> AppResult<Auth> {
        Ok(Auth {
            db,
            keys: JwtKeys::from_config(&config.jwt)?,
            refresh_ttl: config.jwt.refresh_ttl,
            cache: PrincipalCache::default(),
            events,
        })
    }

    /// Drops cached principals as the instances' events say (runs for the process's
    /// life): a user disabled on another instance is refused here at once.
    pub fn follow_events(self: &Arc<Self>) {
        let mut events = self.events.subscribe();
        let auth = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                let event = events.recv().await;
                let Some(auth) = auth.upgrade() else {
                    return;
                };
                match event {
                    Ok(Event::PrincipalChanged { subject }) => match Subject::parse(&subject) {
                        Some(subject) => auth.cache.invalidate(subject),
                        None => auth.cache.clear(),
                    },
                    Ok(Event::Resync) | Err(RecvError::Lagged(_)) => auth.cache.clear(),
                    Ok(Event::RequestEvent { .. }) => {}
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }

    /// Commits `txn`, which changed `subject`'s account, and tells every instance to
    /// forget its cached principal. On PostgreSQL the announcement is a NOTIFY inside
    /// the transaction, so it goes out if and only if the change commits: it cannot be
    /// lost between the two, and an instance whose listening connection dropped empties
    /// its whole cache when it reconnects.
    async fn commit_change(&self, txn: DatabaseTransaction, subject: Subject) -> AppResult<()> {
        let event = Event::PrincipalChanged {
            subject: subject.to_string(),
        };
        let local = Events::announce(&txn, event).await?;
        txn.commit().await?;
        self.cache.invalidate(subject);
        if let Some(event) = local {
            self.events.publish_local(event);
        }
        Ok(())
    }

    /// The JWK set published at `/.well-known/jwks.json`.
    pub fn jwks(&self) -> serde_json::Value {
        self.keys.jwks()
    }

    /// Signs a user in with username and password.
    pub async fn login(&self, username: &str, password: &str) -> AppResult<TokenPair> {
        let user = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(username))
            .one(&self.db)
            .await?;
        let stored = user.as_ref().map(|user| user.password_hash.clone());
        let matches = password::verify_blocking(password.to_owned(), stored).await?;
        match user {
            Some(user) if matches && user.status == AccountStatus::Active => {
                self.pair(&user, &tokens::new_family()).await
            }
            _ => Err(AppError::InvalidCredentials),
        }
    }

    /// Exchanges a refresh token for a new pair; the old token is spent.
    pub async fn refresh(&self, refresh_token: &str) -> AppResult<TokenPair> {
        let next = tokens::rotate(&self.db, refresh_token, self.refresh_ttl).await?;
        let user = app_user::Entity::find_by_id(next.user_id)
            .one(&self.db)
            .await?
            .filter(|user| user.status == AccountStatus::Active)
            .ok_or(AppError::InvalidCredentials)?;
        let access = self
            .keys
            .issue(Subject::User(user.id), user.token_version)?;
        Ok(TokenPair {
            access_token: access.token,
            refresh_token: next.token,
            expires_at: access.expires_at,
        })
    }

    /// Signs out: revokes the refresh token's family. Access tokens already handed out
    /// run until they expire (at most 15 minutes); [`Auth::revoke_sessions`] ends them.
    pub async fn logout(&self, refresh_token: &str) -> AppResult<()> {
        tokens::revoke_family_of(&self.db, refresh_token).await?;
        Ok(())
    }

    /// An access token for an API client (client-credentials grant).
    pub async fn client_token(&self, client_id: &str, secret: &str) -> AppResult<AccessToken> {
        let client = api_client::Entity::find()
            .filter(api_client::Column::ClientId.eq(client_id))
            .one(&self.db)
            .await?;
        let stored = client.as_ref().map(|client| client.secret_hash.clone());
        let matches = password::verify_blocking(secret.to_owned(), stored).await?;
        match client {
            Some(client) if matches && client.status == AccountStatus::Active => self
                .keys
                .issue(Subject::Client(client.id), client.token_version),
            _ => Err(AppError::InvalidCredentials),
        }
    }

    /// The principal behind a bearer token. `Unauthenticated` for any bad, expired or
    /// revoked token; database failures stay internal errors.
    pub async fn authenticate(&self, bearer: &str) -> AppResult<Arc<Principal>> {
        Ok(self.session(bearer).await?.principal)
    }

    /// [`Auth::authenticate`], with who the token is for and until when it holds: what a
    /// long-lived connection (a WebSocket) needs to follow its viewer.
    pub async fn session(&self, bearer: &str) -> AppResult<Session> {
        let verified = self.keys.verify(bearer).map_err(|err| {
            tracing::debug!(%err, "bearer token refused");
            AppError::Unauthenticated
        })?;
        let principal = self.principal(verified).await?;
        Ok(Session {
            principal,
            subject: verified.subject.to_string(),
            expires_at: verified.expires_at,
        })
    }

    /// [`Auth::session`] read afresh, not from the cache: after an event said the
    /// principal changed, whichever task hears it first must not find the old one.
    pub async fn reload_session(&self, bearer: &str) -> AppResult<Session> {
        if let Ok(verified) = self.keys.verify(bearer) {
            self.cache.invalidate(verified.subject);
        }
        self.session(bearer).await
    }

    async fn principal(&self, verified: jwt::Verified) -> AppResult<Arc<Principal>> {
        let (subject, version) = (verified.subject, verified.version);
        if let Some(principal) = self.cache.get(subject, version) {
            return Ok(principal);
        }
        let _loading = self.cache.loading(subject).await;
        if let Some(principal) = self.cache.get(subject, version) {
            return Ok(principal);
        }
        let principal = principal::load(&self.db, subject, version)
            .await?
            .map(Arc::new)
            .ok_or(AppError::Unauthenticated)?;
        self.cache.insert(subject, version, principal.clone());
        Ok(principal)
    }

    /// Ends every session of a user: access tokens stop working on every instance
    /// (the other instances hear of it through events) and refresh tokens are revoked.
    pub async fn revoke_sessions(&self, user_id: i32) -> AppResult<()> {
        let txn = self.db.begin().await?;
        bump_version(&txn, user_id).await?;
        tokens::revoke_user(&txn, user_id).await?;
        self.commit_change(txn, Subject::User(user_id)).await
    }

    /// Enables or disables a user. Disabling also ends every session.
    pub async fn set_user_status(&self, user_id: i32, active: bool) -> AppResult<()> {
        let status = if active {
            AccountStatus::Active
        } else {
            AccountStatus::Disabled
        };
        let txn = self.db.begin().await?;
        let updated = app_user::Entity::update_many()
            .col_expr(app_user::Column::Status, Expr::value(status))
            .filter(app_user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(AppError::NotFound);
        }
        if !active {
            bump_version(&txn, user_id).await?;
            tokens::revoke_user(&txn, user_id).await?;
        }
        self.commit_change(txn, Subject::User(user_id)).await
    }

    /// The grants of a user, or `None` when there is no such user.
    pub async fn user_grants(&self, user_id: i32) -> AppResult<Option<Vec<Grant>>> {
        if app_user::Entity::find_by_id(user_id)
            .one(&self.db)
            .await?
            .is_none()
        {
            return Ok(None);
        }
        principal::grants_of(&self.db, user_id).await.map(Some)
    }

    /// An access token for an active user without a password (CLI `issue-token`, for
    /// development only).
    pub async fn issue_token_for_user(&self, username: &str) -> AppResult<AccessToken> {
        self.issue_token_for_user_lasting(username, Duration::MAX)
            .await
    }

    /// [`Auth::issue_token_for_user`] with a shorter life than the configured one (a
    /// token for one task; tests of expiry).
    pub async fn issue_token_for_user_lasting(
        &self,
        username: &str,
        ttl: Duration,
    ) -> AppResult<AccessToken> {
        let user = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(username))
            .one(&self.db)
            .await?
            .filter(|user| user.status == AccountStatus::Active)
            .ok_or(AppError::NotFound)?;
        self.keys
            .issue_lasting(Subject::User(user.id), user.token_version, ttl)
    }

    /// Whether a user of that name exists.
    pub async fn user_exists(&self, username: &str) -> AppResult<bool> {
        let found = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(username))
            .one(&self.db)
            .await?;
        Ok(found.is_some())
    }

    async fn pair(&self, user: &app_user::Model, family: &str) -> AppResult<TokenPair> {
        let access = self
            .keys
            .issue(Subject::User(user.id), user.token_version)?;
        let refresh = tokens::issue(&self.db, user.id, family, self.refresh_ttl).await?;
        Ok(TokenPair {
            access_token: access.token,
            refresh_token: refresh.token,
            expires_at: access.expires_at,
        })
    }
}

/// `token_version += 1`: every access token issued before stops verifying.
async fn bump_version(db: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    let updated = app_user::Entity::update_many()
        .col_expr(
            app_user::Column::TokenVersion,
            Expr::col(app_user::Column::TokenVersion).add(1),
        )
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
