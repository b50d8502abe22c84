//! A bound on how many operations execute at once; the others wait their turn (FIFO)
//! before any resolver runs.
//!
//! An executing operation holds its rows and its growing response tree until it is
//! serialised. With 64 clients asking for a 750 KB answer each (bench/ (b)), running all
//! of them at once held 64 partial trees and peaked at 863 MB, without answering any
//! sooner: the work is bound by the CPU and by the database pool. As many slots as
//! pooled connections keep the database as busy as before and bound the memory.
//! The HTTP layer's own limits (requests in flight, timeout) still apply around this.

use std::sync::Arc;

use async_graphql::Response;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use tokio::sync::Semaphore;

pub struct ExecutionSlots(Arc<Semaphore>);

impl ExecutionSlots {
    pub fn new(slots: usize) -> Self {
        ExecutionSlots(Arc::new(Semaphore::new(slots.max(1))))
    }
}

impl ExtensionFactory for ExecutionSlots {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Slot(self.0.clone()))
    }
}

struct Slot(Arc<Semaphore>);

#[async_trait::async_trait]
impl Extension for Slot {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        // The semaphore is never closed, so acquiring only fails if it were; run anyway.
        let _slot = self.0.acquire().await;
        next.run(ctx, operation_name).await
    }
}
