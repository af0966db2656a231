//! Group commit on one thread: every write is confirmed by a flush + fsync that started after it.
//!
//! A writer applies its change in memory (for sled, an insert of a few microseconds), then
//! [`Flusher::note_write`] numbers it. One background thread (the shape of mini-redis's purge
//! task: a loop woken by a condition variable, stopped by the drop guard) takes the newest number,
//! runs the flush work (sled's flush, then fsync of its files), and publishes that every write
//! numbered up to it is on disk. Writes that arrive while a flush runs are covered by the next
//! one, so under load one fsync covers a whole group.
//!
//! An async task awaits a one-shot channel of its own ([`Flusher::durable`]), so a Discord
//! interaction needs no blocking thread; after each flush the thread answers exactly the waiters
//! it covered (waiters are kept by sequence number), so a flush wakes no one it does not concern.
//!
//! A caller on a thread of its own (the terminal chat and the CLI, through
//! [`crate::store::block_on`]) may block, and waking the flush thread only to be woken back costs
//! two thread switches per answer. So when no flush is running, such a caller runs the flush
//! itself, as the flush thread would, and answers the waiters it covered; when one is running, it
//! waits like anyone else.
//!
//! A failed flush is reported to every waiter it would have covered; the writes stay in memory
//! and the next write's flush tries again, covering them too.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

use tokio::sync::oneshot;

/// What the flush thread has done so far.
#[derive(Debug, Clone, Default)]
struct Flushed {
    /// Every write numbered up to this is on disk.
    flushed: u64,
    /// The last failed flush would have covered writes up to this.
    failed: u64,
    /// Why it failed.
    error: Option<Arc<str>>,
}

#[derive(Default)]
struct State {
    /// The newest number handed out: every write numbered up to it has been applied.
    written: u64,
    /// The newest number a flush has been tried for (succeeded or failed).
    attempted: u64,
    progress: Flushed,
    /// A flush was asked for even though nothing new was numbered (shutdown, raw writes).
    forced: bool,
    /// Completed flushes, so that a forced flush can wait for one that started after it asked.
    rounds: u64,
    flushing: bool,
    /// Tests hold flushes to see who waits for them.
    held: bool,
    stop: bool,
    /// Async waiters by the sequence number they wait for.
    waiters: BTreeMap<u64, Vec<oneshot::Sender<Result<(), FlushFailed>>>>,
}

/// Why the flush work failed, as its own error type (sled's: `sled::FlushError`).
type WorkError = Box<dyn std::error::Error + Send + Sync>;

/// The flush work: sled's flush and the fsyncs. Only whoever set [`State::flushing`] runs it, so
/// its lock is never contended.
type FlushWork = Mutex<Box<dyn FnMut() -> Result<(), WorkError> + Send>>;

