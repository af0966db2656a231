//! The sled backend.
//!
//! Records are laid out as [`crate::store::record`] describes. Every mutating call returns only after a
//! flush of sled *and an fsync of its files* that started after its write; concurrent writers
//! share them (group commit on one thread, see [`Flusher`]).
//!
//! # Why the fsync
//!
//! On Linux, sled 0.34.7's `flush` ends in `sync_file_range`, which writes the pages out but
//! neither flushes the drive's cache nor the file's metadata, and sled never fsyncs a directory.
//! That survives a killed process, not a power cut. So after each group flush the flush thread
//! fsyncs sled's data file (`db`) and any new blob file (sled writes values too big for a
//! segment to `blobs/` and never syncs them), and a database created by [`SledStore::open`] has
//! its folder and the folder's parent fsynced once, so its files' names survive too.
//!
//! # Seeing only what is durable
//!
//! Every write of a user happens under that user's lock (one of [`TURN_STRIPES`]), which also
//! keeps the sequence number of the newest write made under it. A read takes the same lock, and
//! before returning waits for that number's flush: so no reply shows state (a next question, a
//! review) that a power cut could still take away, even when another click wrote it a moment ago.
//! [`Store::forget`] takes the lock too, so nothing of the user's that was in flight lands after
//! it.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;
use tracing::{debug, warn};

use super::record::{self, Kind};
use super::{Assessment, Seen, Settings, Store, StoreError, Update, UserData, UserId, MAX_ASSESSMENTS};
use crate::advisor::Interview;
use flusher::{FlushFailed, Flusher};

mod check;
mod checkins;
mod flusher;
mod reopen;

pub use reopen::Reopening;

/// Per-user records in a sled database.
pub struct SledStore {
    // Field order matters: the flusher is dropped first (it flushes what is pending and stops its
    // thread, which holds a handle of `db`), then `db`, then `_registration` marks the path closed.
    flusher: Flusher,
    db: sled::Db,
    /// The path as given, for messages.
    shown: String,
    /// Striped per-user locks: every write and read of a user takes its user's (see the module
    /// docs). Each holds the sequence number of the newest write made under it.
    turns: Box<[Mutex<u64>]>,
    /// Interviews as last written, decoded ([`Kept`]).
    kept: KeptSlots,
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

/// How many locks the users' records are spread over. A read waits for the newest write under
/// its lock, which may be another user's: enough stripes that two users active at once rarely share.
const TURN_STRIPES: usize = 1024;

/// How many interviews are kept decoded ([`KeptSlots`]).
const KEPT_SLOTS: usize = 64;

/// An interview as the store last wrote it, kept decoded beside the exact bytes it was stored
/// as: an owner's next answer reads those very bytes back and finds their interview here instead
/// of decoding it again (decompressing and parsing a finished interview takes about 15 µs, a
/// clone 3 µs). Used only while the record is still those very bytes, and the same bytes always
/// decode to the same interview, so a kept interview is never stale, whatever writes around it.
struct Kept {
    key: Vec<u8>,
    bytes: sled::IVec,
    interview: Interview,
}

impl Kept {
    /// Whether this was kept for `key` from the bytes `stored` (the record under `key` now).
    fn is_from(&self, key: &[u8], stored: &Option<sled::IVec>) -> bool {
        self.key == key && stored.as_ref() == Some(&self.bytes)
    }
}

/// A few slots of [`Kept`] interviews, by the user's lock stripe: the owners answering right now
/// are served from memory, and the memory stays a few hundred KiB whatever the number of users
/// (one a stripe made the bench's 10,000 interviews in progress take 3 MiB more at their peak).
/// Each slot's lock is held only to look or to put, never across other work.
struct KeptSlots(Box<[Mutex<Option<Kept>>]>);

impl KeptSlots {
    fn new() -> KeptSlots {
        KeptSlots((0..KEPT_SLOTS).map(|_| Mutex::new(None)).collect())
    }

    fn slot(&self, stripe: usize) -> MutexGuard<'_, Option<Kept>> {
        self.0[stripe % self.0.len()]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The interview kept for `key`, if `stored` (its record now) is what it was kept from.
    fn get(&self, stripe: usize, key: &[u8], stored: &Option<sled::IVec>) -> Option<Interview> {
        let slot = self.slot(stripe);
        let kept = slot.as_ref().filter(|kept| kept.is_from(key, stored))?;
        Some(kept.interview.clone())
    }

    /// As [`KeptSlots::get`], but taken out of its slot rather than cloned: for a change, whose
    /// result is kept in its place once written.
    fn take(&self, stripe: usize, key: &[u8], stored: &Option<sled::IVec>) -> Option<Interview> {
        let kept = self.slot(stripe).take_if(|kept| kept.is_from(key, stored))?;
        Some(kept.interview)
    }

    /// Keeps what was just written under `key`: an interview and its bytes, or nothing (deleted).
    fn put(&self, stripe: usize, key: &[u8], written: Option<(sled::IVec, Interview)>) {
        let mut slot = self.slot(stripe);
        match written {
            Some((bytes, interview)) => {
                *slot = Some(Kept {
                    key: key.to_vec(),
                    bytes,
                    interview,
                })
            }
            None => Self::clear(&mut slot, key),
        }
    }

