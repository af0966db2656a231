//! The one `Data` every handler is handed: the content, the store, the clock and the check-in
//! schedule's wake-up. No globals.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};

use regex::Regex;

use crate::advisor::Content;
use crate::app::interview::Session;
use crate::app::App;
use crate::clock::{Clock, SystemClock};
use crate::store::Store;

use super::scheduler::Schedule;

pub struct Data {
    pub content: Content,
    pub store: Arc<dyn Store>,
    /// The time check-ins are scheduled, logged and judged by (a fake one in tests).
    pub clock: Arc<dyn Clock>,
    /// Wakes the check-in scheduler when a check-in is scheduled (see [`super::scheduler`]).
    pub schedule: Arc<Schedule>,
    /// The registered slash commands' ids by name, learnt at READY: a `</assess:ID>` mention is
    /// a link that runs the command.
    pub(crate) command_ids: RwLock<BTreeMap<String, u64>>,
    /// About how many questions and minutes a new interview takes, worked out once (it walks
    /// the interview engine) for every welcome.
    pub(crate) length: OnceLock<(usize, usize)>,
}

impl Data {
    pub fn new(content: Content, store: Arc<dyn Store>) -> Self {
        Data {
            content,
            store,
            clock: Arc::new(SystemClock),
            schedule: Arc::new(Schedule::default()),
            command_ids: RwLock::default(),
            length: OnceLock::new(),
        }
    }

    /// The same, on another clock: `ADVISOR_NOW`'s, or a test's [`crate::clock::FakeClock`].
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The use cases over this bot's store and clock, waking its scheduler.
    pub(crate) fn app(&self) -> App<'_> {
        App {
            content: &self.content,
            store: self.store.as_ref(),
            clock: self.clock.as_ref(),
            wake: self.schedule.as_ref(),
        }
    }

    /// `text` with each "/assess" of a registered command as Discord's command mention
    /// (`</assess:ID>`), which shows as a link that runs it; unchanged before registration.
    pub(crate) fn mention_commands(&self, text: &str) -> String {
        /// A slash and a command's name, at the start or after a space or bracket.
        static COMMAND_NAME: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(^|[\s(“])/([a-z]+)\b").expect("a valid pattern"));
        let ids = self
            .command_ids
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if ids.is_empty() {
            return text.to_owned();
        }
        COMMAND_NAME
            .replace_all(text, |caps: &regex::Captures<'_>| match ids.get(&caps[2]) {
                Some(id) => format!("{}</{}:{id}>", &caps[1], &caps[2]),
                None => caps[0].to_owned(),
            })
            .into_owned()
    }

    pub fn session(&self) -> Session<'_> {
        Session::new(&self.content, self.store.as_ref(), self.clock.as_ref())
    }
}
