//! The HTTP face: `POST /graphql`, GraphiQL on `GET /graphql` in demo mode, and
//! `/healthz`.

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Router, routing::post};

use crate::access::Viewer;
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
        .with_state(state)
}

async fn graphql_handler(
    State(state): State<HttpState>,
    request: GraphQLRequest,
) -> GraphQLResponse {
    // Until identity lands every request is unrestricted; the viewer is made here and
    // only here, so tokens will slot in without touching a resolver.
    let context = RequestContext::new(&state.app, Viewer::Unrestricted);
    let request = request.into_inner().data(context);
    state.schema.execute(request).await.into()
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
    axum::serve(listener, app.router)
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
