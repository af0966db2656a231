//! The real binary as users run it, against the stand-in: the token never shows in its logs, a
//! SIGTERM stops it cleanly with exit 0, and SIGKILL at random points loses no confirmed answer.

use advisor_testkit as support;

use std::path::Path;
use std::process::{Child, Command, Stdio};

use outsource_advisor::store::{block_on, SledStore, Store, UserId};
use support::bot::{self, BotProcess};
use support::kill::{self, XorShift, ANSWERS};
use support::standin::{Place, StandIn, Stored};

const BIN: &str = env!("CARGO_BIN_EXE_outsource-advisor");
const TOKEN: &str = "secret-token-Zm9vYmFy.do-not-log-me";

fn spawn_bot(standin: &StandIn, db: &Path, log_level: &str) -> BotProcess {
    BotProcess::start(
        bot::command(standin, TOKEN, db)
            .env("RUST_LOG", log_level)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    )
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success());
}

fn has(needle: &'static str) -> impl Fn(&[Stored]) -> bool {
    move |messages| {
        messages
            .iter()
            .any(|m| m.body["content"].as_str().unwrap_or("").contains(needle))
    }
}

/// A message a user types, distinctive enough to find in a log in any spelling.
const USERS_WORDS: &str = "walrus quartz seventy-one";

