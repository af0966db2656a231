//! The sled backend.
//!
//! Records are laid out as [`super::record`] describes. Every mutating call returns only after a
//! `flush` of sled that started after its write; concurrent writers share flushes (group commit,
//! see [`GroupFlush`]).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use tracing::{debug, warn};

use super::record::{self, Kind};
use super::{Assessment, Settings, Store, StoreError, UserData, UserId, MAX_ASSESSMENTS};
use crate::advisor::Interview;

#[path = "sled_checkins.rs"]
mod checkins;

/// Per-user records in a sled database.
pub struct SledStore {
    // Field order matters: `db` is dropped before `_registration` marks the path closed.
    db: sled::Db,
    /// The path as given, for messages.
    shown: String,
    group: GroupFlush,
    /// Striped per-user locks for [`Store::update_interview`] (see there).
    turns: Box<[Mutex<()>]>,
    _registration: Registration,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("path", &self.shown)
            .finish_non_exhaustive()
    }
}

/// Databases this process has opened: true while a [`SledStore`] holds it, false once dropped.
///
/// sled releases its file lock some moments after the last handle is dropped (background threads
/// and deferred frees still hold the file). A lock failure on a path this process itself closed is
/// that delay, and `open` waits it out briefly; on any other path it is another process, and
/// `open` reports [`StoreError::Locked`] at once. A second `open` of a path this process holds is
/// refused the same way.
static OPENED: Mutex<BTreeMap<PathBuf, bool>> = Mutex::new(BTreeMap::new());

/// How long `open` waits for this process's own, just-released lock.
const REOPEN_WAIT: Duration = Duration::from_secs(5);

/// How many locks the users' interview writers are spread over.
const TURN_STRIPES: usize = 64;

/// Which of `stripes` locks guards `key`.
fn stripe(key: &[u8], stripes: usize) -> usize {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    (hasher.finish() % stripes as u64) as usize
}

fn opened() -> MutexGuard<'static, BTreeMap<PathBuf, bool>> {
    OPENED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What identifies a database folder in [`OPENED`].
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Marks a path closed in [`OPENED`] when the store is dropped.
struct Registration(PathBuf);

impl Drop for Registration {
    fn drop(&mut self) {
        opened().insert(self.0.clone(), false);
    }
}