struct Shared {
    state: Mutex<State>,
    flush: FlushWork,
    /// Wakes the flush thread.
    work: Condvar,
    /// Wakes blocked waiters.
    done: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The flush thread and the sequence numbers it serves. Dropping it flushes what is pending and
/// stops the thread.
pub(crate) struct Flusher {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// Why a write could not be confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FlushFailed(pub(crate) String);

impl Flusher {
    /// Starts the flush thread; `flush` makes durable everything applied before it was called.
    /// Its error is shown once in the log and to every waiter of the writes it would have covered.
    pub(crate) fn start<E: Into<WorkError>>(
        name: &str,
        mut flush: impl FnMut() -> Result<(), E> + Send + 'static,
    ) -> Flusher {
        let work = move || flush().map_err(Into::into);
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            flush: Mutex::new(Box::new(work)),
            work: Condvar::new(),
            done: Condvar::new(),
        });
        let for_thread = Arc::clone(&shared);
        let thread = thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || run(&for_thread))
            .expect("the flush thread starts");
        Flusher {
            shared,
            thread: Some(thread),
        }
    }

    /// Numbers a write that has been applied, and wakes the flush thread. Call it while still
    /// holding whatever lock made the write visible, so that anyone who can see the write also
    /// sees its number in [`Flusher::current`].
    ///
    /// A caller that may block (see the module docs) does not wake the thread: it flushes in
    /// [`Flusher::durable`], or wakes the thread there if a flush is already running.
    pub(crate) fn note_write(&self) -> u64 {
        let mut state = self.shared.lock();
        state.written += 1;
        let seq = state.written;
        let idle = !state.flushing;
        drop(state);
        if idle && !crate::store::may_block() {
            self.shared.work.notify_one();
        }
        seq
    }

    /// Blocks until write `seq` is on disk (tests; the store awaits [`Flusher::durable`]).
    #[cfg(test)]
    pub(crate) fn wait(&self, seq: u64) -> Result<(), FlushFailed> {
        let mut state = self.shared.lock();
        loop {
            if let Some(result) = settled(&state.progress, seq) {
                return result;
            }
            state = self.shared.done.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Completes once write `seq` is on disk, without holding a thread.
    pub(crate) async fn durable(&self, seq: u64) -> Result<(), FlushFailed> {
        let answer = {
            let mut state = self.shared.lock();
            if let Some(result) = settled(&state.progress, seq) {
                return result;
            }
            if crate::store::may_block() {
                if !state.flushing && !state.held {
                    // Nobody is flushing: this thread does, covering every write numbered so far.
                    let target = begin(&mut state);
                    drop(state);
                    flush_and_answer(&self.shared, target);
                    state = self.shared.lock();
                    if let Some(result) = settled(&state.progress, seq) {
                        return result;
                    }
                } else {
                    // Its write did not wake the thread (see note_write): the running flush may
                    // not cover it, and the thread must know there is more to do.
                    self.shared.work.notify_one();
                }
            }
            let (tx, rx) = oneshot::channel();
            state.waiters.entry(seq).or_default().push(tx);
            rx
        };
        answer
            .await
            .unwrap_or_else(|_| Err(FlushFailed("the flush thread stopped".to_owned())))
    }

    /// Flushes now, even if every numbered write is on disk (shutdown, and writes made around
    /// the store), and returns once a flush that started after this call has finished.
    pub(crate) fn flush_now(&self) -> Result<(), FlushFailed> {
        let mut state = self.shared.lock();
        let seq = state.written;
        let after = state.rounds + if state.flushing { 2 } else { 1 };
        state.forced = true;
        self.shared.work.notify_one();
        while state.rounds < after {
            state = self.shared.done.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        settled(&state.progress, seq).unwrap_or(Ok(()))
    }

    /// Stops flushing until the guard is dropped (tests: to see who waits for a flush).
    #[cfg(any(test, feature = "testkit"))]
    pub(crate) fn hold(&self) -> Hold<'_> {
        self.shared.lock().held = true;
        Hold(self)
    }
}

/// Flushes resume when it is dropped.
#[cfg(any(test, feature = "testkit"))]
pub(crate) struct Hold<'a>(&'a Flusher);

#[cfg(any(test, feature = "testkit"))]
impl Drop for Hold<'_> {
    fn drop(&mut self) {
        self.0.shared.lock().held = false;
        self.0.shared.work.notify_one();
    }
}

