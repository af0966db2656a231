//! Durable per-user records behind a small trait.
//!
//! The store owns durability: a write returns only once it is on disk, so a front may say "saved"
//! when a call returns `Ok`. It depends on the core's plain data types (an [`Interview`], an
//! [`Advice`], a [`CheckinRecord`]) and nothing else of the project's.

mod location;
mod postgres;
mod record;
mod sled;

use serde::{Deserialize, Serialize};

use crate::advisor::checkin::CheckinRecord;
use crate::advisor::Interview;

pub(crate) use location::{locate, redact, Location};
pub use postgres::PgStore;
pub use record::SCHEMA_VERSION;
pub use sled::{Reopening, Salvage, SledStore};

/// Which of a user's records a raw key names, for a test or a bench that reads or writes a
/// backend's records underneath the store (to damage one, to plant another writer's, to fill a
/// database fast). The layout itself stays the store's own (`record`); this is its one face, and
/// only with the `testkit` feature.
#[cfg(feature = "testkit")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Not a record: the prefix every key of the user starts with.
    AllOfUser,
    Interview,
    Settings,
    /// Not a record: the prefix of the user's assessments.
    Assessments,
    /// One assessment, made at `at` (seconds since the epoch) with the unique number `seq`.
    Assessment {
        at: u64,
        seq: u64,
    },
}

#[cfg(feature = "testkit")]
impl RecordKind {
    /// The key (or key prefix) of this kind of `user`'s record.
    pub fn key(self, user: &UserId) -> Vec<u8> {
        match self {
            RecordKind::AllOfUser => record::user_prefix(user),
            RecordKind::Interview => record::interview_key(user),
            RecordKind::Settings => record::settings_key(user),
            RecordKind::Assessments => record::assessments_prefix(user),
            RecordKind::Assessment { at, seq } => record::assessment_key(user, at, seq),
        }
    }
}

/// The stored bytes of `interview`, as the store writes them under [`RecordKind::Interview`].
#[cfg(feature = "testkit")]
pub fn encode_interview(interview: &Interview) -> Vec<u8> {
    record::encode(interview)
}

/// Reads stored assessment bytes as the store would (migrating an older schema); `label` names
/// the record in an error (a test reading a record it planted).
#[cfg(feature = "testkit")]
pub fn decode_assessment(user: &UserId, label: &str, bytes: &[u8]) -> Result<Assessment, StoreError> {
    record::decode(user, label, bytes)
}

/// Seconds since the Unix epoch: when a damaged record was set aside.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Who the records belong to. Opaque to the store: each front makes its own (`UserId::discord`
/// in the Discord front, `UserId::local` in the terminal's).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UserId(pub String);

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How many assessments are kept per user. Beyond it the oldest is folded into
/// [`Assessment::earlier`] of the next, so a history that a few clicks could grow stays bounded
/// (and `/history`, `/export` with it) while nothing is silently dropped: the count, the dates
/// and the recommendations of every folded one are kept.
pub const MAX_ASSESSMENTS: usize = 50;

// The assessment and its history are the core's data (the views read them too); the store keeps
// them.
pub use crate::advisor::history::{Assessment, Earlier};

/// What a change to a user's interview writes, in one step: the new interview (None deletes it)
/// and, when the change completes the interview, the assessment it records. Both land, or
/// neither; and [`Store::forget`] never comes between them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Update {
    pub interview: Option<Interview>,
    pub assessment: Option<Assessment>,
}

impl From<Option<Interview>> for Update {
    fn from(interview: Option<Interview>) -> Self {
        Update {
            interview,
            assessment: None,
        }
    }
}

/// Folds `folded` (the oldest assessment kept) into `next` (the one after it): `next.earlier`
/// then counts it, its time and its recommendation with those folded before it. Every backend
/// folds the same way.
pub(crate) fn fold_into(folded: &Assessment, next: &mut Assessment) {
    let mut earlier = folded.earlier.clone().unwrap_or(Earlier {
        first_at: folded.at,
        ..Earlier::default()
    });
    earlier.count += 1;
    earlier.last_at = folded.at;
    *earlier
        .outcomes
        .entry(folded.advice.outcome.map_or("need_more", |o| o.id()).to_owned())
        .or_default() += 1;
    next.earlier = Some(earlier);
}

/// A user's preferences.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Settings {
    /// Post advice in the channel instead of privately, unless asked otherwise.
    #[serde(default)]
    pub share_by_default: bool,
}

