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
//! answer of one user against raw sled, `LOAD_ONLY=disk:0` only the bytes on disk per completed
//! assessment and the peak memory with interviews in progress. `LOAD_ONLY=postgres:USERS` runs
//! ours on PostgreSQL alone (needs `TEST_DATABASE_URL` or `CI=true`).
//!
//! Every interview run also times each owner's interactions by the question they answer (a typed
//! answer's click and its form are one question), and prints each question's p50: an answer at
//! question 17 should cost what one at question 1 does (issue 33). The last two lines printed:
//! `load: N users: p50 by question: q1 …, q13–17 up to …` and
//! `load: N users: ours/floor X, ours/durable-floor Y, p99 ours/floor Z, postgres/sled W`.

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
use outsource_advisor::app::interview::Session;
use outsource_advisor::clock::SystemClock;
use outsource_advisor::discord::bot::{BotConfig, FloodLimit};
use outsource_advisor::discord::custom_id::{Action, CustomId};
use outsource_advisor::discord::Data;
use outsource_advisor::discord::DiscordUserId;
use outsource_advisor::store::{block_on, encode_interview, PgStore, RecordKind, SledStore, Store, UserId};
use serenity::all::{
    Context, CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseMessage, EventHandler,
    Interaction,
};
use support::standin::user::{answers_with, Answer as Reply};
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
///
/// It runs in a process of its own, as the interview runs do: in this one it came after the
/// memory part's 16 writer threads and 10,000 interviews, whose heap and sled's leftover threads
/// it then shared, and ours (which allocates per answer; the raw floor hardly does) paid for
/// them: 1.21 in the full run against 1.12–1.19 alone (LOAD_ONLY=answer:1000) on the same code.
fn durability(report: &mut Report) {
    let rounds = if quick() { 50 } else { 1_000 };
    let (ours_ms, floor_ms, _, _, _) = in_child("answer", rounds);
    report.say(format!(
        "| durable answer, one user | ours {ours_ms:.2} ms | raw sled insert+flush+fdatasync {floor_ms:.2} ms | ratio {:.2} (goal ≤ 1.2) |",
        ours_ms / floor_ms
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

    let session = Session::new(&content, &store, &SystemClock);
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

/// Answers the question `on` asks with the button, select or modal the Discord tests would use;
/// returns what the bot answered last, and each interaction taken with the bot's answer to it.
async fn answer_asked(user: &SimUser, on: &Reply, answers: &BTreeMap<String, String>) -> Option<(Reply, Vec<Taken>)> {
    let question_id = on.asked()?;
    let question = CONTENT.question(&question_id)?;
    let text = answers.get(&question_id).map_or("skip", String::as_str);
    use outsource_advisor::advisor::content::AnswerKind::*;
    let taken = |step: Step, custom_id: String, reply: &Reply| Taken {
        step,
        custom_id,
        reply: reply.callback.clone(),
    };
    let reading = outsource_advisor::advisor::read::read_answer(question, text).ok()?;
    Some(match (question.kind, reading) {
        (YesNo, Reading::YesNo { value }) => {
            let id = on.find(|action| answers_with(action, value.id()))?;
            let next = user.click(Place::Dm, on, &id).await;
            let steps = vec![taken(Step::Click, id, &next)];
            (next, steps)
        }
        (Scale, Reading::Scale { value }) => {
            let id = on.find(|action| answers_with(action, &value.to_string()))?;
            let next = user.click(Place::Dm, on, &id).await;
            let steps = vec![taken(Step::Click, id, &next)];
            (next, steps)
        }
        (Choice | Choices, Reading::Choices { picks }) => {
            let id = on.find(|action| matches!(action, Action::Select { .. }))?;
            let values: Vec<&str> = picks.iter().map(String::as_str).collect();
            let next = user.select(Place::Dm, on, &id, &values).await;
            let steps = vec![taken(Step::Select(picks), id, &next)];
            (next, steps)
        }
        _ => {
            let id = on.find(|action| matches!(action, Action::Type { .. }))?;
            let modal = user.click(Place::Dm, on, &id).await;
            let modal_id = modal.custom_ids().into_iter().next()?;
            let next = user.submit_modal(Place::Dm, on, &modal_id, text).await;
            let steps = vec![
                taken(Step::Click, id, &modal),
                taken(Step::Modal(text.to_owned()), modal_id, &next),
            ];
            (next, steps)
        }
    })
}

/// What one interaction of an interview does, after the first slash command.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// The welcome card's *Start*: a click, but no answer.
    Start,
    Click,
    Select(Vec<String>),
    Modal(String),
}

/// One interaction of the dentist's interview by buttons: what was used, and what our bot answered.
#[derive(Debug, Clone)]
struct Taken {
    step: Step,
    custom_id: String,
    /// The callback our bot sent (`type` and `data`).
    reply: serde_json::Value,
}

/// The dentist's whole interview by buttons, selects and modals as one owner took it with our bot,
/// to be taken again by every simulated owner of a run, against our bot and against the floors
/// alike. So the simulated owners do the same work in every run (no reader runs to choose a
/// click), and the floors can answer with our bot's very replies: what the pipeline costs
/// (the stand-in, serenity's gateway, the owners) is then the same in all three, and the ratios
/// time the bots.
struct Script {
    /// The owner it was recorded by, whose id every custom_id carries.
    owner: u64,
    /// Our bot's answer to `/assess`.
    first: serde_json::Value,
    taken: Vec<Taken>,
}

impl Script {
    /// Records the interview from a one-owner run of our bot.
    async fn record() -> Script {
        let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
        let dir = tempfile::tempdir().unwrap();
        let bot = support::bot::start(&standin, dir.path(), None).await;
        let owner = 60_000;
        let user = standin.user(owner);
        let mut on = user.slash(Place::Dm, "assess", &[]).await;
        let first = on.callback.clone();
        let mut taken = Vec::new();
        // A first /assess is the welcome card: its *Start* is the interview's first click.
        if on.asked().is_none() {
            let start = on.find(|a| matches!(a, Action::Resume)).expect("the welcome's Start");
            let next = user.click(Place::Dm, &on, &start).await;
            taken.push(Taken {
                step: Step::Start,
                custom_id: start,
                reply: next.callback.clone(),
            });
            on = next;
        }
        while let Some((next, steps)) = answer_asked(&user, &on, &DENTIST).await {
            on = next;
            taken.extend(steps);
        }
        bot.stop().await.unwrap();
        assessed(dir.path(), 1, owner).await;
        Script { owner, first, taken }
    }

    /// `custom_id`, recorded for the script's owner, as the bot makes it for `owner`.
    fn for_owner(custom_id: &str, owner: u64) -> String {
        let recorded = CustomId::decode(custom_id).expect("the recording holds the bot's own custom ids");
        CustomId::new(DiscordUserId::new(owner), recorded.action).encode()
    }

    /// Interactions in one interview, the slash command included.
    fn interactions(&self) -> usize {
        self.taken.len() + 1
    }

    /// Answers confirmed in one interview (a typed answer takes two interactions).
    fn answers(&self) -> usize {
        self.taken
            .iter()
            .filter(|t| match t.step {
                Step::Start => false,
                Step::Click => !is_modal(&t.reply),
                Step::Select(_) | Step::Modal(_) => true,
            })
            .count()
    }

    /// The question each interaction of the script answers, from 1: a typed answer's click (which
    /// opens its form) and the form's submission are the same question's.
    fn questions(&self) -> Vec<usize> {
        let mut question = 1;
        self.taken
            .iter()
            .map(|t| {
                let this = question;
                if !matches!(t.step, Step::Click) || !is_modal(&t.reply) {
                    question += 1;
                }
                this
            })
            .collect()
    }

    /// The p50 latency of each question's interactions (as each owner timed them, from the send
    /// to the reply), over every owner's run: index 0 is question 1.
    fn per_question_p50<'a>(&self, runs: impl Iterator<Item = &'a Vec<Duration>>) -> Vec<f64> {
        let questions = self.questions();
        let mut by_question: Vec<Vec<Duration>> = vec![Vec::new(); self.answers()];
        for run in runs {
            for (time, question) in run.iter().zip(&questions) {
                if let Some(times) = by_question.get_mut(question - 1) {
                    times.push(*time);
                }
            }
        }
        by_question
            .into_iter()
            .map(|mut times| {
                times.sort();
                percentile(&times, 0.5)
            })
            .collect()
    }

    /// What a floor bot answers with.
    fn replies(&self) -> Replies {
        let mut by_id: std::collections::HashMap<String, serde_json::Value> = self
            .taken
            .iter()
            .map(|t| (t.custom_id.clone(), t.reply.clone()))
            .collect();
        by_id.insert("/assess".to_owned(), self.first.clone());
        Replies {
            owner: self.owner,
            by_id,
        }
    }
}

fn is_modal(callback: &serde_json::Value) -> bool {
    callback["type"].as_u64() == Some(9)
}

/// Our bot's reply to each interaction of the script, by the custom_id it was recorded with
/// (`/assess` for the slash command).
struct Replies {
    /// The owner the custom ids were recorded for.
    owner: u64,
    by_id: std::collections::HashMap<String, serde_json::Value>,
}

impl Replies {
    /// Our bot's reply to `interaction` in the script: its custom_id is made for another owner,
    /// so it is looked up as made for the recording's.
    fn to(&self, interaction: &Interaction) -> Option<&serde_json::Value> {
        let key = match interaction {
            Interaction::Command(c) => format!("/{}", c.data.name),
            Interaction::Component(c) => Script::for_owner(&c.data.custom_id, self.owner),
            Interaction::Modal(m) => Script::for_owner(&m.data.custom_id, self.owner),
            _ => return None,
        };
        self.by_id.get(&key)
    }
}

/// One owner takes the script's interview; returns how many answers came back of another kind
/// than the script's (a bot that went wrong; the "ok" floor answers every one so).
async fn take(user: SimUser, script: Arc<Script>) -> (usize, Vec<Duration>) {
    let mut on = user.slash(Place::Dm, "assess", &[]).await;
    let mut wrong = usize::from(on.kind() != script.first["type"].as_u64().unwrap_or(0));
    let mut times = Vec::with_capacity(script.taken.len());
    for t in &script.taken {
        let id = Script::for_owner(&t.custom_id, user.id);
        let sent = Instant::now();
        on = match &t.step {
            Step::Start | Step::Click => user.click(Place::Dm, &on, &id).await,
            Step::Select(picks) => {
                let picks: Vec<&str> = picks.iter().map(String::as_str).collect();
                user.select(Place::Dm, &on, &id, &picks).await
            }
            Step::Modal(text) => user.submit_modal(Place::Dm, &on, &id, text).await,
        };
        times.push(sent.elapsed());
        wrong += usize::from(on.kind() != t.reply["type"].as_u64().unwrap_or(0));
    }
    (wrong, times)
}

/// `users` owners take the script's interview at once on `standin`; returns how long it took
/// and the interactions' latencies. With `check`, every answer must be of the kind the script's was.
async fn take_all(
    standin: &StandIn,
    users: usize,
    first_id: u64,
    script: &Arc<Script>,
    check: bool,
) -> (Duration, Vec<Duration>, Vec<f64>) {
    let start = Instant::now();
    let sims: Vec<SimUser> = (0..users as u64).map(|i| standin.user(first_id + i)).collect();
    let runs: Vec<(usize, Vec<Duration>)> =
        join_all(sims.into_iter().map(|u| tokio::spawn(take(u, Arc::clone(script)))))
            .await
            .into_iter()
            .map(|run| run.expect("a simulated owner did not panic"))
            .collect();
    let elapsed = start.elapsed();
    let wrong: usize = runs.iter().map(|(wrong, _)| wrong).sum();
    assert!(
        !check || wrong == 0,
        "{wrong} replies were not of the kind the recorded interview's were"
    );
    (
        elapsed,
        latencies(standin),
        script.per_question_p50(runs.iter().map(|(_, t)| t)),
    )
}

/// A bot whose handler does nothing but answer: the floor. With `replies` it answers each
/// interaction with our bot's reply to it in the script (serialised as our bot serialises its
/// own); without, with a fixed "ok".
struct FloorBot {
    replies: Option<Arc<Replies>>,
}

/// Sends a floor's answer to `interaction`: the script's reply, or "ok".
async fn floor_answer(ctx: &Context, interaction: &Interaction, replies: Option<&Replies>) {
    let (id, token) = match interaction {
        Interaction::Command(c) => (c.id, &c.token),
        Interaction::Component(c) => (c.id, &c.token),
        Interaction::Modal(m) => (m.id, &m.token),
        _ => return,
    };
    let scripted = replies.and_then(|r| r.to(interaction));
    let _ = match scripted {
        Some(reply) => ctx.http.create_interaction_response(id, token, reply, Vec::new()).await,
        None => {
            let reply = CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content("ok")
                    .ephemeral(true)
                    .allowed_mentions(CreateAllowedMentions::new()),
            );
            ctx.http
                .create_interaction_response(id, token, &reply, Vec::new())
                .await
        }
    };
}

