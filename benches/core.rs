//! The pure parts: reading one answer of each kind, computing advice from a full set of answers
//! (which includes trying every alternative answer for "what would change it"), and drawing the
//! advice chart (goal: at most 50 ms for the 800×450 PNG).

use advisor_testkit::common;

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::read;
use outsource_advisor::advisor::Content;
use outsource_advisor::chart::{Theme, SIZE};
use outsource_advisor::view::verdict::{advice_chart, Verdict};

fn readers(c: &mut Criterion) {
    let content = Content::built_in();
    let activities = content.question("activities").expect("activities").choices.clone();
    let mut group = c.benchmark_group("read");
    group.bench_function("yes_no", |b| b.iter(|| read::read_yes_no(black_box("not really"))));
    group.bench_function("scale", |b| b.iter(|| read::read_scale(black_box("4 out of 5"))));
    group.bench_function("choices", |b| {
        b.iter(|| read::read_choices(black_box("1, 3 and posting"), &activities, true))
    });
    group.bench_function("money", |b| {
        b.iter(|| read::read_money(black_box("between $1k and $2k a month")))
    });
    group.bench_function("hours", |b| {
        b.iter(|| read::read_hours(black_box("about 2 hrs a weekday")))
    });
    group.bench_function("number", |b| {
        b.iter(|| read::read_number(black_box("a year and a half"), Some("years")))
    });
    group.bench_function("text", |b| {
        b.iter(|| read::read_text(black_box("families within a mile of the shop")))
    });
    group.bench_function("failure_point", |b| {
        b.iter(|| read::read_failure_point(black_box("$1,000 a month for 6 months, stop if under 10,000 followers")))
    });
    // Issue 26: what `understand` adds to a reader, accounting for every word of the answer.
    let hours_now = content.question("hours_now").expect("hours_now");
    group.bench_function("understand_hours", |b| {
        b.iter(|| read::understand(hours_now, black_box("about 2 hrs a weekday")))
    });
    let works_today = content.question("works_today").expect("works_today");
    group.bench_function("understand_sentence", |b| {
        b.iter(|| read::understand(works_today, black_box("not great, I only had one order from it")))
    });
    let long = "1 2 3 k ".repeat(500);
    group.bench_function("money_4000_chars", |b| b.iter(|| read::read_money(black_box(&long))));
    group.finish();
}

fn advice(c: &mut Criterion) {
    let content = Content::built_in();
    let interview = common::interview(&content, &common::persona("dentist").answers);
    c.bench_function("advice/full_answers", |b| {
        b.iter(|| advise(&content, black_box(&interview)))
    });
}

fn chart(c: &mut Criterion) {
    let content = Content::built_in();
    let interview = common::interview(&content, &common::persona("dentist").answers);
    let advice = advise(&content, &interview);
    let bars = advice_chart(&content, &Verdict::of(&content, &interview, &advice)).expect("the dentist is advised");
    let mut group = c.benchmark_group("chart");
    // What /advice does after the advice: the chart's data, drawn and encoded.
    group.bench_function("advice_800x450_png", |b| {
        b.iter(|| bars.render(SIZE, black_box(&Theme::DARK)).expect("renders"))
    });
    // The whole of it from the answers, advice included, for the ratio to the advice alone.
    group.bench_function("advice_and_chart_from_answers", |b| {
        b.iter(|| {
            let advice = advise(&content, black_box(&interview));
            let verdict = Verdict::of(&content, &interview, &advice);
            advice_chart(&content, &verdict)
                .expect("the dentist is advised")
                .render(SIZE, &Theme::DARK)
                .expect("renders")
        })
    });
    group.finish();
}