    /// Drops what is kept for `key` (a user forgotten keeps nothing, in memory either).
    fn forget(&self, stripe: usize, key: &[u8]) {
        Self::clear(&mut self.slot(stripe), key);
    }

    fn clear(slot: &mut Option<Kept>, key: &[u8]) {
        if slot.as_ref().is_some_and(|kept| kept.key == key) {
            *slot = None;
        }
    }
}

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

/// Whether sled failed to open the database at `path` because another holds its lock. sled
/// 0.34 reports a lock it cannot take as an `Other` io error with words of its own; rather than
/// read them, an `Other` error is checked by trying the same lock (fs2's exclusive lock on the
/// data file, as sled takes it): held elsewhere, it fails with `WouldBlock`. Taken here, it is
/// released at once (the file is closed).
fn is_lock_error(err: &sled::Error, path: &Path) -> bool {
    use fs2::FileExt;
    match err {
        sled::Error::Io(io) if io.kind() == io::ErrorKind::WouldBlock => true,
        sled::Error::Io(io) if io.kind() == io::ErrorKind::Other => File::open(path.join("db")).is_ok_and(|file| {
            file.try_lock_exclusive()
                .is_err_and(|e| e.kind() == io::ErrorKind::WouldBlock)
        }),
        _ => false,
    }
}

/// What a failure to open means for the user.
fn open_error(err: sled::Error, shown: &str, path: &Path) -> StoreError {
    let at = shown.to_owned();
    match err {
        e if is_lock_error(&e, path) => StoreError::Locked { at },
        sled::Error::Io(io) if matches!(io.kind(), io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData) => {
            StoreError::Corrupt {
                at,
                detail: io.to_string(),
            }
        }
        sled::Error::Io(io) => StoreError::Unreadable {
            at,
            detail: io.to_string(),
        },
        sled::Error::Corruption { at: offset, .. } => StoreError::Corrupt {
            at,
            detail: match offset {
                Some(offset) => format!("damaged data at {offset:?}"),
                None => "damaged data".to_owned(),
            },
        },
        sled::Error::ReportableBug(detail) => StoreError::Corrupt { at, detail },
        other => StoreError::Unreadable {
            at,
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
    /// rewritten to recover: an existing database is opened as a copy first, and refused
    /// untouched if sled's recovery would cut records from it (`check.rs`).
    pub fn open(path: &Path) -> Result<SledStore, StoreError> {
        Self::open_with(path, true)
    }

    /// As [`SledStore::open`], without trying recovery on a copy first: for [`Reopening`], which
    /// opens again a store this process had open until a write of its failed, where a torn tail
    /// left by that write is unconfirmed and no damage.
    fn open_unchecked(path: &Path) -> Result<SledStore, StoreError> {
        Self::open_with(path, false)
    }

    /// Refuses a path that is a file, or that cannot be looked at; a folder, or nothing yet (to be
    /// created), is fine.
    fn is_a_folder_or_nothing(path: &Path, shown: &str) -> Result<(), StoreError> {
        let unreadable = |detail: String| StoreError::Unreadable {
            at: shown.to_owned(),
            detail,
        };
        match fs::metadata(path) {
            Ok(meta) if !meta.is_dir() => Err(unreadable("it is a file, not a folder".to_owned())),
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(unreadable(e.to_string())),
        }
    }

    /// sled's open of `path`, its own flush thread off (ours flushes, and fsyncs, behind every
    /// write). When `reopening` a database this process just closed, sled's lock may still be
    /// being released: the open is tried again, a little later each time, until `deadline`. A
    /// panic in sled's recovery is a damaged database.
    fn open_sled(path: &Path, shown: &str, reopening: bool, deadline: Instant) -> Result<sled::Db, StoreError> {
        let mut pause = Duration::from_millis(1);
        loop {
            let config = sled::Config::new().path(path).flush_every_ms(None);
            let attempt = panic::catch_unwind(AssertUnwindSafe(|| config.open()));
            match attempt {
                Ok(Ok(db)) => return Ok(db),
                Ok(Err(e)) if reopening && is_lock_error(&e, path) && Instant::now() < deadline => {
                    // Our own lock, still being released by sled: wait a little and retry.
                    thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Ok(Err(e)) => {
                    let err = open_error(e, shown, path);
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
                    return Err(StoreError::Corrupt {
                        at: shown.to_owned(),
                        detail,
                    });
                }
            }
        }
    }

    fn open_with(path: &Path, checked: bool) -> Result<SledStore, StoreError> {
        let shown = super::redact(&path.display().to_string());
        Self::is_a_folder_or_nothing(path, &shown)?;

        // Held across the open, so that two threads cannot both open one path.
        let mut opened = opened();
        let reopening = match opened.get(&identity(path)) {
            Some(true) => {
                debug!(path = %shown, "database already open in this process");
                return Err(StoreError::Locked { at: shown });
            }
            Some(false) => true,
            None => false,
        };
        let deadline = Instant::now() + REOPEN_WAIT;
        // A database this call creates gets its folder's entries fsynced once, after the open.
        let creating = !path.join("db").exists();
        if checked && !creating {
            // sled's recovery is tried on a copy first: a database it would cut is left as it is.
            Self::check(path, &shown, reopening, deadline)?;
        }
        let db = Self::open_sled(path, &shown, reopening, deadline)?;
        let mut files = match DataFiles::open(path, creating) {
            Ok(files) => files,
            Err(e) => {
                warn!(path = %shown, error = %e, "could not open the database's files to fsync them");
                return Err(StoreError::Unreadable {
                    at: shown,
                    detail: e.to_string(),
                });
            }
        };
        let id = identity(path);
        opened.insert(id.clone(), true);
        drop(opened);
        debug!(path = %shown, recovered = db.was_recovered(), created = creating, "database open");
        let flushing = db.clone();
        let flusher = Flusher::start("sled-flush", move || -> Result<(), FlushError> {
            flushing.flush()?;
            files.sync().map_err(FlushError::Fsync)
        });
        let turns = (0..TURN_STRIPES).map(|_| Mutex::new(0)).collect();
        Ok(SledStore {
            flusher,
            db,
            shown,
            turns,
            kept: KeptSlots::new(),
            _registration: Registration(id),
        })
    }

    /// Opens a copy of the existing database at `path` as sled would open it, and refuses the
    /// database ([`StoreError::Corrupt`], nothing changed) if the copy's recovery cut records the
    /// original held ([`check::lost`]), or failed. The database's lock is taken while it is copied,
    /// so another process's writes never make a copy look torn: a database in use is
    /// [`StoreError::Locked`] (this process's own, just closed, is waited for until `deadline`).
    fn check(path: &Path, shown: &str, reopening: bool, deadline: Instant) -> Result<(), StoreError> {
        use fs2::FileExt;
        let unreadable = |e: io::Error| StoreError::Unreadable {
            at: shown.to_owned(),
            detail: e.to_string(),
        };
        let data = File::open(path.join("db")).map_err(unreadable)?;
        let mut pause = Duration::from_millis(1);
        while let Err(e) = data.try_lock_exclusive() {
            if !(reopening && Instant::now() < deadline) {
                debug!(path = %shown, error = %e, "database locked by another process");
                return Err(StoreError::Locked { at: shown.to_owned() });
            }
            thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(50));
        }
        let copy = check::copy_of(path).map_err(|e| StoreError::Unreadable {
            at: shown.to_owned(),
            detail: format!("a copy to check it before opening could not be made: {e}"),
        })?;
        // The original's lock is released before sled takes its own.
        drop(data);
        let config = sled::Config::new().path(copy.path()).flush_every_ms(None);
        match panic::catch_unwind(AssertUnwindSafe(|| config.open())) {
            Ok(Ok(db)) => drop(db),
            Ok(Err(e)) => return Err(open_error(e, shown, copy.path())),
            Err(_) => {
                return Err(StoreError::Corrupt {
                    at: shown.to_owned(),
                    detail: "sled failed while reading a copy of it".to_owned(),
                })
            }
        }
        match check::lost(&path.join("db"), &copy.path().join("db"), check::segment_size(path)) {
            Ok(None) => Ok(()),
            Ok(Some(loss)) => {
                let err = StoreError::Corrupt {
                    at: shown.to_owned(),
                    detail: format!(
                        "opening it would lose {} bytes of its data file from byte {} on, where sled's recovery stops at a damaged record",
                        loss.bytes, loss.from
                    ),
                };
                warn!(path = %shown, lost = loss.bytes, from = loss.from, "refused a damaged database; it was not opened");
                Err(err)
            }
            Err(e) => Err(unreadable(e)),
        }
    }

    /// Which of the striped locks is `user`'s.
    fn stripe_of(&self, user: &UserId) -> usize {
        stripe(&record::user_prefix(user), self.turns.len())
    }

    /// Runs `work` under `user`'s lock. `work` returns its value and whether it wrote; a write
    /// is numbered before the lock is released. Returns the value and the number to wait for:
    /// the write's, or (if it wrote nothing) the newest under the lock, which covers anything
    /// `work` read. The lock is never held across an await.
    fn locked<T>(
        &self,
        user: &UserId,
        work: impl FnOnce() -> Result<(T, bool), StoreError>,
    ) -> Result<(T, u64), StoreError> {
        self.locked_at(self.stripe_of(user), work)
    }

    /// As [`SledStore::locked`], given the user's stripe ([`SledStore::stripe_of`]), for a caller
    /// that also needs the stripe for its kept interview and so works it out once.
    fn locked_at<T>(
        &self,
        stripe: usize,
        work: impl FnOnce() -> Result<(T, bool), StoreError>,
    ) -> Result<(T, u64), StoreError> {
        let mut turn = self.turns[stripe].lock().unwrap_or_else(PoisonError::into_inner);
        let (value, wrote) = work()?;
        if wrote {
            *turn = self.flusher.note_write();
        }
        Ok((value, *turn))
    }

    /// Returns once write `seq` (and so everything before it) is on disk, fsync included.
    async fn durable(&self, seq: u64) -> Result<(), StoreError> {
        self.flusher
            .durable(seq)
            .await
            .map_err(|FlushFailed(why)| StoreError::Io(why))
    }

    /// Stops the flush thread until the guard is dropped: for tests that check who waits for a
    /// flush. Nothing written while held is confirmed.
    #[cfg(feature = "testkit")]
    pub fn hold_flushes(&self) -> impl Drop + '_ {
        self.flusher.hold()
    }

    /// Like [`Store::load`], but also hands back the records it skipped because they could not be
    /// read (each a [`StoreError::BadRecord`], or [`StoreError::NewerSchema`] for an assessment).
    /// `load` logs those and returns the rest.
    ///
    /// A damaged interview or settings record is skipped too (read as none, as defaults), so that
    /// its owner can go on: the next write of it sets the damaged bytes aside
    /// ([`record::set_aside_key`]). One written by a newer version is returned as the error, since
    /// going on without it would hide answers that exist. Keys of kinds this build does not know
    /// are ignored.
    pub async fn load_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        let prefix = record::user_prefix(user);
        let mut data = UserData::default();
        let mut skipped = Vec::new();
        let (items, seen) = self.locked(user, || Ok((self.db.scan_prefix(&prefix).collect::<Vec<_>>(), false)))?;
        self.durable(seen).await?;
        for item in items {
            let (key, value) = item.map_err(|e| self.db_error(e))?;
            let kind = Kind::of(&prefix, &key);
            match &kind {
                Kind::Interview => match record::decode(user, &kind.label(), &value) {
                    Ok(interview) => data.interview = Some(interview),
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Settings => match record::decode(user, &kind.label(), &value) {
                    Ok(settings) => data.settings = settings,
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Assessment { .. } => match record::decode::<Assessment>(user, &kind.label(), &value) {
                    Ok(assessment) => data.assessments.push(assessment),
                    Err(e) => skipped.push(e),
                },
                Kind::Checkins | Kind::CheckinDue { .. } | Kind::SetAside { .. } => {}
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
    #[cfg(feature = "testkit")]
    pub fn raw_db(&self) -> &sled::Db {
        &self.db
    }

    /// Records the assessment, then folds the oldest into the next while more than
    /// [`MAX_ASSESSMENTS`] are kept (one batch each: the summary lands with the removal or not at
    /// all). An oldest that cannot be read is left where it is rather than lost. Returns the
    /// assessment's sequence number. The caller holds the user's turn and waits for the flush.
    fn insert_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<u64, StoreError> {
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
            crate::store::fold_into(&folded, &mut next);
            let mut batch = sled::Batch::default();
            batch.remove(first_key);
            batch.insert(second_key, record::encode(&next));
            self.db.apply_batch(batch).map_err(|e| self.db_error(e))?;
            kept -= 1;
        }
        Ok(seq)
    }

    /// Keeps the damaged record `bytes` of `user`'s `kind` under a set-aside key of its own
    /// ([`record::set_aside_key`]), for the export, before the caller writes over it; logs where.
    /// The caller holds the user's turn, and its write's flush covers this one.
    fn set_aside(&self, user: &UserId, kind: &Kind, bytes: sled::IVec, why: &StoreError) -> Result<(), StoreError> {
        let seq = self.db.generate_id().map_err(|e| self.db_error(e))?;
        let aside = record::set_aside_key(user, kind, super::now(), seq);
        let label = Kind::of(&record::user_prefix(user), &aside).label();
        self.db.insert(aside, bytes).map_err(|e| self.db_error(e))?;
        warn!(user = %user, error = %why, set_aside_as = %label, "a record that could not be read was set aside; export shows it");
        Ok(())
    }

    fn db_error(&self, err: sled::Error) -> StoreError {
        match err {
            sled::Error::Corruption { .. } | sled::Error::ReportableBug(_) => StoreError::Corrupt {
                at: self.shown.clone(),
                detail: err.to_string(),
            },
            other => StoreError::Io(other.to_string()),
        }
    }
}

#[async_trait::async_trait]
impl Store for SledStore {
    async fn load(&self, user: &UserId) -> Result<UserData, StoreError> {
        let (data, skipped) = self.load_with_skipped(user).await?;
        for err in &skipped {
            // The error names the user, the key and the kind of problem, never the stored text.
            warn!(user = %user, error = %err, "skipped a record that could not be read");
        }
        debug!(user = %user, assessments = data.assessments.len(), skipped = skipped.len(), "loaded");
        Ok(data)
    }

    async fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        Ok(self.interview_seen(user).await?.0)
    }

    async fn interview_seen(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        let key = record::interview_key(user);
        let stripe = self.stripe_of(user);
        let ((stored, kept), seen) = self.locked_at(stripe, || {
            let stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
            let kept = self.kept.get(stripe, &key, &stored);
            Ok(((stored, kept), false))
        })?;
        // What was read may be another writer's write, not yet on disk: wait for it.
        self.durable(seen).await?;
        match stored {
            Some(bytes) => {
                let interview = match kept.map_or_else(|| record::decode(user, &Kind::Interview.label(), &bytes), Ok) {
                    Ok(interview) => interview,
                    Err(err) if record::is_damaged(&err) => {
                        // Read as none, with no token: the next answer decodes it again, and sets
                        // it aside before writing over it.
                        warn!(user = %user, error = %err, "an interview that cannot be read is passed over; the next answer sets it aside");
                        return Ok((None, Seen::default()));
                    }
                    Err(err) => return Err(err),
                };
                Ok((Some(interview), Seen(Some(bytes.as_ref().into()))))
            }
            None => Ok((None, Seen::default())),
        }
    }

    async fn update(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        self.update_seen(user, &None, &Seen::default(), change).await
    }

    async fn update_seen(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        let key = record::interview_key(user);
        let label = Kind::Interview.label();
        // Writers of one user take turns here, so that under contention they do not each decode,
        // change and encode only to lose the swap, and so that `forget` cannot come between the
        // interview and its assessment. The swap below still decides: it catches any write that
        // does not go through this lock. The lock is released before waiting for the flush, so
        // writers of one user still share flushes.
        let stripe = self.stripe_of(user);
        let ((update, attempts, wrote), seq) = self.locked_at(stripe, || {
            let mut stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
            let mut attempts = 0u32;
            let mut set_aside = false;
            let (update, swapped) = loop {
                attempts += 1;
                // A record this build cannot read (newer or damaged) is never written over.
                // The same bytes decode to the same interview: the caller's copy serves, or the
                // one kept under the lock.
                // A damaged one is set aside, under a key of its own, before it is written over.
                let mut damaged = None;
                let current: Option<Interview> = match &stored {
                    Some(bytes) if seen.0.as_deref() == Some(bytes.as_ref()) => read.clone(),
                    Some(bytes) => match self.kept.take(stripe, &key, &stored) {
                        Some(interview) => Some(interview),
                        None => match record::decode(user, &label, bytes) {
                            Ok(interview) => Some(interview),
                            Err(err) if record::is_damaged(&err) => {
                                damaged = Some((err, bytes.clone()));
                                None
                            }
                            Err(err) => return Err(err),
                        },
                    },
                    None => None,
                };
                let update = change(current);
                let new_bytes = update.interview.as_ref().map(|i| sled::IVec::from(record::encode(i)));
                if new_bytes == stored {
                    break (update, false);
                }
                if let Some((err, bytes)) = damaged {
                    self.set_aside(user, &Kind::Interview, bytes, &err)?;
                    set_aside = true;
                }
                match self
                    .db
                    .compare_and_swap(&key, stored, new_bytes.clone())
                    .map_err(|e| self.db_error(e))?
                {
                    Ok(()) => {
                        self.kept.put(stripe, &key, new_bytes.zip(update.interview.clone()));
                        break (update, true);
                    }
                    Err(conflict) => stored = conflict.current,
                }
            };
            if let Some(assessment) = &update.assessment {
                self.insert_assessment(user, assessment)?;
            }
            // With nothing written, what was read may still be another writer's unflushed write: the
            // newest number under this lock covers it.
            let wrote = swapped || set_aside || update.assessment.is_some();
            Ok(((update, attempts, wrote), wrote))
        })?;
        self.durable(seq).await?;
        debug!(user = %user, attempts, wrote, deleted = update.interview.is_none(), "interview updated");
        Ok(update.interview)
    }

    async fn add_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        let (seq, durable) = self.locked(user, || Ok((self.insert_assessment(user, assessment)?, true)))?;
        self.durable(durable).await?;
        debug!(user = %user, at = assessment.at, seq, "assessment added");
        Ok(())
    }

    /// Replaces the settings. Settings written by a newer version are refused
    /// ([`StoreError::NewerSchema`]) and left as they are, since they may hold choices this build
    /// does not know; a damaged settings record is set aside and replaced (the new value is
    /// complete).
    async fn save_settings(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        let key = record::settings_key(user);
        let label = Kind::Settings.label();
        let new_bytes = record::encode(settings);
        let ((), seq) = self.locked(user, || {
            loop {
                let stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
                if let Some(bytes) = &stored {
                    match record::decode::<Settings>(user, &label, bytes) {
                        Ok(_) => {}
                        Err(e) if record::is_damaged(&e) => self.set_aside(user, &Kind::Settings, bytes.clone(), &e)?,
                        Err(e) => return Err(e),
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
            Ok(((), true))
        })?;
        self.durable(seq).await?;
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
    async fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        let prefix = record::user_prefix(user);
        let mut records = Vec::new();
        let (items, seen) = self.locked(user, || Ok((self.db.scan_prefix(&prefix).collect::<Vec<_>>(), false)))?;
        self.durable(seen).await?;
        for item in items {
            let (key, value) = item.map_err(|e| self.db_error(e))?;
            let label = Kind::of(&prefix, &key).label();
            records.push(record::export_entry(&label, &value));
        }
        debug!(user = %user, records = records.len(), "exported");
        Ok(json!({ "user": user.0, "schema_version": record::SCHEMA_VERSION, "records": records }))
    }

    /// Deletes every key under `user`'s prefix in one batch, under the user's lock: a write of
    /// theirs in flight lands wholly before it (and is deleted) or starts after it returns.
    async fn forget(&self, user: &UserId) -> Result<usize, StoreError> {
        // With nothing left to delete, the newest number under the lock still covers an earlier
        // forget's deletion on its way to disk.
        let stripe = self.stripe_of(user);
        let (count, seq) = self.locked_at(stripe, || {
            self.kept.forget(stripe, &record::interview_key(user));
            let mut batch = sled::Batch::default();
            let mut count = 0;
            for key in self.db.scan_prefix(record::user_prefix(user)).keys() {
                batch.remove(key.map_err(|e| self.db_error(e))?);
                count += 1;
            }
            if count > 0 {
                self.db.apply_batch(batch).map_err(|e| self.db_error(e))?;
            }
            Ok((count, count > 0))
        })?;
        self.durable(seq).await?;
        debug!(user = %user, records = count, "forgotten");
        Ok(count)
    }

    async fn flush(&self) -> Result<(), StoreError> {
        self.flusher.flush_now().map_err(|FlushFailed(why)| StoreError::Io(why))
    }

    /// One seek per user: after a user's first key, the scan skips past all of that user's keys.
    async fn users(&self) -> Result<Vec<UserId>, StoreError> {
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

    async fn checkins(&self, user: &UserId) -> Result<Option<crate::advisor::checkin::CheckinRecord>, StoreError> {
        let (record, seq) = self.locked(user, || Ok((self.checkins_load(user)?, false)))?;
        self.durable(seq).await?;
        Ok(record)
    }

    async fn update_checkins(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(
            Option<crate::advisor::checkin::CheckinRecord>,
        ) -> Option<crate::advisor::checkin::CheckinRecord>
                  + Send),
    ) -> Result<Option<crate::advisor::checkin::CheckinRecord>, StoreError> {
        let (record, seq) = self.locked(user, || Ok((self.checkins_update(user, change)?, true)))?;
        self.durable(seq).await?;
        Ok(record)
    }

    async fn due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        self.checkins_due(at)
    }

    async fn claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        let (won, seq) = self.locked(user, || {
            let won = self.checkins_claim(user, due_at)?;
            Ok((won, won))
        })?;
        self.durable(seq).await?;
        Ok(won)
    }
}

/// Every record still readable in a sled database that may be damaged, read from a copy of it (the
/// database itself is never opened, so it stays byte for byte as it was): what an operator saves
/// from a store [`SledStore::open`] refused. sled's recovery on the copy keeps the log up to its
/// first damaged record, so a record whose only copy lies after it cannot be read back by sled.
pub struct Salvage {
    /// (raw key, stored bytes), in key order.
    records: Vec<(sled::IVec, sled::IVec)>,
}

impl Salvage {
    /// Reads every record of the database folder `path` from a copy of it.
    pub(crate) fn read(path: &Path) -> Result<Salvage, StoreError> {
        let shown = super::redact(&path.display().to_string());
        if !path.join("db").is_file() {
            return Err(StoreError::Unreadable {
                at: shown,
                detail: "there is no sled database in it".to_owned(),
            });
        }
        let copy = check::copy_of(path).map_err(|e| StoreError::Unreadable {
            at: shown.clone(),
            detail: format!("it could not be copied to be read: {e}"),
        })?;
        let config = sled::Config::new().path(copy.path()).flush_every_ms(None);
        let db = match panic::catch_unwind(AssertUnwindSafe(|| config.open())) {
            Ok(Ok(db)) => db,
            Ok(Err(e)) => return Err(open_error(e, &shown, copy.path())),
            Err(_) => {
                return Err(StoreError::Corrupt {
                    at: shown,
                    detail: "sled cannot read even a copy of it".to_owned(),
                })
            }
        };
        let mut records = Vec::new();
        let mut unreadable = 0usize;
        for item in db.iter() {
            match item {
                Ok(record) => records.push(record),
                // A damaged node: what sled can still walk is kept.
                Err(_) => unreadable += 1,
            }
        }
        if unreadable > 0 {
            warn!(path = %shown, unreadable, "some of the copy's records could not be read");
        }
        Ok(Salvage { records })
    }

    /// How many records were read, and of how many users.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let users: BTreeSet<UserId> = self
            .records
            .iter()
            .filter_map(|(key, _)| record::split_user(key).map(|(user, _)| user))
            .collect();
        (self.records.len(), users.len())
    }

    /// Writes every record, byte for byte, into `store` (a new one), and makes them durable.
    pub(crate) fn write_to(&self, store: &SledStore) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for (key, value) in &self.records {
            batch.insert(key.clone(), value.clone());
        }
        store.db.apply_batch(batch).map_err(|e| store.db_error(e))?;
        store
            .flusher
            .flush_now()
            .map_err(|FlushFailed(why)| StoreError::Io(why))
    }

    /// Every user's records as `export` shows them: `{"users": [{"user", "records": [...]}, ...]}`.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut users: BTreeMap<UserId, Vec<serde_json::Value>> = BTreeMap::new();
        for (key, value) in &self.records {
            let Some((user, _)) = record::split_user(key) else {
                continue;
            };
            let label = Kind::of(&record::user_prefix(&user), key).label();
            users.entry(user).or_default().push(record::export_entry(&label, value));
        }
        let users: Vec<_> = users
            .into_iter()
            .map(|(user, records)| json!({ "user": user.0, "records": records }))
            .collect();
        json!({ "schema_version": record::SCHEMA_VERSION, "users": users })
    }
}

/// Why a flush did not make the writes it covered durable: sled's own flush, or the fsync of the
/// database's files and folder after it.
#[derive(Debug, thiserror::Error)]
enum FlushError {
    #[error(transparent)]
    Sled(#[from] sled::Error),
    #[error("fsync failed: {0}")]
    Fsync(#[source] io::Error),
}

/// The files of a sled database that its flush leaves unsynced: the data file, and the blob files.
struct DataFiles {
    data: File,
    blobs: std::path::PathBuf,
    /// Blob files already fsynced.
    synced_blobs: BTreeSet<OsString>,
    /// The blob folder's times and size when it was last listed, if they can tell a change.
    listed: Option<FolderStamp>,
}

/// What a folder's `stat` says of its entries: it changes when a file is added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FolderStamp {
    modified: std::time::SystemTime,
    changed: (i64, i64),
    size: u64,
}

impl FolderStamp {
    /// A folder changed within this of now may change again within the same tick of the file
    /// system's clock and keep its times, so it is listed anyway. Linux stamps a file's times from
    /// the kernel's coarse clock, whose tick is at most 10 ms (HZ ≥ 100): this is ten of them.
    ///
    /// It was a second, which made every flush of a database's first second list the folder (four
    /// calls more than the stat): the one-user durable answer in the load bench, timed entirely
    /// within that second, paid them on every answer (strace: 604 folder listings in 2,000
    /// answers).
    const TOO_RECENT: std::time::Duration = std::time::Duration::from_millis(100);

