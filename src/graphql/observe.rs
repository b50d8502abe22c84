//! Tells the HTTP layer which operation ran (the name async-graphql selected, also
//! when the client sent no `operationName`), for metrics. It travels in the
//! response's HTTP headers map, which the HTTP layer removes before answering.

use std::sync::Arc;

use async_graphql::Response;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use axum::http::HeaderValue;

/// The internal header carrying the executed operation's name.
pub const OPERATION_NAME: &str = "x-hub-operation-name";

pub struct OperationName;

impl ExtensionFactory for OperationName {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(OperationName)
    }
}

#[async_trait::async_trait]
impl Extension for OperationName {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        if let Some(value) = operation_name.and_then(|name| HeaderValue::from_str(name).ok()) {
            response.http_headers.insert(OPERATION_NAME, value);
        }
        response
    }
}
