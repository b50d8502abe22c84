//! What a resolver gets from the request: the viewer, the database, the per-request
//! DataLoader and the paging limits. One helper fetches it, so resolvers stay short.

use async_graphql::Context;
use async_graphql::dataloader::DataLoader;
use sea_orm::DatabaseConnection;

use super::pagination::{DbLoader, FilterEnv, Page, PageArgs, PageLimits};
use crate::AppState;
use crate::access::Viewer;
use crate::error::{AppError, AppResult};

/// Batches wider than the default 1,000 keys would split one level of a deep query
/// into several statements (a page of 100 units can hold 1,600 households).
const MAX_BATCH: usize = 10_000;

pub struct RequestContext {
    pub viewer: Viewer,
    pub db: DatabaseConnection,
    pub loader: DataLoader<DbLoader>,
    pub limits: PageLimits,
    env: FilterEnv,
}

impl RequestContext {
    pub fn new(state: &AppState, viewer: Viewer) -> Self {
        let env = FilterEnv {
            today: state.clock.today(),
        };
        let loader = DbLoader {
            db: state.db.clone(),
            viewer: viewer.clone(),
            env,
        };
        RequestContext {
            viewer,
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