    fn of(folder: &Path) -> Option<FolderStamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(folder).ok()?;
        let modified = meta.modified().ok()?;
        let settled = std::time::SystemTime::now()
            .duration_since(modified)
            .is_ok_and(|age| age >= Self::TOO_RECENT);
        settled.then(|| FolderStamp {
            modified,
            changed: (meta.ctime(), meta.ctime_nsec()),
            size: meta.size(),
        })
    }
}

impl DataFiles {
    /// Opens the data file sled has just created or opened. `created`: the database is new, so
    /// its folder (and the folder's parent, which got the folder's name) are fsynced once here.
    fn open(path: &Path, created: bool) -> io::Result<DataFiles> {
        let data = File::open(path.join("db"))?;
        let blobs = path.join("blobs");
        if created {
            data.sync_all()?;
            for file in ["conf"] {
                if let Ok(file) = File::open(path.join(file)) {
                    file.sync_all()?;
                }
            }
            sync_dir(&blobs)?;
            sync_dir(path)?;
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            sync_dir(parent)?;
        }
        let synced_blobs = match fs::read_dir(&blobs) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect(),
            Err(_) => BTreeSet::new(),
        };
        Ok(DataFiles {
            data,
            blobs,
            synced_blobs,
            listed: None,
        })
    }

