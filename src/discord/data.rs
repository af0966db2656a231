//! The one `Data` every handler is handed: the content, the store, the clock and the check-in
//! schedule's wake-up. No globals.

use std::sync::Arc;

use crate::advisor::Content;
use crate::app::App;
use crate::clock::{Clock, SystemClock};
use crate::session::Session;
use crate::store::Store;

use super::scheduler::Schedule;

pub struct Data {
    pub content: Content,
    pub store: Arc<dyn Store>,
    /// The time check-ins are scheduled, logged and judged by (a fake one in tests).
    pub clock: Arc<dyn Clock>,
    /// Wakes the check-in scheduler when a check-in is scheduled (see [`super::scheduler`]).
    pub schedule: Arc<Schedule>,
}

impl Data {
    pub fn new(content: Content, store: Arc<dyn Store>) -> Self {
        Data {
            content,
            store,
            clock: Arc::new(SystemClock),
            schedule: Arc::new(Schedule::default()),
        }
    }

    /// The same, on another clock: `ADVISOR_NOW`'s, or a test's [`crate::clock::FakeClock`].
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The use cases over this bot's store and clock, waking its scheduler.
    pub fn app(&self) -> App<'_> {
        App {
            content: &self.content,
            store: self.store.as_ref(),
            clock: self.clock.as_ref(),
            wake: self.schedule.as_ref(),
        }
    }

    pub fn session(&self) -> Session<'_> {
        Session::new(&self.content, self.store.as_ref(), self.clock.as_ref())
    }
}
