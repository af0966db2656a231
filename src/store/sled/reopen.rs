//! A sled store that reopens itself after a failed write, so a full disk (or an I/O error) passes
//! without a restart.
//!
//! Once one of its writes fails (ENOSPC, EIO), sled 0.34 keeps the error and fails every later
//! call, reads included, for as long as the process lives: with the disk filled mid-chat, every
//! input got "Something went wrong", and still did after space was freed (0 of 3 answers), while
//! a fresh process worked. So on an I/O error this drops its [`SledStore`] and opens the folder
//! again at the next call (and at each call after, until it opens), as a fresh process would, once
//! the calls still using the old one have returned: sled's recovery then reads back what is on
//! disk. Nothing failed was confirmed (a write is confirmed only by the fsync after it), so a
//! write torn by the failure is no loss; the damage check on open (`check.rs`) is skipped for
//! this reopen for that reason, since it would take that torn, unconfirmed tail for damage.
//! Meanwhile every call fails at once with the error, which the fronts show as their friendly
//! line.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tracing::{info, warn};

use super::SledStore;
use crate::advisor::checkin::CheckinRecord;
use crate::advisor::Interview;
use crate::store::{Assessment, Seen, Settings, Store, StoreError, Update, UserData, UserId};

/// A [`SledStore`] that reopens itself after an I/O error (see the module docs).
pub struct Reopening {
    path: PathBuf,
    /// The store in use; None after an I/O error until it is open again.
    current: RwLock<Option<Arc<SledStore>>>,
    /// Held while opening it again, so that one call at a time tries.
    reopening: Mutex<()>,
}

impl std::fmt::Debug for Reopening {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reopening")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Reopening {
    /// Opens the store at `path` as [`SledStore::open`] does.
    pub fn open(path: &std::path::Path) -> Result<Reopening, StoreError> {
        let store = SledStore::open(path)?;
        Ok(Reopening {
            path: path.to_path_buf(),
            current: RwLock::new(Some(Arc::new(store))),
            reopening: Mutex::new(()),
        })
    }

    /// The store to use: the open one, or one opened again now if the last failed (one call at a
    /// time tries, each time until it opens: a failed try costs one open, cut short by the same
    /// cause); else the error the fronts report.
    fn store(&self) -> Result<Arc<SledStore>, StoreError> {
        if let Some(store) = &*self.current.read().unwrap_or_else(PoisonError::into_inner) {
            return Ok(Arc::clone(store));
        }
        let _turn = self.reopening.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(store) = &*self.current.read().unwrap_or_else(PoisonError::into_inner) {
            return Ok(Arc::clone(store));
        }
        // Opened with no lock of `current` held: calls still finishing on the old store take it
        // in `after`, and until they are done the open finds the store in use (Locked).
        match SledStore::open_unchecked(&self.path) {
            Ok(store) => {
                info!(path = %store.shown, "the store was opened again after a failed write");
                let store = Arc::new(store);
                *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&store));
                Ok(store)
            }
            Err(err) => Err(StoreError::Io(format!(
                "the store is recovering from a failed write and could not be opened again yet ({err})"
            ))),
        }
    }

    /// Passes `result` on; an I/O error drops the store, to be opened again by the next call.
    fn after<T>(&self, used: Arc<SledStore>, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if let Err(StoreError::Io(why)) = &result {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            if current.as_ref().is_some_and(|now| Arc::ptr_eq(now, &used)) {
                warn!(path = %used.shown, error = %why, "a write failed; the store will be opened again");
                *current = None;
            }
        }
        result
    }
}

/// Each call: the store in use, the call, then [`Reopening::after`].
macro_rules! through {
    ($self:ident, |$store:ident| $call:expr) => {{
        let $store = $self.store()?;
        let result = $call;
        $self.after($store, result)
    }};
}

#[async_trait::async_trait]
impl Store for Reopening {
    async fn load(&self, user: &UserId) -> Result<UserData, StoreError> {
        through!(self, |store| store.load(user).await)
    }

    async fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        through!(self, |store| store.interview(user).await)
    }

    async fn interview_seen(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        through!(self, |store| store.interview_seen(user).await)
    }

    async fn update_seen(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        through!(self, |store| store.update_seen(user, read, seen, change).await)
    }

    async fn update(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        through!(self, |store| store.update(user, change).await)
    }

    async fn add_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        through!(self, |store| store.add_assessment(user, assessment).await)
    }

    async fn save_settings(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        through!(self, |store| store.save_settings(user, settings).await)
    }

    async fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        through!(self, |store| store.export(user).await)
    }

    async fn forget(&self, user: &UserId) -> Result<usize, StoreError> {
        through!(self, |store| store.forget(user).await)
    }

    async fn flush(&self) -> Result<(), StoreError> {
        through!(self, |store| store.flush().await)
    }

    async fn users(&self) -> Result<Vec<UserId>, StoreError> {
        through!(self, |store| store.users().await)
    }

    async fn checkins(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError> {
        through!(self, |store| store.checkins(user).await)
    }

    async fn update_checkins(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord> + Send),
    ) -> Result<Option<CheckinRecord>, StoreError> {
        through!(self, |store| store.update_checkins(user, change).await)
    }

    async fn due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        through!(self, |store| store.due(at).await)
    }

    async fn claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        through!(self, |store| store.claim(user, due_at).await)
    }
}