#[serenity::async_trait]
impl EventHandler for FloorBot {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        floor_answer(&ctx, &interaction, self.replies.as_deref()).await;
    }
}

/// The durable floor: the floor bot, but each interaction's data is first written to raw sled and
/// confirmed by a group flush + fdatasync, as cheaply as that can be done: one flush thread, each
/// task awaiting a one-shot answer. The limit for any bot that keeps answers safely.
struct DurableFloorBot {
    commit: Arc<RawCommit>,
    replies: Arc<Replies>,
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
        floor_answer(&ctx, &interaction, Some(&self.replies)).await;
    }
}

/// Which floor to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Floor {
    /// Answers "ok" to everything (the floor of the runs before run J).
    Ok,
    /// Answers with our bot's replies from the script.
    Replies,
    /// The same, each answer first written to raw sled and group-fsynced.
    Durable,
}

/// A serenity client with `handler` on `standin`, started and READY.
async fn floor_client(
    standin: &StandIn,
    handler: impl EventHandler + 'static,
) -> (
    Arc<serenity::all::ShardManager>,
    tokio::task::JoinHandle<Result<(), serenity::Error>>,
) {
    let http = serenity::all::HttpBuilder::new(support::bot::TOKEN)
        .proxy(standin.base_url())
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::all::ClientBuilder::new_with_http(http, outsource_advisor::discord::bot::intents())
        .event_handler(handler)
        .await
        .unwrap();
    let shards = Arc::clone(&client.shard_manager);
    let task = tokio::spawn(async move { client.start().await });
    standin.wait_ready(1).await;
    (shards, task)
}

