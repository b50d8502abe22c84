//! DataLoader batches run inside the request's own task, beside its execution.
//!
//! A batch spawned as a task of its own closes on its timer and on its own scheduler
//! turns, whether or not the request has been polled meanwhile: on a saturated CPU the
//! request's resolvers (resolved 32 list items per poll) had not all added their keys
//! yet, the batch split, and each split was one more SQL statement (bench/ (c): 4.05
//! statements per request instead of 4). Polled by the request's task, a batch counts
//! *polls of that request* instead, and every poll lets every ready resolver add its
//! keys, so the count per level no longer depends on the load.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::stream::{FuturesUnordered, StreamExt};
use futures_util::task::AtomicWaker;

/// Polls of the request a batch waits for after its window, so that siblings still
/// being resolved can add their keys.
const SETTLE_POLLS: usize = 64;

/// The batches of one request. `None` while nobody drives them: they are then spawned.
#[derive(Default)]
pub struct Batches {
    pending: Mutex<Option<Vec<BoxFuture<'static, ()>>>>,
    waker: AtomicWaker,
}

impl Batches {
    /// Hands a batch to the request's task, or spawns it when the request is not being
    /// executed (a loader used outside `execute`).
    pub fn run(self: &Arc<Self>, batch: BoxFuture<'static, ()>, window: Duration) {
        let batch = Box::pin(async move {
            if !window.is_zero() {
                tokio::time::sleep(window).await;
            }
            for _ in 0..SETTLE_POLLS {
                YieldOnce(false).await;
            }
            batch.await
        });
        let mut pending = self.pending.lock().unwrap_or_else(|err| err.into_inner());
        match pending.as_mut() {
            Some(queue) => {
                queue.push(batch);
                self.waker.wake();
            }
            None => {
                tokio::spawn(crate::db::same_origin(batch));
            }
        }
    }

    fn start(&self) {
        *self.pending.lock().unwrap_or_else(|err| err.into_inner()) = Some(Vec::new());
    }

    /// Stops taking batches; returns those not yet picked up.
    fn stop(&self) -> Vec<BoxFuture<'static, ()>> {
        let mut pending = self.pending.lock().unwrap_or_else(|err| err.into_inner());
        pending.take().unwrap_or_default()
    }

    fn take_new(&self, into: &mut FuturesUnordered<BoxFuture<'static, ()>>) {
        let mut pending = self.pending.lock().unwrap_or_else(|err| err.into_inner());
        if let Some(queue) = pending.as_mut() {
            into.extend(queue.drain(..));
        }
    }
}

/// Returns `Pending` once after asking to be polled again: one turn of the request.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Runs `execution` while polling the batches its loaders hand to `batches`.
pub async fn drive<T>(batches: &Batches, execution: impl Future<Output = T>) -> T {
    batches.start();
    let mut running = FuturesUnordered::new();
    let mut execution = std::pin::pin!(execution);
    let outcome = std::future::poll_fn(|cx| {
        batches.waker.register(cx.waker());
        if let Poll::Ready(outcome) = execution.as_mut().poll(cx) {
            return Poll::Ready(outcome);
        }
        batches.take_new(&mut running);
        while let Poll::Ready(Some(())) = running.poll_next_unpin(cx) {}
        Poll::Pending
    })
    .await;
    // Nothing waits on what is left once the execution is done; finish it elsewhere
    // all the same, so a loader never sees its batch vanish half-way.
    for batch in batches.stop().into_iter().chain(running) {
        tokio::spawn(crate::db::same_origin(batch));
    }
    outcome
}
