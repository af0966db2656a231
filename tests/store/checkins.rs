//! The store's check-ins: the record, the due index and the claim. Each check is written against
//! `&dyn Store` so that a second backend runs the same suite; only opening (and reopening) is
//! sled's.

use advisor_testkit::common;

use outsource_advisor::store::Wait;
use std::path::Path;
use std::sync::{Arc, Barrier};

use outsource_advisor::advisor::checkin::{Checkin, CheckinRecord, CheckinRules};
use outsource_advisor::reminders::{run_round, Reminder};
use outsource_advisor::store::{SledStore, Store, UserId};

/// 2026-01-01T00:00:00Z.
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

fn record() -> CheckinRecord {
    common::sales_plan_checkins(JAN_1, &rules())
}

fn open(path: &Path) -> SledStore {
    SledStore::open(path).expect("the database opens")
}

fn user(name: &str) -> UserId {
    UserId::local(name)
}

fn turn_on(store: &dyn Store, who: &UserId) {
    store
        .update_checkins(who, &mut |_| Some(record()))
        .wait()
        .expect("check-ins saved");
}

#[test]
fn a_record_round_trips_and_its_next_check_in_is_due_once_its_time_comes() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("ann");
    assert_eq!(store.checkins(&ann).wait().unwrap(), None);
    turn_on(&store, &ann);
    assert_eq!(store.checkins(&ann).wait().unwrap(), Some(record()));
    assert_eq!(store.due(FEB_1 - 1).wait().unwrap(), []);
    assert_eq!(store.due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);

    // A logged check-in moves the entry to the next slot; off removes it.
    store
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
    assert_eq!(store.due(FEB_1 + 86_400).wait().unwrap(), []);
    assert_eq!(store.due(MAR_1).wait().unwrap(), [(ann.clone(), MAR_1)]);
    store
        .update_checkins(&ann, &mut |r| {
            let mut r = r.unwrap();
            r.turn_off();
            Some(r)
        })
        .wait()
        .unwrap();
    assert_eq!(store.due(u64::MAX).wait().unwrap(), []);
    assert_eq!(
        store.checkins(&ann).wait().unwrap().unwrap().log.len(),
        1,
        "off keeps the log"
    );
}

#[test]
fn due_lists_users_earliest_first_and_a_claimed_one_no_more() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (ann, bob) = (user("ann"), user("bob"));
    turn_on(&store, &ann);
    store
        .update_checkins(&bob, &mut |_| {
            let mut r = record();
            r.snooze(JAN_1, &rules());
            Some(r)
        })
        .wait()
        .unwrap();
    let week = JAN_1 + 7 * 86_400;
    assert_eq!(
        store.due(FEB_1).wait().unwrap(),
        [(bob.clone(), week), (ann.clone(), FEB_1)]
    );
    assert!(store.claim(&bob, week).wait().unwrap());
    assert!(!store.claim(&bob, week).wait().unwrap(), "a second claim fails");
    assert!(!store.claim(&ann, week).wait().unwrap(), "nothing due then for ann");
    assert_eq!(store.due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);

    // Saving the record with the same due time keeps the claim; a new time starts unclaimed.
    store.update_checkins(&bob, &mut |r| r).wait().unwrap();
    assert_eq!(store.due(FEB_1).wait().unwrap(), [(ann.clone(), FEB_1)]);
    store
        .update_checkins(&bob, &mut |r| {
            let mut r = r.unwrap();
            r.sent(week, &rules());
            Some(r)
        })
        .wait()
        .unwrap();
    assert_eq!(
        store.due(FEB_1).wait().unwrap(),
        [(ann.clone(), FEB_1), (bob.clone(), FEB_1)]
    );
}

#[test]
fn claims_raced_from_sixteen_threads_are_each_won_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let users: Vec<UserId> = (0..8).map(|i| user(&format!("owner{i}"))).collect();
    for who in &users {
        turn_on(store.as_ref(), who);
    }
    let barrier = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (store, barrier) = (store.clone(), barrier.clone());
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
    assert_eq!(won, users, "each check-in claimed exactly once");
    assert_eq!(store.due(FEB_1).wait().unwrap(), []);
}

#[test]
fn a_restart_keeps_the_index_and_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, bob) = (user("ann"), user("bob"));
    {
        let store = open(dir.path());
        turn_on(&store, &ann);
        turn_on(&store, &bob);
        assert!(store.claim(&ann, FEB_1).wait().unwrap());
    }
    let store = open(dir.path());
    assert_eq!(store.due(FEB_1).wait().unwrap(), [(bob.clone(), FEB_1)]);
    assert!(!store.claim(&ann, FEB_1).wait().unwrap(), "claimed before the restart");
    assert!(store.claim(&bob, FEB_1).wait().unwrap());
    assert_eq!(store.checkins(&ann).wait().unwrap(), Some(record()));
}

