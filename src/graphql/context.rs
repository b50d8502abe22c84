//! What a resolver gets from the request: the viewer, the database, the per-request
//! DataLoader and the paging limits. One helper fetches it, so resolvers stay short.

use async_graphql::Context;
use async_graphql::dataloader::DataLoader;
use sea_orm::DatabaseConnection;

use super::pagination::{DbLoader, FilterEnv, Page, PageArgs, PageLimits};
use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::{self, AuditEntry, Outcome, RequestMeta};
use crate::access::pii;
use crate::access::policy::PiiClass;
use crate::error::{AppError, AppResult};

/// Batches wider than the default 1,000 keys would split one level of a deep query
/// into several statements (a page of 100 units can hold 1,600 households).
const MAX_BATCH: usize = 10_000;

pub struct RequestContext {
    pub app: AppState,
    pub viewer: Viewer,
    /// Request id and client address, for the audit trail.
    pub meta: RequestMeta,
    pub db: DatabaseConnection,
    pub loader: DataLoader<DbLoader>,
    pub limits: PageLimits,
    env: FilterEnv,
}

impl RequestContext {
    pub fn new(state: &AppState, viewer: Viewer) -> Self {
        let env = FilterEnv {
            today: state.clock.today(),
            personal: pii::may_filter(&viewer, PiiClass::S2),
            sensitive: pii::may_filter(&viewer, PiiClass::S3),
        };
        let loader = DbLoader {
            db: state.db.clone(),
            viewer: viewer.clone(),
            env,
        };
        RequestContext {
            app: state.clone(),
            viewer,
            meta: RequestMeta::default(),
            db: state.db.clone(),
            loader: DataLoader::new(loader, tokio::spawn)
                .max_batch_size(MAX_BATCH)
                .delay(state.config.dataloader_delay),
            limits: PageLimits {
                default: state.config.default_page_size,
                max: state.config.max_page_size,
            },
            env,
        }
    }

    pub fn with_meta(mut self, meta: RequestMeta) -> Self {
        self.meta = meta;
        self
    }

    /// The context of a request that must come from a signed-in user or client: the
    /// check every root field but sign-in and public data starts with.
    pub fn signed_in<'a>(ctx: &'a Context<'_>) -> AppResult<&'a RequestContext> {
        let request = Self::of(ctx)?;
        match request.viewer {
            Viewer::Anonymous => Err(AppError::Unauthenticated),
            _ => Ok(request),
        }
    }

    /// Records `entry` with the outcome of `result` in the audit log, then hands the
    /// result on. A failed audit write fails the operation's answer too.
    pub async fn audited<T>(&self, entry: AuditEntry, result: AppResult<T>) -> AppResult<T> {
        let entry = AuditEntry {
            outcome: Outcome::of(&result),
            ..entry
        };
        let now = self.app.clock.now();
        audit::record(&self.db, &self.viewer, &self.meta, now, entry).await?;
        result
    }

    pub fn of<'a>(ctx: &'a Context<'_>) -> AppResult<&'a RequestContext> {
        ctx.data::<RequestContext>()
            .map_err(|_| AppError::Internal("request context missing".into()))
    }

    pub fn filter_env(&self) -> FilterEnv {
        self.env
    }

    pub fn page(&self, args: PageArgs) -> AppResult<Page> {
        Page::parse(args, self.limits)
    }
}