    /// fdatasyncs the data file, then fsyncs any blob file written since the last call (and the blob folder,
    /// for their names). Called by the flush thread after sled's flush.
    fn sync(&mut self) -> io::Result<()> {
        // fdatasync: the data and the size it needs (not the mtime), which is all a reader
        // after a power cut needs, and on ext4 it skips a journal commit when only times changed.
        self.data.sync_data()?;
        // sled writes a blob only for a node too big for a quarter of a segment (128 KiB), so
        // almost every flush finds the folder as it was: one stat says so, where listing it took
        // four calls. Times that are too recent to tell a change are never trusted.
        let stamp = FolderStamp::of(&self.blobs);
        if stamp.is_some() && stamp == self.listed {
            return Ok(());
        }
        let Ok(entries) = fs::read_dir(&self.blobs) else {
            return Ok(());
        };
        let present: BTreeSet<OsString> = entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect();
        let mut new = false;
        for name in present.difference(&self.synced_blobs) {
            match File::open(self.blobs.join(name)) {
                Ok(file) => file.sync_all()?,
                // Collected by sled since the listing: nothing to keep.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            }
            new = true;
        }
        if new {
            sync_dir(&self.blobs)?;
        }
        self.synced_blobs = present;
        self.listed = stamp;
        Ok(())
    }
}

/// fsyncs a folder, so the names of the files in it survive a power cut.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::{DataFiles, FolderStamp, SledStore};
    use crate::advisor::interview::{Answer, Interview};
    use crate::advisor::read::Reading;
    use crate::store::{block_on, record, Store, UserId};

