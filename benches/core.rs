//! The pure parts: reading one answer of each kind, and computing advice from a full set of
//! answers (which includes trying every alternative answer for "what would change it").

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use outsource_advisor::advisor::advice::advise;
use outsource_advisor::advisor::read;
use outsource_advisor::advisor::Content;

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

criterion_group!(benches, readers, advice);
criterion_main!(benches);
