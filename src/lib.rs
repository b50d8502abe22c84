//! community-hub: one authenticated GraphQL endpoint over a city's grassroots
//! governance graph.
//!
//! The request path runs top to bottom through these modules:
//! [`http`] (our own HTTP/1 connection loop, GraphQL over HTTP, persisted documents,
//! readiness, metrics, drain) → [`graphql`] (schema, query limits and cost, one folder
//! per resource, thin resolvers, per-request DataLoaders) → [`access`] (the one place
//! that turns a viewer into row filters and field masks; every scoped query starts
//! there) → sea-orm entities in the `entity` crate. [`auth`] signs users and API
//! clients in and turns a bearer token into the principal that `access` scopes by.
//! [`domain`] holds rules that need neither GraphQL nor a database; [`service`] runs
//! them against the database, one transaction per mutation (idempotency keys, versions,
//! events and audit rows). Beside the path: [`rate_limit`] (token buckets, in Redis or
//! in process), [`documents`] (trusted documents and APQ), [`events`] (what one
//! instance tells the others, over LISTEN/NOTIFY), [`error`] the one error type,
//! [`config`] the typed configuration, [`db`] connecting, migrating and classifying
//! database failures, [`telemetry`] logs and traces, [`seed`] the demo dataset, [`cli`]
//! the commands of the binary. [`build_app`] is what the binary and the tests call.

#![forbid(unsafe_code)]

pub mod access;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod documents;
pub mod domain;
pub mod error;
pub mod events;
pub mod graphql;
pub mod http;
pub mod rate_limit;
pub mod seed;
pub mod service;
pub mod telemetry;

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::db::StatementCounter;
use crate::domain::clock::Clock;

/// What every request shares: configuration, the database pool, the clock.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: DatabaseConnection,
    pub clock: Clock,
    /// Counts SQL statements sent on `db` (tests and metrics read it).
    pub statements: StatementCounter,
    /// Sign-in, tokens and the principal behind a bearer token.
    pub auth: Arc<auth::Auth>,
    /// False until the schema is migrated (a server may start before its database).
    pub readiness: db::Readiness,
    /// Token buckets per user, client and address.
    pub rate_limiter: Arc<rate_limit::RateLimiter>,
    /// Trusted documents and the APQ cache.
    pub documents: Arc<documents::Documents>,
    /// Keys per DataLoader batch, for `/metrics`.
    pub batch_sizes: Arc<graphql::pagination::BatchSizes>,
    /// Events between instances (LISTEN/NOTIFY on PostgreSQL).
    pub events: Arc<events::Events>,
}

/// The application: its state and the router that serves it.
pub struct App {
    pub state: AppState,
    pub router: axum::Router,
    /// Set when a shutdown begins (see [`http::serve_with_shutdown`]).
    pub draining: http::Draining,
}

/// The served schema's builder, for [`build_app_with_schema`].
pub type ServingSchemaBuilder =
    async_graphql::SchemaBuilder<graphql::Query, graphql::Mutation, graphql::Subscription>;

/// How [`build_app_with`] treats a database that does not answer yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Startup {
    /// Migrate before returning, and fail if the database is down: for commands that
    /// run and exit, and for tests.
    MigrateNow,
    /// Return at once and migrate in the background as soon as the database answers;
    /// until then `/readyz` is 503 and GraphQL answers `DB_UNAVAILABLE` (`serve`).
    WaitForDatabase,
}

/// Connects to the database, runs pending migrations and builds the router.
pub async fn build_app(config: Config, clock: Clock) -> Result<App, error::AppError> {
    build_app_with(config, clock, Startup::MigrateNow, |builder| builder).await
}

/// [`build_app`], with a last say on the schema (tests add extensions that misbehave,
/// to prove the server survives them; production code has no use for it).
pub async fn build_app_with_schema(
    config: Config,
    clock: Clock,
    customise: impl FnOnce(ServingSchemaBuilder) -> ServingSchemaBuilder,
) -> Result<App, error::AppError> {
    build_app_with(config, clock, Startup::MigrateNow, customise).await
}

/// The app, migrated now or once its database answers (`startup`).
pub async fn build_app_with(
    config: Config,
    clock: Clock,
    startup: Startup,
    customise: impl FnOnce(ServingSchemaBuilder) -> ServingSchemaBuilder,
) -> Result<App, error::AppError> {
    let statements = StatementCounter::default();
    let db = db::connect(&config, &statements).await?;
    let readiness = match startup {
        Startup::MigrateNow => {
            db::migrate(&db).await?;
            db::Readiness::ready()
        }
        Startup::WaitForDatabase => {
            let readiness = db::Readiness::default();
            tokio::spawn(db::migrate_when_reachable(db.clone(), readiness.clone()));
            readiness
        }
    };
    let events = Arc::new(events::Events::start(&db));
    let auth = Arc::new(auth::Auth::new(&config, db.clone(), events.clone())?);
    auth.follow_events();
    let rate_limiter = Arc::new(rate_limit::RateLimiter::new(&config.rate_limits)?);
    let documents = Arc::new(documents::Documents::new(db.clone()));
    let state = AppState {
        config: Arc::new(config),
        db,
        clock,
        statements,
        auth,
        readiness,
        rate_limiter,
        documents,
        batch_sizes: Default::default(),
        events,
    };
    let schema = customise(graphql::serving_schema_builder(&state.config)).finish();
    let draining = http::Draining::default();
    let router = http::router(state.clone(), schema, draining.clone());
    Ok(App {
        state,
        router,
        draining,
    })
}
