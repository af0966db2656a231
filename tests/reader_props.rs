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
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

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