/// Everything kept about one user, as `export` shows it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UserData {
    pub interview: Option<Interview>,
    pub assessments: Vec<Assessment>,
    pub settings: Settings,
}

/// What went wrong, in words a user can act on, about the store whatever its backend: `at` is
/// where the store is (a folder, a server) as it was named to it. How to name another one is the
/// front's to say (the terminal's is `--db`).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store at {at} is in use by another process; stop the other outsource-advisor and try again")]
    Locked { at: String },
    #[error(
        "the store at {at} could not be opened ({detail}); check that it exists and may be used; nothing was changed"
    )]
    Unreadable { at: String, detail: String },
    #[error("the store at {at} looks damaged ({detail}); nothing was changed: keep a copy of it and restore a backup, or start with another store")]
    Corrupt { at: String, detail: String },
    #[error("a record of {user} was written by a newer version of outsource-advisor (schema {found}, this one reads up to {supported}); upgrade to read it; it was left untouched")]
    NewerSchema { user: UserId, found: u32, supported: u32 },
    #[error("a record of {user} ({key}) could not be read: {detail}")]
    BadRecord { user: UserId, key: String, detail: String },
    #[error("the store could not make a change durable: {0}")]
    Io(String),
    #[error("the database server at {server} could not be reached ({detail}); check that PostgreSQL is running there and the URL's host and port")]
    Unreachable { server: String, detail: String },
    #[error(
        "the database server at {server} refused the login ({detail}); check the user name and password in the URL"
    )]
    Denied { server: String, detail: String },
    #[error("the database at {server} was set up by a newer version of outsource-advisor (schema {found}, this one knows up to {supported}); upgrade to use it; nothing was changed")]
    NewerDatabase { server: String, found: u32, supported: u32 },
    #[error("the store failed: {0}")]
    Backend(String),
    #[error("the database server at {server} did not answer within {seconds} s; the change was given up (unless its commit had already gone out) and may be tried again")]
    TimedOut { server: String, seconds: u64 },
    #[error("the database name starts with {scheme}://, which is not a database outsource-advisor can use: only a postgres:// or postgresql:// URL names a server, anything else names a sled folder; nothing was opened or created")]
    NotAServer { scheme: String },
}

