//! The HTTP face: `/graphql` (POST, and GET for queries; GraphiQL on a bare GET in
//! demo mode), `/healthz`, `/readyz`, `/metrics`, `/.well-known/jwks.json`, and
//! serving with a graceful shutdown.

pub mod auth;
mod graphql;
mod health;
mod metrics;
mod persisted;
mod reply;
mod server;
mod transport;
mod websocket;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, header};
use axum::middleware;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use health::Draining;

use crate::config::ServingConfig;
use crate::error::AppError;
use crate::graphql::HubSchema;
use crate::graphql::execution::Executor;
use crate::{App, AppState};

#[derive(Clone)]
struct HttpState {
    app: AppState,
    executor: Arc<Executor>,
    /// GraphQL requests allowed to run at once; the rest are shed, not queued.
    permits: Arc<Semaphore>,
    metrics: Arc<metrics::Metrics>,
    draining: Draining,
    /// WebSockets open at `/graphql/ws`, for `/metrics`.
    open_sockets: Arc<std::sync::atomic::AtomicUsize>,
}

/// The router over `schema` (built by [`crate::graphql::serving_schema_builder`]).
pub fn router(app: AppState, schema: HubSchema, draining: Draining) -> Router {
    let serving = app.config.serving.clone();
    let state = HttpState {
        permits: Arc::new(Semaphore::new(serving.max_concurrent_requests)),
        metrics: Default::default(),
        open_sockets: Default::default(),
        executor: Arc::new(Executor::new(schema, &app.config)),
        app,
        draining,
    };
    let graphql_route =
        get(graphql::get)
            .post(graphql::post)
            .route_layer(middleware::from_fn_with_state(
                state.clone(),
                metrics::observe,
            ));
    Router::new()
        .route("/graphql", graphql_route)
        .route("/graphql/ws", get(websocket::upgrade))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .route("/.well-known/jwks.json", get(auth::jwks))
        .layer(DefaultBodyLimit::max(serving.max_body_bytes))
        .layer(cors(&serving))
        .with_state(state)
}

/// Cross-origin access for the configured origins only; bearer tokens travel in a
/// header, so credentials (cookies) are never allowed.
fn cors(serving: &ServingConfig) -> CorsLayer {
    let origins = serving
        .cors_allowed_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect::<Vec<_>>();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
        .max_age(std::time::Duration::from_secs(600))
}

/// Serves on `LISTEN_ADDR` until SIGINT or SIGTERM.
pub async fn serve(app: App) -> Result<(), AppError> {
    let addr = app.state.config.listen_addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|err| AppError::Internal(format!("cannot listen on {addr}: {err}")))?;
    tracing::info!(%addr, demo = app.state.config.demo, "serving GraphQL at /graphql");
    serve_with_shutdown(listener, app, shutdown_signal()).await
}

/// Serves on `listener` until `signal` resolves, then drains: `/readyz` answers 503 for
/// `SHUTDOWN_DELAY_MS` while requests are still served (load balancers notice), then the
/// listener closes and in-flight requests get up to `SHUTDOWN_TIMEOUT_SECS` to finish.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    app: App,
    signal: impl Future<Output = ()> + Send + 'static,
) -> Result<(), AppError> {
    let serving = app.state.config.serving.clone();
    let draining = app.draining.clone();
    let (closed_tx, closed_rx) = tokio::sync::watch::channel(false);
    let close = async move {
        signal.await;
        tracing::info!("shutdown: no longer ready");
        draining.begin();
        tokio::time::sleep(serving.shutdown_delay).await;
        tracing::info!("shutdown: closing the listener, draining in-flight requests");
        let _ = closed_tx.send(true);
    };
    tokio::spawn(close);
    let listener_closed = |mut closed: tokio::sync::watch::Receiver<bool>| async move {
        let _ = closed.wait_for(|closed| *closed).await;
    };
    let server = server::run(
        listener,
        app.router,
        serving.header_read_timeout,
        listener_closed(closed_rx.clone()),
    );
    let deadline = async {
        listener_closed(closed_rx).await;
        tokio::time::sleep(serving.shutdown_timeout).await;
    };
    tokio::select! {
        () = server => Ok(()),
        () = deadline => {
            tracing::warn!("shutdown: in-flight requests outlived the drain timeout");
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
