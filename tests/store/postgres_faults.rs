//! PostgreSQL faults played through the fault proxy (tests/support/proxy.rs): a frozen server, a
//! cut one, a row lock held by another client, and 500 owners interviewing while the database is
//! cut and restored twice. Each fault ends in a bounded time with nothing half-stored, and the next
//! answer after it is stored by the same store.

use advisor_testkit::chat::Chat;
use advisor_testkit::pg;
use advisor_testkit::proxy::FaultProxy;

use std::sync::Arc;
use std::time::{Duration, Instant};

use outsource_advisor::advisor::{Answer, Interview, Reading};
use outsource_advisor::store::{PgStore, Store, StoreError, UserId, Wait};

/// The longest an answer may take when the database misbehaves: the store's own limit (4 s) and
/// a margin for a loaded machine.
const LIMIT: Duration = Duration::from_secs(6);

/// A schema, a proxy in front of its server, and a store opened through the proxy.
fn through_proxy(test: &str) -> Option<(pg::Schema, FaultProxy, Arc<PgStore>)> {
    let schema = pg::schema(test)?;
    let proxy = FaultProxy::start(FaultProxy::upstream_of(&schema.url()));
    let store = Arc::new(PgStore::open(&proxy.url(&schema.url())).unwrap());
    Some((schema, proxy, store))
}

fn answer(question: &str, text: &str) -> Answer {
    Answer {
        question: question.to_owned(),
        raw: text.to_owned(),
        reading: Reading::Text { text: text.to_owned() },
        at: 1,
    }
}

/// Adds the answer `text` to `question`, as one write.
fn add(store: &dyn Store, who: &UserId, question: &str, text: &str) -> Result<Interview, StoreError> {
    store
        .update_interview(who, &mut |current| {
            let mut interview = current.unwrap_or_default();
            interview.answers.insert(question.to_owned(), answer(question, text));
            Some(interview)
        })
        .wait()
        .map(|stored| stored.expect("an interview was written"))
}

/// What is stored, read past the proxy.
fn stored(schema: &pg::Schema, who: &UserId) -> Option<Interview> {
    let direct = PgStore::open(&schema.url()).unwrap();
    Store::interview(&direct, who).wait().unwrap()
}

/// A frozen server (every byte held, as SIGSTOP does) gives a timed-out answer within the limit,
/// not stored; once it thaws, the same store stores the answer sent again. Before the timeouts it
/// waited as long as the freeze lasted.
#[test]
fn a_frozen_database_times_out_within_the_limit_and_the_answer_sent_again_is_stored() {
    let Some((schema, proxy, store)) = through_proxy("frozen") else {
        return;
    };
    let ann = UserId::local("ann");
    add(&*store, &ann, "niche", "bakery").unwrap();
    proxy.freeze();
    let started = Instant::now();
    let err = add(&*store, &ann, "budget", "500").unwrap_err();
    let took = started.elapsed();
    eprintln!("frozen: the answer gave up after {took:?}");
    assert!(took < LIMIT, "the answer waited {took:?}");
    assert!(matches!(err, StoreError::TimedOut { .. }), "{err:?}");
    assert!(err.to_string().contains("did not answer"), "{err}");
    proxy.restore();
    let now = stored(&schema, &ann).unwrap();
    assert!(!now.answers.contains_key("budget"), "a timed-out answer is not stored");
    let again = add(&*store, &ann, "budget", "500").unwrap();
    assert_eq!(again.answers.len(), 2);
    assert_eq!(stored(&schema, &ann).unwrap().answers.len(), 2);
}

/// A cut (every connection closed, new ones refused) fails fast, and after the restore the same
/// store works without a restart.
#[test]
fn a_cut_database_fails_fast_and_the_same_store_works_after_the_restore() {
    let Some((schema, proxy, store)) = through_proxy("cut") else {
        return;
    };
    let ann = UserId::local("ann");
    add(&*store, &ann, "niche", "bakery").unwrap();
    proxy.cut();
    let started = Instant::now();
    let err = add(&*store, &ann, "budget", "500").unwrap_err();
    eprintln!("cut: the answer gave up after {:?}", started.elapsed());
    assert!(started.elapsed() < LIMIT, "{:?}", started.elapsed());
    assert!(
        matches!(err, StoreError::Unreachable { .. } | StoreError::TimedOut { .. }),
        "{err:?}"
    );
    proxy.restore();
    add(&*store, &ann, "budget", "500").unwrap();
    assert_eq!(stored(&schema, &ann).unwrap().answers.len(), 2);
}