    fn interview_with(text: &str) -> Interview {
        let mut interview = Interview::new(1);
        let answer = Answer {
            question: "niche".to_owned(),
            raw: text.to_owned(),
            reading: Reading::Text { text: text.to_owned() },
            at: 1,
        };
        interview.answers.insert("niche".to_owned(), answer);
        interview
    }

    /// A store in `dir` where ann has answered "bakery": the store, ann, her interview's key, her
    /// lock stripe and the record's bytes.
    fn ann_answered(dir: &std::path::Path) -> (SledStore, UserId, Vec<u8>, usize, Option<sled::IVec>) {
        let store = SledStore::open(dir).unwrap();
        let ann = UserId("local:ann".to_owned());
        block_on(store.update_interview(&ann, &mut |_| Some(interview_with("bakery")))).unwrap();
        let key = record::interview_key(&ann);
        let stripe = store.stripe_of(&ann);
        let stored = store.raw_db().get(&key).unwrap();
        (store, ann, key, stripe, stored)
    }

    fn niche(store: &SledStore, user: &UserId) -> Option<String> {
        let interview = block_on(store.interview(user)).unwrap()?;
        Some(interview.answers["niche"].raw.clone())
    }

    /// A kept interview serves only while the record is the very bytes it was kept from: a write
    /// that does not go through the store (a repair tool's, another build's) is read, not the copy.
    #[test]
    fn a_kept_interview_serves_only_while_its_record_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let (store, ann, key, stripe, stored) = ann_answered(dir.path());
        assert!(
            store.kept.get(stripe, &key, &stored).is_some(),
            "the write keeps its interview"
        );
        assert_eq!(niche(&store, &ann).as_deref(), Some("bakery"));

