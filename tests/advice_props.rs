//! Where the articles agree, advice is monotonic: more budget, or less time to give, never moves
//! the outcome away from outsourcing (not_yet < in_house < consultant < partial < full).

use outsource_advisor::advisor::advice::{advise, outcome_of};
use outsource_advisor::advisor::content::{AnswerKind, Content};
use outsource_advisor::advisor::interview::{Answer, Interview};
use outsource_advisor::advisor::read::{Reading, YesNo};
use proptest::prelude::*;
use proptest::sample::Index;

static CONTENT: std::sync::LazyLock<Content> = std::sync::LazyLock::new(Content::built_in);

/// One random answer per question (or none), as (question index, raw value) seeds.
fn seeds() -> impl Strategy<Value = Vec<(bool, Index, f64)>> {
    proptest::collection::vec((any::<bool>(), any::<Index>(), 0.0..5_000.0f64), 18..=18)
}

fn reading(kind: AnswerKind, choices: &[String], pick: &Index, number: f64) -> Reading {
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
        AnswerKind::Hours => Reading::Hours {
            hours_per_week: number % 40.0,
        },
        AnswerKind::Number => Reading::Number { value: number % 12.0 },
        AnswerKind::Text => Reading::Text {
            text: "local families".into(),
        },
        AnswerKind::FailurePoint => Reading::FailurePoint {
            per_month: None,
            months: Some(number % 12.0),
            below: None,
            metric: None,
        },
    }
}

fn money(amount: f64) -> Reading {
    Reading::Money {
        amount,
        min: Some(amount),
        max: Some(amount),
        currency: None,
        per_month: Some(amount),
    }
}

fn build(content: &Content, seeds: &[(bool, Index, f64)]) -> Interview {
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

fn with(interview: &Interview, question: &str, reading: Reading) -> Interview {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

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
        let hours = |h: f64| Reading::Hours { hours_per_week: h };
        let more_time = outcome_of(content, &with(&base, "hours_available", hours(high)));
        let less_time = outcome_of(content, &with(&base, "hours_available", hours((high - cut).max(0.0))));
        prop_assert!(less_time >= more_time, "{high}h → {:?}, {}h → {:?}", more_time, (high - cut).max(0.0), less_time);
    }

    #[test]
    fn advice_is_always_complete_and_bounded(seeds in seeds()) {
        let content = &*CONTENT;
        let advice = advise(content, &build(content, &seeds));
        prop_assert!((0.0..=1.0).contains(&advice.confidence));
        prop_assert!(advice.reasons.len() <= content.rules.reasons);
        prop_assert!(!advice.checklist.is_empty());
        for item in &advice.checklist {
            prop_assert!(!item.target.contains('{'), "unfilled placeholder in {:?}", item);
        }
    }
}
