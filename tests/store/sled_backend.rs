//! The sled store: durability across reopen, no lost updates under concurrency, export and forget
//! by user prefix, refusal of newer schemas, tolerance of damaged records, and open errors.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use outsource_advisor::advisor::advice::AdviceStatus;
use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::{Advice, Answer, Interview, Reading};
use outsource_advisor::store::{
    block_on, encode_interview, Assessment, RecordKind, Settings, SledStore, Store, StoreError, Update, UserData,
    UserId, SCHEMA_VERSION,
};

fn user(id: &str) -> UserId {
    UserId(id.to_owned())
}

fn answer(question: &str, text: &str, at: u64) -> Answer {
    Answer {
        question: question.to_owned(),
        raw: text.to_owned(),
        reading: Reading::Text { text: text.into() },
        at,
    }
}

fn advice() -> Advice {
    Advice {
        status: AdviceStatus::Advised,
        outcome: Some(Outcome::Full),
        confidence: 0.5,
        ..Advice::default()
    }
}

fn assessment(at: u64, question: &str) -> Assessment {
    Assessment {
        at,
        answers: vec![answer(question, "some words", at)],
        advice: advice(),
        earlier: None,
    }
}

/// Adds one answer to the interview, as a front does.
fn add_answer(store: &dyn Store, who: &UserId, question: &str, at: u64) -> Interview {
    block_on(store.update_interview(who, &mut |current| {
        let mut interview = current.unwrap_or_default();
        interview
            .answers
            .insert(question.to_owned(), answer(question, "typed text", at));
        interview.revision += 1;
        interview.updated_at = at;
        Some(interview)
    }))
    .unwrap()
    .unwrap()
}

/// Every raw key in the database that starts with `who`'s prefix.
fn raw_keys(store: &SledStore, who: &UserId) -> Vec<Vec<u8>> {
    store
        .raw_db()
        .scan_prefix(RecordKind::AllOfUser.key(who))
        .keys()
        .map(|k| k.unwrap().to_vec())
        .collect()
}

fn open(path: &Path) -> SledStore {
    SledStore::open(path).unwrap()
}

#[test]
fn reopen_keeps_interview_assessments_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let ann = user("local:ann");
    let expected = {
        let store = open(dir.path());
        add_answer(&store, &ann, "budget", 10);
        add_answer(&store, &ann, "hours", 11);
        // Added out of time order: load returns them oldest first.
        block_on(store.add_assessment(&ann, &assessment(300, "late"))).unwrap();
        block_on(store.add_assessment(&ann, &assessment(200, "early"))).unwrap();
        block_on(store.add_assessment(&ann, &assessment(300, "late_too"))).unwrap();
        block_on(store.save_settings(&ann, &Settings { share_by_default: true })).unwrap();
        block_on(store.load(&ann)).unwrap()
    };
    assert_eq!(expected.interview.as_ref().unwrap().answers.len(), 2);
    let times: Vec<u64> = expected.assessments.iter().map(|a| a.at).collect();
    assert_eq!(times, [200, 300, 300]);
    assert_eq!(expected.assessments[1].answers[0].question, "late");
    assert_eq!(expected.assessments[2].answers[0].question, "late_too");

    let store = open(dir.path());
    assert_eq!(block_on(store.load(&ann)).unwrap(), expected);
    assert_eq!(expected.settings, Settings { share_by_default: true });
}

#[test]
fn the_interview_read_alone_is_the_one_a_full_load_returns() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    assert_eq!(block_on(store.interview(&ann)).unwrap(), None);
    add_answer(&store, &ann, "budget", 1);
    block_on(store.add_assessment(&ann, &assessment(2, "budget"))).unwrap();
    add_answer(&store, &ann, "staff", 3);
    let alone = block_on(store.interview(&ann))
        .unwrap()
        .expect("an interview was saved");
    assert_eq!(alone.answers.len(), 2);
    assert_eq!(Some(alone), block_on(store.load(&ann)).unwrap().interview);
}

#[test]
fn a_user_never_seen_loads_as_empty_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    add_answer(&store, &user("local:ann"), "budget", 1);
    assert_eq!(block_on(store.load(&user("local:bob"))).unwrap(), UserData::default());
    assert_eq!(
        block_on(store.export(&user("local:bob"))).unwrap()["records"],
        serde_json::json!([])
    );
    assert_eq!(block_on(store.forget(&user("local:bob"))).unwrap(), 0);
}

