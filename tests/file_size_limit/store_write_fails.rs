//! The store's writes failing under it, where no small disk can be mounted (tests/store_faults.rs
//! fills a tmpfs where it can): a file size limit (RLIMIT_FSIZE) makes sled's write past its data
//! file's end fail, as a full disk does, inside sled itself. The limit is the process's, so this
//! file holds one test.

use std::time::{Duration, Instant};

use outsource_advisor::advisor::{Answer, Interview, Reading};
use outsource_advisor::store::{block_on, Reopening, SledStore, Store, StoreError, UserId};

fn add(store: &dyn Store, who: &UserId, n: usize) -> Result<Option<Interview>, StoreError> {
    block_on(store.update_interview(who, &mut |current| {
        let mut interview = current.unwrap_or_default();
        let text = format!("answer number {n} with some words to fill the log");
        interview.answers.insert(
            format!("q{n}"),
            Answer {
                question: format!("q{n}"),
                raw: text.clone(),
                reading: Reading::Text { text },
                at: 1,
            },
        );
        Some(interview)
    }))
}

fn limit_file_size(bytes: libc::rlim_t) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain syscalls on a struct this function owns.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit), 0);
        limit.rlim_cur = bytes.min(limit.rlim_max);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
}

/// Writes fail once the data file may not grow: answers get an error (the fronts' friendly line),
/// and once the limit is lifted the same store object stores the next answer, with every answer
/// confirmed before still there. Before, sled kept its write error for the life of the process.
#[test]
fn after_a_failed_write_the_same_store_stores_the_next_answer_once_the_cause_has_passed() {
    // SAFETY: ignoring a signal; a write past the limit then fails with EFBIG instead of killing.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let dir = tempfile::tempdir().unwrap();
    let who = UserId::local("ann");
    let store = Reopening::open(dir.path()).unwrap();
    add(&store, &who, 0).unwrap();
    let size = std::fs::metadata(dir.path().join("db")).unwrap().len();
    limit_file_size(size as libc::rlim_t);
    let mut confirmed = vec![0];
    let mut failure = None;
    for n in 1..20_000 {
        match add(&store, &who, n) {
            Ok(_) => confirmed.push(n),
            Err(err) => {
                failure = Some(err);
                break;
            }
        }
    }
    limit_file_size(libc::RLIM_INFINITY);
    let failure = failure.expect("a write failed at the size limit");
    assert!(matches!(failure, StoreError::Io(_)), "{failure:?}");
    eprintln!("{} answers confirmed before a write failed: {failure}", confirmed.len());
    // The cause has passed: the same store stores the next answer (it reopens at most every
    // 200 ms, so the answer is sent again until then, as an owner would).
    let deadline = Instant::now() + Duration::from_secs(10);
    let next = confirmed.len() + 1;
    loop {
        match add(&store, &who, next) {
            Ok(_) => break,
            Err(_) if Instant::now() < deadline => std::thread::yield_now(),
            Err(err) => panic!("still failing after the cause passed: {err}"),
        }
    }
    confirmed.push(next);
    drop(store);
    // A fresh open (with its damage check) finds every confirmed answer.
    let reopened = SledStore::open(dir.path()).unwrap();
    let interview = block_on(reopened.interview(&who)).unwrap().unwrap();
    let missing: Vec<_> = confirmed
        .iter()
        .filter(|n| !interview.answers.contains_key(&format!("q{n}")))
        .collect();
    assert!(missing.is_empty(), "confirmed answers lost: {missing:?}");
}
