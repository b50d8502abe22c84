//! What a resolver gets from the request: the viewer, the database, the per-request
//! DataLoader and the paging limits. One helper fetches it, so resolvers stay short.

use async_graphql::Context;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::dataloader::DataLoader;
use futures_util::future::BoxFuture;
use sea_orm::DatabaseConnection;
use tokio::sync::watch;

use super::batches::Batches;
use super::pagination::{DbLoader, FilterEnv, Page, PageArgs, PageLimits, Prefetched};
use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::{self, AuditEntry, Outcome, RequestMeta};
use crate::access::pii;
use crate::access::policy::PiiClass;
use crate::error::{AppError, AppResult};

/// Batches wider than the default 1,000 keys would split one level of a deep query
/// into several statements (a page of 100 units can hold 1,600 households).
const MAX_BATCH: usize = 10_000;

/// A DataLoader whose batches run in the request's own task ([`Batches`]), so that they
/// close after the request has been polled, not only on a timer: a timer alone splits a
/// batch whenever resolving the siblings takes longer than the window (a busy CPU, an
/// unoptimised build), and each split is one more SQL statement.
fn batching_loader(
    loader: DbLoader,
    batches: Arc<Batches>,
    window: Duration,
) -> DataLoader<DbLoader> {
    let spawner = move |batch: BoxFuture<'static, ()>| batches.run(batch, window);
    DataLoader::new(loader, spawner)
        .max_batch_size(MAX_BATCH)
        .delay(Duration::ZERO)
}

pub struct RequestContext {
    pub app: AppState,
    pub viewer: Viewer,
    /// Request id and client address, for the audit trail.
    pub meta: RequestMeta,
    pub db: DatabaseConnection,
    pub loader: DataLoader<DbLoader>,
    /// Answers a statement fetched ahead of the fields that ask for them.
    pub prefetched: Prefetched,
    /// The loader's batches, polled beside the execution ([`super::batches`]).
    pub batches: Arc<Batches>,
    pub limits: PageLimits,
    env: FilterEnv,
    /// The viewer as it changes over a long-lived connection (a WebSocket).
    live: Option<watch::Receiver<Viewer>>,
}

/// The viewer of a subscription, read anew for every event it delivers.
pub enum LiveViewer {
    Fixed(Viewer),
    Following(watch::Receiver<Viewer>),
}

impl LiveViewer {
    pub fn current(&self) -> Viewer {
        match self {
            LiveViewer::Fixed(viewer) => viewer.clone(),
            LiveViewer::Following(viewer) => viewer.borrow().clone(),
        }
    }
}

impl RequestContext {
    pub fn new(state: &AppState, viewer: Viewer) -> Self {
        let env = FilterEnv {
            today: state.clock.today(),
            now: state.clock.now(),
            personal: pii::may_filter(&viewer, PiiClass::S2),
            sensitive: pii::may_filter(&viewer, PiiClass::S3),
        };
        let loader = DbLoader {
            db: state.db.clone(),
            viewer: viewer.clone(),
            env,
            batch_sizes: state.batch_sizes.clone(),
        };
        let batches = Arc::new(Batches::default());
        RequestContext {
            app: state.clone(),
            viewer,
            meta: RequestMeta::default(),
            db: state.db.clone(),
            loader: batching_loader(loader, batches.clone(), state.config.dataloader_delay),
            prefetched: Prefetched::default(),
            batches,
            limits: PageLimits {
                default: state.config.default_page_size,
                max: state.config.max_page_size,
            },
            env,
            live: None,
        }
    }

    /// The context of an operation on a WebSocket, whose viewer follows `viewer`.
    pub fn with_live_viewer(mut self, viewer: watch::Receiver<Viewer>) -> Self {
        self.live = Some(viewer);
        self
    }

    /// The viewer for work that outlives the operation's start (subscription events).
    pub fn live_viewer(&self) -> LiveViewer {
        match &self.live {
            Some(viewer) => LiveViewer::Following(viewer.clone()),
            None => LiveViewer::Fixed(self.viewer.clone()),
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