/// The outcome for write `seq`, if there is one yet.
fn settled(progress: &Flushed, seq: u64) -> Option<Result<(), FlushFailed>> {
    if progress.flushed >= seq {
        Some(Ok(()))
    } else if progress.failed >= seq {
        let why = progress.error.as_deref().unwrap_or("the flush failed");
        Some(Err(FlushFailed(why.to_owned())))
    } else {
        None
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.work.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Marks a flush as running; returns the newest write it will cover.
fn begin(state: &mut State) -> u64 {
    state.forced = false;
    state.flushing = true;
    state.written
}

/// Runs the flush work begun by [`begin`] (the lock of the state not held), publishes its outcome,
/// and answers the waiters it settled: those numbered up to `target`.
fn flush_and_answer(shared: &Shared, target: u64) {
    let result = {
        let mut flush = shared.flush.lock().unwrap_or_else(PoisonError::into_inner);
        (*flush)()
    };
    let mut state = shared.lock();
    state.flushing = false;
    state.rounds += 1;
    state.attempted = state.attempted.max(target);
    match result {
        Ok(()) => state.progress.flushed = state.progress.flushed.max(target),
        Err(why) => {
            tracing::error!(error = %why, "a flush to disk failed");
            state.progress.failed = state.progress.failed.max(target);
            // One failure answers many waiters: its message is what they share.
            state.progress.error = Some(why.to_string().into());
        }
    }
    let later = state.waiters.split_off(&(target + 1));
    let settled_now = std::mem::replace(&mut state.waiters, later);
    let progress = state.progress.clone();
    // Writes numbered during this flush (by a caller that found it running) are the thread's.
    let more = state.written > state.attempted;
    drop(state);
    for (seq, senders) in settled_now {
        let result = settled(&progress, seq).unwrap_or(Ok(()));
        for tx in senders {
            let _ = tx.send(result.clone());
        }
    }
    shared.done.notify_all();
    if more {
        shared.work.notify_one();
    }
}

/// The flush thread: waits for work, flushes, publishes, until stopped with nothing pending.
/// It never starts a flush while another (a blocking caller's) is running.
fn run(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        let pending = state.written > state.attempted || state.forced;
        if state.held || state.flushing || !pending {
            if state.stop && !pending && !state.flushing {
                return;
            }
            state = shared.work.wait(state).unwrap_or_else(PoisonError::into_inner);
            continue;
        }
        let target = begin(&mut state);
        drop(state);
        flush_and_answer(shared, target);
        state = shared.lock();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::{FlushFailed, Flusher};

    /// A fake disk: `flush` makes durable everything written before it started.
    #[derive(Default)]
    struct Disk {
        written: AtomicU64,
        durable: AtomicU64,
        flushes: AtomicUsize,
        fail_next: AtomicBool,
        /// The threads flushes ran on, by name.
        flushed_on: std::sync::Mutex<Vec<String>>,
    }

    impl Disk {
        fn flush(&self) -> Result<(), String> {
            let upto = self.written.load(Ordering::SeqCst);
            self.flushes.fetch_add(1, Ordering::SeqCst);
            let name = std::thread::current().name().unwrap_or("unnamed").to_owned();
            self.flushed_on.lock().unwrap().push(name);
            if self.fail_next.swap(false, Ordering::SeqCst) {
                return Err("disk full".to_owned());
            }
            self.durable.fetch_max(upto, Ordering::SeqCst);
            Ok(())
        }
    }

    /// `tasks` async tasks on `runtime`, each numbering `rounds` writes one after another and
    /// checking that each is on the fake disk once its wait returns.
    fn async_writers(
        runtime: &tokio::runtime::Runtime,
        flusher: &Arc<Flusher>,
        disk: &Arc<Disk>,
        tasks: usize,
        rounds: usize,
    ) {
        runtime.block_on(async {
            let tasks: Vec<_> = (0..tasks)
                .map(|_| {
                    let (flusher, disk) = (flusher.clone(), disk.clone());
                    tokio::spawn(async move {
                        for _ in 0..rounds {
                            let mine = disk.written.fetch_add(1, Ordering::SeqCst) + 1;
                            let seq = flusher.note_write();
                            flusher.durable(seq).await.unwrap();
                            assert!(disk.durable.load(Ordering::SeqCst) >= mine);
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.unwrap();
            }
        });
    }

    fn flusher(disk: &Arc<Disk>) -> Flusher {
        let disk = Arc::clone(disk);
        Flusher::start("test-flush", move || disk.flush())
    }

    #[test]
    fn every_waiter_returns_only_after_a_flush_that_covers_its_write_and_flushes_are_shared() {
        let disk = Arc::new(Disk::default());
        let flusher = Arc::new(flusher(&disk));
        let threads: Vec<_> = (0..16)
            .map(|_| {
                let (flusher, disk) = (flusher.clone(), disk.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let mine = disk.written.fetch_add(1, Ordering::SeqCst) + 1;
                        let seq = flusher.note_write();
                        flusher.wait(seq).unwrap();
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
    fn a_caller_that_may_block_flushes_on_its_own_thread_when_no_flush_runs() {
        let disk = Arc::new(Disk::default());
        let flusher = flusher(&disk);
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("the-caller".to_owned())
                .spawn_scoped(scope, || {
                    for n in 1..=20 {
                        // As the store does: the write is numbered inside the call block_on runs.
                        crate::store::block_on(async {
                            disk.written.store(n, Ordering::SeqCst);
                            let seq = flusher.note_write();
                            flusher.durable(seq).await
                        })
                        .unwrap();
                        assert!(disk.durable.load(Ordering::SeqCst) >= n);
                    }
                })
                .unwrap();
        });
        let on = disk.flushed_on.lock().unwrap().clone();
        assert_eq!(on.len(), 20, "one flush per answer: {on:?}");
        assert!(on.iter().all(|name| name == "the-caller"), "flushed on {on:?}");
    }

    #[test]
    fn blocking_and_async_callers_at_once_each_return_only_after_a_flush_covering_their_write() {
        let disk = Arc::new(Disk::default());
        let flusher = Arc::new(flusher(&disk));
        let blocking: Vec<_> = (0..8)
            .map(|_| {
                let (flusher, disk) = (flusher.clone(), disk.clone());
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let mine = crate::store::block_on(async {
                            let mine = disk.written.fetch_add(1, Ordering::SeqCst) + 1;
                            let seq = flusher.note_write();
                            flusher.durable(seq).await.map(|()| mine)
                        })
                        .unwrap();
                        assert!(disk.durable.load(Ordering::SeqCst) >= mine);
                    }
                })
            })
            .collect();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        async_writers(&runtime, &flusher, &disk, 64, 20);
        for t in blocking {
            t.join().unwrap();
        }
        assert_eq!(disk.durable.load(Ordering::SeqCst), 8 * 200 + 64 * 20);
        let on = disk.flushed_on.lock().unwrap().clone();
        assert!(
            on.iter().any(|name| name == "test-flush"),
            "the flush thread served the async tasks"
        );
    }

    #[test]
    fn async_waiters_are_woken_by_the_one_flush_thread() {
        let disk = Arc::new(Disk::default());
        let flusher = Arc::new(flusher(&disk));
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        async_writers(&runtime, &flusher, &disk, 64, 1);
        // All 64 waited on one thread: far fewer flushes than writes would mean grouping, but one
        // flush per write is also correct; what matters is that each saw its own write durable.
        assert!(disk.flushes.load(Ordering::SeqCst) <= 64);
    }

    #[test]
    fn a_failed_flush_is_reported_to_its_waiters_and_the_next_write_covers_them() {
        let disk = Arc::new(Disk::default());
        let flusher = flusher(&disk);
        let hold = flusher.hold();
        disk.written.store(1, Ordering::SeqCst);
        let first = flusher.note_write();
        disk.fail_next.store(true, Ordering::SeqCst);
        drop(hold);
        assert_eq!(flusher.wait(first), Err(FlushFailed("disk full".to_owned())));
        assert_eq!(disk.durable.load(Ordering::SeqCst), 0);
        disk.written.store(2, Ordering::SeqCst);
        let second = flusher.note_write();
        assert_eq!(flusher.wait(second), Ok(()));
        assert_eq!(flusher.wait(first), Ok(()));
        assert_eq!(disk.durable.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_write_already_flushed_costs_no_flush_and_flush_now_always_flushes() {
        let disk = Arc::new(Disk::default());
        let flusher = flusher(&disk);
        let seq = flusher.note_write();
        flusher.wait(seq).unwrap();
        flusher.wait(seq).unwrap();
        assert_eq!(disk.flushes.load(Ordering::SeqCst), 1);
        flusher.flush_now().unwrap();
        assert_eq!(disk.flushes.load(Ordering::SeqCst), 2);
    }
}
