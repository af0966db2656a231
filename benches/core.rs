//! The pure parts: reading one answer of each kind, computing advice from a full set of answers
//! (which includes trying every alternative answer for "what would change it"), and drawing the
//! advice chart (goal: at most 50 ms for the 800×450 PNG).

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, Criterion};
use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::read;
use outsource_advisor::advisor::Content;
use outsource_advisor::chart::{Theme, SIZE};
use outsource_advisor::verdict::{advice_chart, Verdict};

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
    let bars = advice_chart(&content, &Verdict::of(&content, &interview, &advice));
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

criterion_group!(benches, readers, advice, chart);

fn main() {
    if let Ok(spec) = std::env::var("READER_CALLS") {
        count_calls(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