/// A row lock held by another client (psql's `SELECT ... FOR UPDATE` left open) ends the answer
/// with the server's lock timeout instead of holding it for as long as the lock lasts (29.6 s in
/// the probe), nothing stored; the answer after the lock is released is stored.
#[test]
fn a_row_locked_by_another_client_ends_the_answer_within_the_limit_and_stores_nothing() {
    let Some((schema, _proxy, store)) = through_proxy("locked") else {
        return;
    };
    let ann = UserId::local("ann");
    add(&*store, &ann, "niche", "bakery").unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (locker, connection) = runtime
        .block_on(tokio_postgres::connect(&schema.url(), tokio_postgres::NoTls))
        .unwrap();
    let driver = runtime.spawn(connection);
    runtime
        .block_on(locker.batch_execute("BEGIN; SELECT * FROM advisor_users FOR UPDATE"))
        .unwrap();
    let started = Instant::now();
    let err = add(&*store, &ann, "budget", "500").unwrap_err();
    eprintln!("locked: the answer gave up after {:?}", started.elapsed());
    assert!(started.elapsed() < LIMIT, "{:?}", started.elapsed());
    assert!(err.to_string().contains("lock timeout"), "{err}");
    runtime.block_on(locker.batch_execute("ROLLBACK")).unwrap();
    assert!(!stored(&schema, &ann).unwrap().answers.contains_key("budget"));
    add(&*store, &ann, "budget", "500").unwrap();
    drop(locker);
    let _ = runtime.block_on(driver);
}

/// 500 owners interview at once (six answers each, each sent again until confirmed, as an owner
/// would) while the database is cut and restored twice: every confirmed answer is stored.
#[test]
fn five_hundred_owners_lose_no_confirmed_answer_while_the_database_is_cut_and_restored_twice() {
    const OWNERS: usize = 500;
    const ANSWERS: usize = 6;
    let Some((schema, proxy, store)) = through_proxy("cut500") else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let (confirmed, failures) = runtime.block_on(async {
        let owners: Vec<_> = (0..OWNERS)
            .map(|n| {
                let store = Arc::clone(&store);
                tokio::spawn(async move {
                    let who = UserId::local(&format!("owner{n}"));
                    let mut confirmed = Vec::new();
                    let mut failures = 0;
                    for k in 0..ANSWERS {
                        let question = format!("q{k}");
                        loop {
                            let result = store
                                .update_interview(&who, &mut |current| {
                                    let mut interview = current.unwrap_or_default();
                                    interview
                                        .answers
                                        .insert(question.clone(), answer(&question, &format!("{n}-{k}")));
                                    Some(interview)
                                })
                                .await;
                            match result {
                                Ok(_) => {
                                    confirmed.push(question.clone());
                                    break;
                                }
                                Err(_) => {
                                    failures += 1;
                                    tokio::time::sleep(Duration::from_millis(50)).await;
                                }
                            }
                        }
                    }
                    (who, confirmed, failures)
                })
            })
            .collect();
        // Two cuts while they answer, each restored after a moment.
        for _ in 0..2 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            proxy.cut();
            tokio::time::sleep(Duration::from_millis(400)).await;
            proxy.restore();
        }
        let mut confirmed = Vec::new();
        let mut failures = 0;
        for owner in owners {
            let (who, answers, failed) = owner.await.unwrap();
            failures += failed;
            confirmed.push((who, answers));
        }
        (confirmed, failures)
    });
    eprintln!(
        "{OWNERS} owners, {} answers confirmed, {failures} failed attempts sent again, {:?}",
        OWNERS * ANSWERS,
        started.elapsed()
    );
    assert!(failures > 0, "the cuts came while owners were answering");
    let direct = PgStore::open(&schema.url()).unwrap();
    let mut lost = 0;
    for (who, answers) in &confirmed {
        let interview = Store::interview(&direct, who).wait().unwrap().unwrap_or_default();
        lost += answers.iter().filter(|q| !interview.answers.contains_key(*q)).count();
    }
    assert_eq!(lost, 0, "confirmed answers lost");
    assert_eq!(confirmed.iter().map(|(_, a)| a.len()).sum::<usize>(), OWNERS * ANSWERS);
}

/// The terminal chat on a database that freezes, then on one that is cut: each answer gets the
/// friendly line within the limit (it waited as long as the freeze lasted: 45 s in the probe), and
/// the same answer sent again after the restore is stored, in the same process.
#[test]
fn the_chat_answers_within_the_limit_on_a_frozen_or_cut_database_and_goes_on_after_it() {
    let Some((schema, proxy, _store)) = through_proxy("chatfrozen") else {
        return;
    };
    let answers = advisor_testkit::common::typed_in_order(
        &outsource_advisor::advisor::Content::built_in(),
        &advisor_testkit::common::persona("dentist").answers,
    );
    let mut chat = Chat::start(&proxy.url(&schema.url()));
    chat.say("", &["?"], LIMIT);
    chat.say(&answers[0], &["Got it"], LIMIT);
    for (fault, n) in [("freeze", 1), ("cut", 2)] {
        match fault {
            "freeze" => proxy.freeze(),
            _ => proxy.cut(),
        }
        let (said, took) = chat.say(&answers[n], &["Got it", "went wrong"], LIMIT);
        assert!(said.contains("went wrong"), "{fault}: {said}");
        assert!(took < LIMIT, "{fault}: {took:?}");
        proxy.restore();
        let (said, _) = chat.say(&answers[n], &["Got it", "went wrong"], LIMIT);
        assert!(
            said.contains("Got it"),
            "{fault}: the answer sent again is stored: {said}"
        );
    }
    let stored = stored(&schema, &UserId::local("local")).unwrap();
    assert_eq!(stored.answers.len(), 3, "the three answers, each once");
}