fn is_lock_error(err: &sled::Error) -> bool {
    match err {
        sled::Error::Io(io) => {
            io.kind() == io::ErrorKind::WouldBlock || io.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

/// What a failure to open means for the user.
fn open_error(err: sled::Error, shown: &str) -> StoreError {
    let path = shown.to_owned();
    match err {
        e if is_lock_error(&e) => StoreError::Locked { path },
        sled::Error::Io(io) if matches!(io.kind(), io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData) => {
            StoreError::Corrupt {
                path,
                detail: io.to_string(),
            }
        }
        sled::Error::Io(io) => StoreError::Unreadable {
            path,
            detail: io.to_string(),
        },
        sled::Error::Corruption { at, .. } => StoreError::Corrupt {
            path,
            detail: match at {
                Some(at) => format!("damaged data at {at:?}"),
                None => "damaged data".to_owned(),
            },
        },
        sled::Error::ReportableBug(detail) => StoreError::Corrupt { path, detail },
        other => StoreError::Unreadable {
            path,
            detail: other.to_string(),
        },
    }
}

impl SledStore {
    /// Opens (or creates) the database in the folder `path`.
    ///
    /// Errors: [`StoreError::Locked`] if another process (or another `SledStore` of this process)
    /// has it open, [`StoreError::Unreadable`] if the folder cannot be used (a file in its place,
    /// permissions), [`StoreError::Corrupt`] if sled finds damaged data. Nothing is deleted or
    /// rewritten to recover.
    pub fn open(path: &Path) -> Result<SledStore, StoreError> {
        let shown = path.display().to_string();
        match fs::metadata(path) {
            Ok(meta) if !meta.is_dir() => {
                return Err(StoreError::Unreadable {
                    path: shown,
                    detail: "it is a file, not a folder".to_owned(),
                })
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StoreError::Unreadable {
                    path: shown,
                    detail: e.to_string(),
                })
            }
        }

        // Held across the open, so that two threads cannot both open one path.
        let mut opened = opened();
        let reopening = match opened.get(&identity(path)) {
            Some(true) => {
                debug!(path = %shown, "database already open in this process");
                return Err(StoreError::Locked { path: shown });
            }
            Some(false) => true,
            None => false,
        };
        let deadline = Instant::now() + REOPEN_WAIT;
        let mut pause = Duration::from_millis(1);
        let db = loop {
            let attempt = panic::catch_unwind(AssertUnwindSafe(|| sled::Config::new().path(path).open()));
            match attempt {
                Ok(Ok(db)) => break db,
                Ok(Err(e)) if reopening && is_lock_error(&e) && Instant::now() < deadline => {
                    // Our own lock, still being released by sled: wait a little and retry.
                    thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Ok(Err(e)) => {
                    let err = open_error(e, &shown);
                    warn!(path = %shown, error = %err, "could not open the database");
                    return Err(err);
                }
                Err(panic) => {
                    let detail = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_else(|| "sled failed while reading it".to_owned());
                    warn!(path = %shown, "sled panicked opening the database");
                    return Err(StoreError::Corrupt { path: shown, detail });
                }
            }
        };
        let id = identity(path);
        opened.insert(id.clone(), true);
        drop(opened);
        debug!(path = %shown, recovered = db.was_recovered(), "database open");
        let turns = (0..TURN_STRIPES).map(|_| Mutex::new(())).collect();
        Ok(SledStore {
            db,
            shown,
            group: GroupFlush::default(),
            turns,
            _registration: Registration(id),
        })
    }

    /// Like [`Store::load`], but also hands back the assessment records it skipped because they
    /// could not be read (each a [`StoreError::BadRecord`] or [`StoreError::NewerSchema`]).
    /// `load` logs those and returns the rest.
    ///
    /// The interview and the settings are single records a front acts on, so a failure to read
    /// either is returned as the error rather than skipped. Keys of kinds this build does not know
    /// are ignored.
    pub fn load_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        let prefix = record::user_prefix(user);
        let mut data = UserData::default();
        let mut skipped = Vec::new();
        for item in self.db.scan_prefix(&prefix) {
            let (key, value) = item.map_err(|e| self.db_error(e))?;
            let kind = Kind::of(&prefix, &key);
            match &kind {
                Kind::Interview => data.interview = Some(record::decode(user, &kind.label(), &value)?),
                Kind::Settings => data.settings = record::decode(user, &kind.label(), &value)?,
                Kind::Assessment { .. } => match record::decode::<Assessment>(user, &kind.label(), &value) {
                    Ok(assessment) => data.assessments.push(assessment),
                    Err(e) => skipped.push(e),
                },
                Kind::Checkins | Kind::CheckinDue { .. } => {}
                Kind::Other(_) => {
                    debug!(user = %user, key = %kind.label(), "ignoring a record of unknown kind")
                }
            }
        }
        Ok((data, skipped))
    }

    /// The underlying sled database, for tests and repair tools that need the raw keys and bytes
    /// (see [`record`] for the layout). Writes through it bypass the record checks and are not
    /// durable until [`Store::flush`].
    #[doc(hidden)]
    pub fn raw_db(&self) -> &sled::Db {
        &self.db
    }

    fn db_error(&self, err: sled::Error) -> StoreError {
        match err {
            sled::Error::Corruption { .. } | sled::Error::ReportableBug(_) => StoreError::Corrupt {
                path: self.shown.clone(),
                detail: err.to_string(),
            },
            other => StoreError::Io(other.to_string()),
        }
    }

    /// Notes a write that has completed and returns once it is on disk.
    fn written(&self) -> Result<(), StoreError> {
        let seq = self.group.note_write();
        self.group
            .wait_durable(seq, || self.db.flush())
            .map_err(|e| self.db_error(e))
    }
}

impl Store for SledStore {
    fn load(&self, user: &UserId) -> Result<UserData, StoreError> {
        let (data, skipped) = self.load_with_skipped(user)?;
        for err in &skipped {
            // The error names the user, the key and the kind of problem, never the stored text.
            warn!(user = %user, error = %err, "skipped an assessment that could not be read");
        }
        debug!(user = %user, assessments = data.assessments.len(), skipped = skipped.len(), "loaded");
        Ok(data)
    }

    fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        let key = record::interview_key(user);
        match self.db.get(&key).map_err(|e| self.db_error(e))? {
            Some(bytes) => Ok(Some(record::decode(user, &Kind::Interview.label(), &bytes)?)),
            None => Ok(None),
        }
    }

    fn update_interview(
        &self,
        user: &UserId,
        change: &mut dyn FnMut(Option<Interview>) -> Option<Interview>,
    ) -> Result<Option<Interview>, StoreError> {
        let key = record::interview_key(user);
        let label = Kind::Interview.label();
        // Writers of one user take turns here, so that under contention they do not each decode,
        // change and encode only to lose the swap. The swap below still decides: it catches any
        // write that does not go through this lock. The lock is released before waiting for the
        // flush, so writers of one user still share flushes.
        let turn = self.turns[stripe(&key, self.turns.len())]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
        let mut attempts = 0u32;
        let next = loop {
            attempts += 1;
            // A record this build cannot read (newer or damaged) is never written over.
            let current: Option<Interview> = match &stored {
                Some(bytes) => Some(record::decode(user, &label, bytes)?),
                None => None,
            };
            let next = change(current);
            let new_bytes = next.as_ref().map(record::encode);
            if new_bytes.as_deref() == stored.as_deref() {
                // Nothing to write; what was read may still be another writer's unflushed write.
                drop(turn);
                let seq = self.group.current();
                self.group
                    .wait_durable(seq, || self.db.flush())
                    .map_err(|e| self.db_error(e))?;
                return Ok(next);
            }
            match self
                .db
                .compare_and_swap(&key, stored, new_bytes)
                .map_err(|e| self.db_error(e))?
            {
                Ok(()) => break next,
                Err(conflict) => stored = conflict.current,
            }
        };
        drop(turn);
        self.written()?;
        debug!(user = %user, attempts, deleted = next.is_none(), "interview updated");
        Ok(next)
    }

    /// Records the assessment, then folds the oldest into the next while more than
    /// [`MAX_ASSESSMENTS`] are kept (one batch each: the summary lands with the removal or not at
    /// all). An oldest that cannot be read is left where it is rather than lost.
    fn add_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        let seq = self.db.generate_id().map_err(|e| self.db_error(e))?;
        let key = record::assessment_key(user, assessment.at, seq);
        self.db
            .insert(key, record::encode(assessment))
            .map_err(|e| self.db_error(e))?;
        let prefix = record::assessments_prefix(user);
        let mut kept = self.db.scan_prefix(&prefix).count();
        while kept > MAX_ASSESSMENTS {
            let mut oldest = self.db.scan_prefix(&prefix);
            let (Some(first), Some(second)) = (oldest.next(), oldest.next()) else {
                break;
            };
            let ((first_key, first_value), (second_key, second_value)) = (
                first.map_err(|e| self.db_error(e))?,
                second.map_err(|e| self.db_error(e))?,
            );
            let label = Kind::of(&record::user_prefix(user), &first_key).label();
            let decoded = record::decode::<Assessment>(user, &label, &first_value)
                .and_then(|a| Ok((a, record::decode::<Assessment>(user, &label, &second_value)?)));
            let (folded, mut next) = match decoded {
                Ok(pair) => pair,
                Err(err) => {
                    warn!(user = %user, error = %err, "an old assessment could not be read; kept, not folded");
                    break;
                }
            };
            super::fold_into(&folded, &mut next);
            let mut batch = sled::Batch::default();
            batch.remove(first_key);
            batch.insert(second_key, record::encode(&next));
            self.db.apply_batch(batch).map_err(|e| self.db_error(e))?;
            kept -= 1;
        }
        self.written()?;
        debug!(user = %user, at = assessment.at, seq, "assessment added");
        Ok(())
    }

    /// Replaces the settings. Settings written by a newer version are refused
    /// ([`StoreError::NewerSchema`]) and left as they are, since they may hold choices this build
    /// does not know; a damaged settings record is replaced (the new value is complete).
    fn save_settings(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        let key = record::settings_key(user);
        let label = Kind::Settings.label();
        let new_bytes = record::encode(settings);
        loop {
            let stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
            if let Some(bytes) = &stored {
                match record::decode::<Settings>(user, &label, bytes) {
                    Ok(_) => {}
                    Err(e @ StoreError::NewerSchema { .. }) => return Err(e),
                    Err(e) => warn!(user = %user, error = %e, "replacing unreadable settings"),
                }
            }
            match self
                .db
                .compare_and_swap(&key, stored, Some(new_bytes.clone()))
                .map_err(|e| self.db_error(e))?
            {
                Ok(()) => break,
                Err(_) => continue,
            }
        }
        self.written()?;
        debug!(user = %user, "settings saved");
        Ok(())
    }

    /// Every record of `user`, as:
    ///
    /// ```json
    /// {
    ///   "user": "local:ann",
    ///   "schema_version": 1,
    ///   "records": [
    ///     {"key": "assessment/1700000000/12", "v": 1, "value": {"at": 1700000000, ...}},
    ///     {"key": "interview", "v": 1, "value": {"answers": {...}, ...}},
    ///     {"key": "settings", "v": 1, "value": {"share_by_default": false}},
    ///     {"key": "assessment/1700000100/13", "error": "JSON cut short ...", "raw": "{\"v\":1,\"da"}
    ///   ]
    /// }
    /// ```
    ///
    /// One entry per stored key, in key order (assessments oldest first, then the interview, then
    /// the settings; keys of kinds this build does not know as `other/...`). `key` is named as in
    /// [`Kind::label`]; `v` is the record's schema version and `value` its data as stored (also for
    /// a version newer than this build's). A record whose envelope cannot be parsed is listed with
    /// `error` and its bytes as text in `raw` (invalid UTF-8 replaced), so nothing kept is left out.
    fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        let prefix = record::user_prefix(user);
        let mut records = Vec::new();
        for item in self.db.scan_prefix(&prefix) {
            let (key, value) = item.map_err(|e| self.db_error(e))?;
            let label = Kind::of(&prefix, &key).label();
            records.push(match record::open_envelope(&value) {
                Ok((v, data)) => json!({ "key": label, "v": v, "value": data }),
                Err(error) => {
                    json!({ "key": label, "error": error, "raw": String::from_utf8_lossy(&value) })
                }
            });
        }
        debug!(user = %user, records = records.len(), "exported");
        Ok(json!({ "user": user.0, "schema_version": record::SCHEMA_VERSION, "records": records }))
    }

    /// Deletes every key under `user`'s prefix in one batch. A write racing with `forget` may land
    /// before or after it.
    fn forget(&self, user: &UserId) -> Result<usize, StoreError> {
        let mut batch = sled::Batch::default();
        let mut count = 0;
        for key in self.db.scan_prefix(record::user_prefix(user)).keys() {
            batch.remove(key.map_err(|e| self.db_error(e))?);
            count += 1;
        }
        if count > 0 {
            self.db.apply_batch(batch).map_err(|e| self.db_error(e))?;
            self.written()?;
        }
        debug!(user = %user, records = count, "forgotten");
        Ok(count)
    }

    fn flush(&self) -> Result<(), StoreError> {
        let seq = self.group.current();
        self.group
            .flush_now(seq, || self.db.flush())
            .map_err(|e| self.db_error(e))
    }

    /// One seek per user: after a user's first key, the scan skips past all of that user's keys.
    fn users(&self) -> Result<Vec<UserId>, StoreError> {
        let mut users = Vec::new();
        let mut from = record::all_users_prefix().to_vec();
        loop {
            let next = self.db.range(from.as_slice()..).keys().next();
            let key = match next {
                None => break,
                Some(key) => key.map_err(|e| self.db_error(e))?,
            };
            if !key.starts_with(record::all_users_prefix()) {
                break;
            }
            match record::split_user(&key) {
                Some((user, past)) => {
                    users.push(user);
                    from = past;
                }
                None => {
                    // Not a key of this layout: step over it.
                    warn!("skipping a key outside the record layout");
                    from = key.to_vec();
                    from.push(0);
                }
            }
        }
        Ok(users)
    }

    fn checkins(&self, user: &UserId) -> Result<Option<crate::advisor::checkin::CheckinRecord>, StoreError> {
        self.checkins_load(user)
    }

    fn update_checkins(
        &self,
        user: &UserId,
        change: &mut dyn FnMut(
            Option<crate::advisor::checkin::CheckinRecord>,
        ) -> Option<crate::advisor::checkin::CheckinRecord>,
    ) -> Result<Option<crate::advisor::checkin::CheckinRecord>, StoreError> {
        self.checkins_update(user, change)
    }

    fn due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        self.checkins_due(at)
    }

    fn claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        self.checkins_claim(user, due_at)
    }
}

