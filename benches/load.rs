//! The load benchmark: durability cost, end to end through the stand-in with the real serenity
//! client (against a floor bot that only acknowledges), memory, bytes on disk and start-up.
//! Prints the figures and writes BENCHMARKS.md. `cargo bench --bench load`; set
//! LOAD_QUICK=1 for a short run.
//!
//! The largest interview run is repeated with the bot on PostgreSQL (a schema of its own, dropped
//! after) when `TEST_DATABASE_URL` is set, or under `CI=true` (tests/support/pg.rs); without
//! either it says in one line that it skipped.
//!
//! For profiling, `LOAD_ONLY=PART:USERS` runs one part of one interview run and nothing else
//! (PART is `ours`, `floor` or `durable`; e.g. `LOAD_ONLY=ours:1000`), prints its rate and
//! latencies, and leaves BENCHMARKS.md alone. `LOAD_ONLY=answer:ROUNDS` times only the durable
//! answer of one user against raw sled.

use advisor_testkit as support;
use advisor_testkit::common;
use advisor_testkit::pg;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use outsource_advisor::advisor::interview::{Answer, Interview};
use outsource_advisor::advisor::read::Reading;
use outsource_advisor::advisor::Content;
use outsource_advisor::discord::bot::{BotConfig, FloodLimit};
use outsource_advisor::discord::Data;
use outsource_advisor::session::Session;
use outsource_advisor::store::{block_on, encode_interview, PgStore, RecordKind, SledStore, Store, UserId};
use serenity::all::{
    Context, CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    Interaction,
};
use support::standin::user::Answer as Reply;
use support::standin::{Place, SimUser, StandIn};

struct Report {
    lines: Vec<String>,
}

impl Report {
    fn say(&mut self, line: String) {
        println!("{line}");
        self.lines.push(line);
    }
}

fn quick() -> bool {
    std::env::var_os("LOAD_QUICK").is_some()
}

fn answer(question: &str, n: usize) -> Answer {
    Answer {
        question: question.to_owned(),
        raw: format!("answer {n}"),
        reading: Reading::Text {
            text: format!("answer {n}"),
        },
        at: 1,
    }
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let meta = e.metadata().ok();
                    match meta {
                        Some(m) if m.is_dir() => dir_size(&e.path()),
                        Some(m) => m.len(),
                        None => 0,
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// The readers and the advice, as criterion measured them in this `cargo bench` run (it runs
/// benches/core.rs first and keeps its estimates under target/criterion). Each is listed with
/// the age of its estimate, so a figure left from an older run cannot pass for a new one.
fn small_parts(report: &mut Report) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let names = [
        ("read/yes_no", "read a yes / no answer (\"not really\")"),
        ("read/scale", "read a 1–5 answer (\"4 out of 5\")"),
        ("read/choices", "read several choices by number and label"),
        ("read/money", "read money with a range and a period"),
        ("read/hours", "read hours with a period"),
        ("read/number", "read a number of years"),
        ("read/text", "read free text"),
        (
            "read/money_4000_chars",
            "read a 4,000-character answer (the largest a form allows)",
        ),
        ("advice_full_answers", "advice from a full set of answers"),
        (
            "chart/advice_800x450_png",
            "draw the advice chart, 800×450 PNG (goal ≤ 50 ms)",
        ),
        (
            "chart/advice_and_chart_from_answers",
            "advice and its chart from a full set of answers",
        ),
    ];
    for (dir, what) in names {
        let path = target.join("criterion").join(dir).join("new/estimates.json");
        let estimate = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|json| json["median"]["point_estimate"].as_f64());
        let age = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        let line = match (estimate, age) {
            (Some(ns), Some(age)) => format!(
                "| {what} | median {} | criterion, measured {} min before this run | |",
                if ns >= 1_000_000.0 {
                    format!("{:.2} ms", ns / 1_000_000.0)
                } else if ns >= 1_000.0 {
                    format!("{:.1} µs", ns / 1_000.0)
                } else {
                    format!("{ns:.0} ns")
                },
                age.as_secs() / 60
            ),
            _ => format!("| {what} | not measured: run `cargo bench` (criterion runs first) | | |"),
        };
        report.say(line);
    }
}

