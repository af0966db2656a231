//! One owner, any process: two bot processes on one PostgreSQL database, each running half of
//! four shards against the stand-in, which routes a guild's events to shard
//! `(guild_id >> 22) % 4` (the test guild's is 3, so the second process) and DMs to shard 0 (the
//! first). Skipped with one line where no PostgreSQL is set up (see tests/support/pg.rs).

use advisor_testkit as support;

use advisor_testkit::common;
use advisor_testkit::kill::ANSWERS;
use advisor_testkit::pg;

use outsource_advisor::store::Wait;

use outsource_advisor::store::{PgStore, Store, UserId};
use support::bot::BotProcess;

use support::standin::{Place, StandIn, Stored, GUILD_ID};

const TOKEN: &str = "secret-token-c2hhcmRz.do-not-log-me";

/// Starts the real binary on shards `range` of 4, on the database at `url`.
fn spawn_bot(standin: &StandIn, url: &str, range: &str) -> BotProcess {
    BotProcess::spawn(standin, TOKEN, url, range, &[])
}

/// Whether the bot's messages include `needle` in `owner`'s DM channel (the stand-in gives user
/// N the DM channel N + 1), so that owners answering at once do not see each other's replies.
fn has(owner: u64, needle: &'static str) -> impl Fn(&[Stored]) -> bool {
    move |messages| {
        messages
            .iter()
            .any(|m| m.channel_id == owner + 1 && m.body["content"].as_str().unwrap_or("").contains(needle))
    }
}

/// The owner's stored answers, in the interview's order, and the interview's revision.
fn stored(store: &PgStore, user: u64) -> (Vec<String>, u64) {
    let interview = Store::interview(store, &UserId::discord(user))
        .wait()
        .unwrap()
        .unwrap_or_default();
    let answers = interview
        .review(common::content())
        .into_iter()
        .filter_map(|line| line.answer.map(|a| a.raw))
        .collect();
    (answers, interview.revision)
}

/// How many events of kind `event` the stand-in sent on shard `shard`.
fn sent_on(standin: &StandIn, shard: u32, event: &str) -> usize {
    standin
        .shared
        .lock()
        .shards
        .get(&shard)
        .map_or(0, |s| s.history.iter().filter(|(_, p)| p["t"] == event).count())
}

/// The tests of this binary take turns. Each starts two bot processes; run side by side (the
/// harness starts them together), the 200 owners' first interactions were answered after 3.2 to
/// 3.5 s, about one run in three on an idle machine, while another test's processes started.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The async part of a test, on a runtime of its own, in its turn (see [`ONE_AT_A_TIME`]): the
/// store's sync face (PgStore's, and the schema's set-up) is for blocking threads, so the tests
/// read the store outside it.
fn run<T>(body: impl std::future::Future<Output = T>) -> T {
    // A test that failed in its turn leaves the lock poisoned; the next one's turn is still its own.
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(body)
}

/// The stand-in and both processes, READY on all four shards with their commands registered.
async fn two_processes(url: &str) -> (StandIn, BotProcess, BotProcess) {
    let standin = StandIn::start(TOKEN).await;
    let first = spawn_bot(&standin, url, "0-1");
    let second = spawn_bot(&standin, url, "2-3");
    standin.wait_ready(4).await;
    standin.wait_commands(false).await;
    (standin, first, second)
}

#[test]
fn one_owner_answers_by_dm_on_one_process_and_by_slash_commands_on_the_other() {
    let Some(schema) = pg::schema("shards_one_owner") else {
        return;
    };
    assert_eq!(
        (GUILD_ID >> 22) % 4,
        3,
        "the test guild is on the second process's shard"
    );
    let url = schema.url();
    run(async {
        let (standin, _first, _second) = two_processes(&url).await;
        let owner = standin.user(5150);
        for answer in &ANSWERS[..3] {
            owner.say(Place::Dm, answer, false, has(5150, "Got it")).await;
        }
        // The guild's process reads what the DM's process wrote: it asks the fourth question.
        let mut on = owner.start(Place::Guild).await;
        assert!(on.text().contains("Question 4 of"), "{}", on.text());
        for answer in &ANSWERS[3..6] {
            on = owner.answer_by_components(Place::Guild, &on, answer).await;
            assert_eq!(on.kind(), 7, "{}", on.text());
        }
        // And back in the DM, the first process carries on from what the second wrote.
        owner.say(Place::Dm, ANSWERS[6], false, has(5150, "Got it")).await;
        assert!(sent_on(&standin, 0, "MESSAGE_CREATE") >= 4, "the DMs went to shard 0");
        assert!(
            sent_on(&standin, 3, "INTERACTION_CREATE") >= 4,
            "the guild's went to shard 3"
        );
        for shard in [1, 2] {
            let events = sent_on(&standin, shard, "MESSAGE_CREATE") + sent_on(&standin, shard, "INTERACTION_CREATE");
            assert_eq!(events, 0, "shard {shard} has no guild here");
        }
        standin.assert_clean();
    });
    let store = PgStore::open(&url).unwrap();
    let (answers, revision) = stored(&store, 5150);
    assert_eq!(answers, ANSWERS[..7], "every answer once, in order");
    assert_eq!(revision, 7, "no answer was written twice");
}

