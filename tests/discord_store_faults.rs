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
    let reply = standin.user(4242).slash(Place::Dm, "assess", &[]).await;
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