/// Each answer rewrites the whole interview, so the work grows with the square of this: 20 keeps
/// 32 writers contending hard while the test stays a few seconds in a debug build.
const ANSWERS_PER_THREAD: u64 = 20;

#[test]
fn thirty_two_threads_answering_for_the_same_user_lose_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let ann = user("discord:42");
    let threads: Vec<_> = (0..32)
        .map(|t| {
            let (store, ann) = (store.clone(), ann.clone());
            std::thread::spawn(move || {
                for i in 0..ANSWERS_PER_THREAD {
                    let question = format!("q{t}_{i}");
                    let committed = add_answer(&*store, &ann, &question, i);
                    assert!(committed.answers.contains_key(&question));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let interview = block_on(store.load(&ann)).unwrap().interview.unwrap();
    let expected = 32 * ANSWERS_PER_THREAD as usize;
    assert_eq!(interview.answers.len(), expected);
    // Every committed change bumped the revision exactly once: no update was applied twice or lost.
    assert_eq!(interview.revision as usize, expected);
    drop(store);
    let reopened = open(dir.path());
    assert_eq!(
        block_on(reopened.load(&ann)).unwrap().interview.unwrap().answers.len(),
        expected
    );
}

#[test]
fn thirty_two_threads_answering_for_different_users_lose_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let threads: Vec<_> = (0..32)
        .map(|t| {
            let store = store.clone();
            std::thread::spawn(move || {
                let who = UserId::local(&format!("user{t}"));
                for i in 0..100 {
                    add_answer(&*store, &who, &format!("q{i}"), i);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    drop(store);
    let store = open(dir.path());
    for t in 0..32 {
        let interview = block_on(store.load(&UserId::local(&format!("user{t}"))))
            .unwrap()
            .interview
            .unwrap();
        assert_eq!(interview.answers.len(), 100, "user{t}");
        assert_eq!(interview.revision, 100, "user{t}");
    }
    let users: BTreeSet<UserId> = block_on(store.users()).unwrap().into_iter().collect();
    assert_eq!(users, (0..32).map(|t| UserId::local(&format!("user{t}"))).collect());
}

#[test]
fn export_lists_every_key_of_the_user_with_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    add_answer(&store, &ann, "budget", 5);
    for at in [30, 10, 20] {
        block_on(store.add_assessment(&ann, &assessment(at, "budget"))).unwrap();
    }
    block_on(store.save_settings(&ann, &Settings { share_by_default: true })).unwrap();
    add_answer(&store, &user("local:annabel"), "budget", 5);

    let export = block_on(store.export(&ann)).unwrap();
    assert_eq!(export["user"], "local:ann");
    assert_eq!(export["schema_version"], SCHEMA_VERSION);
    let records = export["records"].as_array().unwrap();
    assert_eq!(records.len(), raw_keys(&store, &ann).len());
    assert_eq!(records.len(), 1 + 3 + 1);

    let keys: Vec<&str> = records.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert!(keys[..3].iter().all(|k| k.starts_with("assessment/")), "{keys:?}");
    assert_eq!(&keys[3..], ["interview", "settings"]);
    let times: Vec<u64> = records[..3]
        .iter()
        .map(|r| r["value"]["at"].as_u64().unwrap())
        .collect();
    assert_eq!(times, [10, 20, 30]);
    for r in records {
        assert_eq!(r["v"], SCHEMA_VERSION);
    }
    assert_eq!(records[3]["value"]["answers"]["budget"]["raw"], "typed text");
    assert_eq!(records[4]["value"], serde_json::json!({ "share_by_default": true }));
}

#[test]
fn forget_removes_every_key_of_the_user_and_spares_users_whose_id_extends_or_prefixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let target = user("local:a");
    let neighbours = [
        user("local:ab"),
        user("local:"),
        user("local:a\0interview"),
        user("local:a\u{1}"),
    ];
    for who in neighbours.iter().chain([&target]) {
        add_answer(&store, who, "budget", 1);
        block_on(store.add_assessment(who, &assessment(7, "budget"))).unwrap();
        block_on(store.save_settings(who, &Settings { share_by_default: true })).unwrap();
    }
    let before: Vec<UserData> = neighbours
        .iter()
        .map(|who| block_on(store.load(who)).unwrap())
        .collect();

    assert_eq!(block_on(store.forget(&target)).unwrap(), 3);
    assert!(raw_keys(&store, &target).is_empty());
    assert_eq!(block_on(store.load(&target)).unwrap(), UserData::default());
    assert!(!block_on(store.users()).unwrap().contains(&target));
    let after: Vec<UserData> = neighbours
        .iter()
        .map(|who| block_on(store.load(who)).unwrap())
        .collect();
    assert_eq!(after, before);
    for who in &neighbours {
        assert_eq!(raw_keys(&store, who).len(), 3, "{who:?}");
    }

    drop(store);
    let store = open(dir.path());
    assert_eq!(block_on(store.load(&target)).unwrap(), UserData::default());
    assert_eq!(
        block_on(store.export(&target)).unwrap()["records"],
        serde_json::json!([])
    );
}

#[test]
fn an_interview_with_a_newer_schema_is_refused_naming_user_and_version_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let ann = user("local:ann");
    let key = RecordKind::Interview.key(&ann);
    let newer = br#"{"v":99,"data":{"answers":{},"shape":"from the future"}}"#.to_vec();
    {
        let store = open(dir.path());
        store.raw_db().insert(&key, newer.clone()).unwrap();
        block_on(store.flush()).unwrap();
    }
    let store = open(dir.path());
    let mut ran = false;
    let err = block_on(store.update_interview(&ann, &mut |_| {
        ran = true;
        Some(Interview::default())
    }))
    .unwrap_err();
    assert!(!ran, "the change must not run on a record this build cannot read");
    match &err {
        StoreError::NewerSchema {
            user,
            found: 99,
            supported,
        } => {
            assert_eq!(user, &ann);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("local:ann") && message.contains("schema 99"),
        "{message}"
    );
    assert!(matches!(
        block_on(store.load(&ann)),
        Err(StoreError::NewerSchema { found: 99, .. })
    ));
    assert!(matches!(
        block_on(store.interview(&ann)),
        Err(StoreError::NewerSchema { found: 99, .. })
    ));
    // Deleting it (a change returning None) is refused too.
    assert!(block_on(store.update_interview(&ann, &mut |_| None)).is_err());
    assert_eq!(store.raw_db().get(&key).unwrap().unwrap().to_vec(), newer);
    // The export still shows it.
    let export = block_on(store.export(&ann)).unwrap();
    assert_eq!(export["records"][0]["v"], 99);
    assert_eq!(export["records"][0]["value"]["shape"], "from the future");
}

#[test]
fn settings_with_a_newer_schema_are_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    let key = RecordKind::Settings.key(&ann);
    let newer = br#"{"v":9,"data":{"share_by_default":true,"theme":"dark"}}"#.to_vec();
    store.raw_db().insert(&key, newer.clone()).unwrap();
    let err = block_on(store.save_settings(&ann, &Settings::default())).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 9, .. }), "{err:?}");
    assert_eq!(store.raw_db().get(&key).unwrap().unwrap().to_vec(), newer);
}

/// A damaged interview is never written over: the next answer keeps its bytes, unchanged, under
/// a set-aside key before it writes the new interview (the owner goes on; the export shows both).
#[test]
fn a_damaged_interview_is_set_aside_byte_for_byte_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    add_answer(&store, &ann, "budget", 1);
    let key = RecordKind::Interview.key(&ann);
    let whole = store.raw_db().get(&key).unwrap().unwrap().to_vec();
    let truncated = whole[..whole.len() / 2].to_vec();
    store.raw_db().insert(&key, truncated.clone()).unwrap();

    let (_, skipped) = block_on(store.load_with_skipped(&ann)).unwrap();
    match &skipped[..] {
        [StoreError::BadRecord { user, key, detail }] => {
            assert_eq!(user, &ann);
            assert_eq!(key, "interview");
            assert!(
                !detail.contains("typed text"),
                "the detail must not quote answers: {detail}"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut shown = Some(Interview::default());
    block_on(store.update_interview(&ann, &mut |current| {
        shown = current;
        Some(Interview::default())
    }))
    .unwrap();
    assert_eq!(shown, None, "the change starts from nothing");
    let aside: Vec<Vec<u8>> = store
        .raw_db()
        .scan_prefix(RecordKind::AllOfUser.key(&ann))
        .filter_map(|item| {
            let (key, value) = item.unwrap();
            key.windows(10).any(|w| w == b"set-aside\0").then(|| value.to_vec())
        })
        .collect();
    assert_eq!(aside, [truncated], "kept byte for byte");
}

#[test]
fn a_truncated_assessment_is_skipped_and_reported_and_the_rest_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ann = user("local:ann");
    let truncated = {
        let store = open(dir.path());
        for at in [1, 2, 3] {
            block_on(store.add_assessment(&ann, &assessment(at, "budget"))).unwrap();
        }
        // Truncate the middle one.
        let keys: Vec<_> = store
            .raw_db()
            .scan_prefix(RecordKind::Assessments.key(&ann))
            .collect::<Result<_, _>>()
            .unwrap();
        let (key, value) = &keys[1];
        let truncated = value[..value.len() - 7].to_vec();
        store.raw_db().insert(key, truncated.clone()).unwrap();
        block_on(store.flush()).unwrap();
        truncated
    };
    let store = open(dir.path());
    let data = block_on(store.load(&ann)).unwrap();
    let times: Vec<u64> = data.assessments.iter().map(|a| a.at).collect();
    assert_eq!(times, [1, 3]);

    let (_, skipped) = block_on(store.load_with_skipped(&ann)).unwrap();
    assert_eq!(skipped.len(), 1);
    match &skipped[0] {
        StoreError::BadRecord { user, key, detail } => {
            assert_eq!(user, &ann);
            assert!(key.starts_with("assessment/2/"), "{key}");
            assert!(detail.contains("truncated"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    // The export lists it with its error, beside the good ones.
    let export = block_on(store.export(&ann)).unwrap();
    let records = export["records"].as_array().unwrap();
    assert_eq!(records.len(), 3);
    assert!(records[1]["error"].is_string());
    // Stored compressed: the damaged bytes are given whole, in hex.
    let hex: String = truncated.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(records[1]["raw_zstd_hex"], hex.as_str());
}

#[test]
fn an_answer_to_a_question_no_longer_in_the_catalog_round_trips_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let ann = user("local:ann");
    let gone = Answer {
        question: "question_that_was_removed".into(),
        raw: "about £300 a month, maybe".into(),
        reading: Reading::Money {
            amount: 300.0,
            min: None,
            max: Some(300.0),
            currency: Some("GBP".into()),
            per_month: Some(300.0),
        },
        at: 1_700_000_000,
    };
    let written = {
        let store = open(dir.path());
        block_on(store.update_interview(&ann, &mut |current| {
            let mut interview = current.unwrap_or_default();
            interview.answers.insert(gone.question.clone(), gone.clone());
            interview.skipped.insert("another_removed_question".into());
            interview.cursor = Some("question_that_was_removed".into());
            Some(interview)
        }))
        .unwrap()
    };
    let store = open(dir.path());
    let loaded = block_on(store.load(&ann)).unwrap().interview;
    assert_eq!(loaded, written);
    assert_eq!(loaded.unwrap().answers["question_that_was_removed"], gone);
}

#[test]
fn update_interview_returning_none_deletes_it_and_an_unchanged_interview_is_returned_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    let first = add_answer(&store, &ann, "budget", 1);
    assert_eq!(
        block_on(store.update_interview(&ann, &mut |current| current)).unwrap(),
        Some(first)
    );
    assert_eq!(block_on(store.update_interview(&ann, &mut |_| None)).unwrap(), None);
    assert!(raw_keys(&store, &ann).is_empty());
    assert_eq!(block_on(store.load(&ann)).unwrap().interview, None);
}

#[test]
fn opening_a_database_this_process_has_open_is_refused_as_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let _first = open(dir.path());
    let err = SledStore::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains(&dir.path().display().to_string()), "{err}");
}

const HOLD_ENV: &str = "OUTSOURCE_ADVISOR_STORE_TEST_HOLD_DB";
/// What the helper prints once it holds the database (libtest may print it after the test's name
/// on the same line).
const HELD: &str = "store-test-helper: database held";

/// Not a test on its own: when the parent test below runs this binary with `HOLD_ENV` set, this
/// opens the database, prints [`HELD`], and keeps it open until its stdin closes.
#[test]
fn helper_holds_database_for_the_parent_process() {
    let Ok(path) = std::env::var(HOLD_ENV) else {
        return;
    };
    let store = open(Path::new(&path));
    println!("{HELD}");
    let mut rest = Vec::new();
    std::io::stdin().read_to_end(&mut rest).unwrap();
    drop(store);
}

#[test]
fn opening_a_database_another_process_holds_is_refused_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "sled_backend::helper_holds_database_for_the_parent_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLD_ENV, &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        match lines.next() {
            Some(line) if line.as_deref().unwrap().contains(HELD) => break,
            Some(_) => {}
            None => panic!(
                "the helper process exited before opening the database: {:?}",
                child.wait()
            ),
        }
    }

    let err = SledStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("in use"), "{message}");

    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn opening_a_regular_file_is_unreadable_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-folder");
    std::fs::write(&path, b"hello").unwrap();
    let err = SledStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"hello");
}