/// A store of per-user records, async so that a network database can serve it as well as sled.
///
/// sled's writes take microseconds and happen inline; what a caller awaits is the flush + fsync
/// that covers them (one flush thread serves every waiter, see `sled::flusher`). A caller with no
/// runtime (the terminal chat, the CLI) runs a call to completion with [`block_on`].
/// Every method that changes something returns only once the change
/// is durable, and every read returns only once what it read is durable (so a reply never shows
/// state a power cut could take back).
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Everything about `user`; an empty [`UserData`] for a user never seen. Assessments come
    /// oldest first. An assessment record that cannot be read is skipped (and logged) so the rest
    /// still load; an unreadable interview or settings record is returned as the error
    /// ([`StoreError::BadRecord`], or [`StoreError::NewerSchema`] if a newer version wrote it).
    async fn load(&self, user: &UserId) -> Result<UserData, StoreError>;

    /// The interview alone, as [`Store::load`] would return it. Every answer reads it, so a
    /// backend that can read one record should not decode the whole history to serve it.
    async fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        Ok(self.load(user).await?.interview)
    }

    /// As [`Store::interview`], with the [`Seen`] token of the record it was decoded from, to hand
    /// back to [`Store::update_seen`].
    async fn interview_seen(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        Ok((self.interview(user).await?, Seen::default()))
    }

    /// As [`Store::update`], given what [`Store::interview_seen`] returned: while the stored record
    /// is still the one `seen` names, `change` is shown a clone of `read` rather than the record
    /// decoded a second time (an answer reads the interview, then changes it; decoding is a fifth
    /// of an interaction). A backend that keeps no token ignores both.
    async fn update_seen(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        let _ = (read, seen);
        self.update(user, change).await
    }

    /// Changes the interview atomically and durably: `change` sees the current interview and
    /// returns the new one (None deletes it); the value committed is returned. If another writer
    /// got there first, `change` runs again on the fresh value, so it must do no I/O; anything it
    /// captures to report back should be overwritten on each run.
    ///
    /// If the stored interview cannot be read (damaged, or written by a newer version), `change`
    /// does not run, nothing is written, and the error is returned.
    async fn update_interview(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Option<Interview> + Send),
    ) -> Result<Option<Interview>, StoreError> {
        self.update(user, &mut |current| change(current).into()).await
    }

    /// As [`Store::update_interview`], and the [`Update`] may also carry the assessment the change
    /// completes: it is written with the interview, under the same turn, so that `forget` finds
    /// both or neither. If nothing changes, this still returns only once what `change` was shown
    /// is on disk (it may be another writer's write a moment old).
    async fn update(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError>;

    /// Records a completed assessment.
    async fn add_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError>;

    async fn save_settings(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError>;

    /// Every record kept about `user`, as (key, JSON value) pairs; the data-rights export. The
    /// shape is documented on [`SledStore`]'s implementation:
    /// `{"user": ID, "schema_version": N, "records": [{"key": K, "v": N, "value": ...}, ...]}`.
    async fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError>;

    /// Deletes every record of `user`; returns how many were deleted. A write of that user's in
    /// flight lands wholly before (and is deleted) or starts after: once this returns, nothing of
    /// the user is stored that was written before it.
    async fn forget(&self, user: &UserId) -> Result<usize, StoreError>;

    /// Makes everything written so far durable (shutdown).
    async fn flush(&self) -> Result<(), StoreError>;

    /// Every user with at least one record (for scans and benchmarks), in no promised order.
    async fn users(&self) -> Result<Vec<UserId>, StoreError>;

    /// `user`'s check-ins (plan, state and log); None before they were first turned on.
    async fn checkins(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError>;

    /// Changes `user`'s check-ins atomically and durably, as [`Store::update_interview`] does the
    /// interview (`change` may run again on a fresh value; None deletes them), and keeps the due
    /// index in step in the same commit: while they are on, the record's `next_due` is its one
    /// due entry. An entry whose time is unchanged keeps its claim; a new time starts unclaimed.
    async fn update_checkins(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord> + Send),
    ) -> Result<Option<CheckinRecord>, StoreError>;

    /// Every check-in due at or before `at` (seconds since the epoch) that nobody has claimed, as
    /// (user, due time), earliest first. One entry per user, however many periods were missed.
    async fn due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError>;

    /// Claims `user`'s check-in due at `due_at` before it is sent: true for exactly one caller,
    /// across threads, processes sharing the backend and restarts; false when it was claimed
    /// already or is no longer due at that time. A claimed check-in is not listed by [`Store::due`].
    async fn claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError>;
}

/// Which stored record an interview was decoded from ([`Store::interview_seen`]): a copy of the
/// record's bytes, or nothing. Plain bytes, so the store's face names no backend's types; copying
/// a record of a few hundred bytes costs far less than the decode it saves.
#[derive(Debug, Clone, Default)]
pub struct Seen(Option<std::sync::Arc<[u8]>>);

thread_local! {
    /// Set while [`block_on`] runs a future on this thread: the thread is its caller's and may
    /// block, so the sled store runs a flush on it rather than handing the flush to its flush
    /// thread and being woken back (src/store/sled/flusher.rs).
    static MAY_BLOCK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True on a thread inside [`block_on`].
pub(crate) fn may_block() -> bool {
    MAY_BLOCK.with(std::cell::Cell::get)
}

/// `.wait()` on a store call: [`block_on`] for a caller with no runtime (the CLI), written where
/// the call is.
pub trait Wait: std::future::Future + Sized {
    fn wait(self) -> Self::Output {
        block_on(self)
    }
}

impl<F: std::future::Future> Wait for F {}

/// Runs `future` to completion on this thread: how a caller without a runtime (the terminal chat,
/// the CLI, a test) calls the store. The thread sleeps until the flush thread wakes it.
///
/// The future runs outside tokio's cooperative budget: on a thread inside a runtime (a bench's
/// harness), the budget a runtime leaves there would run out after some hundred polls of the
/// flush's one-shot and never be refilled, since this loop never yields to the runtime, and the
/// one-shot would answer "not yet" forever (tests/store/sled_backend.rs,
/// `block_on_inside_a_tokio_runtime_completes_a_confirmed_write`).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::future::Future;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }

    /// Restores what the thread was before, for a block_on inside a block_on.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            MAY_BLOCK.with(|may| may.set(self.0));
        }
    }
    let _restore = Restore(MAY_BLOCK.with(|may| may.replace(true)));

    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(tokio::task::unconstrained(future));
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(value) => return value,
            Poll::Pending => std::thread::park(),
        }
    }
}