/// The ways a secret can be spelled in a log: as typed, as hex (both cases, as tungstenite writes
/// a frame's payload), as a decimal byte list (`Debug` of a `Vec<u8>`), and base64 at each of the
/// three alignments it can fall on inside a longer encoded text.
fn spellings(secret: &str) -> Vec<(&'static str, String)> {
    let bytes = secret.as_bytes();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let decimal = bytes.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
    let mut forms = vec![
        ("as typed", secret.to_owned()),
        ("as hex", hex.clone()),
        ("as HEX", hex.to_uppercase()),
        ("as a decimal byte list", decimal),
    ];
    for shift in 0..3 {
        let mut shifted = vec![b'x'; shift];
        shifted.extend_from_slice(bytes);
        let encoded = base64(&shifted);
        // Drop the characters that also depend on the bytes around the secret.
        let core = &encoded[if shift == 0 { 0 } else { 4 }..encoded.len() - 4];
        forms.push(("base64", core.to_owned()));
    }
    forms
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bot run at `RUST_LOG=trace` (with `extra` environment), used for /help and two DMs; its
/// whole log (stdout and stderr), the interaction token of the /help, and the answer stored.
async fn traced_run(extra: &[(&str, &str)]) -> (String, String) {
    let standin = StandIn::start(TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let mut command = bot::command(&standin, TOKEN, dir.path());
    command
        .env("RUST_LOG", "trace")
        .env_remove(WIRE_LOG_OPT_IN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in extra {
        command.env(name, value);
    }
    let mut child = BotProcess::start(&mut command);
    // Read the logs as they come, or a full pipe would stall the bot.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    standin.wait_ready(1).await;
    standin.wait_commands(false).await;
    let help = standin.user(31).slash(Place::Dm, "help", &[]).await;
    assert_eq!(help.kind(), 4);
    standin.user(31).say(Place::Dm, "yes", false, has("Got it")).await;
    standin
        .user(31)
        .say(Place::Dm, USERS_WORDS, false, |m| !m.is_empty())
        .await;

    signal(&child, "TERM");
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "SIGTERM ends with exit 0: {status:?}");
    let logs = format!("{}{}", stdout.join().unwrap(), stderr.join().unwrap());
    assert!(logs.contains("connected"), "the log was captured: {} bytes", logs.len());

    // The stop flushed the store: the answer is there for the next start.
    let store = SledStore::open(dir.path()).expect("the store was closed cleanly");
    let data = block_on(store.load(&UserId::discord(31))).unwrap();
    assert_eq!(data.interview.expect("an interview").answers["growth"].raw, "yes");
    standin.assert_clean();
    (logs, help.token)
}

/// The variable that lets the websocket and HTTP crates log their frames (unsafe: see README).
const WIRE_LOG_OPT_IN: &str = "ADVISOR_UNSAFE_WIRE_LOG";

/// Every secret of `run`'s log that shows in some spelling, named.
fn found(logs: &str, interaction_token: &str) -> Vec<String> {
    let secrets = [
        ("the bot token", TOKEN.to_owned()),
        ("a part of the token", "Zm9vYmFy.do-not-log-me".to_owned()),
        ("a user's message", USERS_WORDS.to_owned()),
        ("an interaction token", interaction_token.to_owned()),
    ];
    let mut leaks = Vec::new();
    for (what, secret) in &secrets {
        for (how, spelled) in spellings(secret) {
            if let Some(at) = logs.find(&spelled) {
                let line_start = logs[..at].rfind('\n').map_or(0, |i| i + 1);
                let context: String = logs[line_start..].chars().take(160).collect();
                leaks.push(format!("{what} {how}, in: {context}"));
            }
        }
    }
    leaks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_and_users_words_never_appear_in_the_trace_log_and_sigterm_stops_cleanly() {
    let (logs, interaction_token) = traced_run(&[]).await;
    let leaks = found(&logs, &interaction_token);
    assert!(
        leaks.is_empty(),
        "found in the trace log ({} bytes): {leaks:?}",
        logs.len()
    );
}

/// The search above can fail: with the opt-in, the frames are logged and the token is found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_unsafe_opt_in_the_frames_are_logged_and_the_search_finds_the_token() {
    let (logs, interaction_token) = traced_run(&[(WIRE_LOG_OPT_IN, "1")]).await;
    let leaks = found(&logs, &interaction_token);
    assert!(leaks.iter().any(|l| l.starts_with("the bot token")), "{leaks:?}");
}

#[test]
fn a_bad_setting_is_reported_without_the_token() {
    let output = Command::new(BIN)
        .arg("discord")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_GUILD_ID", "not-a-number")
        .env("ADVISOR_DB", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_GUILD_ID"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

fn stored_answers(db: &Path, user: u64) -> Vec<String> {
    let store = SledStore::open(db).expect("the store opens cleanly after SIGKILL");
    let interview = block_on(store.load(&UserId::discord(user)))
        .expect("the record reads")
        .interview
        .unwrap_or_default();
    let content = outsource_advisor::advisor::Content::built_in();
    interview
        .review(&content)
        .into_iter()
        .filter_map(|line| line.answer.map(|a| a.raw))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmed_answers_survive_sigkill_of_the_bot() {
    let kills: usize = std::env::var("DISCORD_KILL_POINTS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(12);
    let seed = kill::seed(0xd15c_0bd5);
    println!("discord kill test: {kills} kill points, KILL_SEED={seed}");
    let mut rng = XorShift(seed | 1);
    let standin = StandIn::start(TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let user = standin.user(4242);
    let mut confirmed: Vec<String> = Vec::new();
    for life in 0..kills {
        if confirmed.len() >= ANSWERS.len() {
            break;
        }
        let mut child = spawn_bot(&standin, dir.path(), "warn");
        standin.wait_ready(life as u64 + 1).await;
        let batch = rng.below(3) as usize + 1;
        for answer in ANSWERS.iter().skip(confirmed.len()).take(batch) {
            user.say(Place::Dm, answer, false, has("Got it")).await;
            confirmed.push((*answer).to_owned());
        }
        if rng.below(2) == 1 {
            if let Some(next) = ANSWERS.get(confirmed.len()) {
                // Sent, not waited for: it may or may not land before the kill.
                standin.dispatch(
                    "MESSAGE_CREATE",
                    support::standin::message_json(
                        standin.shared.next_id(),
                        4243,
                        support::standin::user_json(4242, false),
                        &serde_json::json!({"content": next}),
                    ),
                );
            }
        }
        child.kill().expect("SIGKILL");
        tokio::task::spawn_blocking(move || child.wait())
            .await
            .unwrap()
            .unwrap();
        let stored = stored_answers(dir.path(), 4242);
        assert!(
            stored.starts_with(&confirmed),
            "life {life} (KILL_SEED={seed}): confirmed {confirmed:?}, stored {stored:?}"
        );
        confirmed = stored;
    }
    println!("discord kill test: survived, {} answers stored", confirmed.len());
    standin.assert_clean();
}
