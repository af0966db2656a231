//! No reader panics on anything a person (or a fuzzer) can type, and every reading it does give
//! is within its bounds.

use outsource_advisor::advisor::content::Content;
use outsource_advisor::advisor::read::{
    read_choices, read_hours, read_money, read_number, read_scale, read_text, read_yes_no, Reading,
};
use proptest::prelude::*;

/// Text built from the pieces readers look for, so the search reaches deep into their logic.
fn answer_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[0-9]{1,7}",
        "[0-9]{1,3}(,[0-9]{3}){1,3}",
        "[0-9]+\\.[0-9]+",
        Just("k".to_owned()),
        Just("$".to_owned()),
        Just("£".to_owned()),
        Just("€".to_owned()),
        Just("a month".to_owned()),
        Just("/mo".to_owned()),
        Just("per year".to_owned()),
        Just("weekly".to_owned()),
        Just("hours".to_owned()),
        Just("minutes".to_owned()),
        Just("a day".to_owned()),
        Just("weekday".to_owned()),
        Just("-".to_owned()),
        Just("to".to_owned()),
        Just("between".to_owned()),
        Just("and".to_owned()),
        Just("a couple".to_owned()),
        Just("fifteen hundred".to_owned()),
        Just("a half".to_owned()),
        Just("thousand".to_owned()),
        Just("under".to_owned()),
        Just("at least".to_owned()),
        Just("+".to_owned()),
        Just("not really".to_owned()),
        Just("yes".to_owned()),
        Just("everybody".to_owned()),
        Just("/5".to_owned()),
        Just("out of".to_owned()),
        "\\PC{1,3}",
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|parts| parts.join(" "))
}

fn check_bounds(reading: &Reading) -> Result<(), TestCaseError> {
    if let Some(promise) = reading.broken_promise() {
        return Err(TestCaseError::fail(format!("{promise}: {reading:?}")));
    }
    Ok(())
}

static ACTIVITIES: std::sync::LazyLock<Vec<outsource_advisor::advisor::content::Choice>> =
    std::sync::LazyLock::new(|| {
        Content::built_in()
            .question("activities")
            .expect("activities")
            .choices
            .clone()
    });

fn every_reader(text: &str) -> Result<(), TestCaseError> {
    let activities = &*ACTIVITIES;
    let results = [
        read_yes_no(text),
        read_scale(text),
        read_choices(text, activities, true),
        read_choices(text, activities, false),
        read_money(text),
        read_hours(text),
        read_number(text, None),
        read_number(text, Some("years")),
        read_text(text),
    ];
    for reading in results.iter().flatten() {
        check_bounds(reading)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: advisor_testkit::common::cases(600), ..ProptestConfig::default() })]

    #[test]
    fn no_reader_panics_on_any_unicode(text in "\\PC{0,300}") {
        every_reader(&text)?;
    }

    #[test]
    fn no_reader_panics_on_answer_like_text(text in answer_like()) {
        every_reader(&text)?;
    }
}