/// `rounds` confirmed answers of one user through our store, and the same records written raw:
/// the mean time of each, measured in turns.
fn one_answer(rounds: usize) -> (Duration, Duration) {
    let change = |n: usize, current: Option<Interview>| {
        let mut interview = current.unwrap_or_default();
        interview.answers.insert(format!("q{}", n % 18), answer("q", n));
        Some(interview)
    };
    let user = UserId::local("bench");
    let key = RecordKind::Interview.key(&user);
    let mut interview = None;
    let records: Vec<Vec<u8>> = (0..rounds)
        .map(|n| {
            interview = change(n, interview.take());
            encode_interview(interview.as_ref().expect("the change always keeps the interview"))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(&dir.path().join("ours")).unwrap();
    let raw = sled::Config::new()
        .path(dir.path().join("raw"))
        .flush_every_ms(None)
        .open()
        .unwrap();
    let raw_file = std::fs::File::open(dir.path().join("raw").join("db")).unwrap();
    // Taken in turns, a block of each, so that the disk's moods (this is a VM) fall on both.
    let (mut ours, mut floor) = (Duration::ZERO, Duration::ZERO);
    let block = 50;
    for first in (0..rounds).step_by(block) {
        let start = Instant::now();
        for n in first..first + block {
            block_on(store.update_interview(&user, &mut |current| change(n, current))).unwrap();
        }
        ours += start.elapsed();
        let start = Instant::now();
        for bytes in &records[first..first + block] {
            raw.insert(&key, bytes.as_slice()).unwrap();
            raw.flush().unwrap();
            raw_file.sync_data().unwrap();
        }
        floor += start.elapsed();
    }
    let ours = ours / rounds as u32;
    let floor = floor / rounds as u32;
    (ours, floor)
}

/// A confirmed answer through our store vs a raw sled insert + flush + fdatasync of the same
/// bytes (what our store does for one writer, minus everything else).
///
/// The floor writes the very records our store wrote, one per answer, in order. (Writing one
/// record over and over is no floor at all: sled skips an insert of the value already stored,
/// so its flush has nothing to write — the first version of this bench did that and showed
/// a floor of 0.00 ms.)
fn durability(report: &mut Report) {
    let rounds = if quick() { 50 } else { 1_000 };
    let (ours, floor) = one_answer(rounds);
    report.say(format!(
        "| durable answer, one user | ours {:.2} ms | raw sled insert+flush+fdatasync {:.2} ms | ratio {:.2} (goal ≤ 1.2) |",
        ours.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        ours.as_secs_f64() / floor.as_secs_f64()
    ));

    for users in [1usize, 10, 100, 1_000] {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SledStore::open(dir.path()).unwrap());
        let per_user = (if quick() { 400 } else { 2_000 } / users).max(2);
        let start = Instant::now();
        std::thread::scope(|scope| {
            for u in 0..users {
                let store = Arc::clone(&store);
                scope.spawn(move || {
                    let id = UserId::local(&format!("user{u}"));
                    for n in 0..per_user {
                        block_on(store.update_interview(&id, &mut |current| {
                            let mut interview = current.unwrap_or_default();
                            interview.answers.insert(format!("q{}", n % 18), answer("q", n));
                            Some(interview)
                        }))
                        .unwrap();
                    }
                });
            }
        });
        let elapsed = start.elapsed();
        let total = users * per_user;
        report.say(format!(
            "| {users} users answering at once | {total} confirmed answers in {:.2} s | {:.0} answers/s |",
            elapsed.as_secs_f64(),
            total as f64 / elapsed.as_secs_f64()
        ));
    }
}

/// Bytes on disk per completed assessment, and peak memory with 10,000 interviews in progress.
fn memory_and_disk(report: &mut Report) {
    let content = Content::built_in();
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let users = if quick() { 1_000 } else { 10_000 };
    let rss_before = peak_rss_kib();
    std::thread::scope(|scope| {
        for t in 0..16 {
            let store = &store;
            scope.spawn(move || {
                for u in (t..users).step_by(16) {
                    let id = UserId::local(&format!("user{u}"));
                    block_on(store.update_interview(&id, &mut |_| {
                        let mut interview = Interview::new(1);
                        for (n, q) in ["growth", "hours_now", "free_time", "hours_available", "expertise"]
                            .iter()
                            .enumerate()
                        {
                            interview.answers.insert((*q).to_owned(), answer(q, n));
                        }
                        Some(interview)
                    }))
                    .unwrap();
                }
            });
        }
    });
    let rss_after = peak_rss_kib();
    report.say(format!(
        "| {users} interviews in progress | peak RSS {} MiB (grew {} MiB while writing them) | |",
        rss_after / 1024,
        rss_after.saturating_sub(rss_before) / 1024
    ));

    let session = Session::new(&content, &store);
    let before = {
        block_on(store.flush()).unwrap();
        dir_size(dir.path())
    };
    let assessments = if quick() { 200 } else { 2_000 };
    let answers = common::typed_in_order(&CONTENT, &DENTIST);
    for u in 0..assessments {
        let id = UserId::local(&format!("done{u}"));
        for text in &answers {
            block_on(session.apply(
                &id,
                outsource_advisor::advisor::interview::Input::Answer(text.clone()),
                None,
            ))
            .unwrap();
        }
    }
    block_on(store.flush()).unwrap();
    let after = dir_size(dir.path());
    report.say(format!(
        "| bytes on disk per completed assessment | {} bytes (interview + assessment, {} users) | |",
        after.saturating_sub(before) / assessments as u64,
        assessments
    ));
}

/// The prompts, parsed once: the generator must not spend the cores on them per click.
static CONTENT: std::sync::LazyLock<Content> = std::sync::LazyLock::new(Content::built_in);

/// The dentist persona's answers by question (tests/personas/dentist.toml).
static DENTIST: std::sync::LazyLock<BTreeMap<String, String>> =
    std::sync::LazyLock::new(|| common::persona("dentist").answers);

/// Answers the question `on` asks with the button, select or modal the Discord tests would use.
async fn answer_asked(user: &SimUser, on: &Reply, answers: &BTreeMap<String, String>) -> Option<(Reply, Vec<Step>)> {
    let content = &*CONTENT;
    let skip = on.custom_ids().into_iter().find(|id| id.starts_with("oa1:k:"))?;
    let question_id = skip.split(':').nth(4)?.to_owned();
    let question = content.question(&question_id)?.clone();
    let text = answers.get(&question_id).map_or("skip", String::as_str);
    use outsource_advisor::advisor::content::AnswerKind::*;
    let pick = |code: &str, value: Option<String>| {
        on.custom_ids().into_iter().find(|id| {
            let parts: Vec<&str> = id.split(':').collect();
            parts.get(1) == Some(&code) && (value.is_none() || parts.get(5).map(|v| v.to_string()) == value)
        })
    };
    let reading = outsource_advisor::advisor::read::read_answer(&question, text).ok()?;
    Some(match (question.kind, reading) {
        (YesNo, Reading::YesNo { value }) => (
            user.click(Place::Dm, on, &pick("a", Some(value.id().to_owned()))?)
                .await,
            vec![Step::Click],
        ),
        (Scale, Reading::Scale { value }) => (
            user.click(Place::Dm, on, &pick("a", Some(value.to_string()))?).await,
            vec![Step::Click],
        ),
        (Choice | Choices, Reading::Choices { picks }) => {
            let picks: Vec<&str> = picks.iter().map(String::as_str).collect();
            (
                user.select(Place::Dm, on, &pick("s", None)?, &picks).await,
                vec![Step::Select],
            )
        }
        _ => {
            let modal = user.click(Place::Dm, on, &pick("t", None)?).await;
            (
                user.submit_modal(Place::Dm, on, &modal.custom_ids()[0], text).await,
                vec![Step::Click, Step::Modal(text.to_owned())],
            )
        }
    })
}

/// One interaction of an interview after the first slash command, kept so that the floor bot
/// is sent the very same kinds of interaction with the same sizes.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Click,
    Select,
    Modal(String),
}

