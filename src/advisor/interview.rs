//! The interview engine: from the stored state and one input, the next state and what to show.
//!
//! Transport-neutral and pure: the caller supplies the time, stores the state, and renders the
//! [`Screen`]. State is plain serde data, so a store keeps it as it is.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::read::Reading;

/// One stored answer: the words as typed, how they were read, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub raw: String,
    pub reading: Reading,
    /// Seconds since the Unix epoch.
    pub at: u64,
}

/// An interview in progress (or finished): everything the engine needs to carry on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Interview {
    /// Answers by question id. Answers to questions that no longer apply (or no longer exist) are
    /// kept: going back may make them apply again, and nothing a user typed is dropped silently.
    pub answers: BTreeMap<String, Answer>,
    /// Questions the user chose to skip.
    pub skipped: BTreeSet<String>,
    /// The question being revisited (after back or edit); None means "the first open question".
    pub cursor: Option<String>,
    /// Bumped on every change, so a front can tell a stale button from a current one.
    pub revision: u64,
    pub started_at: u64,
    pub updated_at: u64,
}