/// Group commit: writers share flushes instead of each paying for one.
///
/// Each completed write takes the next sequence number ([`GroupFlush::note_write`]), then waits
/// until `flushed` reaches it. A waiter that finds no flush running becomes the leader: it notes
/// the newest sequence number written (all those writes are complete, since numbers are taken after
/// the write), flushes, publishes that number as `flushed` and wakes everyone. A waiter whose
/// number a running flush may not cover waits for it to finish and then checks again, leading the
/// next flush if needed. A failed flush is reported to its leader; the others try again themselves.
#[derive(Default)]
pub(crate) struct GroupFlush {
    state: Mutex<FlushState>,
    done: Condvar,
}

#[derive(Default)]
struct FlushState {
    /// The newest sequence number handed out (every write numbered up to it has completed).
    written: u64,
    /// Every write numbered up to this is on disk.
    flushed: u64,
    /// A leader is flushing.
    flushing: bool,
}

/// Clears `flushing` and wakes the waiters when the leader is done, even if the flush panicked.
struct Leading<'a> {
    group: &'a GroupFlush,
    covers: Option<u64>,
}

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        let mut state = self.group.lock();
        state.flushing = false;
        if let Some(target) = self.covers {
            state.flushed = state.flushed.max(target);
        }
        drop(state);
        self.group.done.notify_all();
    }
}