#[test]
fn opening_a_database_with_a_garbled_config_is_corrupt_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("conf");
    let garbage = b"this is not a sled configuration\nat all\n".to_vec();
    std::fs::write(&conf, &garbage).unwrap();
    let err = SledStore::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains(&dir.path().display().to_string()), "{err}");
    assert_eq!(std::fs::read(&conf).unwrap(), garbage);
}

/// The Discord front's path: each task applies its write and awaits the flush thread, with no
/// blocking thread of its own; two worker threads serve 32 tasks.
#[test]
fn async_tasks_awaiting_their_flush_lose_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let ann = user("local:ann");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..32)
            .map(|t| {
                let (store, ann) = (store.clone(), ann.clone());
                tokio::spawn(async move {
                    for i in 0..10 {
                        let question = format!("q{t}_{i}");
                        store
                            .update_interview(&ann, &mut |current| {
                                let mut interview = current.unwrap_or_default();
                                interview
                                    .answers
                                    .insert(question.clone(), answer(&question, "typed text", i));
                                Some(interview)
                            })
                            .await
                            .unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(
        block_on(store.load(&ann)).unwrap().interview.unwrap().answers.len(),
        320
    );
}

#[test]
fn update_interview_reruns_the_change_on_the_value_another_writer_committed_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    add_answer(&store, &ann, "budget", 1);
    let key = RecordKind::Interview.key(&ann);
    // What another writer commits while the change below is running (outside any lock).
    let mut theirs = block_on(store.load(&ann)).unwrap().interview.unwrap();
    theirs
        .answers
        .insert("hours".into(), answer("hours", "their answer", 2));
    theirs.revision += 1;

    let mut runs = Vec::new();
    let committed = block_on(store.update_interview(&ann, &mut |current| {
        let mut interview = current.unwrap();
        runs.push(interview.answers.keys().cloned().collect::<Vec<_>>());
        if runs.len() == 1 {
            store.raw_db().insert(&key, encode_interview(&theirs)).unwrap();
        }
        interview.answers.insert("team".into(), answer("team", "mine", 3));
        interview.revision += 1;
        Some(interview)
    }))
    .unwrap()
    .unwrap();
    assert_eq!(runs, [vec!["budget"], vec!["budget", "hours"]]);
    let keys: Vec<&str> = committed.answers.keys().map(String::as_str).collect();
    assert_eq!(keys, ["budget", "hours", "team"]);
    assert_eq!(committed.revision, 3);
    assert_eq!(block_on(store.load(&ann)).unwrap().interview.unwrap(), committed);
}

/// An answer reads the interview, then changes it: while the record is still the one read, the
/// change is shown the reader's copy (no second decode); once another writer has replaced it, the
/// change is shown the record as it now is, never the stale copy.
#[test]
fn update_seen_shows_the_readers_copy_only_while_the_record_is_the_one_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    add_answer(&store, &ann, "budget", 1);
    let key = RecordKind::Interview.key(&ann);

    // A copy that differs from the stored record, to tell which of the two the change is shown.
    let (stored, seen) = block_on(store.interview_seen(&ann)).unwrap();
    let mut marked = stored.clone().unwrap();
    marked.updated_at = 777;
    let mut shown = Vec::new();
    let mut keep = |current: Option<Interview>| {
        shown.push(current.as_ref().map(|i| i.updated_at));
        current.into()
    };
    block_on(store.update_seen(&ann, &Some(marked.clone()), &seen, &mut keep)).unwrap();
    assert_eq!(
        shown,
        [Some(777)],
        "the record was the one read: the reader's copy serves"
    );

    // Another writer replaces the record after it was read: the token no longer matches.
    let (_, seen) = block_on(store.interview_seen(&ann)).unwrap();
    let mut theirs = stored.unwrap();
    theirs.updated_at = 5;
    store.raw_db().insert(&key, encode_interview(&theirs)).unwrap();
    let mut shown = Vec::new();
    let mut keep = |current: Option<Interview>| {
        shown.push(current.as_ref().map(|i| i.updated_at));
        current.into()
    };
    block_on(store.update_seen(&ann, &Some(marked), &seen, &mut keep)).unwrap();
    assert_eq!(
        shown,
        [Some(5)],
        "the record changed since it was read: it is decoded afresh"
    );
}

/// Issue 13.6: `forget` takes the user's lock, so an answer in flight lands wholly before it (and
/// is deleted with the rest) or starts after it. Writers stop writing once `stop` is set, which
/// happens before `forget` starts: so after `forget` returns, nothing of the user may be left.
#[test]
fn forget_raced_by_answers_from_several_threads_leaves_nothing_of_the_user() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    let bob = user("local:bob");
    add_answer(&store, &bob, "budget", 1);
    let prefix = RecordKind::AllOfUser.key(&ann);
    for round in 0..40 {
        let stop = AtomicBool::new(false);
        let writes = AtomicUsize::new(0);
        let (store, ann, stop, writes) = (&store, &ann, &stop, &writes);
        std::thread::scope(|s| {
            for t in 0..6u64 {
                s.spawn(move || loop {
                    let mut stopped = false;
                    block_on(store.update(ann, &mut |current| {
                        stopped = stop.load(Ordering::SeqCst);
                        if stopped {
                            return current.into();
                        }
                        let mut interview = current.unwrap_or_default();
                        let question = format!("q{t}");
                        interview
                            .answers
                            .insert(question.clone(), answer(&question, "typed text", t));
                        interview.revision += 1;
                        Update {
                            interview: Some(interview),
                            assessment: Some(assessment(t, &question)),
                        }
                    }))
                    .unwrap();
                    if stopped {
                        break;
                    }
                    writes.fetch_add(1, Ordering::SeqCst);
                });
            }
            while writes.load(Ordering::SeqCst) < 6 {
                std::thread::yield_now();
            }
            stop.store(true, Ordering::SeqCst);
            block_on(store.forget(ann)).unwrap();
            // A scan of every key, not just the user's prefix.
            let left: Vec<_> = store
                .raw_db()
                .iter()
                .keys()
                .map(|k| k.unwrap())
                .filter(|k| k.starts_with(&prefix))
                .collect();
            assert!(
                left.is_empty(),
                "round {round}: {} record(s) of the user outlived forget",
                left.len()
            );
        });
    }
    assert_eq!(block_on(store.load(&bob)).unwrap().interview.unwrap().answers.len(), 1);
}

/// Runs `work` on a thread of `scope` and hands back a receiver of its result.
fn spawn_reporting<'s, T: Send + 's>(
    scope: &'s std::thread::Scope<'s, '_>,
    work: impl FnOnce() -> T + Send + 's,
) -> std::sync::mpsc::Receiver<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    scope.spawn(move || {
        let _ = tx.send(work());
    });
    rx
}

