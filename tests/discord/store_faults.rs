//! The Discord bot when its store fails under it: the owner gets the friendly notice in time, and
//! the operator a log line naming the user and the cause, at the default log level.

use advisor_testkit as support;

use std::io::Read;
use std::process::{Command, Stdio};

use outsource_advisor::store::{block_on, RecordKind, SledStore, Store, UserId};
use support::bot::{self, BotProcess};
use support::standin::{Place, StandIn};

const TOKEN: &str = "store-faults-token.do-not-log-me";

/// An interview record written by a newer build: every store call of the user fails on it.
const NEWER: &[u8] = br#"{"v":99,"data":{"answers":{"niche":{"raw":"my secret bakery"}}}}"#;

/// A store error while answering /assess is logged with the user's id and the cause at the
/// default log level (RUST_LOG unset), never with the record's words; the owner gets the notice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_error_is_logged_with_the_user_and_the_cause_at_the_default_level() {
    let dir = tempfile::tempdir().unwrap();
    let owner = UserId::discord(4242u64);
    {
        let store = SledStore::open(dir.path()).unwrap();
        store.raw_db().insert(RecordKind::Interview.key(&owner), NEWER).unwrap();
        block_on(store.flush()).unwrap();
    }
    let standin = StandIn::start(TOKEN).await;
    let mut command = bot::command(&standin, TOKEN, dir.path());
    command
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = BotProcess::start(&mut command);
    let mut stderr = child.stderr.take().unwrap();
    let drain = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    standin.wait_ready(1).await;
    standin.wait_commands(false).await;
    let reply = standin.user(4242).start(Place::Dm).await;
    assert!(
        reply.text().contains("went wrong"),
        "the friendly notice: {}",
        reply.text()
    );

    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
    let log = drain.join().unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("ERROR") && l.contains("user=4242"))
        .unwrap_or_else(|| panic!("no error line naming the user: {log}"));
    assert!(line.contains("schema 99"), "the cause: {line}");
    assert!(
        !log.contains("secret bakery"),
        "the record's words are not logged: {log}"
    );
    assert!(!log.contains(TOKEN), "the token is not logged");
}

/// A button clicked while the database is frozen is deferred within Discord's 3 s (the stand-in
/// records any interaction answered later as a violation), and the reply is edited in once the
/// store gives up: the friendly notice, nothing stored. After the restore the same click is
/// stored. Before, the callback waited for the store, as long as the freeze lasted.
#[test]
fn a_click_on_a_frozen_database_is_deferred_in_time_and_edited_when_the_store_gives_up() {
    use outsource_advisor::advisor::Content;
    use outsource_advisor::discord::Data;
    use outsource_advisor::store::PgStore;
    use support::proxy::FaultProxy;
    use support::standin::user::answers_with;

    let Some(schema) = support::pg::schema("discordfrozen") else {
        return;
    };
    let proxy = FaultProxy::start(FaultProxy::upstream_of(&schema.url()));
    let store = PgStore::open(&proxy.url(&schema.url())).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let standin = StandIn::start(support::bot::TOKEN).await;
        let data = Data::new(Content::built_in(), std::sync::Arc::new(store));
        let bot = support::bot::start_with_data(&standin, data, None).await;
        let user = standin.user(5150);
        let on = user.start(Place::Dm).await;
        let yes = on
            .find(|a| answers_with(a, "yes"))
            .expect("a yes button on the first question");

        proxy.freeze();
        let started = std::time::Instant::now();
        let clicked = user.click(Place::Dm, &on, &yes).await;
        assert_eq!(clicked.kind(), 6, "deferred: {:?}", clicked.data());
        let edit = user.deferred_reply(&clicked).await.body.expect("the edit has a body");
        assert!(
            edit.to_string().contains("went wrong"),
            "the notice is edited in: {edit}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "{:?}",
            started.elapsed()
        );

        proxy.restore();
        let again = user.click(Place::Dm, &on, &yes).await;
        assert_eq!(again.kind(), 7, "stored and shown at once: {}", again.text());
        assert!(again.text().contains("Question 2"), "{}", again.text());
        standin.assert_clean();
        bot.stop().await.unwrap();
    });
}