/// Runs the script's interview by `users` owners at once against a floor bot; returns the
/// interactions per second and their latencies.
async fn run_floor(users: usize, script: &Arc<Script>, floor: Floor, first_id: u64) -> (f64, Vec<Duration>, Vec<f64>) {
    let replies = Arc::new(script.replies());
    let raw_dir = tempfile::tempdir().unwrap();
    let mut raw = None;
    let floor_standin = StandIn::start_unjudged(support::bot::TOKEN).await;
    let (shards, task) = match floor {
        Floor::Ok => floor_client(&floor_standin, FloorBot { replies: None }).await,
        Floor::Replies => floor_client(&floor_standin, FloorBot { replies: Some(replies) }).await,
        Floor::Durable => {
            let (commit, flusher) = RawCommit::start(raw_dir.path());
            raw = Some((Arc::clone(&commit), flusher));
            floor_client(&floor_standin, DurableFloorBot { commit, replies }).await
        }
    };
    let (elapsed, times, questions) = take_all(&floor_standin, users, first_id, script, floor != Floor::Ok).await;
    shards.shutdown_all().await;
    let _ = task.await;
    if let Some((commit, flusher)) = raw {
        commit.stop();
        let _ = flusher.join();
    }
    (times.len() as f64 / elapsed.as_secs_f64(), times, questions)
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

/// The script's interview by `users` simulated owners at once against our bot; the store is up
/// to the caller. Returns how long it took and the interactions' latencies.
async fn ours_on(
    standin: &StandIn,
    users: usize,
    first_id: u64,
    script: &Arc<Script>,
) -> (Duration, Vec<Duration>, Vec<f64>) {
    take_all(standin, users, first_id, script, true).await
}

/// Asserts that each of `users` owners from `first_id` has the one assessment its interview made,
/// in the store at `dir` (our bot stopped): the run timed whole interviews, not errors.
async fn assessed(dir: &Path, users: usize, first_id: u64) {
    let store = SledStore::open(dir).unwrap();
    for i in 0..users as u64 {
        let owner = UserId::discord(serenity::all::UserId::new(first_id + i));
        let data = store.load(&owner).await.unwrap();
        assert_eq!(data.assessments.len(), 1, "{owner} has the assessment of its interview");
    }
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
/// What the run on PostgreSQL measured.
struct PgRun {
    answers_per_s: f64,
    interactions_per_s: f64,
    p50: f64,
    p99: f64,
    questions: Vec<f64>,
}

async fn ours_on_postgres(
    report: &mut Report,
    url: &str,
    users: usize,
    script: &Arc<Script>,
    sled: Option<SledRun>,
) -> PgRun {
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
    let (elapsed, times, questions) = ours_on(&standin, users, 100_000, script).await;
    let answers = users * script.answers();
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
    let run = PgRun {
        answers_per_s: answers as f64 / seconds,
        interactions_per_s: rate,
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        questions,
    };
    let Some(sled) = sled else {
        return run;
    };
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
    report.say(per_question_row(
        &format!("{users} users on PostgreSQL"),
        &run.questions,
        None,
    ));
    run
}

/// The p50 of question 1 and the highest of questions 13–17 (of the last five, if fewer), and
/// their ratio: an answer late in the interview should cost what an early one does.
fn late_over_first(questions: &[f64]) -> (f64, f64, f64) {
    let first = questions.first().copied().unwrap_or(0.0);
    let from = questions.len().saturating_sub(5).min(12);
    let late = questions[from..].iter().copied().fold(0.0, f64::max);
    (first, late, if first > 0.0 { late / first } else { 0.0 })
}

/// A table row of the per-question p50s of `what` (and of the floor beside it).
fn per_question_row(what: &str, ours: &[f64], floor: Option<&[f64]>) -> String {
    let list = |qs: &[f64]| {
        qs.iter()
            .enumerate()
            .map(|(i, p)| format!("q{} {p:.0}", i + 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (first, late, ratio) = late_over_first(ours);
    let against = match floor {
        Some(floor) => {
            let (f_first, f_late, f_ratio) = late_over_first(floor);
            format!(
                "floor: q1 {f_first:.1} ms, q13–17 up to {f_late:.1} ms ({f_ratio:.2}×); {}",
                list(floor)
            )
        }
        None => String::new(),
    };
    format!(
        "| {what}, p50 by question (ms) | q1 {first:.1} ms, q13–17 up to {late:.1} ms ({ratio:.2}×, goal ≤ 1.2×); {} | {against} | |",
        list(ours)
    )
}

/// The median of `values` (the middle one; of two, the lower).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len().saturating_sub(1) / 2).copied().unwrap_or(0.0)
}

/// What one part of one interview run measured.
#[derive(Default)]
struct Part {
    rates: Vec<f64>,
    p50s: Vec<f64>,
    p99s: Vec<f64>,
    /// Each round's p50 by question.
    questions: Vec<Vec<f64>>,
}

impl Part {
    /// Runs the part in a child process and keeps its figures; returns its bytes per owner.
    fn run(&mut self, part: &str, users: usize) -> f64 {
        let (rate, p50, p99, bytes, questions) = in_child(part, users);
        self.rates.push(rate);
        self.p50s.push(p50);
        self.p99s.push(p99);
        self.questions.push(questions);
        bytes
    }
    /// The median over rounds of each question's p50.
    fn questions(&self) -> Vec<f64> {
        let count = self.questions.iter().map(Vec::len).max().unwrap_or(0);
        (0..count)
            .map(|q| {
                median(
                    self.questions
                        .iter()
                        .filter_map(|round| round.get(q).copied())
                        .collect(),
                )
            })
            .collect()
    }
    fn rate(&self) -> f64 {
        median(self.rates.clone())
    }
    fn p50(&self) -> f64 {
        median(self.p50s.clone())
    }
    fn p99(&self) -> f64 {
        median(self.p99s.clone())
    }
}

/// Runs ours, the floors and the durable floor at each size, in turns (five rounds at the
/// largest size, so that the machine's moods fall on all of them; each figure is the median of
/// its rounds); `last` gets the summary line of the largest. Rounds of one run move ±15 % on this
/// 2-core VM: with three, one slow round of a floor or of ours moved the summary past a goal's
/// line and back between two runs of the same code (run J). With `postgres` (a URL of the
/// bench's own schema), the largest runs on it as well.
async fn end_to_end(report: &mut Report, last: &mut Option<String>, postgres: Option<&str>) {
    let sizes = if quick() {
        vec![1usize, 100]
    } else {
        vec![1usize, 100, 1_000]
    };
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let script = Arc::new(Script::record().await);
    for users in sizes {
        let rounds = if users == largest && !quick() { 5 } else { 1 };
        let (mut ours, mut ok, mut floor, mut durable) =
            (Part::default(), Part::default(), Part::default(), Part::default());
        let mut sled_bytes = Vec::new();
        for round in 0..rounds {
            // Ours. Requests are not judged here (the tests do that), so the figures time the
            // bots. Each part runs in a process of its own, in turns.
            sled_bytes.push(ours.run("ours", users));
            // The floors: the same owners taking the same interview, against bots that only answer.
            floor.run("floor", users);
            durable.run("durable", users);
            if round == 0 {
                ok.run("ok", users);
            }
        }
        let rate = ours.rate();
        report.say(format!(
            "| {users} users, whole interview by buttons{} | {} answers, {} interactions each round: {rate:.0}/s (floor {:.0}/s, ratio {:.2}, goal ≥ 0.6; durable floor {:.0}/s, ratio {:.2}, goal ≥ 0.8; floor answering \"ok\" {:.0}/s, ratio {:.2}) | p50 {:.1} ms, p99 {:.1} ms (floor p50 {:.1}, p99 {:.1}; durable floor p50 {:.1}, p99 {:.1}; \"ok\" floor p99 {:.1}; goal p99 ≤ 1.5× floor's) |",
            if rounds > 1 { format!(", median of {rounds} rounds") } else { String::new() },
            users * script.answers(),
            users * script.interactions(),
            floor.rate(),
            rate / floor.rate(),
            durable.rate(),
            rate / durable.rate(),
            ok.rate(),
            rate / ok.rate(),
            ours.p50(),
            ours.p99(),
            floor.p50(),
            floor.p99(),
            durable.p50(),
            durable.p99(),
            ok.p99(),
        ));
        if rounds > 1 {
            let each = |part: &Part| {
                part.rates
                    .iter()
                    .zip(&part.p99s)
                    .map(|(r, p)| format!("{r:.0}/s p99 {p:.0} ms"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            report.say(format!(
                "| {users} users, each round | ours {} | floor {}; durable floor {} | |",
                each(&ours),
                each(&floor),
                each(&durable)
            ));
        }
        report.say(per_question_row(
            &format!("{users} users"),
            &ours.questions(),
            Some(&floor.questions()),
        ));
        let (first, late, ratio) = late_over_first(&ours.questions());
        let mut summary = format!(
            "load: {users} users: ours/floor {:.2}, ours/durable-floor {:.2}, p99 ours/floor {:.2}",
            rate / floor.rate(),
            rate / durable.rate(),
            ours.p99() / floor.p99()
        );
        let mut questions = format!(
            "load: {users} users: p50 by question: q1 {first:.1} ms, q13–17 up to {late:.1} ms ({ratio:.2}× q1's)"
        );
        if users == largest {
            match postgres {
                Some(url) => {
                    let sled = SledRun {
                        answers_per_s: rate * script.answers() as f64 / script.interactions() as f64,
                        interactions_per_s: rate,
                        p50: ours.p50(),
                        p99: ours.p99(),
                        bytes_per_assessment: median(sled_bytes),
                    };
                    let pg = ours_on_postgres(report, url, users, &script, Some(sled)).await;
                    summary.push_str(&format!(", postgres/sled {:.2}", pg.interactions_per_s / rate));
                    let (pg_first, pg_late, pg_ratio) = late_over_first(&pg.questions);
                    questions.push_str(&format!(
                        "; on PostgreSQL q1 {pg_first:.1} ms, q13–17 up to {pg_late:.1} ms ({pg_ratio:.2}×)"
                    ));
                }
                None => report.say(format!(
                    "| {users} users on PostgreSQL | not measured: {PG_SKIPPED} | | |"
                )),
            }
        }
        *last = Some(format!("{questions}\n{summary}"));
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

/// One part of one interview run, alone (see the module docs): `part` is ours, floor, durable or
/// ok (the floor answering "ok"), or answer (the durable answer of one user, `users` times).
async fn only(part: &str, users: usize, postgres: Option<&str>) {
    if part == "disk" {
        // `users` is ignored: the part is the bench's own bytes-on-disk and memory figures.
        memory_and_disk(&mut Report { lines: Vec::new() });
        return;
    }
    if part == "answer" {
        let (ours, floor) = one_answer(users);
        println!(
            "load only answer: {users} answers of one user: ours {:.3} ms, raw {:.3} ms, ratio {:.2}",
            ours.as_secs_f64() * 1e3,
            floor.as_secs_f64() * 1e3,
            ours.as_secs_f64() / floor.as_secs_f64()
        );
        // For the parent run (see `in_child`): the two times in milliseconds.
        println!(
            "{PART_RESULT} {} {} 0 0",
            ours.as_secs_f64() * 1e3,
            floor.as_secs_f64() * 1e3
        );
        return;
    }
    let script = Arc::new(Script::record().await);
    let mut bytes_per_user = 0.0;
    let (rate, times, questions) = match part {
        "postgres" => {
            let url = postgres.unwrap_or_else(|| panic!("LOAD_ONLY=postgres: {PG_SKIPPED}"));
            let run = ours_on_postgres(&mut Report { lines: Vec::new() }, url, users, &script, None).await;
            println!(
                "load only postgres: {users} users: {:.0} answers/s, {:.0} interactions/s, p50 {:.1} ms, p99 {:.1} ms",
                run.answers_per_s, run.interactions_per_s, run.p50, run.p99
            );
            let (first, late, ratio) = late_over_first(&run.questions);
            println!("load only postgres: p50 by question: q1 {first:.1} ms, q13–17 up to {late:.1} ms ({ratio:.2}×)");
            return;
        }
        "ours" => {
            let standin = StandIn::start_unjudged(support::bot::TOKEN).await;
            let dir = tempfile::tempdir().unwrap();
            let bot = support::bot::start(&standin, dir.path(), None).await;
            let (elapsed, times, questions) = ours_on(&standin, users, 70_000, &script).await;
            bot.stop().await.unwrap();
            bytes_per_user = dir_size(dir.path()) as f64 / users as f64;
            assessed(dir.path(), users, 70_000).await;
            (times.len() as f64 / elapsed.as_secs_f64(), times, questions)
        }
        "floor" => run_floor(users, &script, Floor::Replies, 80_000).await,
        "durable" => run_floor(users, &script, Floor::Durable, 90_000).await,
        "ok" => run_floor(users, &script, Floor::Ok, 85_000).await,
        other => panic!("LOAD_ONLY: no part {other:?} (ours, floor, durable, ok, postgres, answer or disk)"),
    };
    println!(
        "load only {part}: {users} users: {rate:.0} interactions/s, p50 {:.1} ms, p99 {:.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    let (first, late, ratio) = late_over_first(&questions);
    println!("load only {part}: p50 by question: q1 {first:.1} ms, q13–17 up to {late:.1} ms ({ratio:.2}×)");
    // For the parent run (see `in_child`): then each question's p50.
    let questions: Vec<String> = questions.iter().map(f64::to_string).collect();
    println!(
        "{PART_RESULT} {rate} {} {} {bytes_per_user} {}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        questions.join(" ")
    );
}

/// How a child run's last line starts: its rate, p50, p99 and bytes per owner follow (for the
/// durable answer: ours' and the raw floor's milliseconds, then two zeros).
const PART_RESULT: &str = "part-result";

/// Runs one part of one interview run in a process of its own (this bench, with `LOAD_ONLY`),
/// so each starts on a fresh heap and no earlier run's leftovers (a stand-in's records of 25,000
/// interactions, a gigabyte of small allocations; a stopped bot's store) are paid for by a later
/// one: with every run in one process, ours' three rounds fell from 1,698 to 1,186 interactions/s
/// and its p99 rose from 887 to 2,138 ms on the same code. Returns the part's rate, p50, p99 and
/// bytes on disk per owner (ours only).
fn in_child(part: &str, users: usize) -> (f64, f64, f64, f64, Vec<f64>) {
    let exe = std::env::current_exe().expect("the bench knows its own binary");
    let output = std::process::Command::new(exe)
        .arg("--bench")
        .env("LOAD_ONLY", format!("{part}:{users}"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("the bench runs a part in a child process");
    let text = String::from_utf8_lossy(&output.stdout);
    let figures: Vec<f64> = text
        .lines()
        .find_map(|line| line.strip_prefix(PART_RESULT))
        .map(|rest| rest.split_whitespace().filter_map(|f| f.parse().ok()).collect())
        .unwrap_or_default();
    match figures[..] {
        [rate, p50, p99, bytes, ref questions @ ..] if output.status.success() => {
            (rate, p50, p99, bytes, questions.to_vec())
        }
        _ => panic!(
            "the child run of {part} with {users} users failed: {}\n{text}",
            output.status
        ),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if let Ok(spec) = std::env::var("LOAD_ONLY") {
        let (part, users) = spec.split_once(':').expect("LOAD_ONLY=PART:USERS");
        let users: usize = users.parse().expect("LOAD_ONLY's USERS is a number");
        // Made and dropped outside the runtime, as below.
        let schema = (part == "postgres").then(|| pg::schema("load_only")).flatten();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(only(part, users, schema.as_ref().map(pg::Schema::url).as_deref()));
        drop(runtime);
        drop(schema);
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
