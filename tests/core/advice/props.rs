//! Properties over generated answer sets. Every line of data/rules.toml holds. Where the articles
//! agree, advice is monotonic: more budget, or less time to give, never moves the outcome away
//! from outsourcing (not_yet < in_house < consultant < partial < full). Every "what would change
//! it", applied, gives the outcome it claims, moving the way the articles argue.

use outsource_advisor::advisor::advice::{advise, outcome_of, AdviceStatus};
use outsource_advisor::advisor::content::{AnswerKind, Bound, Content, Line, Outcome, Toward};
use outsource_advisor::advisor::interview::{Answer, Interview};
use outsource_advisor::advisor::read::{Reading, YesNo};
use proptest::prelude::*;
use proptest::sample::Index;

pub(super) static CONTENT: std::sync::LazyLock<Content> = std::sync::LazyLock::new(Content::built_in);

/// One random answer per question (or none), as (question index, raw value) seeds.
pub(super) fn seeds() -> impl Strategy<Value = Vec<(bool, Index, f64)>> {
    // Small numbers often: no money at all, and no time at all, are where the lines are.
    let number = prop_oneof![0.0..60.0f64, 0.0..5_000.0f64];
    let n = CONTENT.questions.len();
    proptest::collection::vec((any::<bool>(), any::<Index>(), number), n..=n)
}

pub(super) fn reading(kind: AnswerKind, choices: &[String], pick: &Index, number: f64) -> Reading {
    // Now and then "not sure" to a number question, which counts as unanswered.
    if matches!(kind, AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number) && pick.index(9) == 0 {
        return Reading::Unsure;
    }
    match kind {
        AnswerKind::YesNo => Reading::YesNo {
            value: *pick.get(&[YesNo::Yes, YesNo::No, YesNo::Unsure]),
        },
        AnswerKind::Scale => Reading::Scale {
            value: (pick.index(5) + 1) as u8,
        },
        AnswerKind::Choice => Reading::Choices {
            picks: vec![pick.get(choices).clone()],
        },
        AnswerKind::Choices => Reading::Choices {
            picks: choices
                .iter()
                .enumerate()
                .filter(|(i, _)| (pick.index(128) >> i) & 1 == 1)
                .map(|(_, c)| c.clone())
                .collect(),
        },
        AnswerKind::Money => money(number),
        AnswerKind::Hours => bounded(Reading::hours(number % 40.0), pick),
        AnswerKind::Number => bounded(Reading::number_of(number % 12.0), pick),
        AnswerKind::Text => Reading::Text {
            text: "local families".into(),
        },
        AnswerKind::FailurePoint => Reading::FailurePoint {
            per_month: (pick.index(2) == 0).then_some(number),
            months: Some(number % 12.0),
            below: (pick.index(3) == 0).then_some(number * 3.0),
            metric: None,
            below_period: None,
        },
    }
}

/// A single figure, or the same figure said as a bound ("under 2 hours a week", "more than 5
/// years"), as the picks give them: a third of the answers each.
fn bounded(reading: Reading, pick: &Index) -> Reading {
    let side = pick.index(27) / 9;
    match reading {
        Reading::Hours { hours_per_week: v, .. } => Reading::Hours {
            hours_per_week: v,
            min: (side == 1).then_some(v),
            max: (side == 2).then_some(v),
        },
        Reading::Number { value: v, .. } => Reading::Number {
            value: v,
            min: (side == 1).then_some(v),
            max: (side == 2).then_some(v),
        },
        other => other,
    }
}

/// The reading with a bound's or range's ends dropped: the bare figure advice works from.
fn bare(reading: &Reading) -> Reading {
    match reading {
        Reading::Hours { hours_per_week, .. } => Reading::hours(*hours_per_week),
        Reading::Number { value, .. } => Reading::number_of(*value),
        other => other.clone(),
    }
}

pub(super) fn money(amount: f64) -> Reading {
    Reading::Money {
        amount,
        min: Some(amount),
        max: Some(amount),
        currency: None,
        per_month: Some(amount),
    }
}

pub(super) fn build(content: &Content, seeds: &[(bool, Index, f64)]) -> Interview {
    let mut interview = Interview::default();
    for (question, (answered, pick, number)) in content.questions.iter().zip(seeds) {
        if *answered {
            let choices: Vec<String> = question.choices.iter().map(|c| c.id.clone()).collect();
            let reading = reading(question.kind, &choices, pick, *number);
            interview.answers.insert(
                question.id.clone(),
                Answer {
                    question: question.id.clone(),
                    raw: String::new(),
                    reading,
                    at: 0,
                },
            );
        }
    }
    interview
}

