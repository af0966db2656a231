//! Graceful shutdown's gate: every event handler holds a pass while it works; shutting down closes
//! the gate to new work and waits for the passes to come back, so nothing in flight is cut off.

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

/// More passes than there will ever be handlers at once.
const PASSES: u32 = 1 << 20;

pub(crate) struct Gate {
    closing: AtomicBool,
    passes: Semaphore,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            closing: AtomicBool::new(false),
            passes: Semaphore::new(PASSES as usize),
        }
    }
}

impl Gate {
    /// A pass for one piece of work, or None once shutting down.
    pub(crate) fn enter(&self) -> Option<SemaphorePermit<'_>> {
        if self.closing.load(Ordering::Acquire) {
            return None;
        }
        self.passes.try_acquire().ok()
    }

    /// Stops new work and waits until all work in flight is done.
    pub(crate) async fn close_and_drain(&self) {
        self.closing.store(true, Ordering::Release);
        if let Ok(all) = self.passes.acquire_many(PASSES).await {
            all.forget();
        }
        self.passes.close();
    }
}
