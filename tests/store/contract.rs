//! The store's contract, written once against `&dyn Store` and run for every backend: sled, and
//! PostgreSQL where one is set up (see tests/support/pg.rs; each test skips with one line
//! elsewhere, and fails under CI=true when the server can't be reached).

use advisor_testkit::common;
use advisor_testkit::pg;

use outsource_advisor::store::Wait;
use std::sync::{Arc, Barrier};

use outsource_advisor::advisor::advice::AdviceStatus;
use outsource_advisor::advisor::checkin::{Checkin, CheckinRecord, CheckinRules};
use outsource_advisor::advisor::content::Outcome;
use outsource_advisor::advisor::{Advice, Answer, Interview, Reading};
use outsource_advisor::store::{
    Assessment, PgStore, RecordKind, Settings, SledStore, Store, StoreError, UserData, UserId, MAX_ASSESSMENTS,
    SCHEMA_VERSION,
};

/// A backend under test: its store, a way to reopen it, and a raw write that bypasses the checks.
enum Fixture {
    Sled(tempfile::TempDir, Option<Arc<SledStore>>),
    Postgres(pg::Schema, Option<Arc<PgStore>>),
}

impl Fixture {
    fn sled(_test: &str) -> Option<Fixture> {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SledStore::open(dir.path()).unwrap());
        Some(Fixture::Sled(dir, Some(store)))
    }

    fn postgres(test: &str) -> Option<Fixture> {
        let schema = pg::schema(test)?;
        let store = Arc::new(PgStore::open(&schema.url()).unwrap());
        Some(Fixture::Postgres(schema, Some(store)))
    }

    fn shared(&self) -> Arc<dyn Store> {
        match self {
            Fixture::Sled(_, store) => store.clone().unwrap(),
            Fixture::Postgres(_, store) => store.clone().unwrap(),
        }
    }

    /// Closes the store and opens the database again.
    fn reopen(&mut self) {
        match self {
            Fixture::Sled(dir, store) => {
                *store = None;
                *store = Some(Arc::new(SledStore::open(dir.path()).unwrap()));
            }
            Fixture::Postgres(schema, store) => {
                *store = None;
                *store = Some(Arc::new(PgStore::open(&schema.url()).unwrap()));
            }
        }
    }

    /// Writes `body` under the full record key `key` (as `RecordKind::key` names it), unchecked.
    fn put_raw(&self, who: &UserId, key: &[u8], body: &[u8]) {
        match self {
            Fixture::Sled(_, store) => {
                let db = store.as_ref().unwrap().raw_db();
                db.insert(key, body).unwrap();
                db.flush().unwrap();
            }
            Fixture::Postgres(_, store) => {
                let after_prefix = &key[RecordKind::AllOfUser.key(who).len()..];
                store
                    .as_ref()
                    .unwrap()
                    .put_raw_blocking(who, after_prefix, body)
                    .unwrap();
            }
        }
    }
}

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

fn assessment(at: u64, question: &str) -> Assessment {
    Assessment {
        at,
        answers: vec![answer(question, "some words", at)],
        advice: Advice {
            status: AdviceStatus::Advised,
            outcome: Some(Outcome::Full),
            confidence: 0.5,
            ..Advice::default()
        },
        earlier: None,
    }
}

/// Adds one answer to the interview, as a front does.
fn add_answer(store: &dyn Store, who: &UserId, question: &str, at: u64) -> Interview {
    store
        .update_interview(who, &mut |current| {
            let mut interview = current.unwrap_or_default();
            interview
                .answers
                .insert(question.to_owned(), answer(question, "typed text", at));
            interview.revision += 1;
            interview.updated_at = at;
            Some(interview)
        })
        .wait()
        .unwrap()
        .unwrap()
}