pub(super) fn with(interview: &Interview, question: &str, reading: Reading) -> Interview {
    let mut changed = interview.clone();
    changed.answers.insert(
        question.into(),
        Answer {
            question: question.into(),
            raw: String::new(),
            reading,
            at: 0,
        },
    );
    changed
}

/// A line's tests read straight from the data, as the spec says they work: the test's own
/// reading of "holds", independent of the advice's code.
fn holds(content: &Content, interview: &Interview, line: &Line) -> bool {
    let applicable = interview.applicable(content);
    line.tests.iter().all(|test| {
        let answer = applicable
            .iter()
            .find(|q| q.id == test.question)
            .and_then(|q| interview.answers.get(&q.id))
            .map(|a| &a.reading)
            .filter(|r| **r != Reading::Unsure);
        let Some(reading) = answer else {
            return test.is_any.is_empty()
                && test.at_least.is_none()
                && test.at_most.is_none()
                && test.below.is_none()
                && test.above.is_none();
        };
        let ids = reading.ids();
        let bound = |b: &Bound| match b {
            Bound::Value(v) => *v,
            Bound::Fact(id) => content.fact(id).and_then(|f| f.value).expect("a fact with a value"),
        };
        let n = reading.number();
        (test.is_any.is_empty() || ids.iter().any(|id| test.is_any.contains(id)))
            && !ids.iter().any(|id| test.none_of.contains(id))
            && test.at_least.as_ref().is_none_or(|b| n.is_some_and(|n| n >= bound(b)))
            && test.at_most.as_ref().is_none_or(|b| n.is_some_and(|n| n <= bound(b)))
            && test.below.as_ref().is_none_or(|b| n.is_some_and(|n| n < bound(b)))
            && test.above.as_ref().is_none_or(|b| n.is_some_and(|n| n > bound(b)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: advisor_testkit::common::cases(400), ..ProptestConfig::default() })]

    #[test]
    fn more_budget_never_moves_away_from_outsourcing(seeds in seeds(), low in 0.0..3_000.0f64, extra in 0.0..5_000.0f64) {
        let content = &*CONTENT;
        let base = build(content, &seeds);
        let less = outcome_of(content, &with(&base, "budget", money(low)));
        let more = outcome_of(content, &with(&base, "budget", money(low + extra)));
        prop_assert!(more >= less, "budget {low} → {:?}, {} → {:?}", less, low + extra, more);
    }

    #[test]
    fn less_time_never_moves_away_from_outsourcing(seeds in seeds(), high in 0.0..20.0f64, cut in 0.0..20.0f64) {
        let content = &*CONTENT;
        let base = build(content, &seeds);
        let hours = |h: f64| Reading::hours(h);
        let more_time = outcome_of(content, &with(&base, "hours_available", hours(high)));
        let less_time = outcome_of(content, &with(&base, "hours_available", hours((high - cut).max(0.0))));
        prop_assert!(less_time >= more_time, "{high}h → {:?}, {}h → {:?}", more_time, (high - cut).max(0.0), less_time);
    }

    #[test]
    fn every_line_holds_for_every_answer_set(seeds in seeds()) {
        let content = &*CONTENT;
        let interview = build(content, &seeds);
        let advice = advise(content, &interview);
        let outcome = outcome_of(content, &interview);
        for line in &content.rules.line {
            let applies = holds(content, &interview, line);
            prop_assert_eq!(applies, advice.lines.iter().any(|l| l.id == line.id), "line `{}` named iff it applies", line.id);
            if applies {
                prop_assert!(!line.rules_out.contains(&outcome), "line `{}` ruled out {:?}", line.id, outcome);
            }
        }
    }

    #[test]
    fn every_change_applied_gives_the_outcome_it_claims_the_way_the_articles_argue(seeds in seeds()) {
        let content = &*CONTENT;
        let interview = build(content, &seeds);
        let advice = advise(content, &interview);
        prop_assert!(advice.would_change.len() <= content.rules.what_if.report);
        for change in &advice.would_change {
            let entry = content.rules.what_if.question.iter().find(|q| q.question == change.question);
            prop_assert!(entry.is_some(), "only the listed questions: {:?}", change);
            let after = outcome_of(content, &with(&interview, &change.question, change.to.clone()));
            prop_assert_eq!(after, change.outcome, "{:?}", change);
            prop_assert!(Some(after) != advice.outcome);
            // Never "more expertise, so not yet": expertise is not a change to try at all.
            prop_assert!(change.question != "expertise" && change.question != "experience_years");
            let (Some(before), Some(entry), Some(from)) = (advice.outcome, entry, change.from.as_ref()) else { continue };
            // Where each answer stands from low to high: its number, its place in `order`, or
            // how many parts it hands over.
            let rank = |r: &Reading| match r {
                Reading::YesNo { .. } | Reading::Choices { .. } if !entry.order.is_empty() => {
                    r.ids().first().and_then(|id| entry.order.iter().position(|o| o == id)).map(|i| i as f64)
                }
                Reading::Choices { picks } => Some(picks.len() as f64),
                other => other.number(),
            };
            if let (Some(a), Some(b)) = (rank(from), rank(&change.to)) {
                let towards = (b > a) == (entry.higher == Toward::More);
                prop_assert_eq!(after > before, towards, "{:?} moves {:?} → {:?}", change, before, after);
            }
        }
    }

    /// A bound is advised on as its figure, as money's is: the outcome, reasons, what-ifs and
    /// checklist are those of the bare figure; only the answer a what-if starts from is said as
    /// the owner gave it, and the figures' `basis` says they were read from a bound.
    #[test]
    fn a_bound_advises_as_its_figure(seeds in seeds()) {
        let content = &*CONTENT;
        let interview = build(content, &seeds);
        let mut plain = interview.clone();
        for answer in plain.answers.values_mut() {
            answer.reading = bare(&answer.reading);
        }
        let (with_bounds, bare_figures) = (advise(content, &interview), advise(content, &plain));
        let without_from = |advice: &outsource_advisor::advisor::advice::Advice| {
            let mut advice = advice.clone();
            for change in &mut advice.would_change {
                change.from = change.from.as_ref().map(bare);
            }
            advice.basis.clear();
            for entry in &mut advice.checklist {
                entry.basis.clear();
            }
            advice
        };
        prop_assert_eq!(without_from(&with_bounds), without_from(&bare_figures));
        let words = outsource_advisor::chat::text::advice(content, &with_bounds);
        prop_assert!(!words.contains('{'), "unfilled placeholder in {}", words);
    }

    #[test]
    fn advice_is_always_complete_and_bounded(seeds in seeds()) {
        let content = &*CONTENT;
        let advice = advise(content, &build(content, &seeds));
        prop_assert!((0.0..=1.0).contains(&advice.confidence));
        prop_assert_eq!(advice.outcome.is_none(), advice.status == AdviceStatus::NeedMore);
        prop_assert!(advice.reasons.len() <= content.rules.reasons + content.rules.line.len());
        prop_assert!(!advice.checklist.is_empty());
        if let Some(outcome) = advice.outcome {
            prop_assert_eq!(advice.failure_point.is_some(), outcome >= Outcome::Consultant);
        }
        let lines = outsource_advisor::view::advice::checklist_lines(content, &advice);
        prop_assert_eq!(lines.len(), advice.checklist.len());
        for item in &lines {
            prop_assert!(!item.target.contains('{') && !item.why.contains('{'), "unfilled placeholder in {:?}", item);
        }
        let words = outsource_advisor::chat::text::advice(content, &advice);
        prop_assert!(!words.contains('{'), "unfilled placeholder in {}", words);
    }

    /// Issue 27: every sum the texts state reads back true with a calculator. Over generated
    /// answer sets (budgets and sale values given as figures or as ranges), the advice, its
    /// checklist and the brief are parsed for each "$A a month for M months ($T in all)",
    /// "N a month at $X, bringing back $Y on $S a month" and "N sales a month at $X ($Y), to
    /// cover the $S": T = A × M, Y = N × X (and covers S, where N - 1 would not), and a failure
    /// line above the success target is said.
    #[test]
    fn every_sum_the_texts_state_reads_back_true(
        seeds in seeds(),
        budget_range in proptest::option::of((1.0..3_000.0f64, 1.0..3_000.0f64)),
        sale_range in proptest::option::of((1.0..1_500.0f64, 1.0..1_500.0f64)),
    ) {
        let content = &*CONTENT;
        let mut interview = build(content, &seeds);
        for (id, range) in [("budget", budget_range), ("sale_value", sale_range)] {
            if let (Some((a, b)), Some(answer)) = (range, interview.answers.get_mut(id)) {
                let (low, high) = (a.min(b), a.max(b));
                answer.reading = Reading::Money {
                    amount: (low + high) / 2.0,
                    min: Some(low),
                    max: Some(high),
                    currency: None,
                    per_month: (id == "budget").then_some((low + high) / 2.0),
                };
            }
        }
        let advice = advise(content, &interview);
        let mut texts = vec![outsource_advisor::chat::text::advice(content, &advice)];
        if let Some(brief) = outsource_advisor::brief::from_answers(content, &interview, &advice) {
            texts.push(brief.markdown());
        }
        let mut checked = 0;
        for text in &texts {
            for c in SPEND_OVER_MONTHS.captures_iter(text) {
                let (spend, months, total) = (amount(&c[1]), amount(&c[2]), amount(&c[3]));
                prop_assert!((spend * months - total).abs() < 0.006, "{} × {} is not {}: {}", spend, months, total, &c[0]);
                checked += 1;
            }
            for c in SALES_BRING_BACK.captures_iter(text) {
                let (n, sale, back, spend) = (amount(&c[1]), amount(&c[2]), amount(&c[3]), amount(&c[4]));
                prop_assert!((n * sale - back).abs() < 0.006, "{} × {} is not {}: {}", n, sale, back, &c[0]);
                prop_assert!(back + 0.006 >= spend, "{} does not bring back {}: {}", back, spend, &c[0]);
                checked += 1;
            }
            for c in BREAK_EVEN.captures_iter(text) {
                let (n, sale, back, spend) = (amount(&c[1]), amount(&c[2]), amount(&c[3]), amount(&c[4]));
                prop_assert!((n * sale - back).abs() < 0.006, "{} × {} is not {}: {}", n, sale, back, &c[0]);
                prop_assert!(back + 0.006 >= spend, "{} does not cover {}: {}", back, spend, &c[0]);
                prop_assert!(n <= 1.0 || (n - 1.0) * sale < spend, "{} is not the fewest: {}", n, &c[0]);
                checked += 1;
            }
            for (failure, target) in [(&*FAILURE_SALES, &*TARGET_SALES), (&*FAILURE_FOLLOWERS, &*TARGET_FOLLOWERS)] {
                if let (Some(line), Some(target)) = (failure.captures(text), target.captures(text)) {
                    let crossed = amount(&line[1]) > amount(&target[1]);
                    prop_assert_eq!(crossed, text.contains("above your success target"), "crossing said iff it happens: {}", text);
                }
            }
        }
        // Advice that pays someone states its failure point's total, so the check is never empty.
        if advice.failure_point.is_some() && advice.checklist.iter().any(|e| e.id == "failure_point" && !e.fallback) {
            prop_assert!(checked > 0, "no sum found in {:?}", texts);
        }
    }
}

/// "$1,200 a month for 6 months ($7,200 in all)" (checklist) and "…, $7,200 in all" (brief).
static SPEND_OVER_MONTHS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\$([\d,]+(?:\.\d+)?) a month for ([\d.]+) months? (?:\(|, )\$([\d,]+(?:\.\d+)?) in all")
        .unwrap()
});
/// "5 a month at $900, bringing back $4,500 on $2,000 a month".
static SALES_BRING_BACK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"([\d,]+) a month at \$([\d,]+(?:\.\d+)?), bringing back \$([\d,]+(?:\.\d+)?) on \$([\d,]+(?:\.\d+)?) a month",
    )
    .unwrap()
});
/// "At least 3 sales a month at $600 ($1,800), to cover the $1,500 a month you spend".
static BREAK_EVEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"([\d,]+) sales a month at \$([\d,]+(?:\.\d+)?) \(\$([\d,]+(?:\.\d+)?)\), to cover the \$([\d,]+(?:\.\d+)?)",
    )
    .unwrap()
});
/// The failure line in sales, and the success target in sales.
static FAILURE_SALES: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"stop if you are under ([\d,.]+) sales a month").unwrap());
static TARGET_SALES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"Sales that came from social media\**: ([\d,]+) a month at").unwrap()
});
/// The failure line in followers, and the success target in followers.
static FAILURE_FOLLOWERS: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"stop if you are under ([\d,.]+) followers").unwrap());
static TARGET_FOLLOWERS: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"Followers gained\**: ([\d,]+) within").unwrap());

/// "1,234.50" → 1234.5.
fn amount(text: &str) -> f64 {
    text.replace(',', "").parse().expect("a number")
}