#[test]
fn killing_the_guilds_process_mid_interview_loses_nothing_and_its_buttons_keep_working() {
    let Some(schema) = pg::schema("shards_kill") else {
        return;
    };
    let url = schema.url();
    run(async {
        let (standin, _first, second) = two_processes(&url).await;
        let owner = standin.user(6160);
        let mut on = owner.start(Place::Guild).await;
        for answer in &ANSWERS[..3] {
            on = owner.answer_by_components(Place::Guild, &on, answer).await;
            assert_eq!(on.kind(), 7, "{}", on.text());
        }
        drop(second); // SIGKILL, mid-interview
        let _second = spawn_bot(&standin, &url, "2-3");
        standin.wait_ready(6).await;
        // The buttons of the message the killed process sent are answered by the new one.
        for answer in &ANSWERS[3..5] {
            on = owner.answer_by_components(Place::Guild, &on, answer).await;
            assert_eq!(on.kind(), 7, "{}", on.text());
        }
        standin.assert_clean();
    });
    let store = PgStore::open(&url).unwrap();
    let (answers, revision) = stored(&store, 6160);
    assert_eq!(answers, ANSWERS[..5], "nothing lost, nothing doubled");
    assert_eq!(revision, 5);
}

#[test]
fn two_hundred_owners_over_both_processes_at_once_lose_and_double_nothing() {
    let Some(schema) = pg::schema("shards_200") else { return };
    let url = schema.url();
    let owners: Vec<u64> = (0..200).map(|i| 70_000 + 2 * i).collect();
    run(async {
        let (standin, _first, _second) = two_processes(&url).await;
        // Half chat in their DMs (the first process), half use /assess in the guild (the
        // second), all at once. Chat counts against Discord's global limit, which each process
        // keeps to with its bot-wide budget (tests/discord_flood.rs): beyond it a message is shed
        // with a "busy" notice, as Discord would refuse it. So the DM owners keep within it: at
        // most DM_AT_ONCE of them await a reply at a time, which keeps the budget's queue far
        // below the 2 s after which a message is shed, also on a loaded machine (ten at once were
        // seen shed there). Interactions, which that limit does not count, all go at once.
        const DM_AT_ONCE: usize = 2;
        let dm_turns = std::sync::Arc::new(tokio::sync::Semaphore::new(DM_AT_ONCE));
        let tasks: Vec<_> = owners
            .iter()
            .enumerate()
            .map(|(i, &id)| {
                let owner = standin.user(id);
                let dm_turns = dm_turns.clone();
                tokio::spawn(async move {
                    if i % 2 == 0 {
                        let _turn = dm_turns.acquire().await.expect("the semaphore is never closed");
                        for answer in &ANSWERS[..3] {
                            owner.say(Place::Dm, answer, false, has(id, "Got it")).await;
                        }
                    } else {
                        let mut on = owner.start(Place::Guild).await;
                        for answer in &ANSWERS[..3] {
                            on = owner.answer_by_components(Place::Guild, &on, answer).await;
                        }
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        standin.assert_clean();
    });
    let store = PgStore::open(&url).unwrap();
    let expected: Vec<String> = ANSWERS[..3].iter().map(|a| a.to_string()).collect();
    for &id in &owners {
        assert_eq!(stored(&store, id), (expected.clone(), 3), "owner {id}");
    }
    assert_eq!(Store::users(&store).wait().unwrap().len(), 200);
}