/// Runs the whole interview by buttons, selects and modals; returns the interactions after `/assess`.
async fn interview(user: SimUser) -> Vec<Step> {
    let answers = &*DENTIST;
    let mut on = user.slash(Place::Dm, "assess", &[]).await;
    let mut steps = Vec::new();
    while let Some((next, taken)) = answer_asked(&user, &on, answers).await {
        on = next;
        steps.extend(taken);
    }
    steps
}

/// The floor's side of an interview: the same interactions, against a bot that answers each
/// with a fixed reply.
async fn floor_interview(user: SimUser, steps: Arc<Vec<Step>>) {
    let mut on = user.slash(Place::Dm, "assess", &[]).await;
    for step in steps.iter() {
        on = match step {
            Step::Click => user.click(Place::Dm, &on, "floor:click").await,
            Step::Select => user.select(Place::Dm, &on, "floor:select", &["1"]).await,
            Step::Modal(text) => user.submit_modal(Place::Dm, &on, "floor:modal", text).await,
        };
    }
}

/// A bot whose handler only acknowledges each interaction with a fixed reply: the floor.
struct FloorBot;

#[serenity::async_trait]
impl EventHandler for FloorBot {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let reply = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content("ok")
                .ephemeral(true)
                .allowed_mentions(CreateAllowedMentions::new()),
        );
        let _ = match interaction {
            Interaction::Command(command) => command.create_response(&ctx.http, reply).await,
            Interaction::Component(component) => component.create_response(&ctx.http, reply).await,
            Interaction::Modal(modal) => modal.create_response(&ctx.http, reply).await,
            _ => Ok(()),
        };
    }
}