#[test]
fn the_longest_answers_discord_allows_are_read_or_refused() {
    let long_modal = "1 2 3 k ".repeat(500);
    assert_eq!(long_modal.len(), 4_000);
    every_reader(&long_modal).unwrap();
    every_reader(&"é".repeat(4_000)).unwrap();
    every_reader(&"a couple ".repeat(444)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Readers never guess: a number in another kind's unit is never read as this kind, and the words
// the bot shows for a reading read back to the same reading.
// ---------------------------------------------------------------------------------------------

mod never_guess {
    use outsource_advisor::advisor::content::{AnswerKind, Content, Question};
    use outsource_advisor::advisor::display;
    use outsource_advisor::advisor::read::{
        read_answer, read_failure_point, Dimension, Metric, Reading, ResultPeriod, YesNo, COUNT_WORDS, HOURS_WORDS,
        MONEY_WORDS, PERCENT_WORDS, RATING_WORDS, SPAN_WORDS,
    };
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static CONTENT: LazyLock<Content> = LazyLock::new(Content::built_in);
    /// A question, the dimensions it must refuse, and units of those it reads as its own.
    type Foreign = (Question, Vec<Dimension>, Vec<&'static str>);

    static FOREIGN: LazyLock<Vec<Foreign>> = LazyLock::new(foreign);

    /// The units of a dimension as the readers list them, in the forms a number takes them.
    fn units(dimension: Dimension) -> Vec<String> {
        let words = |list: &[&str]| list.iter().map(|w| format!(" {w}")).collect::<Vec<_>>();
        match dimension {
            Dimension::Money => {
                let mut all = words(MONEY_WORDS);
                all.extend(["$", "£", "€", "₹"].map(|s| format!("{s}PREFIX")));
                all
            }
            Dimension::Hours => words(HOURS_WORDS),
            Dimension::Span => words(SPAN_WORDS),
            Dimension::Count => words(COUNT_WORDS),
            Dimension::Rating => {
                let mut all = words(RATING_WORDS);
                all.extend([" out of 5".to_owned(), "/5".to_owned(), " out of 10".to_owned()]);
                all
            }
            Dimension::Percent => {
                let mut all = words(PERCENT_WORDS);
                all.push("%".to_owned());
                all
            }
        }
    }

    /// The shipped question of each kind, and the dimensions a number given to it must not have.
    fn foreign() -> Vec<Foreign> {
        use Dimension::*;
        let q = |id: &str| CONTENT.question(id).expect("shipped").clone();
        let mut unitless = q("experience_years");
        unitless.unit = None;
        vec![
            (q("budget"), vec![Hours, Span, Count, Rating, Percent], vec![]),
            // Days are working days to an hours question ("2 days a week" is 16 hours).
            (
                q("hours_now"),
                vec![Money, Span, Count, Rating, Percent],
                vec!["days", "day"],
            ),
            (
                q("experience_years"),
                vec![Money, Hours, Count, Rating, Percent],
                vec![],
            ),
            (unitless, vec![Money, Hours, Rating, Percent], vec![]),
            (q("works_today"), vec![Money, Hours, Span, Count, Percent], vec![]),
            (q("failure_months"), vec![Hours, Rating, Percent], vec![]),
        ]
    }

    fn kind_of(reading: &Reading) -> Option<AnswerKind> {
        Some(match reading {
            Reading::Money { .. } => AnswerKind::Money,
            Reading::Hours { .. } => AnswerKind::Hours,
            Reading::Number { .. } => AnswerKind::Number,
            Reading::Scale { .. } => AnswerKind::Scale,
            Reading::FailurePoint { .. } => AnswerKind::FailurePoint,
            _ => return None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_number_in_another_kinds_unit_is_never_read_as_this_kind(
            number in "[0-9]{1,4}(\\.[0-9]{1,2})?",
            prefix in prop::sample::select(vec!["", "about ", "maybe ", "like "]),
            suffix in prop::sample::select(vec!["", " a week", " a month", " or so"]),
            pick in any::<prop::sample::Index>(),
        ) {
            for (question, dimensions, own) in FOREIGN.iter() {
                let all: Vec<String> = dimensions
                    .iter()
                    .flat_map(|d| units(*d))
                    .filter(|u| !own.contains(&u.trim()))
                    .collect();
                let unit = pick.get(&all);
                let answer = match unit.strip_suffix("PREFIX") {
                    Some(symbol) => format!("{prefix}{symbol}{number}{suffix}"),
                    None => format!("{prefix}{number}{unit}{suffix}"),
                };
                if let Ok(reading) = read_answer(question, &answer) {
                    prop_assert!(
                        kind_of(&reading) != Some(question.kind),
                        "{} read {answer:?} as {reading:?}", question.id
                    );
                }
            }
        }

        #[test]
        fn the_words_shown_for_a_money_reading_read_back_to_it(
            cents in 0u64..100_000_000,
            currency in prop::sample::select(vec!["USD", "GBP", "EUR"]),
            monthly in any::<bool>(),
        ) {
            let content = &*CONTENT;
            let amount = cents as f64 / 100.0;
            let reading = Reading::Money {
                amount,
                min: Some(amount),
                max: Some(amount),
                currency: Some(currency.to_owned()),
                per_month: monthly.then_some(amount),
            };
            let budget = content.question("budget").unwrap();
            let shown = display::reading(content, Some(budget), &reading);
            prop_assert_eq!(read_answer(budget, &shown), Ok(reading), "shown as {}", shown);
        }

        #[test]
        fn the_words_shown_for_hours_numbers_and_ratings_read_back_to_them(
            tenths in 0u32..1680,
            years in 0u32..1000,
            scale in 1u8..=5,
        ) {
            let content = &*CONTENT;
            let cases = [
                ("hours_now", Reading::hours(f64::from(tenths) / 10.0)),
                ("experience_years", Reading::number_of(f64::from(years) / 10.0)),
                ("works_today", Reading::Scale { value: scale }),
                ("growth", Reading::YesNo { value: [YesNo::Yes, YesNo::No, YesNo::Unsure][usize::from(scale) % 3] }),
                ("budget", Reading::Unsure),
                ("hours_now", Reading::Unsure),
            ];
            // A bound is said back as a bound ("up to 2 hours a week", "at least 5 years") and
            // reads back to the same range, so a pick and what is shown for it agree.
            let (hours, years) = (f64::from(tenths) / 10.0, f64::from(years) / 10.0);
            let bounds = [
                ("hours_now", Reading::Hours { hours_per_week: hours, min: None, max: Some(hours) }),
                ("hours_now", Reading::Hours { hours_per_week: hours, min: Some(hours), max: None }),
                ("experience_years", Reading::Number { value: years, min: None, max: Some(years) }),
                ("experience_years", Reading::Number { value: years, min: Some(years), max: None }),
            ];
            let cases = cases.into_iter().chain(bounds);
            for (id, reading) in cases {
                let q = content.question(id).unwrap();
                let shown = display::reading(content, Some(q), &reading);
                prop_assert_eq!(read_answer(q, &shown), Ok(reading), "{} shown as {}", id, shown);
            }
        }

        #[test]
        fn the_words_shown_for_a_failure_point_read_back_to_it(
            per_month in prop::option::of(1u32..20_000),
            months in prop::option::of(1u32..36),
            below in prop::option::of((1u32..100_000, prop::sample::select(vec![Metric::Followers, Metric::Leads, Metric::Sales]))),
            period in prop::option::of(prop::sample::select(vec![ResultPeriod::Month, ResultPeriod::InAll])),
        ) {
            prop_assume!(per_month.is_some() || months.is_some() || below.is_some());
            let content = &*CONTENT;
            let reading = Reading::FailurePoint {
                per_month: per_month.map(f64::from),
                months: months.map(f64::from),
                below: below.map(|(b, _)| f64::from(b)),
                metric: below.map(|(_, m)| m),
                below_period: below.and(period),
            };
            let shown = display::reading(content, None, &reading);
            prop_assert_eq!(read_failure_point(&shown), Ok(reading), "shown as {}", shown);
        }

        #[test]
        fn the_labels_shown_for_picks_read_back_to_them(mask in 1u8..128) {
            let content = &*CONTENT;
            let q = content.question("activities").unwrap();
            let picks: Vec<String> = q
                .choices
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| c.id.clone())
                .collect();
            let reading = Reading::Choices { picks };
            let shown = display::reading(content, Some(q), &reading);
            prop_assert_eq!(read_answer(q, &shown), Ok(reading), "shown as {}", shown);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 26: every word accounted for. A sure reading stays sure only while nothing is left
// unexplained, and a "not" before an answer never leaves it the same sure answer.
// ---------------------------------------------------------------------------------------------

mod every_word {
    use outsource_advisor::advisor::content::{AnswerKind, Content, Question};
    use outsource_advisor::advisor::read::{understand, Reading, Understood, YesNo};
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static CONTENT: LazyLock<Content> = LazyLock::new(Content::built_in);

    /// Answers that read surely to questions of some kind: each question's examples and picks,
    /// and the plain answers owners type. Those that do not read surely to a question are
    /// passed over for it.
    static BASES: LazyLock<Vec<(Question, String)>> = LazyLock::new(|| {
        let plain = [
            "yes",
            "no",
            "probably",
            "4",
            "2 of 5",
            "very well",
            "poorly",
            "3 hours a week",
            "none",
            "2 hrs a day",
            "$500 a month",
            "nothing",
            "under $300 a month",
            "2 years",
            "6 months",
            "$1,000 a month for 6 months, stop if under 10 sales a month",
            "leads and sales",
            "1 and 3",
            "everything",
            "same day",
        ];
        let mut bases = Vec::new();
        for q in CONTENT.questions.iter().filter(|q| q.kind != AnswerKind::Text) {
            let own = q.examples.iter().chain(&q.picks).cloned();
            for text in own.chain(plain.iter().map(|t| (*t).to_owned())) {
                if let Ok(Understood {
                    doubt: None, reading, ..
                }) = understand(q, &text)
                {
                    if reading != Reading::Unsure {
                        bases.push((q.clone(), text));
                    }
                }
            }
        }
        bases
    });

    /// The bases that are positive answers: a negative one ("no", "none", $0, "I don't measure
    /// it", "not sure") turned round again is not a negated answer.
    static POSITIVE: LazyLock<Vec<(Question, String)>> = LazyLock::new(|| {
        BASES
            .iter()
            .filter(|(q, text)| {
                let sure = understand(q, text).expect("a base reads").reading;
                let negative = matches!(sure, Reading::YesNo { value: YesNo::No | YesNo::Unsure })
                    || sure.number() == Some(0.0)
                    || matches!(&sure, Reading::Choices { picks } if picks.iter().all(|p| p == "none" || p == "unsure"));
                !negative
            })
            .cloned()
            .collect()
    });

    /// Words no reader knows: a clause about something else. Free text is left out of these
    /// properties, as every word of a description is its answer.
    const UNRELATED: &[&str] = &[
        "bicycle",
        "garden",
        "kitchen",
        "weather",
        "holiday",
        "football",
        "sister",
        "umbrella",
        "piano",
        "tomatoes",
        "window",
        "carpet",
        "village",
        "mountain",
        "recipe",
        "painting",
        "parrot",
        "violin",
        "lighthouse",
        "cupboard",
        "allotment",
        "caravan",
    ];

    fn clause() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            prop::sample::select(UNRELATED).prop_map(str::to_owned),
            "[bcdfghjklmnpqrstvwxz]{4,9}"
        ];
        let joiner = prop::sample::select(vec![", ", " and ", " but ", ". ", " because ", " - "]);
        (joiner, prop::collection::vec(word, 4..9)).prop_map(|(joiner, words)| format!("{joiner}{}", words.join(" ")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn an_unrelated_clause_turns_a_sure_reading_into_a_confirmation_or_a_reask(
            pick in any::<prop::sample::Index>(),
            clause in clause(),
        ) {
            let (q, base) = pick.get(&BASES);
            let sure = understand(q, base).expect("a base reads").reading;
            let text = format!("{base}{clause}");
            match understand(q, &text) {
                Err(_) => {}
                Ok(understood) => {
                    prop_assert!(understood.doubt.is_some(), "{}: {:?} read surely as {:?}", q.id, text, understood.reading);
                    prop_assert_eq!(&understood.reading, &sure, "{}: {:?} read differently", q.id, text);
                }
            }
        }

        #[test]
        fn a_negated_answer_never_reads_as_the_same_sure_answer(
            pick in any::<prop::sample::Index>(),
            negation in prop::sample::select(vec!["not ", "wouldn't say ", "I don't think ", "never ", "no longer ", "it isn't "]),
        ) {
            let (q, base) = pick.get(&POSITIVE);
            let sure = understand(q, base).expect("a base reads").reading;
            let text = format!("{negation}{base}");
            if let Ok(understood) = understand(q, &text) {
                prop_assert!(
                    understood.doubt.is_some() || understood.reading != sure,
                    "{}: {:?} read surely as {:?}, the same as {:?}", q.id, text, understood.reading, base
                );
            }
        }
    }

    /// The fuzz target's promise for the spans, over any text: the words used and left
    /// unexplained are parts of the answer as typed (trimmed), in order, never both.
    fn spans_are_parts_of(text: &str) -> Result<(), TestCaseError> {
        for q in &CONTENT.questions {
            let Ok(understood) = understand(q, text) else { continue };
            let said = text.trim();
            for spans in [&understood.used, &understood.unexplained] {
                let mut end = 0;
                for span in spans {
                    prop_assert!(
                        span.start >= end && span.start < span.end && span.end <= said.len(),
                        "{}: {span:?} in {said:?}",
                        q.id
                    );
                    prop_assert!(said.is_char_boundary(span.start) && said.is_char_boundary(span.end));
                    end = span.end;
                }
            }
            for used in &understood.used {
                prop_assert!(
                    !understood
                        .unexplained
                        .iter()
                        .any(|u| u.start < used.end && used.start < u.end),
                    "{}: {used:?} in {said:?}",
                    q.id
                );
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn the_spans_read_are_parts_of_the_answer(text in "\\PC{0,120}") {
            spans_are_parts_of(&text)?;
        }

        #[test]
        fn the_spans_read_are_parts_of_an_answer_like_text(text in super::answer_like()) {
            spans_are_parts_of(&text)?;
        }
    }

    #[test]
    fn every_kind_but_free_text_has_sure_answers_to_build_on() {
        for kind in AnswerKind::ALL.into_iter().filter(|k| *k != AnswerKind::Text) {
            assert!(BASES.iter().any(|(q, _)| q.kind == kind), "no sure answer for {kind:?}");
        }
    }
}
