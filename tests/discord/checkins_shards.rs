//! Issue 17's check-ins: two bot processes on one PostgreSQL database (shards 0-1 and 2-3 of
//! four, as tests/discord_shards.rs runs them), each with its own check-in scheduler, over the
//! same due index. Every owner's due check-in is sent once: the store's claim picks one process.
//! Skipped with one line where no PostgreSQL is set up (see tests/support/pg.rs); fails under
//! CI=true when it can't be reached.

use advisor_testkit as support;

use advisor_testkit::pg;

use outsource_advisor::advisor::checkin::{CheckinRecord, CheckinRules, Every, Plan};
use outsource_advisor::advisor::read::Metric;
use outsource_advisor::advisor::Content;
use outsource_advisor::discord::custom_id::{Action, CustomId};
use outsource_advisor::store::{PgStore, Store, UserId, Wait};
use support::bot::BotProcess;
use support::standin::StandIn;

const TOKEN: &str = "secret-token-Y2hlY2tpbnM.do-not-log-me";
/// 2026-01-01T09:00:00Z; the first check-ins fall due on 1 February.
const JAN_1: u64 = 1_767_258_000;
const OWNERS: u64 = 40;
const FIRST_OWNER: u64 = 7_000_000_001;

/// Starts shards `range` of 4 on the database at `url`. Both processes' clocks stand at
/// 2 February, a day after every check-in fell due.
fn spawn_bot(standin: &StandIn, url: &str, range: &str) -> BotProcess {
    BotProcess::spawn(standin, TOKEN, url, range, &[("ADVISOR_NOW", "2026-02-02T09:00:00Z")])
}

/// How many check-in DMs (messages with a *Log this month* button) each owner got.
fn sent(standin: &StandIn, owner: u64) -> usize {
    let inner = standin.shared.lock();
    let Some(&channel) = inner.dm_channels.get(&owner) else {
        return 0;
    };
    let log = CustomId::new(owner, Action::CheckinLog).encode();
    inner
        .channel_messages
        .iter()
        .filter(|m| m.channel_id == channel && support::standin::user::custom_ids(&m.body).contains(&log))
        .count()
}

#[test]
fn two_processes_on_one_database_send_each_check_in_once() {
    let Some(schema) = pg::schema("checkins_two_processes") else {
        return;
    };
    let url = schema.url();
    let store = PgStore::open(&url).expect("PostgreSQL opens");
    let rules = CheckinRules::from_content(&Content::built_in());
    for owner in FIRST_OWNER..FIRST_OWNER + OWNERS {
        let plan = Plan {
            per_month: 1000.0,
            months: 6,
            below: 10.0,
            metric: Metric::Sales,
            sale_value: None,
            currency: None,
            proposed: Vec::new(),
            started: JAN_1,
        };
        let record = CheckinRecord::start(plan, Every::Month, JAN_1, &rules);
        store
            .update_checkins(&UserId::discord(owner), &mut |_| Some(record.clone()))
            .wait()
            .expect("seeded");
    }
    drop(store);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let standin = StandIn::start(TOKEN).await;
        let first = spawn_bot(&standin, &url, "0-1");
        let second = spawn_bot(&standin, &url, "2-3");
        standin
            .wait_for("every owner's check-in", |inner| {
                let owners = inner
                    .dm_channels
                    .keys()
                    .filter(|o| (FIRST_OWNER..FIRST_OWNER + OWNERS).contains(o))
                    .count();
                (owners as u64 == OWNERS).then_some(())
            })
            .await;
        standin.wait_ready(4).await;
        // Both stopped (and every DM either had begun sent) before the count.
        tokio::task::spawn_blocking(move || {
            first.stop();
            second.stop();
        })
        .await
        .unwrap();
        for owner in FIRST_OWNER..FIRST_OWNER + OWNERS {
            assert_eq!(sent(&standin, owner), 1, "owner {owner}: once");
        }
        standin.assert_clean();
    });
    let store = PgStore::open(&url).unwrap();
    assert_eq!(
        store.due(u64::MAX).wait().unwrap().len() as u64,
        OWNERS,
        "each moved on to March"
    );
    assert!(store.due(JAN_1 + 40 * 86_400).wait().unwrap().is_empty());
}