/// The durable floor: the floor bot, but each interaction's data is first written to raw sled and
/// confirmed by a group flush + fdatasync, as cheaply as that can be done: one flush thread, each
/// task awaiting a one-shot answer. The limit for any bot that keeps answers safely.
struct DurableFloorBot {
    commit: Arc<RawCommit>,
}

/// Group commit over raw sled: the least a durable bot must do.
struct RawCommit {
    db: sled::Db,
    state: std::sync::Mutex<RawState>,
    work: std::sync::Condvar,
}

#[derive(Default)]
struct RawState {
    written: u64,
    flushed: u64,
    stop: bool,
    waiters: Vec<(u64, tokio::sync::oneshot::Sender<()>)>,
}

impl RawCommit {
    fn start(path: &Path) -> (Arc<RawCommit>, std::thread::JoinHandle<()>) {
        let db = sled::Config::new().path(path).flush_every_ms(None).open().unwrap();
        let file = std::fs::File::open(path.join("db")).unwrap();
        let commit = Arc::new(RawCommit {
            db,
            state: std::sync::Mutex::new(RawState::default()),
            work: std::sync::Condvar::new(),
        });
        let worker = Arc::clone(&commit);
        let thread = std::thread::spawn(move || {
            let mut state = worker.state.lock().unwrap();
            loop {
                if state.written == state.flushed {
                    if state.stop {
                        return;
                    }
                    state = worker.work.wait(state).unwrap();
                    continue;
                }
                let target = state.written;
                drop(state);
                worker.db.flush().unwrap();
                file.sync_data().unwrap();
                state = worker.state.lock().unwrap();
                state.flushed = target;
                let (done, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut state.waiters)
                    .into_iter()
                    .partition(|(seq, _)| *seq <= target);
                state.waiters = waiting;
                for (_, tx) in done {
                    let _ = tx.send(());
                }
            }
        });
        (commit, thread)
    }

    async fn write(&self, key: Vec<u8>, value: Vec<u8>) {
        self.db.insert(key, value).unwrap();
        let rx = {
            let mut state = self.state.lock().unwrap();
            state.written += 1;
            let (tx, rx) = tokio::sync::oneshot::channel();
            let seq = state.written;
            state.waiters.push((seq, tx));
            rx
        };
        self.work.notify_one();
        let _ = rx.await;
    }

    fn stop(&self) {
        self.state.lock().unwrap().stop = true;
        self.work.notify_one();
    }
}

