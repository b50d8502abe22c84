//! A bound on how many operations execute at once; the others wait their turn (FIFO)
//! before any resolver runs.
//!
//! An executing operation holds its rows and its growing response tree until it is
//! serialised. With 64 clients asking for a 750 KB answer each (bench/ (b)), running all
//! of them at once held 64 partial trees and peaked at 863 MB, without answering any
//! sooner: the work is bound by the CPU and by the database pool. As many slots as
//! pooled connections keep the database as busy as before and bound the memory.
//! The HTTP layer's own limits (requests in flight, timeout) still apply around this.

use tokio::sync::{Semaphore, SemaphorePermit};

pub struct ExecutionSlots(Semaphore);

impl ExecutionSlots {
    pub fn new(slots: usize) -> Self {
        ExecutionSlots(Semaphore::new(slots.max(1)))
    }

    /// Waits for a slot; it is free again when the permit drops. The semaphore is
    /// never closed, so acquiring cannot fail; `None` would only run unbounded.
    pub async fn take(&self) -> Option<SemaphorePermit<'_>> {
        self.0.acquire().await.ok()
    }
}
