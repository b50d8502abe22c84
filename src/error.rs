//! The one error type of the hub. Every failure a client can see is an [`AppError`];
//! the GraphQL layer turns it into an error with a stable `extensions.code` (see
//! `graphql::errors`). Internal and database errors are logged and shown as a generic
//! message, so no SQL text or stack trace ever reaches a client.

use std::sync::Arc;

use sea_orm::DbErr;

/// Cloneable, because DataLoaders hand one error to every waiting resolver.
#[derive(Clone, Debug, thiserror::Error)]
pub enum AppError {
    #[error("authentication required")]
    Unauthenticated,
    /// A sign-in (password, client secret, refresh token) failed. One message for every
    /// cause, so a caller cannot tell an unknown account from a wrong password.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(String),
    /// Out of scope and non-existent answer the same way, on purpose.
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadUserInput(String),
    #[error("{0}")]
    Conflict(String),
    /// Too many requests or too much cost: come back after `retry_after_secs`.
    #[error("rate limit exceeded; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The database cannot be reached right now; the same request may succeed later.
    #[error("the database is unavailable; retry shortly")]
    DbUnavailable(Arc<DbErr>),
    /// A statement ran past `DB_STATEMENT_TIMEOUT_MS` and the database cancelled it.
    #[error("the query took too long")]
    StatementTimeout(Arc<DbErr>),
    #[error("database error: {0}")]
    Db(Arc<DbErr>),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code clients branch on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => "UNAUTHENTICATED",
            AppError::Forbidden(_) => "FORBIDDEN",
            AppError::NotFound => "NOT_FOUND",
            AppError::BadUserInput(_) => "BAD_USER_INPUT",
            AppError::Conflict(_) => "CONFLICT",
            AppError::RateLimited { .. } => "RATE_LIMITED",
            AppError::DbUnavailable(_) => "DB_UNAVAILABLE",
            AppError::StatementTimeout(_) => "STATEMENT_TIMEOUT",
            AppError::Db(_) | AppError::Internal(_) => "INTERNAL",
        }
    }

    /// What the client may read: the error itself, except for internal failures.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Db(_) | AppError::Internal(_) => "internal error".to_owned(),
            other => other.to_string(),
        }
    }

    /// Seconds after which the same request may succeed, for failures that pass.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            AppError::DbUnavailable(_) | AppError::StatementTimeout(_) => Some(1),
            _ => None,
        }
    }

    pub fn bad_input(message: impl Into<String>) -> Self {
        AppError::BadUserInput(message.into())
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        let failure = crate::db::Failure::of(&err);
        let err = Arc::new(err);
        match failure {
            crate::db::Failure::Unavailable => AppError::DbUnavailable(err),
            crate::db::Failure::TimedOut => AppError::StatementTimeout(err),
            crate::db::Failure::Other => AppError::Db(err),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