fn keys(export: &serde_json::Value) -> Vec<String> {
    export["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_owned())
        .collect()
}

// ---- the contract -------------------------------------------------------------------------

fn reopen_keeps_interview_assessments_and_settings(f: &mut Fixture) {
    let ann = user("local:ann");
    add_answer(&*f.shared(), &ann, "budget", 10);
    add_answer(&*f.shared(), &ann, "hours_available", 11);
    // Two in the same second: both kept, in the order they were added.
    f.shared()
        .add_assessment(&ann, &assessment(20, "first"))
        .wait()
        .unwrap();
    f.shared()
        .add_assessment(&ann, &assessment(20, "second"))
        .wait()
        .unwrap();
    f.shared()
        .add_assessment(&ann, &assessment(5, "oldest"))
        .wait()
        .unwrap();
    let settings = Settings { share_by_default: true };
    f.shared().save_settings(&ann, &settings).wait().unwrap();
    let before = f.shared().load(&ann).wait().unwrap();
    f.reopen();
    let after = f.shared().load(&ann).wait().unwrap();
    assert_eq!(before, after);
    let order: Vec<&str> = after
        .assessments
        .iter()
        .map(|a| a.answers[0].question.as_str())
        .collect();
    assert_eq!(order, ["oldest", "first", "second"]);
    assert_eq!(after.settings, settings);
    let interview = after.interview.clone().unwrap();
    assert_eq!(interview.revision, 2);
    assert_eq!(f.shared().interview(&ann).wait().unwrap(), after.interview);
}

fn a_user_never_seen_loads_as_empty_and_exports_nothing(f: &mut Fixture) {
    let nobody = user("local:nobody");
    assert_eq!(f.shared().load(&nobody).wait().unwrap(), UserData::default());
    assert_eq!(f.shared().interview(&nobody).wait().unwrap(), None);
    assert!(keys(&f.shared().export(&nobody).wait().unwrap()).is_empty());
    assert!(!f.shared().users().wait().unwrap().contains(&nobody));
}

fn sixteen_threads_answering_for_one_user_lose_no_answer(f: &mut Fixture) {
    let ann = user("local:ann");
    let threads: Vec<_> = (0..16)
        .map(|t| {
            let store = f.shared();
            let ann = ann.clone();
            std::thread::spawn(move || {
                for i in 0..8 {
                    add_answer(&*store, &ann, &format!("q{t}_{i}"), 1);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let interview = f.shared().interview(&ann).wait().unwrap().unwrap();
    assert_eq!(interview.answers.len(), 128);
    assert_eq!(interview.revision, 128);
}

fn export_lists_every_record_with_its_value_in_key_order(f: &mut Fixture) {
    let ann = user("local:ann");
    add_answer(&*f.shared(), &ann, "budget", 10);
    f.shared()
        .add_assessment(&ann, &assessment(30, "later"))
        .wait()
        .unwrap();
    f.shared()
        .add_assessment(&ann, &assessment(3, "earlier"))
        .wait()
        .unwrap();
    f.shared().save_settings(&ann, &Settings::default()).wait().unwrap();
    add_answer(&*f.shared(), &user("local:bob"), "budget", 10);
    let export = f.shared().export(&ann).wait().unwrap();
    assert_eq!(export["user"], "local:ann");
    let keys = keys(&export);
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(keys[0].starts_with("assessment/3/"), "{keys:?}");
    assert!(keys[1].starts_with("assessment/30/"), "{keys:?}");
    assert_eq!(keys[2..], ["interview", "settings"]);
    let records = export["records"].as_array().unwrap();
    assert_eq!(records[0]["value"]["answers"][0]["question"], "earlier");
    assert_eq!(records[2]["value"]["answers"]["budget"]["raw"], "typed text");
    assert!(records.iter().all(|r| r["v"] == SCHEMA_VERSION));
}

fn forget_leaves_nothing_and_spares_users_whose_id_extends_it(f: &mut Fixture) {
    let a = user("local:a");
    let ab = user("local:ab");
    for who in [&a, &ab] {
        add_answer(&*f.shared(), who, "budget", 1);
        f.shared().add_assessment(who, &assessment(2, "x")).wait().unwrap();
        f.shared().save_settings(who, &Settings::default()).wait().unwrap();
    }
    assert_eq!(f.shared().forget(&a).wait().unwrap(), 3);
    f.reopen();
    assert_eq!(f.shared().load(&a).wait().unwrap(), UserData::default());
    assert!(keys(&f.shared().export(&a).wait().unwrap()).is_empty());
    let users = f.shared().users().wait().unwrap();
    assert!(!users.contains(&a), "{users:?}");
    assert!(users.contains(&ab), "{users:?}");
    assert_eq!(keys(&f.shared().export(&ab).wait().unwrap()).len(), 3);
    assert_eq!(f.shared().forget(&a).wait().unwrap(), 0);
}

fn an_interview_with_a_newer_schema_is_refused_and_kept_byte_for_byte(f: &mut Fixture) {
    let ann = user("local:ann");
    let newer = br#"{"v":99,"data":{"something":"new"}}"#;
    f.put_raw(&ann, &RecordKind::Interview.key(&ann), newer);
    let mut ran = false;
    let refused = f
        .shared()
        .update_interview(&ann, &mut |_| {
            ran = true;
            None
        })
        .wait();
    match refused {
        Err(StoreError::NewerSchema { found: 99, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(!ran, "the change ran on a record it cannot read");
    assert!(matches!(
        f.shared().load(&ann).wait(),
        Err(StoreError::NewerSchema { .. })
    ));
    let export = f.shared().export(&ann).wait().unwrap();
    assert_eq!(export["records"][0]["v"], 99);
    assert_eq!(export["records"][0]["value"]["something"], "new");
}

fn settings_with_a_newer_schema_are_not_overwritten(f: &mut Fixture) {
    let ann = user("local:ann");
    f.put_raw(&ann, &RecordKind::Settings.key(&ann), br#"{"v":5,"data":{"x":1}}"#);
    let refused = f.shared().save_settings(&ann, &Settings::default()).wait();
    assert!(
        matches!(refused, Err(StoreError::NewerSchema { found: 5, .. })),
        "{refused:?}"
    );
    assert_eq!(f.shared().export(&ann).wait().unwrap()["records"][0]["v"], 5);
}

fn a_torn_assessment_is_skipped_by_load_and_shown_by_export(f: &mut Fixture) {
    let ann = user("local:ann");
    f.shared().add_assessment(&ann, &assessment(1, "kept")).wait().unwrap();
    let torn = br#"{"v":1,"data":{"at":2,"answ"#;
    f.put_raw(&ann, &RecordKind::Assessment { at: 2, seq: u64::MAX }.key(&ann), torn);
    let data = f.shared().load(&ann).wait().unwrap();
    assert_eq!(data.assessments.len(), 1);
    assert_eq!(data.assessments[0].answers[0].question, "kept");
    let export = f.shared().export(&ann).wait().unwrap();
    let records = export["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert!(
        records[1]["error"].as_str().unwrap().contains("cut short"),
        "{records:?}"
    );
    assert_eq!(records[1]["raw"], String::from_utf8_lossy(torn).as_ref());
}

/// A record that cannot be decoded (damaged, not newer) never locks its owner out: the interview
/// reads as none and the next answer goes on, the damaged bytes set aside under a key of their own
/// and listed by the export, byte for byte; damaged settings read as the defaults, and are set
/// aside when saved over. (Before, every call of that owner failed until someone ran `forget`.)
fn a_damaged_interview_or_settings_record_is_set_aside_and_its_owner_goes_on(f: &mut Fixture) {
    let ann = user("local:ann");
    let damaged = b"{\"v\":1,\"data\":{\"answers\":";
    f.put_raw(&ann, &RecordKind::Interview.key(&ann), damaged);
    f.put_raw(&ann, &RecordKind::Settings.key(&ann), b"{\"v\":1,\"data\":{\"share");
    let store = f.shared();
    assert_eq!(store.interview(&ann).wait().unwrap(), None, "read as none");
    let loaded = store.load(&ann).wait().unwrap();
    assert_eq!((loaded.interview, loaded.settings), (None, Settings::default()));

    let mut shown = Some(Interview::default());
    let written = add_answer(&*store, &ann, "budget", 1);
    store
        .update_interview(&ann, &mut |current| {
            shown = current.clone();
            current
        })
        .wait()
        .unwrap();
    assert_eq!(shown, Some(written), "the answer after it is stored");
    store
        .save_settings(&ann, &Settings { share_by_default: true })
        .wait()
        .unwrap();
    assert!(store.load(&ann).wait().unwrap().settings.share_by_default);

    let export = store.export(&ann).wait().unwrap();
    let records = export["records"].as_array().unwrap();
    let aside: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["key"].as_str().unwrap().starts_with("set-aside/"))
        .collect();
    assert_eq!(aside.len(), 2, "{records:?}");
    assert!(aside[0]["key"].as_str().unwrap().starts_with("set-aside/interview/"));
    assert_eq!(aside[0]["raw"], String::from_utf8_lossy(damaged).as_ref());
    assert!(aside[0]["error"].is_string());
    assert!(aside[1]["key"].as_str().unwrap().starts_with("set-aside/settings/"));
    // Restart works too, and forget takes the set-aside records with the rest.
    store.update_interview(&ann, &mut |_| None).wait().unwrap();
    assert_eq!(store.forget(&ann).wait().unwrap(), records.len() - 1);
    assert!(keys(&store.export(&ann).wait().unwrap()).is_empty());
}

fn update_returning_none_deletes_and_an_unchanged_interview_is_returned_as_is(f: &mut Fixture) {
    let ann = user("local:ann");
    let written = add_answer(&*f.shared(), &ann, "budget", 1);
    let same = f
        .shared()
        .update_interview(&ann, &mut |current| current)
        .wait()
        .unwrap();
    assert_eq!(same, Some(written));
    assert_eq!(f.shared().update_interview(&ann, &mut |_| None).wait().unwrap(), None);
    assert_eq!(f.shared().interview(&ann).wait().unwrap(), None);
    assert!(keys(&f.shared().export(&ann).wait().unwrap()).is_empty());
}

/// An answer reads the interview and then changes it: `update_seen` shows the change the reader's
/// copy while the record is still the one read, and the record decoded afresh once another writer
/// has replaced it, so a stale copy can never be written back.
fn update_seen_shows_the_readers_copy_only_while_the_record_is_the_one_it_read(f: &mut Fixture) {
    let store = f.shared();
    let ann = user("local:ann");
    add_answer(&*store, &ann, "budget", 1);
    let shown_to = |read: &Option<Interview>, seen| {
        let mut shown = Vec::new();
        let mut keep = |current: Option<Interview>| {
            shown.push(current.as_ref().map(|i| i.updated_at));
            current.into()
        };
        store.update_seen(&ann, read, seen, &mut keep).wait().unwrap();
        shown
    };

    // A copy that differs from the stored record, to tell which of the two the change is shown.
    let (stored, seen) = store.interview_seen(&ann).wait().unwrap();
    let mut marked = stored.clone().unwrap();
    marked.updated_at = 777;
    assert_eq!(
        shown_to(&Some(marked.clone()), &seen),
        [Some(777)],
        "the record was the one read"
    );

    // Another writer replaces the record after it was read: the token no longer matches.
    let (read, seen) = store.interview_seen(&ann).wait().unwrap();
    let mut theirs = read.unwrap();
    theirs.updated_at = 5;
    store
        .update_interview(&ann, &mut |_| Some(theirs.clone()))
        .wait()
        .unwrap();
    assert_eq!(
        shown_to(&Some(marked), &seen),
        [Some(5)],
        "the record changed since it was read"
    );
}

fn writers_through_spawn_blocking_lose_no_answer(f: &mut Fixture) {
    // Store calls from a runtime's blocking threads (a runtime with I/O and timers, as the bot's).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let store = f.shared();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..40)
            .map(|i| {
                let store = store.clone();
                tokio::task::spawn_blocking(move || add_answer(&*store, &user("local:ann"), &format!("q{i}"), 1))
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    assert_eq!(
        store
            .interview(&user("local:ann"))
            .wait()
            .unwrap()
            .unwrap()
            .answers
            .len(),
        40
    );
}

fn beyond_the_cap_the_oldest_assessments_are_folded_not_lost(f: &mut Fixture) {
    let ann = user("local:ann");
    let total = MAX_ASSESSMENTS as u64 + 2;
    for at in 1..=total {
        f.shared()
            .add_assessment(&ann, &assessment(at, &format!("a{at}")))
            .wait()
            .unwrap();
    }
    let kept = f.shared().load(&ann).wait().unwrap().assessments;
    assert_eq!(kept.len(), MAX_ASSESSMENTS);
    assert_eq!(kept[0].at, 3, "the two oldest were folded");
    let earlier = kept[0]
        .earlier
        .clone()
        .expect("the oldest kept carries the folded ones");
    assert_eq!((earlier.count, earlier.first_at, earlier.last_at), (2, 1, 2));
    assert_eq!(earlier.outcomes.get("full"), Some(&2));
    assert!(kept[1..].iter().all(|a| a.earlier.is_none()));
    assert_eq!(keys(&f.shared().export(&ann).wait().unwrap()).len(), MAX_ASSESSMENTS);
}

// ---- check-ins ------------------------------------------------------------------------------

/// 2026-01-01T00:00:00Z, and the first of the next two months.
const JAN_1: u64 = 1_767_225_600;
const FEB_1: u64 = JAN_1 + 31 * 86_400;
const MAR_1: u64 = FEB_1 + 28 * 86_400;

fn rules() -> CheckinRules {
    CheckinRules {
        snooze_days: 7.0,
        grace_days: 3.0,
        spend_tolerance: 0.1,
        two_weeks_days: 14.0,
        judge_after: 2.0,
    }
}

/// Monthly check-ins on a six-month plan started on 1 January: the first is due on 1 February.
fn checkin_record() -> CheckinRecord {
    common::sales_plan_checkins(JAN_1, &rules())
}

fn turn_on(store: &dyn Store, who: &UserId) {
    store
        .update_checkins(who, &mut |_| Some(checkin_record()))
        .wait()
        .unwrap();
}

fn check_ins_round_trip_and_their_due_entry_follows_the_record(f: &mut Fixture) {
    let ann = user("local:ann");
    assert_eq!(f.shared().checkins(&ann).wait().unwrap(), None);
    turn_on(&*f.shared(), &ann);
    f.reopen();
    assert_eq!(f.shared().checkins(&ann).wait().unwrap(), Some(checkin_record()));
    assert_eq!(f.shared().due(FEB_1 - 1).wait().unwrap(), []);
    assert_eq!(f.shared().due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);
    // A logged check-in moves the entry to the next slot; off removes it and keeps the log.
    f.shared()
        .update_checkins(&ann, &mut |r| {
            let mut r = r.expect("there is a record");
            r.log(
                Checkin {
                    at: FEB_1,
                    spend: Some(1000.0),
                    sales: Some(2.0),
                    ..Checkin::default()
                },
                &rules(),
            );
            Some(r)
        })
        .wait()
        .unwrap();
    assert_eq!(f.shared().due(FEB_1 + 86_400).wait().unwrap(), []);
    assert_eq!(f.shared().due(MAR_1).wait().unwrap(), [(ann.clone(), MAR_1)]);
    f.shared()
        .update_checkins(&ann, &mut |r| {
            let mut r = r.unwrap();
            r.turn_off();
            Some(r)
        })
        .wait()
        .unwrap();
    assert_eq!(f.shared().due(u64::MAX).wait().unwrap(), []);
    assert_eq!(f.shared().checkins(&ann).wait().unwrap().unwrap().log.len(), 1);
    // None deletes them.
    f.shared().update_checkins(&ann, &mut |_| None).wait().unwrap();
    assert_eq!(f.shared().checkins(&ann).wait().unwrap(), None);
    assert!(f.shared().load(&ann).wait().unwrap().interview.is_none());
}

fn due_lists_check_ins_earliest_first_and_a_claimed_one_no_more(f: &mut Fixture) {
    let (ann, bob) = (user("local:ann"), user("local:bob"));
    turn_on(&*f.shared(), &ann);
    f.shared()
        .update_checkins(&bob, &mut |_| {
            let mut r = checkin_record();
            r.snooze(JAN_1, &rules());
            Some(r)
        })
        .wait()
        .unwrap();
    let week = JAN_1 + 7 * 86_400;
    assert_eq!(
        f.shared().due(FEB_1).wait().unwrap(),
        [(bob.clone(), week), (ann.clone(), FEB_1)]
    );
    assert!(f.shared().claim(&bob, week).wait().unwrap());
    assert!(!f.shared().claim(&bob, week).wait().unwrap(), "a second claim fails");
    assert!(
        !f.shared().claim(&ann, week).wait().unwrap(),
        "nothing due then for ann"
    );
    assert_eq!(f.shared().due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);
    // The claim outlives a restart.
    f.reopen();
    assert!(
        !f.shared().claim(&bob, week).wait().unwrap(),
        "claimed before the restart"
    );
    // Saving the record with the same due time keeps the claim; a new time starts unclaimed.
    f.shared().update_checkins(&bob, &mut |r| r).wait().unwrap();
    assert_eq!(f.shared().due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);
    f.shared()
        .update_checkins(&bob, &mut |r| {
            let mut r = r.unwrap();
            r.sent(week, &rules());
            Some(r)
        })
        .wait()
        .unwrap();
    assert_eq!(
        f.shared().due(FEB_1).wait().unwrap(),
        [(ann.clone(), FEB_1), (bob.clone(), FEB_1)]
    );
}

fn each_check_in_is_claimed_once_by_sixteen_racing_threads(f: &mut Fixture) {
    let owners: Vec<UserId> = (0..8).map(|i| user(&format!("local:owner{i}"))).collect();
    for who in &owners {
        turn_on(&*f.shared(), who);
    }
    let barrier = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (store, barrier) = (f.shared(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut won = Vec::new();
                for (who, at) in store.due(FEB_1).wait().unwrap() {
                    if store.claim(&who, at).wait().unwrap() {
                        won.push(who);
                    }
                }
                won
            })
        })
        .collect();
    let mut won: Vec<UserId> = threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    won.sort();
    assert_eq!(won, owners, "each check-in claimed exactly once");
    assert_eq!(f.shared().due(FEB_1).wait().unwrap(), []);
}

fn forget_removes_the_check_ins_and_their_due_entry_and_spares_others(f: &mut Fixture) {
    let (ann, anna) = (user("local:ann"), user("local:anna"));
    turn_on(&*f.shared(), &ann);
    turn_on(&*f.shared(), &anna);
    assert_eq!(
        f.shared().forget(&ann).wait().unwrap(),
        2,
        "the record and its due entry"
    );
    assert_eq!(f.shared().checkins(&ann).wait().unwrap(), None);
    assert_eq!(f.shared().due(u64::MAX).wait().unwrap(), [(anna.clone(), FEB_1)]);
    assert!(!f.shared().claim(&ann, FEB_1).wait().unwrap());
    assert!(keys(&f.shared().export(&ann).wait().unwrap()).is_empty());
    assert!(f.shared().checkins(&anna).wait().unwrap().is_some());
}

fn export_lists_the_check_ins_and_their_due_entry_in_key_order(f: &mut Fixture) {
    let ann = user("local:ann");
    turn_on(&*f.shared(), &ann);
    add_answer(&*f.shared(), &ann, "budget", 10);
    assert!(f.shared().claim(&ann, FEB_1).wait().unwrap());
    let export = f.shared().export(&ann).wait().unwrap();
    let due_key = format!("checkins/due/{FEB_1}");
    assert_eq!(keys(&export), ["checkins", due_key.as_str(), "interview"]);
    let records = export["records"].as_array().unwrap();
    assert_eq!(records[0]["value"]["plan"]["per_month"], 1000.0);
    assert_eq!(records[0]["value"]["plan"]["metric"], "sales");
    assert_eq!(records[0]["value"]["next_due"], FEB_1);
    assert_eq!(records[1]["value"]["claimed"], true);
    assert!(records.iter().all(|r| r["v"] == SCHEMA_VERSION));
}

fn check_ins_with_a_newer_schema_are_refused_and_kept(f: &mut Fixture) {
    let ann = user("local:ann");
    let mut key = RecordKind::AllOfUser.key(&ann);
    key.extend_from_slice(b"checkins");
    f.put_raw(&ann, &key, br#"{"v":99,"data":{"new":true}}"#);
    let mut ran = false;
    let refused = f
        .shared()
        .update_checkins(&ann, &mut |_| {
            ran = true;
            None
        })
        .wait();
    assert!(
        matches!(refused, Err(StoreError::NewerSchema { found: 99, .. })),
        "{refused:?}"
    );
    assert!(!ran, "the change ran on a record it cannot read");
    assert!(matches!(
        f.shared().checkins(&ann).wait(),
        Err(StoreError::NewerSchema { .. })
    ));
    assert_eq!(f.shared().export(&ann).wait().unwrap()["records"][0]["v"], 99);
}

/// One `#[test]` per contract function and backend.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sled {
            $(#[test]
            fn $name() {
                let mut fixture = super::Fixture::sled(stringify!($name)).unwrap();
                super::$name(&mut fixture);
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(mut fixture) = super::Fixture::postgres(stringify!($name)) {
                    super::$name(&mut fixture);
                }
            })*
        }
    };
}

contract!(
    reopen_keeps_interview_assessments_and_settings,
    a_user_never_seen_loads_as_empty_and_exports_nothing,
    sixteen_threads_answering_for_one_user_lose_no_answer,
    export_lists_every_record_with_its_value_in_key_order,
    forget_leaves_nothing_and_spares_users_whose_id_extends_it,
    an_interview_with_a_newer_schema_is_refused_and_kept_byte_for_byte,
    settings_with_a_newer_schema_are_not_overwritten,
    a_torn_assessment_is_skipped_by_load_and_shown_by_export,
    a_damaged_interview_or_settings_record_is_set_aside_and_its_owner_goes_on,
    update_returning_none_deletes_and_an_unchanged_interview_is_returned_as_is,
    update_seen_shows_the_readers_copy_only_while_the_record_is_the_one_it_read,
    writers_through_spawn_blocking_lose_no_answer,
    beyond_the_cap_the_oldest_assessments_are_folded_not_lost,
    check_ins_round_trip_and_their_due_entry_follows_the_record,
    due_lists_check_ins_earliest_first_and_a_claimed_one_no_more,
    each_check_in_is_claimed_once_by_sixteen_racing_threads,
    forget_removes_the_check_ins_and_their_due_entry_and_spares_others,
    export_lists_the_check_ins_and_their_due_entry_in_key_order,
    check_ins_with_a_newer_schema_are_refused_and_kept,
);
