//! Runs one GraphQL request around the schema: the query limits and the rate-limit
//! cost, a parsed-document cache, an execution slot, the request's DataLoader batches,
//! and the hub's error shape.
//!
//! These were async-graphql extensions. An extension of any kind makes async-graphql
//! build a `ResolveInfo` (a registry look-up and, for list items, a formatted type
//! name) and run a boxed future per extension for *every field and list item* it
//! resolves: on a 10,000-object response that was most of what the extensions cost,
//! and none of ours needs to see single fields. Done here, the schema runs without any.

use std::sync::Arc;

use async_graphql::{Request, Response, ServerError, ServerResult, Value};
use futures_util::stream::{self, BoxStream, StreamExt};

use super::limits::Limits;
use super::parsed::{ParsedDocuments, request_copy};
use super::slots::ExecutionSlots;
use super::{HubSchema, RequestContext, batches, errors, observe};
use crate::config::Config;

pub struct Executor {
    schema: HubSchema,
    limits: Limits,
    slots: ExecutionSlots,
    parsed: ParsedDocuments,
}

/// A response, and the operation that ran (for metrics and the request span).
pub struct Executed {
    pub response: Response,
    /// `None` for an anonymous operation, or when the document never ran.
    pub operation: Option<String>,
}

impl Executor {
    pub fn new(schema: HubSchema, config: &Config) -> Self {
        Executor {
            schema,
            limits: Limits {
                limits: config.serving.limits.clone(),
                max_page_size: config.max_page_size,
            },
            // As many operations at once as pooled connections ([`super::slots`]).
            slots: ExecutionSlots::new(config.db_max_connections as usize),
            parsed: ParsedDocuments::default(),
        }
    }

    /// Executes a query or a mutation.
    pub async fn execute(&self, mut request: Request, context: RequestContext) -> Executed {
        let operation = match self.prepare(&mut request, &context).await {
            Ok(operation) => operation,
            Err(error) => return Executed::refused(error),
        };
        let batches = context.batches.clone();
        let _slot = self.slots.take().await;
        let execution = self.schema.execute(request.data(context));
        let response = batches::drive(&batches, execution).await;
        let ran = !never_ran(&response);
        Executed {
            response: errors::shape_response(response),
            operation: operation.filter(|_| ran),
        }
    }

    /// Starts a subscription: its responses, each in the hub's error shape.
    pub async fn subscribe(
        &self,
        mut request: Request,
        context: RequestContext,
    ) -> BoxStream<'static, Response> {
        if let Err(error) = self.prepare(&mut request, &context).await {
            return stream::once(std::future::ready(Executed::refused(error).response)).boxed();
        }
        self.schema
            .execute_stream(request.data(context))
            .map(errors::shape_response)
            .boxed()
    }

    /// Checks the limits, takes the rate-limit cost and hands the parsed document to
    /// the request; returns the name of the operation it selects.
    async fn prepare(
        &self,
        request: &mut Request,
        context: &RequestContext,
    ) -> ServerResult<Option<String>> {
        self.limits.check_text(&request.query)?;
        let document = self.parsed.parse(&request.query)?;
        let cost = self.limits.check_document(&document, &request.variables)?;
        // Rate limits count what an operation costs, not how many requests arrive;
        // taken before validation, so refused documents cost the sender too.
        let limiter = &context.app.rate_limiter;
        limiter
            .take_cost(&context.viewer, &context.meta, cost.complexity)
            .await
            .map_err(|err| {
                let mut error = ServerError::new(err.to_string(), None);
                error.source = Some(Arc::new(err));
                error
            })?;
        let operation = observe::operation_name(&document, request.operation_name.as_deref());
        request.set_parsed_query(request_copy(&document));
        Ok(operation)
    }
}

impl Executed {
    fn refused(error: ServerError) -> Self {
        Executed {
            response: errors::shape_response(Response::from_errors(vec![error])),
            operation: None,
        }
    }
}

/// A response of a document that was refused before any resolver ran (invalid, over
/// a limit): no data and only errors without a path.
pub fn never_ran(response: &Response) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|error| error.path.is_empty())
}