        store
            .raw_db()
            .insert(&key, record::encode(&interview_with("florist")))
            .unwrap();
        assert_eq!(
            niche(&store, &ann).as_deref(),
            Some("florist"),
            "the record as it is now"
        );
        let mut seen = None;
        block_on(store.update_interview(&ann, &mut |current| {
            seen = current.as_ref().map(|i| i.answers["niche"].raw.clone());
            current
        }))
        .unwrap();
        assert_eq!(
            seen.as_deref(),
            Some("florist"),
            "a change is shown the record as it is now"
        );
    }

    /// Another user sharing the slot never gets the kept interview; a forgotten user's is dropped.
    #[test]
    fn a_kept_interview_is_its_users_alone_and_forget_drops_it() {
        let dir = tempfile::tempdir().unwrap();
        let (store, ann, key, stripe, stored) = ann_answered(dir.path());
        // The same bytes under another key (another user's) are not served from the slot.
        let other = record::interview_key(&UserId("local:bob".to_owned()));
        assert!(store.kept.get(stripe, &other, &stored).is_none());
        assert!(store.kept.get(stripe, &key, &stored).is_some());

        block_on(store.forget(&ann)).unwrap();
        assert!(
            store.kept.get(stripe, &key, &stored).is_none(),
            "forget leaves nothing in memory"
        );
        assert_eq!(niche(&store, &ann), None);
    }

    /// Bytes zstd cannot shrink, so that sled must write them as a blob (over 128 KiB).
    fn incompressible(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn every_blob_file_sled_writes_is_found_by_the_next_sync_even_within_the_folders_clock_tick() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new()
            .path(dir.path())
            .flush_every_ms(None)
            .open()
            .unwrap();
        let mut files = DataFiles::open(dir.path(), true).unwrap();
        files.sync().unwrap();
        assert!(files.synced_blobs.is_empty());
        for n in 0..3u64 {
            db.insert(format!("big{n}"), incompressible(300 * 1024, n + 7)).unwrap();
            db.flush().unwrap();
            files.sync().unwrap();
            let on_disk: std::collections::BTreeSet<_> = std::fs::read_dir(dir.path().join("blobs"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(!on_disk.is_empty(), "sled wrote a blob for a 300 KiB value");
            assert_eq!(files.synced_blobs, on_disk, "after write {n}");
        }
    }

    #[test]
    fn a_folder_is_trusted_unchanged_only_once_its_last_change_is_past_the_clocks_tick() {
        let dir = tempfile::tempdir().unwrap();
        let set = |at: std::time::SystemTime| std::fs::File::open(dir.path()).unwrap().set_modified(at).unwrap();
        let now = std::time::SystemTime::now();
        set(now + std::time::Duration::from_secs(3600));
        assert_eq!(FolderStamp::of(dir.path()), None, "ahead of the clock: never trusted");
        set(now);
        let stamp = FolderStamp::of(dir.path());
        // Unless this thread was held up for the whole margin between the two lines above.
        assert!(
            stamp.is_none() || now.elapsed().unwrap() >= FolderStamp::TOO_RECENT,
            "changed just now: too recent to tell"
        );
        set(now - FolderStamp::TOO_RECENT);
        assert!(FolderStamp::of(dir.path()).is_some(), "changed a margin ago: trusted");
        set(now - std::time::Duration::from_secs(3600));
        let before = FolderStamp::of(dir.path()).expect("an hour old: its times tell a change");
        assert_eq!(FolderStamp::of(dir.path()), Some(before.clone()));
        std::fs::write(dir.path().join("new"), b"x").unwrap();
        assert_ne!(
            FolderStamp::of(dir.path()),
            Some(before),
            "a file added changes what the stamp says"
        );
    }
}