#[serenity::async_trait]
impl EventHandler for DurableFloorBot {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let reply = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content("ok")
                .ephemeral(true)
                .allowed_mentions(CreateAllowedMentions::new()),
        );
        // The answer as it came: who, and what was clicked, picked or typed.
        let (user, data) = match &interaction {
            Interaction::Command(c) => (c.user.id.get(), c.data.name.clone().into_bytes()),
            Interaction::Component(c) => (
                c.user.id.get(),
                format!("{}{:?}", c.data.custom_id, c.data.kind).into_bytes(),
            ),
            Interaction::Modal(m) => (
                m.user.id.get(),
                format!("{}{:?}", m.data.custom_id, m.data.components).into_bytes(),
            ),
            _ => return,
        };
        let mut key = user.to_be_bytes().to_vec();
        key.extend_from_slice(&interaction.id().get().to_be_bytes());
        self.commit.write(key, data).await;
        let _ = match interaction {
            Interaction::Command(command) => command.create_response(&ctx.http, reply).await,
            Interaction::Component(component) => component.create_response(&ctx.http, reply).await,
            Interaction::Modal(modal) => modal.create_response(&ctx.http, reply).await,
            _ => Ok(()),
        };
    }
}

/// Runs the floor's side of `users` interviews against a bot with `handler`; returns the
/// interactions per second and their latencies.
async fn run_floor(
    users: usize,
    steps: &Arc<Vec<Step>>,
    handler: impl EventHandler + 'static,
    first_id: u64,
) -> (f64, Vec<Duration>) {
    let floor_standin = StandIn::start_unjudged(support::bot::TOKEN).await;
    let http = serenity::all::HttpBuilder::new(support::bot::TOKEN)
        .proxy(floor_standin.base_url())
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::all::ClientBuilder::new_with_http(http, outsource_advisor::discord::bot::intents())
        .event_handler(handler)
        .await
        .unwrap();
    let shards = Arc::clone(&client.shard_manager);
    let task = tokio::spawn(async move { client.start().await });
    floor_standin.wait_ready(1).await;
    let floor_start = Instant::now();
    let sims: Vec<SimUser> = (0..users as u64).map(|i| floor_standin.user(first_id + i)).collect();
    join_all(
        sims.into_iter()
            .map(|u| tokio::spawn(floor_interview(u, Arc::clone(steps)))),
    )
    .await;
    let floor_elapsed = floor_start.elapsed();
    let floor = latencies(&floor_standin);
    shards.shutdown_all().await;
    let _ = task.await;
    (floor.len() as f64 / floor_elapsed.as_secs_f64(), floor)
}

fn latencies(standin: &StandIn) -> Vec<Duration> {
    let inner = standin.shared.lock();
    let mut all: Vec<Duration> = inner
        .interactions
        .values()
        .filter_map(|(_, dispatched, answered)| answered.map(|a| a.duration_since(*dispatched)))
        .collect();
    all.sort();
    all
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1e3
}

/// The whole interview by `users` simulated owners at once against our bot; the store is up to
/// the caller. Returns how long it took, the interactions' latencies, the confirmed answers and
/// each user's interactions.
async fn ours_on(standin: &StandIn, users: usize, first_id: u64) -> (Duration, Vec<Duration>, usize, Vec<Vec<Step>>) {
    let start = Instant::now();
    let sims: Vec<SimUser> = (0..users as u64).map(|i| standin.user(first_id + i)).collect();
    let runs: Vec<Vec<Step>> = join_all(sims.into_iter().map(|u| tokio::spawn(interview(u))))
        .await
        .into_iter()
        .map(|run| run.unwrap_or_default())
        .collect();
    let elapsed = start.elapsed();
    // A typed answer takes two interactions (the button that opens the modal, then the modal).
    let all: Vec<&Step> = runs.iter().flatten().collect();
    let answers = all.len() - all.iter().filter(|step| matches!(step, Step::Modal(_))).count();
    let ours = latencies(standin);
    (elapsed, ours, answers, runs)
}

/// What the PostgreSQL tables of the bench's schema hold: bytes (tables, indexes and TOAST) and
/// completed assessments.
async fn pg_footprint(client: &tokio_postgres::Client) -> (i64, i64) {
    let row = client
        .query_one(
            "SELECT pg_total_relation_size('advisor_users') + pg_total_relation_size('advisor_records') \
                    + pg_total_relation_size('advisor_checkin_due'), \
                    (SELECT count(*) FROM advisor_records WHERE substring(key FROM 1 FOR 10) = 'assessment'::bytea)",
            &[],
        )
        .await
        .expect("the bench's schema has the bot's tables");
    (row.get(0), row.get(1))
}