/// Waits (with a timeout, never a fixed sleep) until `ready` holds.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ready() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::yield_now();
    }
}

/// How long a reply that must wait for a held flush is given to (wrongly) come back.
const NOT_BEFORE_THE_FLUSH: std::time::Duration = std::time::Duration::from_millis(300);

/// Issue 13.7: a read that sees another writer's write returns only once that write is on disk.
#[test]
fn a_read_of_a_write_not_yet_on_disk_waits_for_its_flush() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("local:ann");
    let key = RecordKind::Interview.key(&ann);
    std::thread::scope(|s| {
        let hold = store.hold_flushes();
        let writer = spawn_reporting(s, || add_answer(&store, &ann, "budget", 1));
        wait_until("the write to be applied", || {
            store.raw_db().get(&key).unwrap().is_some()
        });
        let reader = spawn_reporting(s, || block_on(store.interview(&ann)).unwrap());
        let loader = spawn_reporting(s, || block_on(store.load(&ann)).unwrap());
        let unchanged = spawn_reporting(s, || {
            block_on(store.update_interview(&ann, &mut |current| current)).unwrap()
        });
        for (name, early) in [
            ("interview", reader.recv_timeout(NOT_BEFORE_THE_FLUSH).is_ok()),
            ("load", loader.recv_timeout(NOT_BEFORE_THE_FLUSH).is_ok()),
            (
                "an unchanged update",
                unchanged.recv_timeout(NOT_BEFORE_THE_FLUSH).is_ok(),
            ),
        ] {
            assert!(!early, "{name} returned a write that was not yet on disk");
        }
        assert!(writer.try_recv().is_err(), "the write was confirmed before its flush");
        drop(hold);
        let written = writer.recv().unwrap();
        assert_eq!(reader.recv().unwrap().as_ref(), Some(&written));
        assert_eq!(loader.recv().unwrap().interview.as_ref(), Some(&written));
        assert_eq!(unchanged.recv().unwrap().as_ref(), Some(&written));
    });
}