#[test]
fn forget_deletes_the_check_ins_and_their_due_entry_and_spares_others() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let (ann, anna) = (user("ann"), user("anna"));
    turn_on(&store, &ann);
    turn_on(&store, &anna);
    assert_eq!(store.forget(&ann).wait().unwrap(), 2, "the record and its due entry");
    assert_eq!(store.checkins(&ann).wait().unwrap(), None);
    assert_eq!(store.due(u64::MAX).wait().unwrap(), [(anna.clone(), FEB_1)]);
    assert!(!store.claim(&ann, FEB_1).wait().unwrap());
    assert!(store.checkins(&anna).wait().unwrap().is_some());
}

#[test]
fn export_lists_the_check_ins_and_the_due_entry() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("ann");
    turn_on(&store, &ann);
    assert!(store.claim(&ann, FEB_1).wait().unwrap());
    let export = store.export(&ann).wait().unwrap();
    let records = export["records"].as_array().unwrap();
    let by_key = |key: &str| {
        records
            .iter()
            .find(|r| r["key"] == key)
            .unwrap_or_else(|| panic!("{key} in {export}"))
    };
    let checkins = by_key("checkins");
    assert_eq!(checkins["value"]["plan"]["per_month"], 1000.0);
    assert_eq!(checkins["value"]["plan"]["metric"], "sales");
    assert_eq!(checkins["value"]["next_due"], FEB_1);
    assert_eq!(by_key(&format!("checkins/due/{FEB_1}"))["value"]["claimed"], true);
    // The interview loader is not confused by the new kinds.
    assert!(store.load(&ann).wait().unwrap().interview.is_none());
}

#[test]
fn two_schedulers_over_one_store_send_each_check_in_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(open(dir.path()));
    let users: Vec<UserId> = (0..20).map(|i| user(&format!("owner{i:02}"))).collect();
    for who in &users {
        turn_on(store.as_ref(), who);
    }
    let barrier = Arc::new(Barrier::new(2));
    let schedulers: Vec<_> = (0..2)
        .map(|_| {
            let (store, barrier) = (store.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let mut sent = Vec::new();
                run_round::<String>(store.as_ref(), FEB_1, &rules(), &mut |reminder: &Reminder| {
                    sent.push(reminder.user.clone());
                    Ok(())
                })
                .wait()
                .unwrap();
                sent
            })
        })
        .collect();
    let mut sent: Vec<UserId> = schedulers.into_iter().flat_map(|t| t.join().unwrap()).collect();
    sent.sort();
    assert_eq!(sent, users);
    let again = run_round::<String>(store.as_ref(), FEB_1, &rules(), &mut |_: &Reminder| Ok(()))
        .wait()
        .unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(store.checkins(&users[0]).wait().unwrap().unwrap().next_due, Some(MAR_1));
}

#[test]
fn after_downtime_and_a_restart_each_owner_gets_one_catch_up_and_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, bob) = (user("ann"), user("bob"));
    {
        let store = open(dir.path());
        turn_on(&store, &ann);
        turn_on(&store, &bob);
        // A scheduler claimed ann's February check-in and died before sending it.
        assert!(store.claim(&ann, FEB_1).wait().unwrap());
    }
    let store = open(dir.path());
    // Back in mid-April: bob gets one catch-up (not three); ann's claimed one is not sent again.
    let april = MAR_1 + 45 * 86_400;
    let mut sent = Vec::new();
    let deliveries = run_round::<String>(&store, april, &rules(), &mut |reminder: &Reminder| {
        sent.push((reminder.user.clone(), reminder.due_at, reminder.progress.month));
        Ok(())
    })
    .wait()
    .unwrap();
    assert_eq!(sent, [(bob.clone(), FEB_1, 3)]);
    assert_eq!(deliveries.len(), 1);
    assert!(run_round::<String>(&store, april, &rules(), &mut |_: &Reminder| Ok(()))
        .wait()
        .unwrap()
        .is_empty());
    let next = store.checkins(&bob).wait().unwrap().unwrap().next_due.unwrap();
    assert!(
        next > april && next < april + 31 * 86_400,
        "the next slot after now: {next}"
    );
}

#[test]
fn a_failed_send_is_reported_and_the_schedule_still_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let ann = user("ann");
    turn_on(&store, &ann);
    let deliveries = run_round(
        &store,
        FEB_1,
        &rules(),
        &mut |_: &Reminder| Err("dms closed".to_owned()),
    )
    .wait()
    .unwrap();
    assert_eq!(deliveries[0].result, Err("dms closed".to_owned()));
    assert_eq!(store.due(MAR_1 - 1).wait().unwrap(), []);
    assert_eq!(store.due(MAR_1).wait().unwrap(), [(ann, MAR_1)]);
}