/// What the sled run of the same size measured, for the PostgreSQL run's row.
struct SledRun {
    answers_per_s: f64,
    interactions_per_s: f64,
    p50: f64,
    p99: f64,
    bytes_per_assessment: f64,
}

/// The largest run again with the bot on PostgreSQL at `url` (the bench's own schema), beside
/// the same run's sled figures: answers and interactions per second, p99 and bytes per
/// assessment.
async fn ours_on_postgres(report: &mut Report, url: &str, users: usize, sled: SledRun) {
    let opened = {
        let url = url.to_owned();
        // PgStore::open sets up the schema on a runtime of its own, which may not start inside
        // this one: it runs on a blocking thread.
        tokio::task::spawn_blocking(move || PgStore::open(&url))
            .await
            .expect("opening the store did not panic")
    };
    let store = match opened {
        Ok(store) => Arc::new(store),
        Err(err) => panic!("PostgreSQL for the load bench could not be used: {err}"),
    };
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .expect("the bench connects to PostgreSQL");
    let driver = tokio::spawn(connection);
    let (empty_bytes, _) = pg_footprint(&client).await;

    let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
    let data = Arc::new(Data::new(Content::built_in(), Arc::clone(&store) as Arc<dyn Store>));
    let settings = BotConfig {
        token: support::bot::TOKEN.to_owned(),
        api_base: Some(standin.base_url()),
        guild_id: None,
        // As support::bot::start: simulated owners click far faster than people.
        flood_limit: FloodLimit {
            burst: 10_000.0,
            per_second: 10_000.0,
        },
        shards: None,
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let bot = tokio::spawn(outsource_advisor::discord::bot::run(settings, data, async move {
        let _ = stopped.await;
    }));
    standin.wait_ready(1).await;
    let (elapsed, times, answers, _) = ours_on(&standin, users, 100_000).await;
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(30), bot)
        .await
        .expect("the bot on PostgreSQL stops within 30 s")
        .expect("the bot task did not panic")
        .expect("the bot on PostgreSQL ran without error");

    let (bytes, assessments) = pg_footprint(&client).await;
    client
        .batch_execute("VACUUM FULL advisor_users, advisor_records, advisor_checkin_due")
        .await
        .expect("VACUUM FULL runs");
    let (live_bytes, _) = pg_footprint(&client).await;
    drop(client);
    let _ = driver.await;
    let per = |b: i64| (b - empty_bytes).max(0) / assessments.max(1);
    let seconds = elapsed.as_secs_f64();
    let rate = times.len() as f64 / seconds;
    report.say(format!(
        "| {users} users, whole interview by buttons, PostgreSQL | {answers} answers, {} interactions in {seconds:.2} s: {:.0} answers/s, {rate:.0} interactions/s (sled, same run: {:.0} answers/s, {:.0} interactions/s; ratio {:.2}) | p50 {:.1} ms, p99 {:.1} ms (sled p50 {:.1}, p99 {:.1}) |",
        times.len(),
        answers as f64 / seconds,
        sled.answers_per_s,
        sled.interactions_per_s,
        rate / sled.interactions_per_s,
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        sled.p50,
        sled.p99,
    ));
    report.say(format!(
        "| bytes per completed assessment, {users} interviews by buttons | PostgreSQL {} bytes as the run left them, {} after VACUUM FULL ({assessments} assessments) | sled {:.0} bytes (its folder, same run) | |",
        per(bytes),
        per(live_bytes),
        sled.bytes_per_assessment,
    ));
}