impl GroupFlush {
    fn lock(&self) -> MutexGuard<'_, FlushState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Numbers a write that has completed.
    pub(crate) fn note_write(&self) -> u64 {
        let mut state = self.lock();
        state.written += 1;
        state.written
    }

    /// The newest sequence number handed out.
    pub(crate) fn current(&self) -> u64 {
        self.lock().written
    }

    /// Returns once write `seq` is flushed, leading a flush with `flush` if none is running.
    pub(crate) fn wait_durable<E>(&self, seq: u64, flush: impl Fn() -> Result<usize, E>) -> Result<(), E> {
        let mut state = self.lock();
        loop {
            if state.flushed >= seq {
                return Ok(());
            }
            if state.flushing {
                state = self.done.wait(state).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            state.flushing = true;
            let target = state.written;
            drop(state);
            let mut leading = Leading {
                group: self,
                covers: None,
            };
            flush()?;
            leading.covers = Some(target);
            drop(leading);
            state = self.lock();
        }
    }

    /// Flushes even if every numbered write is known to be on disk (for shutdown), and publishes
    /// that writes up to `seq` are.
    fn flush_now<E>(&self, seq: u64, flush: impl Fn() -> Result<usize, E>) -> Result<(), E> {
        flush()?;
        let mut state = self.lock();
        state.flushed = state.flushed.max(seq);
        drop(state);
        self.done.notify_all();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::GroupFlush;

    /// A fake disk: `flush` makes durable everything written before it started.
    #[derive(Default)]
    struct Disk {
        written: AtomicU64,
        durable: AtomicU64,
        flushes: AtomicUsize,
        fail_next: AtomicBool,
    }

    impl Disk {
        fn flush(&self) -> Result<usize, &'static str> {
            let upto = self.written.load(Ordering::SeqCst);
            self.flushes.fetch_add(1, Ordering::SeqCst);
            if self.fail_next.swap(false, Ordering::SeqCst) {
                return Err("disk full");
            }
            self.durable.fetch_max(upto, Ordering::SeqCst);
            Ok(0)
        }
    }

    #[test]
    fn every_waiter_returns_only_after_a_flush_that_covers_its_write() {
        let group = Arc::new(GroupFlush::default());
        let disk = Arc::new(Disk::default());
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let (group, disk) = (group.clone(), disk.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let mine = disk.written.fetch_add(1, Ordering::SeqCst) + 1;
                        let seq = group.note_write();
                        group.wait_durable(seq, || disk.flush()).unwrap();
                        assert!(disk.durable.load(Ordering::SeqCst) >= mine);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(disk.durable.load(Ordering::SeqCst), 16 * 200);
        assert!(disk.flushes.load(Ordering::SeqCst) <= 16 * 200);
    }

    #[test]
    fn a_failed_flush_is_reported_to_its_leader_and_a_retry_covers_the_write() {
        let group = GroupFlush::default();
        let disk = Disk::default();
        disk.written.store(1, Ordering::SeqCst);
        let seq = group.note_write();
        disk.fail_next.store(true, Ordering::SeqCst);
        assert_eq!(group.wait_durable(seq, || disk.flush()), Err("disk full"));
        assert_eq!(disk.durable.load(Ordering::SeqCst), 0);
        assert_eq!(group.wait_durable(seq, || disk.flush()), Ok(()));
        assert_eq!(disk.durable.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_write_already_flushed_costs_no_flush() {
        let group = GroupFlush::default();
        let disk = Disk::default();
        let seq = group.note_write();
        group.wait_durable(seq, || disk.flush()).unwrap();
        group.wait_durable(seq, || disk.flush()).unwrap();
        assert_eq!(disk.flushes.load(Ordering::SeqCst), 1);
    }
}