/// The three readers issue 10 holds to a budget, each on its bench input, for counting
/// instructions: `READER_CALLS=hours:1000 valgrind --tool=callgrind target/release/deps/core-HASH`
/// runs `read_hours` 1,000 times and exits (criterion does not run). Instruction counts repeat
/// whatever else the machine is doing, so a run with 1 call subtracted from a run with 1,001
/// gives the cost of one read, first-call set-up (compiling the regexes) left out.
fn count_calls(spec: &str) {
    let (reader, calls) = spec.split_once(':').unwrap_or((spec, "1"));
    let calls: usize = calls.parse().expect("READER_CALLS is READER:CALLS, e.g. hours:1000");
    let content = Content::built_in();
    let activities = content.question("activities").expect("activities").choices.clone();
    for _ in 0..calls {
        match reader {
            "choices" => drop(black_box(read::read_choices(
                black_box("1, 3 and posting"),
                &activities,
                true,
            ))),
            "money" => drop(black_box(read::read_money(black_box("between $1k and $2k a month")))),
            "hours" => drop(black_box(read::read_hours(black_box("about 2 hrs a weekday")))),
            other => panic!("READER_CALLS names choices, money or hours, not {other}"),
        }
    }
}

/// Whole interviews by components, for counting instructions per interaction:
/// `INTERVIEWS=20 valgrind --tool=callgrind target/release/deps/core-HASH` runs the dentist's
/// interview that many times, each as a new user, through what the bot does for a click, a
/// selection or a modal (`components::run`: the store's read, the engine, the durable write, the
/// reply) and the reply's JSON body as it goes to Discord. Each screen's next click is found in
/// the reply's own custom_ids, as a user would find it: confirm a reading in doubt, else answer
/// the asked question with the persona's words (by the modal, which every kind accepts). Prints
/// the interactions run, so a run of N less a run of 1 over the difference is the cost of one.
fn count_interviews(count: &str) {
    use outsource_advisor::discord::commands::Reply;
    use outsource_advisor::discord::components;
    use outsource_advisor::discord::custom_id::{Action, CustomId};
    use outsource_advisor::discord::data::Data;
    use outsource_advisor::store::{block_on, SledStore};

    let count: u64 = count.parse().expect("INTERVIEWS is a number of interviews");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SledStore::open(dir.path()).expect("store opens");
    let data = Data::new(Content::built_in(), std::sync::Arc::new(store));
    let answers = common::persona("dentist").answers;
    let mut interactions = 0_u64;
    for owner in 1..=count {
        let mut body = serde_json::to_value(
            block_on(data.session().apply(
                &outsource_advisor::store::UserId::discord(owner),
                outsource_advisor::advisor::interview::Input::Start,
                None,
            ))
            .map(|applied| outsource_advisor::discord::commands::screen(&data, owner.into(), &applied))
            .expect("starts"),
        )
        .expect("serialises");
        loop {
            let ids: Vec<CustomId> = body["components"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|row| row["components"].as_array().into_iter().flatten())
                .filter_map(|c| c["custom_id"].as_str())
                .filter_map(|id| CustomId::decode(id).ok())
                .collect();
            let confirm = ids
                .iter()
                .find(|id| matches!(id.action, Action::Confirm { yes: true, .. }));
            let back = ids.iter().find_map(|id| match &id.action {
                Action::Back { expect } => Some(expect.clone()),
                _ => None,
            });
            let (custom_id, values) = match (confirm, back) {
                (Some(id), _) => (id.encode(), Vec::new()),
                (None, Some(expect)) => {
                    let text = answers.get(&expect.question).cloned();
                    let action = match text {
                        Some(_) => Action::Modal { expect },
                        None => Action::Skip { expect },
                    };
                    (CustomId::new(owner, action).encode(), text.into_iter().collect())
                }
                (None, None) => break,
            };
            let reply = block_on(components::run(&data, owner.into(), &custom_id, &values));
            interactions += 1;
            assert!(interactions < count * 100, "each interview ends");
            body = match reply {
                Reply::Update(message) | Reply::Message(message) => {
                    let bytes = serde_json::to_vec(&message).expect("serialises");
                    serde_json::from_slice(&bytes).expect("parses")
                }
                _ => panic!("a click on a question answers with a message"),
            };
        }
    }
    println!("{count} interviews, {interactions} interactions");
}

criterion_group!(benches, readers, advice, chart);

fn main() {
    if let Ok(spec) = std::env::var("READER_CALLS") {
        count_calls(&spec);
        return;
    }
    if let Ok(count) = std::env::var("INTERVIEWS") {
        count_interviews(&count);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