/// Issue 13.7, as a user meets it: a double click. The second click finds the first click's
/// answer (the button is stale, nothing to write) and shows the next question; it must not show
/// it before the first answer is on disk.
#[test]
fn the_second_click_of_a_double_click_shows_the_next_question_only_once_the_first_is_on_disk() {
    use outsource_advisor::advisor::interview::{Input, Screen};
    use outsource_advisor::advisor::Content;
    use outsource_advisor::app::interview::Session;
    use outsource_advisor::clock::SystemClock;
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let content = Content::built_in();
    let session = Session::new(&content, &store, &SystemClock);
    let ann = user("discord:1");
    let expect = Interview::default().current_expect(&content).expect("a first question");
    let key = RecordKind::Interview.key(&ann);
    std::thread::scope(|s| {
        let hold = store.hold_flushes();
        let click = || block_on(session.apply(&ann, Input::Answer("yes".into()), Some(&expect))).unwrap();
        let first = spawn_reporting(s, click);
        wait_until("the first click's write", || {
            store.raw_db().get(&key).unwrap().is_some()
        });
        let second = spawn_reporting(s, click);
        assert!(
            second.recv_timeout(NOT_BEFORE_THE_FLUSH).is_err(),
            "the second click replied before the first click's answer was on disk"
        );
        drop(hold);
        let (first, second) = (first.recv().unwrap(), second.recv().unwrap());
        assert!(first.turn.changed && !second.turn.changed);
        for applied in [&first, &second] {
            match &applied.turn.screen {
                Screen::Ask(ask) => assert_ne!(ask.question, expect.question, "still on the first question"),
                other => panic!("expected the next question, got {other:?}"),
            }
        }
    });
}

/// `block_on` called on a thread that is inside a tokio runtime (a bench's or a test's harness)
/// completes: tokio's cooperative budget, which a runtime's `block_on` leaves on the thread, must
/// not make the flush's one-shot answer "not yet" forever (it did: 100 % CPU, no progress).
#[test]
fn block_on_inside_a_tokio_runtime_completes_a_confirmed_write() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let (done, finished) = std::sync::mpsc::channel();
    let writer = Arc::clone(&store);
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let who = user("inside-a-runtime");
            // Many writes, so that the budget (128 polls of tokio's resources) runs out.
            for at in 0..300 {
                add_answer(&*writer, &who, &format!("q{}", at % 7), at);
            }
        });
        let _ = done.send(());
    });
    finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("300 confirmed writes through block_on inside a runtime finish within 30 s");
    let interview = block_on(store.interview(&user("inside-a-runtime"))).unwrap().unwrap();
    assert_eq!(interview.answers.len(), 7);
}
