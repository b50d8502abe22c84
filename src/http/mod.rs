//! The HTTP face: `POST /graphql`, GraphiQL on `GET /graphql` in demo mode, and
//! `/healthz`.

pub mod auth;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Extension;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Router, routing::post};

use crate::access::audit::RequestMeta;
use crate::error::AppError;
use crate::graphql::{self, HubSchema, RequestContext};
use crate::{App, AppState};

#[derive(Clone)]
struct HttpState {
    app: AppState,
    schema: HubSchema,
}

pub fn router(app: AppState) -> Router {
    let schema = graphql::schema_builder().finish();
    let demo = app.config.demo;
    let state = HttpState { app, schema };
    let graphql_route = if demo {
        get(graphiql).post(graphql_handler)
    } else {
        post(graphql_handler)
    };
    Router::new()
        .route("/graphql", graphql_route)
        .route("/healthz", get(healthz))
        .route("/.well-known/jwks.json", get(auth::jwks))
        .with_state(state)
}

async fn graphql_handler(
    State(state): State<HttpState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    // The viewer is made here and only here: a resolver never sees a token.
    let viewer = match auth::viewer_from_headers(&state.app, &headers).await {
        Ok(viewer) => viewer,
        Err(rejection) => return rejection,
    };
    let meta = RequestMeta {
        request_id: request_id(&headers),
        client_ip: connection.map(|Extension(ConnectInfo(addr))| addr.ip().to_string()),
    };
    let context = RequestContext::new(&state.app, viewer).with_meta(meta);
    let request = request.into_inner().data(context);
    GraphQLResponse::from(state.schema.execute(request).await).into_response()
}

/// The caller's `X-Request-Id` when it is a plain token, else a fresh one.
fn request_id(headers: &HeaderMap) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let given = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    match given {
        Some(id) => id.to_owned(),
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| elapsed.as_nanos())
                .unwrap_or_default();
            format!("{nanos:x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed))
        }
    }
}

async fn graphiql() -> impl IntoResponse {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
}

async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

/// Serves until SIGINT or SIGTERM.
pub async fn serve(app: App) -> Result<(), AppError> {
    let addr = app.state.config.listen_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|err| AppError::Internal(format!("cannot listen on {addr}: {err}")))?;
    tracing::info!(%addr, demo = app.state.config.demo, "serving GraphQL at /graphql");
    let service = app
        .router
        .into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|err| AppError::Internal(format!("server: {err}")))
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
