//! The use cases both fronts call: each takes the content, the store and the one clock, and
//! hands back a typed outcome the front lays out. A front translates its events in and its
//! layouts out, nothing else, so a step such as "check-ins on" is written once, here.
//!
//! The interview itself (answer, review, advice) is [`interview::Session`]; the check-ins are
//! [`checkins`]; history, export and forget are [`records`]. A use case that schedules a check-in
//! wakes the scheduler itself, through the [`Wake`] it was given (as mini-redis's `Db::set`
//! notifies its purge task), so no front has to remember to.

pub(crate) mod checkins;
pub mod interview;
pub(crate) mod records;

use crate::advisor::Content;
use crate::clock::Clock;
use crate::store::Store;
use interview::Session;

/// Told when a check-in was scheduled or moved: the bot's scheduler looks again now.
pub(crate) trait Wake: Send + Sync {
    fn wake(&self);
}

/// No scheduler to wake: the terminal's `due` reads the store each time it runs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NoScheduler;

impl Wake for NoScheduler {
    fn wake(&self) {}
}

/// What every use case runs over: the content, the store, the one clock and the scheduler's wake.
#[derive(Clone, Copy)]
pub(crate) struct App<'a> {
    pub content: &'a Content,
    pub store: &'a dyn Store,
    pub clock: &'a dyn Clock,
    pub wake: &'a dyn Wake,
}

impl<'a> App<'a> {
    /// The interview's use cases, on the same store and clock.
    pub(crate) fn session(&self) -> Session<'a> {
        Session::new(self.content, self.store, self.clock)
    }
}