/// Runs ours, the floor and the durable floor at each size; `last` gets the summary line of the
/// largest. With `postgres` (a URL of the bench's own schema), the largest runs on it as well.
async fn end_to_end(report: &mut Report, last: &mut Option<String>, postgres: Option<&str>) {
    let sizes = if quick() {
        vec![1usize, 100]
    } else {
        vec![1usize, 100, 1_000]
    };
    let largest = sizes.iter().copied().max().unwrap_or(0);
    for users in sizes {
        // Ours. Requests are not judged here (the tests do that), so the figures time the bots.
        let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
        let dir = tempfile::tempdir().unwrap();
        let bot = support::bot::start(&standin, dir.path(), None).await;
        let (elapsed, ours, answers, runs) = ours_on(&standin, users, 70_000).await;
        let ours_rate = ours.len() as f64 / elapsed.as_secs_f64();
        let steps = Arc::new(runs.into_iter().next().unwrap_or_default());
        let interactions = ours.len();
        bot.stop().await.unwrap();
        let sled_bytes = dir_size(dir.path()) as f64 / users as f64;

        // The floor: the same pipeline, the same number of interactions per user, fixed replies.
        let (floor_rate, floor) = run_floor(users, &steps, FloorBot, 80_000).await;
        // The durable floor: the same, each answer written to raw sled and group-fsynced first.
        let raw_dir = tempfile::tempdir().unwrap();
        let (commit, flusher) = RawCommit::start(raw_dir.path());
        let (durable_rate, durable) = run_floor(
            users,
            &steps,
            DurableFloorBot {
                commit: Arc::clone(&commit),
            },
            90_000,
        )
        .await;
        commit.stop();
        let _ = flusher.join();

        report.say(format!(
            "| {users} users, whole interview by buttons | {answers} answers, {interactions} interactions in {:.2} s: {:.0}/s (floor {:.0}/s, ratio {:.2}, goal ≥ 0.6; durable floor {:.0}/s, ratio {:.2}, goal ≥ 0.8) | p50 {:.1} ms, p99 {:.1} ms (floor p50 {:.1}, p99 {:.1}; durable floor p50 {:.1}, p99 {:.1}; goal p99 ≤ 1.5× floor's) |",
            elapsed.as_secs_f64(),
            ours_rate,
            floor_rate,
            ours_rate / floor_rate,
            durable_rate,
            ours_rate / durable_rate,
            percentile(&ours, 0.5),
            percentile(&ours, 0.99),
            percentile(&floor, 0.5),
            percentile(&floor, 0.99),
            percentile(&durable, 0.5),
            percentile(&durable, 0.99),
        ));
        *last = Some(format!(
            "load: {users} users: ours/floor {:.2}, ours/durable-floor {:.2}, p99 ours/floor {:.2}",
            ours_rate / floor_rate,
            ours_rate / durable_rate,
            percentile(&ours, 0.99) / percentile(&floor, 0.99)
        ));
        if users == largest {
            match postgres {
                Some(url) => {
                    let sled = SledRun {
                        answers_per_s: answers as f64 / elapsed.as_secs_f64(),
                        interactions_per_s: ours_rate,
                        p50: percentile(&ours, 0.5),
                        p99: percentile(&ours, 0.99),
                        bytes_per_assessment: sled_bytes,
                    };
                    ours_on_postgres(report, url, users, sled).await;
                }
                None => report.say(format!(
                    "| {users} users on PostgreSQL | not measured: {PG_SKIPPED} | | |"
                )),
            }
        }
    }
}

/// Why the PostgreSQL run was left out, as [`pg::schema`] says it.
const PG_SKIPPED: &str = "no PostgreSQL (set TEST_DATABASE_URL, or CI=true for the local default)";

/// Process start to READY with a store of many users vs an empty one.
async fn startup(report: &mut Report) {
    let users = if quick() { 5_000 } else { 100_000 };
    let full = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(full.path()).unwrap();
        // Written straight into sled in the store's own layout: 100,000 flushed updates would
        // time the writing, not the start-up.
        let db = store.raw_db();
        let value = encode_interview(&Interview::new(1));
        for u in 0..users {
            let key = RecordKind::Interview.key(&UserId::local(&format!("user{u}")));
            db.insert(key, value.clone()).unwrap();
        }
        block_on(store.flush()).unwrap();
    }
    let empty = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    // The first start pays for loading the binary from disk; it warms up and is not counted.
    for dir in [empty.path(), empty.path(), full.path()] {
        let standin = StandIn::start(support::bot::TOKEN).await;
        let start = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_outsource-advisor"))
            .arg("discord")
            .env("DISCORD_TOKEN", support::bot::TOKEN)
            .env("DISCORD_API_BASE", standin.base_url())
            .env("ADVISOR_DB", dir)
            .env("RUST_LOG", "error")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        standin.wait_ready(1).await;
        times.push(start.elapsed());
        let _ = child.kill();
        let _ = child.wait();
    }
    report.say(format!(
        "| start-up to READY | empty store {:.0} ms | {users} users {:.0} ms | ratio {:.2} |",
        times[1].as_secs_f64() * 1e3,
        times[2].as_secs_f64() * 1e3,
        times[2].as_secs_f64() / times[1].as_secs_f64()
    ));
}

/// One part of one interview run, alone (see the module docs): `part` is ours, floor or durable.
async fn only(part: &str, users: usize) {
    let (rate, times) = match part {
        "answer" => {
            let (ours, floor) = one_answer(users);
            println!(
                "load only answer: {users} answers of one user: ours {:.3} ms, raw {:.3} ms, ratio {:.2}",
                ours.as_secs_f64() * 1e3,
                floor.as_secs_f64() * 1e3,
                ours.as_secs_f64() / floor.as_secs_f64()
            );
            return;
        }
        "ours" => {
            let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
            let dir = tempfile::tempdir().unwrap();
            let bot = support::bot::start(&standin, dir.path(), None).await;
            let (elapsed, times, _, _) = ours_on(&standin, users, 70_000).await;
            bot.stop().await.unwrap();
            (times.len() as f64 / elapsed.as_secs_f64(), times)
        }
        "floor" | "durable" => {
            // The interactions ours would be sent, without running ours: one interview's steps.
            let steps = Arc::new(dentist_steps().await);
            if part == "floor" {
                run_floor(users, &steps, FloorBot, 80_000).await
            } else {
                let raw_dir = tempfile::tempdir().unwrap();
                let (commit, flusher) = RawCommit::start(raw_dir.path());
                let run = run_floor(
                    users,
                    &steps,
                    DurableFloorBot {
                        commit: Arc::clone(&commit),
                    },
                    90_000,
                )
                .await;
                commit.stop();
                let _ = flusher.join();
                run
            }
        }
        other => panic!("LOAD_ONLY: no part {other:?} (ours, floor, durable or answer)"),
    };
    println!(
        "load only {part}: {users} users: {rate:.0} interactions/s, p50 {:.1} ms, p99 {:.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
}

/// The steps of one dentist interview, from a one-user run of ours.
async fn dentist_steps() -> Vec<Step> {
    let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let bot = support::bot::start(&standin, dir.path(), None).await;
    let (_, _, _, runs) = ours_on(&standin, 1, 60_000).await;
    bot.stop().await.unwrap();
    runs.into_iter().next().unwrap_or_default()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if let Ok(spec) = std::env::var("LOAD_ONLY") {
        let (part, users) = spec.split_once(':').expect("LOAD_ONLY=PART:USERS");
        let users: usize = users.parse().expect("LOAD_ONLY's USERS is a number");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(only(part, users));
        return;
    }
    let started = Instant::now();
    let mut report = Report { lines: Vec::new() };
    small_parts(&mut report);
    memory_and_disk(&mut report);
    durability(&mut report);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    // Made and dropped outside the runtime: pg.rs runs its SQL on a runtime of its own.
    let schema = pg::schema("load_bench");
    let mut summary = None;
    runtime.block_on(end_to_end(
        &mut report,
        &mut summary,
        schema.as_ref().map(pg::Schema::url).as_deref(),
    ));
    runtime.block_on(startup(&mut report));
    drop(runtime);
    drop(schema);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let date = std::process::Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let text = format!(
        "# Benchmarks\n\nMeasured {date} on {cpus} CPUs by `cargo bench`{}: criterion times the readers and \
         the advice (benches/core.rs), then benches/load.rs measures the rest in {:.0} s and writes this file.\n\n\
         | what | figure | against | goal |\n|---|---|---|---|\n{}\n",
        if quick() { " (LOAD_QUICK=1)" } else { "" },
        started.elapsed().as_secs_f64(),
        report.lines.join("\n")
    );
    // Everything from "## History" on is kept: it records earlier runs and what changed.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    let history = std::fs::read_to_string(&path)
        .ok()
        .and_then(|old| old.find("## History").map(|at| old[at..].to_owned()))
        .unwrap_or_default();
    let summary = summary.unwrap_or_default();
    std::fs::write(path, format!("{text}\n{summary}\n\n{history}")).unwrap();
    // The last line, for a reader of the output: the 1,000-user run (100 with LOAD_QUICK=1).
    println!("{summary}");
}
