//! Table tests for every answer reader: how people type, and what each phrasing must be read as.
//! Unreadable phrasings are listed with the exact reason, since the reason becomes the re-ask.

use outsource_advisor::advisor::content::{Choice, Content};
use outsource_advisor::advisor::read::{
    read_choices, read_hours, read_money, read_number, read_scale, read_text, read_yes_no, Reading, Unreadable, YesNo,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.011
}

#[test]
fn yes_no_reads_synonyms_hedges_and_negations() {
    use YesNo::*;
    let cases: &[(&str, Result<YesNo, Unreadable>)] = &[
        ("yes", Ok(Yes)),
        ("Yes!", Ok(Yes)),
        ("y", Ok(Yes)),
        ("yep", Ok(Yes)),
        ("yeah, definitely", Ok(Yes)),
        ("sure", Ok(Yes)),
        ("of course", Ok(Yes)),
        ("absolutely", Ok(Yes)),
        ("I think so", Ok(Yes)),
        ("probably", Ok(Yes)),
        ("ok", Ok(Yes)),
        ("it would", Ok(Yes)),
        ("YES", Ok(Yes)),
        ("no", Ok(No)),
        ("n", Ok(No)),
        ("nope", Ok(No)),
        ("nah", Ok(No)),
        ("not really", Ok(No)),
        ("probably not", Ok(No)),
        ("absolutely not", Ok(No)),
        ("never", Ok(No)),
        ("I don't think so", Ok(No)),
        ("no way", Ok(No)),
        ("not at all", Ok(No)),
        ("maybe", Ok(Unsure)),
        ("kind of", Ok(Unsure)),
        ("sort of", Ok(Unsure)),
        ("idk", Ok(Unsure)),
        ("I don't know", Ok(Unsure)),
        ("not sure", Ok(Unsure)),
        ("unsure", Ok(Unsure)),
        ("dunno", Ok(Unsure)),
        ("it depends", Ok(Unsure)),
        ("hard to say", Ok(Unsure)),
        ("perhaps", Ok(Unsure)),
        ("", Err(Unreadable::Empty)),
        ("   ", Err(Unreadable::Empty)),
        ("purple", Err(Unreadable::NotYesNo)),
        ("42", Err(Unreadable::NotYesNo)),
        ("what?", Err(Unreadable::NotYesNo)),
    ];
    for (text, expected) in cases {
        let got = read_yes_no(text).map(|r| match r {
            Reading::YesNo { value } => value,
            other => panic!("{text:?} read as {other:?}"),
        });
        assert_eq!(&got, expected, "{text:?}");
    }
}

#[test]
fn scale_reads_digits_fractions_and_words() {
    let cases: &[(&str, Result<u8, Unreadable>)] = &[
        ("1", Ok(1)),
        ("3", Ok(3)),
        ("5", Ok(5)),
        ("3/5", Ok(3)),
        ("4 out of 5", Ok(4)),
        ("rate it a 2", Ok(2)),
        ("8/10", Ok(4)),
        ("3.5", Ok(4)),
        ("very well", Ok(5)),
        ("Very well!", Ok(5)),
        ("well", Ok(4)),
        ("pretty well", Ok(4)),
        ("okay", Ok(3)),
        ("so-so", Ok(3)),
        ("average", Ok(3)),
        ("poorly", Ok(2)),
        ("badly", Ok(2)),
        ("not very well", Ok(2)),
        ("not at all", Ok(1)),
        ("terrible", Ok(1)),
        ("a lot", Ok(5)),
        ("not much", Ok(2)),
        ("pretty confident", Ok(4)),
        ("beginner", Ok(1)),
        ("expert", Ok(5)),
        ("very much, 5", Ok(5)),
        ("0", Err(Unreadable::OutOfScale)),
        ("6", Err(Unreadable::OutOfScale)),
        ("11/10", Err(Unreadable::OutOfScale)),
        ("-2", Err(Unreadable::OutOfScale)),
        ("purple", Err(Unreadable::NotOnScale)),
        ("", Err(Unreadable::Empty)),
    ];
    for (text, expected) in cases {
        let got = read_scale(text).map(|r| match r {
            Reading::Scale { value } => value,
            other => panic!("{text:?} read as {other:?}"),
        });
        assert_eq!(&got, expected, "{text:?}");
    }
}

/// (text, the choices, several allowed, expected picks)
type ChoiceCase<'a> = (&'a str, &'a [Choice], bool, Result<&'a [&'a str], Unreadable>);

fn choices_of(id: &str) -> Vec<Choice> {
    Content::built_in()
        .question(id)
        .unwrap_or_else(|| panic!("question {id}"))
        .choices
        .clone()
}

#[test]
fn choices_read_numbers_labels_aliases_and_several_at_once() {
    let activities = choices_of("activities");
    let reply_speed = choices_of("reply_speed");
    let roi = choices_of("roi_measure");
    let success = choices_of("success");
    let cases: &[ChoiceCase] = &[
        ("1, 3 and posting", &activities, true, Ok(&["setup", "scheduling"])),
        ("1,3", &activities, true, Ok(&["setup", "scheduling"])),
        ("2", &activities, true, Ok(&["design"])),
        ("#4", &activities, true, Ok(&["replies"])),
        ("design and reporting", &activities, true, Ok(&["design", "reporting"])),
        ("Design & Graphics", &activities, true, Ok(&["design"])),
        ("blogs, video", &activities, true, Ok(&["content"])),
        (
            "all of them",
            &activities,
            true,
            Ok(&[
                "setup",
                "design",
                "scheduling",
                "replies",
                "content",
                "influencers",
                "reporting",
            ]),
        ),
        (
            "everything",
            &activities,
            true,
            Ok(&[
                "setup",
                "design",
                "scheduling",
                "replies",
                "content",
                "influencers",
                "reporting",
            ]),
        ),
        ("replying to customers", &activities, true, Ok(&["replies"])),
        ("setup, design", &activities, true, Ok(&["setup", "design"])),
        (
            "influencers and analytics",
            &activities,
            true,
            Ok(&["influencers", "reporting"]),
        ),
        ("option 1 and 2", &activities, true, Ok(&["setup", "design"])),
        ("9", &activities, true, Err(Unreadable::NoSuchChoice)),
        ("0", &activities, true, Err(Unreadable::NoSuchChoice)),
        ("cooking", &activities, true, Err(Unreadable::NoChoice)),
        ("within the hour", &reply_speed, false, Ok(&["hour"])),
        ("same day", &reply_speed, false, Ok(&["day"])),
        ("within 5 minutes", &reply_speed, false, Ok(&["minutes"])),
        ("days", &reply_speed, false, Ok(&["days"])),
        ("a day or more", &reply_speed, false, Ok(&["days"])),
        ("1", &reply_speed, false, Ok(&["minutes"])),
        ("1 or 2", &reply_speed, false, Err(Unreadable::OneChoiceOnly)),
        ("straight away", &reply_speed, false, Ok(&["minutes"])),
        ("I don't measure it", &roi, false, Ok(&["none"])),
        ("no idea", &roi, false, Ok(&["none"])),
        ("likes and followers", &roi, false, Ok(&["engagement"])),
        ("we track sales", &roi, false, Ok(&["sales"])),
        ("enquiries", &roi, false, Ok(&["leads"])),
        ("leads and sales", &success, false, Ok(&["leads_sales"])),
        ("followers", &success, false, Ok(&["followers"])),
        ("not sure", &success, false, Ok(&["unsure"])),
        ("leads_sales", &success, false, Ok(&["leads_sales"])),
        ("", &success, false, Err(Unreadable::Empty)),
    ];
    for (text, choices, many, expected) in cases {
        let got = read_choices(text, choices, *many).map(|r| match r {
            Reading::Choices { picks } => picks,
            other => panic!("{text:?} read as {other:?}"),
        });
        let expected = expected
            .clone()
            .map(|ids| ids.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(got, expected, "{text:?}");
    }
}

/// (text, amount, min, max, currency, per_month)
type Money = (f64, Option<f64>, Option<f64>, Option<&'static str>, Option<f64>);

#[test]
fn money_reads_symbols_words_ranges_bounds_and_periods() {
    let cases: &[(&str, Result<Money, Unreadable>)] = &[
        ("1.5k/mo", Ok((1500.0, Some(1500.0), Some(1500.0), None, Some(1500.0)))),
        (
            "$1.5k/mo",
            Ok((1500.0, Some(1500.0), Some(1500.0), Some("USD"), Some(1500.0))),
        ),
        ("$500", Ok((500.0, Some(500.0), Some(500.0), Some("USD"), None))),
        (
            "500 dollars a month",
            Ok((500.0, Some(500.0), Some(500.0), Some("USD"), Some(500.0))),
        ),
        ("£300", Ok((300.0, Some(300.0), Some(300.0), Some("GBP"), None))),
        (
            "300 quid a month",
            Ok((300.0, Some(300.0), Some(300.0), Some("GBP"), Some(300.0))),
        ),
        (
            "€750 monthly",
            Ok((750.0, Some(750.0), Some(750.0), Some("EUR"), Some(750.0))),
        ),
        ("750 euros", Ok((750.0, Some(750.0), Some(750.0), Some("EUR"), None))),
        ("EUR 750", Ok((750.0, Some(750.0), Some(750.0), Some("EUR"), None))),
        ("USD 2,000", Ok((2000.0, Some(2000.0), Some(2000.0), Some("USD"), None))),
        (
            "GBP 1000 per year",
            Ok((1000.0, Some(1000.0), Some(1000.0), Some("GBP"), Some(83.33))),
        ),
        ("100 bucks", Ok((100.0, Some(100.0), Some(100.0), Some("USD"), None))),
        ("1,500", Ok((1500.0, Some(1500.0), Some(1500.0), None, None))),
        ("$1,234.50", Ok((1234.5, Some(1234.5), Some(1234.5), Some("USD"), None))),
        ("2k", Ok((2000.0, Some(2000.0), Some(2000.0), None, None))),
        (
            "2K a month",
            Ok((2000.0, Some(2000.0), Some(2000.0), None, Some(2000.0))),
        ),
        ("3 thousand", Ok((3000.0, Some(3000.0), Some(3000.0), None, None))),
        (
            "1.2 million a year",
            Ok((1_200_000.0, Some(1_200_000.0), Some(1_200_000.0), None, Some(100_000.0))),
        ),
        (
            "a couple thousand",
            Ok((2000.0, Some(2000.0), Some(2000.0), None, None)),
        ),
        (
            "a couple of thousand dollars",
            Ok((2000.0, Some(2000.0), Some(2000.0), Some("USD"), None)),
        ),
        ("a few hundred", Ok((300.0, Some(300.0), Some(300.0), None, None))),
        ("fifteen hundred", Ok((1500.0, Some(1500.0), Some(1500.0), None, None))),
        (
            "a grand a month",
            Ok((1000.0, Some(1000.0), Some(1000.0), None, Some(1000.0))),
        ),
        (
            "two hundred and fifty pounds",
            Ok((250.0, Some(250.0), Some(250.0), Some("GBP"), None)),
        ),
        ("500-1000", Ok((750.0, Some(500.0), Some(1000.0), None, None))),
        (
            "500 - 1000 a month",
            Ok((750.0, Some(500.0), Some(1000.0), None, Some(750.0))),
        ),
        (
            "$500 to $1,000",
            Ok((750.0, Some(500.0), Some(1000.0), Some("USD"), None)),
        ),
        (
            "between 1k and 2k",
            Ok((1500.0, Some(1000.0), Some(2000.0), None, None)),
        ),
        ("1-2k", Ok((1500.0, Some(1000.0), Some(2000.0), None, None))),
        ("under 300", Ok((300.0, None, Some(300.0), None, None))),
        (
            "less than $300 a month",
            Ok((300.0, None, Some(300.0), Some("USD"), Some(300.0))),
        ),
        ("up to 500", Ok((500.0, None, Some(500.0), None, None))),
        ("300 max", Ok((300.0, None, Some(300.0), None, None))),
        ("at least 1,000", Ok((1000.0, Some(1000.0), None, None, None))),
        ("1,000+", Ok((1000.0, Some(1000.0), None, None, None))),
        ("over 2k", Ok((2000.0, Some(2000.0), None, None, None))),
        (
            "$200 weekly",
            Ok((200.0, Some(200.0), Some(200.0), Some("USD"), Some(866.67))),
        ),
        ("50 a week", Ok((50.0, Some(50.0), Some(50.0), None, Some(216.67)))),
        (
            "$10 a day",
            Ok((10.0, Some(10.0), Some(10.0), Some("USD"), Some(304.17))),
        ),
        (
            "12000 per year",
            Ok((12000.0, Some(12000.0), Some(12000.0), None, Some(1000.0))),
        ),
        (
            "$2,000 a month for 6 months",
            Ok((2000.0, Some(2000.0), Some(2000.0), Some("USD"), Some(2000.0))),
        ),
        ("nothing", Ok((0.0, Some(0.0), Some(0.0), None, None))),
        ("no budget", Ok((0.0, Some(0.0), Some(0.0), None, None))),
        ("$0", Ok((0.0, Some(0.0), Some(0.0), Some("USD"), None))),
        ("zero", Ok((0.0, Some(0.0), Some(0.0), None, None))),
        (
            "about $800/mo",
            Ok((800.0, Some(800.0), Some(800.0), Some("USD"), Some(800.0))),
        ),
        ("lots", Err(Unreadable::NoAmount)),
        ("not much", Err(Unreadable::NoAmount)),
        ("€300 or 400 dollars", Err(Unreadable::AmbiguousAmount)),
        ("100, 200 or 300", Err(Unreadable::AmbiguousAmount)),
        ("", Err(Unreadable::Empty)),
    ];
    for (text, expected) in cases {
        let got = read_money(text);
        match (&got, expected) {
            (
                Ok(Reading::Money {
                    amount,
                    min,
                    max,
                    currency,
                    per_month,
                }),
                Ok((a, lo, hi, cur, pm)),
            ) => {
                let same = |x: &Option<f64>, y: &Option<f64>| match (x, y) {
                    (Some(x), Some(y)) => close(*x, *y),
                    (None, None) => true,
                    _ => false,
                };
                assert!(
                    close(*amount, *a)
                        && same(min, lo)
                        && same(max, hi)
                        && currency.as_deref() == *cur
                        && same(per_month, pm),
                    "{text:?}: got {got:?}, expected {expected:?}"
                );
            }
            (Err(problem), Err(expected_problem)) => assert_eq!(problem, expected_problem, "{text:?}"),
            _ => panic!("{text:?}: got {got:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn hours_read_as_hours_per_week() {
    let cases: &[(&str, Result<f64, Unreadable>)] = &[
        ("2 hrs a day", Ok(14.0)),
        ("about 2 hrs a day", Ok(14.0)),
        ("2 hours a weekday", Ok(10.0)),
        ("an hour a workday", Ok(5.0)),
        ("half an hour a day", Ok(3.5)),
        ("an hour and a half", Ok(1.5)),
        ("2 hours and a half a week", Ok(2.5)),
        ("1.5 hours", Ok(1.5)),
        ("90 minutes a week", Ok(1.5)),
        ("30 mins a day", Ok(3.5)),
        ("a couple of hours a week", Ok(2.0)),
        ("a few hours", Ok(3.0)),
        ("6+ hours", Ok(6.0)),
        ("10-12 hours", Ok(11.0)),
        ("10 to 12 hours a week", Ok(11.0)),
        ("20 hours a month", Ok(4.62)),
        ("3 hours a week", Ok(3.0)),
        ("3", Ok(3.0)),
        ("an hour", Ok(1.0)),
        ("an hour a day", Ok(7.0)),
        ("five hours", Ok(5.0)),
        ("twenty minutes a day", Ok(2.33)),
        ("none", Ok(0.0)),
        ("no time", Ok(0.0)),
        ("zero", Ok(0.0)),
        ("0", Ok(0.0)),
        ("3 hours/week", Ok(3.0)),
        ("25 hours a day", Err(Unreadable::TooManyHours)),
        ("200 hours a week", Err(Unreadable::TooManyHours)),
        ("loads", Err(Unreadable::NoTime)),
        ("", Err(Unreadable::Empty)),
    ];
    for (text, expected) in cases {
        let got = read_hours(text).map(|r| match r {
            Reading::Hours { hours_per_week, .. } => hours_per_week,
            other => panic!("{text:?} read as {other:?}"),
        });
        match (&got, expected) {
            (Ok(value), Ok(want)) => assert!(close(*value, *want), "{text:?}: got {value}, expected {want}"),
            _ => assert_eq!(&got, expected, "{text:?}"),
        }
    }
}

#[test]
fn numbers_read_digits_words_and_convert_months_and_years() {
    let cases: &[(&str, Option<&str>, Result<f64, Unreadable>)] = &[
        ("6", None, Ok(6.0)),
        ("two", None, Ok(2.0)),
        ("a couple", None, Ok(2.0)),
        ("a dozen", None, Ok(12.0)),
        ("2 years", Some("years"), Ok(2.0)),
        ("about 6 months", Some("years"), Ok(0.5)),
        ("18 months", Some("years"), Ok(1.5)),
        ("a year and a half", Some("years"), Ok(1.5)),
        ("a year", Some("years"), Ok(1.0)),
        ("never", Some("years"), Ok(0.0)),
        ("1 year", Some("years"), Ok(1.0)),
        ("three months", Some("months"), Ok(3.0)),
        ("a year", Some("months"), Ok(12.0)),
        ("2 years", Some("months"), Ok(24.0)),
        ("6 months", Some("months"), Ok(6.0)),
        ("-3", None, Err(Unreadable::ImpossibleNumber)),
        ("lots", None, Err(Unreadable::NoNumber)),
        ("", None, Err(Unreadable::Empty)),
    ];
    for (text, unit, expected) in cases {
        let got = read_number(text, *unit).map(|r| match r {
            Reading::Number { value, .. } => value,
            other => panic!("{text:?} read as {other:?}"),
        });
        match (&got, expected) {
            (Ok(value), Ok(want)) => assert!(close(*value, *want), "{text:?}: got {value}, expected {want}"),
            _ => assert_eq!(&got, expected, "{text:?}"),
        }
    }
}

/// A figure and the ends it keeps: (figure, min, max).
type Ends = (f64, Option<f64>, Option<f64>);

fn ends_close(got: Ends, want: Ends) -> bool {
    let opt = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    };
    close(got.0, want.0) && opt(got.1, want.1) && opt(got.2, want.2)
}

/// A bound is stored as the range it names, as money's are: an upper bound keeps `max` only, a
/// lower bound `min` only, and the figure used for sums is the bound. A plain or hedged figure
/// keeps neither, and a range both.
#[test]
fn hours_keep_a_bound_as_the_range_it_names() {
    let cases: &[(&str, Result<Ends, Unreadable>)] = &[
        ("under 2 hours a week", Ok((2.0, None, Some(2.0)))),
        ("less than 2 hours a week", Ok((2.0, None, Some(2.0)))),
        ("up to 5 hours", Ok((5.0, None, Some(5.0)))),
        ("at most an hour a day", Ok((7.0, None, Some(7.0)))),
        ("no more than three hours a week", Ok((3.0, None, Some(3.0)))),
        ("below 30 minutes a day", Ok((3.5, None, Some(3.5)))),
        ("fewer than two hours", Ok((2.0, None, Some(2.0)))),
        ("11 or more hours a week", Ok((11.0, Some(11.0), None))),
        ("more than 10 hours", Ok((10.0, Some(10.0), None))),
        ("at least two hours a day", Ok((14.0, Some(14.0), None))),
        ("over 20 hours a month", Ok((4.62, Some(4.62), None))),
        ("6+ hours", Ok((6.0, Some(6.0), None))),
        ("6 plus hours a week", Ok((6.0, Some(6.0), None))),
        ("about 3 hours", Ok((3.0, None, None))),
        ("more or less 3 hours", Ok((3.0, None, None))),
        ("3 hours", Ok((3.0, None, None))),
        ("2–5 hours a week", Ok((3.5, Some(2.0), Some(5.0)))),
        ("up to 6+ hours", Err(Unreadable::NoTime)),
    ];
    for (text, expected) in cases {
        let got = read_hours(text).map(|r| match r {
            Reading::Hours {
                hours_per_week,
                min,
                max,
            } => (hours_per_week, min, max),
            other => panic!("{text:?} read as {other:?}"),
        });
        match (&got, expected) {
            (Ok(got), Ok(want)) => assert!(ends_close(*got, *want), "{text:?}: got {got:?}, expected {want:?}"),
            _ => assert_eq!(&got, expected, "{text:?}"),
        }
    }
}

#[test]
fn numbers_keep_a_bound_as_the_range_it_names() {
    let cases: &[(&str, Option<&str>, Result<Ends, Unreadable>)] = &[
        ("under a year", Some("years"), Ok((1.0, None, Some(1.0)))),
        ("less than 6 months", Some("years"), Ok((0.5, None, Some(0.5)))),
        ("up to two years", Some("years"), Ok((2.0, None, Some(2.0)))),
        ("no more than 3", None, Ok((3.0, None, Some(3.0)))),
        ("fewer than twenty", None, Ok((20.0, None, Some(20.0)))),
        ("at most a year", Some("months"), Ok((12.0, None, Some(12.0)))),
        ("more than 5 years", Some("years"), Ok((5.0, Some(5.0), None))),
        ("more than ten years", Some("years"), Ok((10.0, Some(10.0), None))),
        ("over a decade", Some("years"), Ok((10.0, Some(10.0), None))),
        ("at least 18 months", Some("years"), Ok((1.5, Some(1.5), None))),
        ("5+ years", Some("years"), Ok((5.0, Some(5.0), None))),
        ("5 or more", None, Ok((5.0, Some(5.0), None))),
        ("three plus years", Some("years"), Ok((3.0, Some(3.0), None))),
        ("about 4", None, Ok((4.0, None, None))),
        ("4 years", Some("years"), Ok((4.0, None, None))),
        ("1–2 years", Some("years"), Ok((1.5, Some(1.0), Some(2.0)))),
        (
            "more than a year and 6 months",
            Some("years"),
            Ok((1.5, Some(1.5), None)),
        ),
        ("a year plus 6 months", Some("years"), Ok((1.5, None, None))),
        ("under 5+ years", Some("years"), Err(Unreadable::NoNumber)),
    ];
    for (text, unit, expected) in cases {
        let got = read_number(text, *unit).map(|r| match r {
            Reading::Number { value, min, max } => (value, min, max),
            other => panic!("{text:?} read as {other:?}"),
        });
        match (&got, expected) {
            (Ok(got), Ok(want)) => assert!(ends_close(*got, *want), "{text:?}: got {got:?}, expected {want:?}"),
            _ => assert_eq!(&got, expected, "{text:?}"),
        }
    }
}

#[test]
fn free_text_refuses_everybody_and_keeps_real_answers_as_typed() {
    let cases: &[(&str, Result<&str, Unreadable>)] = &[
        (
            "women 30-50 in Leeds who do craft weddings",
            Ok("women 30-50 in Leeds who do craft weddings"),
        ),
        (
            "  local families with young kids ",
            Ok("local families with young kids"),
        ),
        (
            "women who want everyone to notice their nails",
            Ok("women who want everyone to notice their nails"),
        ),
        ("everybody", Err(Unreadable::Vague)),
        ("Everyone!", Err(Unreadable::Vague)),
        ("anyone", Err(Unreadable::Vague)),
        ("all people", Err(Unreadable::Vague)),
        ("pretty much everybody", Err(Unreadable::Vague)),
        ("everyone really", Err(Unreadable::Vague)),
        ("the general public", Err(Unreadable::Vague)),
        ("idk", Err(Unreadable::Vague)),
        ("all kinds of people", Err(Unreadable::Vague)),
        ("", Err(Unreadable::Empty)),
    ];
    for (text, expected) in cases {
        let got = read_text(text).map(|r| match r {
            Reading::Text { text } => text,
            other => panic!("{text:?} read as {other:?}"),
        });
        assert_eq!(
            got.as_deref(),
            expected.as_ref().map(|s| *s).map_err(Clone::clone).as_deref(),
            "{text:?}"
        );
    }
}

#[test]
fn a_4001_character_answer_is_too_long_for_every_reader() {
    let long = "1".repeat(4_001);
    assert_eq!(read_money(&long), Err(Unreadable::TooLong));
    assert_eq!(read_hours(&long), Err(Unreadable::TooLong));
    assert_eq!(read_text(&long), Err(Unreadable::TooLong));
    assert_eq!(read_yes_no(&long), Err(Unreadable::TooLong));
}

// ---------------------------------------------------------------------------------------------
// Readers that never guess (issue 10): every answer below is read as the shipped question reads
// it, so the tables also hold the question catalog (kinds, units, choices) to its word.
// ---------------------------------------------------------------------------------------------

mod never_guess {
    use outsource_advisor::advisor::content::Content;
    use outsource_advisor::advisor::display;
    use outsource_advisor::advisor::read::{read_answer, understand, Dimension, Metric, Reading, Unreadable, YesNo};

    use Dimension::{Count, Hours as Time, Money as Cash, Percent, Rating, Span};

    fn content() -> Content {
        Content::built_in()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.011
    }

    fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    /// (question id, answer, what it was understood as, the words the reply must quote)
    const OTHER_UNITS: &[(&str, &str, Dimension, &str)] = &[
        // To the budget (money): time, counts, ratings, percentages.
        ("budget", "give it 6 months", Span, "6 months"),
        ("budget", "3 hours a week", Time, "3 hours"),
        ("budget", "about 10 hours", Time, "10 hours"),
        ("budget", "maybe 2 days", Span, "2 days"),
        ("budget", "about 1 year", Span, "1 year"),
        ("budget", "3 employees", Count, "3 employees"),
        ("budget", "5 staff", Count, "5 staff"),
        ("budget", "1000 followers", Count, "1000 followers"),
        ("budget", "20 new patients", Count, "20 new patients"),
        ("budget", "4 out of 5", Rating, "4 out of 5"),
        ("budget", "3/5", Rating, "3/5"),
        ("budget", "10%", Percent, "10%"),
        ("budget", "about 30 percent", Percent, "30 percent"),
        ("budget", "two weeks", Span, "2 weeks"),
        ("sale_value", "90 minutes", Time, "90 minutes"),
        ("sale_value", "2 customers", Count, "2 customers"),
        ("sale_value", "5 stars", Rating, "5 stars"),
        // To hours: money, lengths of time, counts, ratings.
        ("hours_now", "6 months", Span, "6 months"),
        ("hours_now", "3 employees", Count, "3 employees"),
        ("hours_now", "about 40 quid", Cash, "40 quid"),
        ("hours_now", "$500", Cash, "$500"),
        ("hours_now", "£200 a month", Cash, "£200"),
        ("hours_now", "2 years", Span, "2 years"),
        ("hours_now", "3 weeks", Span, "3 weeks"),
        // Issue 26: "10 posts a week" is how often (tests/reader_sentences.rs); a count alone is still refused.
        ("hours_now", "10 customers", Count, "10 customers"),
        ("hours_now", "4 out of 5", Rating, "4 out of 5"),
        ("hours_now", "50%", Percent, "50%"),
        ("hours_available", "2 people", Count, "2 people"),
        ("hours_available", "100 bucks", Cash, "100 bucks"),
        ("hours_available", "a couple of months", Span, "2 months"),
        ("hours_available", "€50", Cash, "€50"),
        // To years of experience (a number kept in years): money, time spent, counts, ratings.
        ("experience_years", "about 40 quid", Cash, "40 quid"),
        ("experience_years", "$300", Cash, "$300"),
        ("experience_years", "40 hours", Time, "40 hours"),
        ("experience_years", "30 minutes", Time, "30 minutes"),
        ("experience_years", "5000 followers", Count, "5000 followers"),
        ("experience_years", "3 clients", Count, "3 clients"),
        ("experience_years", "4/5", Rating, "4/5"),
        ("experience_years", "100%", Percent, "100%"),
        ("experience_years", "2 grand", Cash, "2 grand"),
        ("experience_years", "5 euros", Cash, "5 euros"),
        // To the 1-5 ratings: money, time, counts, percentages.
        ("works_today", "5 hours", Time, "5 hours"),
        ("works_today", "$5", Cash, "$5"),
        ("works_today", "3 months", Span, "3 months"),
        ("works_today", "2 leads", Count, "2 leads"),
        ("works_today", "4 sales a week", Count, "4 sales"),
        ("works_today", "80%", Percent, "80%"),
        ("expertise", "2 years", Span, "2 years"),
        ("expertise", "1 hour", Time, "1 hour"),
        ("expertise", "3 followers", Count, "3 followers"),
        ("expertise", "4 quid", Cash, "4 quid"),
        ("personal_touch", "5 customers", Count, "5 customers"),
        ("personal_touch", "4 days", Span, "4 days"),
        ("personal_touch", "2 pounds", Cash, "2 pounds"),
        // To the failure point: time spent, ratings, percentages.
        ("failure_months", "5 hours a week", Time, "5 hours"),
        ("failure_months", "4 out of 5", Rating, "4 out of 5"),
        ("failure_months", "20%", Percent, "20%"),
        ("failure_months", "90 minutes", Time, "90 minutes"),
        ("failure_months", "3 stars", Rating, "3 stars"),
        ("failure_months", "10 percent", Percent, "10 percent"),
    ];

    #[test]
    fn a_number_in_another_kinds_unit_is_refused_naming_what_was_understood() {
        let content = content();
        let m = &content.messages;
        let mut failures = Vec::new();
        for &(question, text, dimension, found) in OTHER_UNITS {
            let q = content.question(question).expect("a shipped question");
            let got = read_answer(q, text);
            let expected = Unreadable::OtherUnit {
                dimension,
                found: found.to_owned(),
            };
            if got.as_ref() != Err(&expected) {
                failures.push(format!("{question} {text:?}: expected {expected:?}, got {got:?}"));
                continue;
            }
            let reply = display::problem(&content, Some(q), &expected, q.example());
            let understood = m.get(&format!("dimension.{}", dimension.id())).to_owned();
            if !reply.contains(found) || !reply.contains(understood.as_str()) || !reply.contains(q.example()) {
                failures.push(format!(
                    "{question} {text:?}: the reply {reply:?} does not name {found:?} as {understood:?}"
                ));
            }
        }
        assert!(OTHER_UNITS.len() >= 60);
        assert!(
            failures.is_empty(),
            "{} rows wrong:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn the_reply_says_what_the_question_needs() {
        let content = content();
        let budget = content.question("budget").unwrap();
        let problem = read_answer(budget, "give it 6 months").unwrap_err();
        assert_eq!(
            display::problem(&content, Some(budget), &problem, "$1.5k/mo"),
            "That sounds like a length of time (6 months); this question asks for an amount of money. For example: $1.5k/mo"
        );
        let hours = content.question("hours_now").unwrap();
        let problem = read_answer(hours, "6 months").unwrap_err();
        assert!(display::problem(&content, Some(hours), &problem, "").contains("how many hours a week"));
    }

    /// What an answer must be read as.
    #[derive(Debug)]
    enum E {
        /// per month, or the amount where no period is given.
        Money(f64),
        Hours(f64),
        Number(f64),
        Scale(u8),
        Picks(&'static [&'static str]),
        YesNo(YesNo),
        Unsure,
        Fp(Option<f64>, Option<f64>, Option<f64>, Option<Metric>),
        Err(Unreadable),
    }

    fn matches(expected: &E, got: &Result<Reading, Unreadable>) -> bool {
        match (expected, got) {
            (E::Money(x), Ok(r @ Reading::Money { .. })) => r.number().is_some_and(|n| close(n, *x)),
            (E::Hours(x), Ok(Reading::Hours { hours_per_week, .. })) => close(*hours_per_week, *x),
            (E::Number(x), Ok(Reading::Number { value, .. })) => close(*value, *x),
            (E::Scale(x), Ok(Reading::Scale { value })) => value == x,
            (E::Picks(x), Ok(Reading::Choices { picks })) => picks.iter().map(String::as_str).eq(x.iter().copied()),
            (E::YesNo(x), Ok(Reading::YesNo { value })) => value == x,
            (E::Unsure, Ok(Reading::Unsure)) => true,
            (
                E::Fp(p, mo, b, me),
                Ok(Reading::FailurePoint {
                    per_month,
                    months,
                    below,
                    metric,
                    ..
                }),
            ) => close_opt(*p, *per_month) && close_opt(*mo, *months) && close_opt(*b, *below) && me == metric,
            (E::Err(x), Err(y)) => x == y,
            _ => false,
        }
    }

    use Metric::{Followers, Leads, Sales};
    use YesNo::{No, Yes};

    const EVERYDAY: &[(&str, &str, E)] = &[
        // Money: multipliers, slang, European formats, zero, qualifiers set aside.
        ("budget", "100k", E::Money(100_000.0)),
        ("budget", "5 thousand", E::Money(5000.0)),
        ("budget", "a couple of thousand", E::Money(2000.0)),
        ("budget", "a couple thousand a month", E::Money(2000.0)),
        ("budget", "2 grand", E::Money(2000.0)),
        ("budget", "a grand a month", E::Money(1000.0)),
        ("budget", "about 40 quid", E::Money(40.0)),
        ("budget", "500 bucks", E::Money(500.0)),
        ("budget", "1.5 million", E::Money(1_500_000.0)),
        ("budget", "1.200 €", E::Money(1200.0)),
        ("budget", "1.200,50 €", E::Money(1200.5)),
        ("budget", "2.500 euros a month", E::Money(2500.0)),
        ("budget", "€1.200", E::Money(1200.0)),
        ("budget", "1.000.000 €", E::Money(1_000_000.0)),
        ("budget", "can't afford anything", E::Money(0.0)),
        ("budget", "I can't afford it", E::Money(0.0)),
        ("budget", "cannot afford anything", E::Money(0.0)),
        ("budget", "nothing", E::Money(0.0)),
        ("budget", "$2,000 a month for 6 months", E::Money(2000.0)),
        ("budget", "£500 a month over the next 12 months", E::Money(500.0)),
        ("budget", "$300 per week for 3 months", E::Money(1300.0)),
        ("budget", "$500 for 10 posts", E::Money(500.0)),
        ("budget", "€800/mo", E::Money(800.0)),
        ("budget", "$1k-2k a month", E::Money(1500.0)),
        ("budget", "1000", E::Money(1000.0)),
        (
            "budget",
            "give it 6 months",
            E::Err(Unreadable::OtherUnit {
                dimension: Span,
                found: String::new(),
            }),
        ),
        ("sale_value", "about 250 dollars", E::Money(250.0)),
        ("sale_value", "£80 a head", E::Money(80.0)),
        ("sale_value", "1k", E::Money(1000.0)),
        ("sale_value", "1.500 €", E::Money(1500.0)),
        // Hours: working days, full and part time, minutes, qualifiers set aside.
        ("hours_now", "a day a week", E::Hours(8.0)),
        ("hours_now", "one day a week", E::Hours(8.0)),
        ("hours_now", "2 days a week", E::Hours(16.0)),
        ("hours_now", "half a day a week", E::Hours(4.0)),
        ("hours_now", "half a day on Fridays", E::Hours(4.0)),
        ("hours_now", "full time", E::Hours(40.0)),
        ("hours_now", "full-time", E::Hours(40.0)),
        ("hours_now", "part time", E::Hours(20.0)),
        ("hours_now", "barely any", E::Hours(1.0)),
        ("hours_now", "hardly any time", E::Hours(1.0)),
        ("hours_now", "like an hour, maybe 90 min a week", E::Hours(1.25)),
        ("hours_now", "2 hours a day for 3 months", E::Hours(14.0)),
        ("hours_now", "3 hours a week for the next 2 months", E::Hours(3.0)),
        ("hours_now", "about 2 hrs a day", E::Hours(14.0)),
        ("hours_now", "30 minutes a day", E::Hours(3.5)),
        ("hours_now", "none", E::Hours(0.0)),
        ("hours_now", "3 days a week", E::Hours(24.0)),
        ("hours_now", "2 hours, maybe 5", E::Err(Unreadable::NoTime)),
        ("hours_available", "a couple of hours a week", E::Hours(2.0)),
        ("hours_available", "a working day a week", E::Hours(8.0)),
        ("hours_available", "1 full day a week", E::Hours(8.0)),
        ("hours_available", "10 hours a month", E::Hours(2.31)),
        ("hours_available", "an hour a day on weekdays", E::Hours(5.0)),
        ("hours_available", "part-time hours", E::Hours(20.0)),
        ("hours_available", "1h30 a week", E::Hours(1.5)),
        // Numbers: multipliers and lengths of time.
        ("experience_years", "about 6 months", E::Number(0.5)),
        ("experience_years", "2 years", E::Number(2.0)),
        ("experience_years", "never", E::Number(0.0)),
        ("experience_years", "18 months", E::Number(1.5)),
        ("experience_years", "a year and a half", E::Number(1.5)),
        ("experience_years", "since 2019", E::Err(Unreadable::ImpossibleNumber)),
        // Ratings keep their own units.
        ("works_today", "4 out of 5", E::Scale(4)),
        ("works_today", "3/5", E::Scale(3)),
        ("works_today", "4 stars", E::Scale(4)),
        ("works_today", "8/10", E::Scale(4)),
        // Yes / no percentages.
        ("growth", "100%", E::YesNo(Yes)),
        ("growth", "100 percent", E::YesNo(Yes)),
        ("growth", "0%", E::YesNo(No)),
        ("staff", "0 percent", E::YesNo(No)),
        ("outside_view", "yes, 100%", E::YesNo(Yes)),
        // Choices read owners' words.
        ("roi_measure", "bookings", E::Picks(&["sales"])),
        ("roi_measure", "orders", E::Picks(&["sales"])),
        ("roi_measure", "appointments", E::Picks(&["sales"])),
        ("roi_measure", "we track bookings", E::Picks(&["sales"])),
        ("roi_measure", "enquiries", E::Picks(&["leads"])),
        ("roi_measure", "DMs", E::Picks(&["leads"])),
        ("roi_measure", "phone calls", E::Picks(&["leads"])),
        ("roi_measure", "not sure how", E::Picks(&["none"])),
        ("roi_measure", "no", E::Picks(&["none"])),
        ("roi_measure", "nope", E::Picks(&["none"])),
        ("roi_measure", "not really", E::Picks(&["none"])),
        ("roi_measure", "likes and followers", E::Picks(&["engagement"])),
        ("roi_measure", "discount codes", E::Picks(&["sales"])),
        ("success", "bookings", E::Picks(&["leads_sales"])),
        ("success", "more appointments", E::Picks(&["leads_sales"])),
        ("success", "enquiries", E::Picks(&["leads_sales"])),
        ("success", "not sure", E::Picks(&["unsure"])),
        ("success", "no idea", E::Picks(&["unsure"])),
        ("success", "followers", E::Picks(&["followers"])),
        ("activities", "none", E::Picks(&[])),
        ("activities", "nothing", E::Picks(&[])),
        ("activities", "no thanks", E::Picks(&[])),
        ("activities", "None of them", E::Picks(&[])),
        ("activities", "nothing thanks", E::Picks(&[])),
        ("activities", "setup and design", E::Picks(&["setup", "design"])),
        (
            "activities",
            "everything except design",
            E::Picks(&["setup", "scheduling", "replies", "content", "influencers", "reporting"]),
        ),
        ("reply_speed", "within the hour", E::Picks(&["hour"])),
        // "I don't know" is an answer.
        ("budget", "no idea", E::Unsure),
        ("budget", "not sure", E::Unsure),
        ("budget", "haven't decided", E::Unsure),
        ("budget", "haven't decided yet", E::Unsure),
        ("budget", "I don't know", E::Unsure),
        ("budget", "dunno", E::Unsure),
        ("sale_value", "no clue", E::Unsure),
        ("sale_value", "hard to say", E::Unsure),
        ("hours_now", "no idea", E::Unsure),
        ("hours_now", "not sure", E::Unsure),
        ("hours_available", "haven't decided", E::Unsure),
        ("hours_available", "idk", E::Unsure),
        ("experience_years", "not sure", E::Unsure),
        ("experience_years", "no idea", E::Unsure),
        ("failure_months", "haven't decided", E::Unsure),
        ("failure_months", "not sure", E::Unsure),
        ("budget", "not sure, maybe 500", E::Money(500.0)),
        ("hours_now", "not sure, maybe 3 hours", E::Hours(3.0)),
        // The failure point as a whole sentence (article 002).
        (
            "failure_months",
            "$2,000 a month for 6 months with under 20 new patients",
            E::Fp(Some(2000.0), Some(6.0), Some(20.0), Some(Sales)),
        ),
        (
            "failure_months",
            "$1,000 a month for 6 months, stop if under 10,000 followers",
            E::Fp(Some(1000.0), Some(6.0), Some(10_000.0), Some(Followers)),
        ),
        ("failure_months", "6 months", E::Fp(None, Some(6.0), None, None)),
        ("failure_months", "6", E::Fp(None, Some(6.0), None, None)),
        ("failure_months", "three months", E::Fp(None, Some(3.0), None, None)),
        ("failure_months", "a year", E::Fp(None, Some(12.0), None, None)),
        (
            "failure_months",
            "£500 a month for a year",
            E::Fp(Some(500.0), Some(12.0), None, None),
        ),
        (
            "failure_months",
            "stop after 4 months if we get fewer than 5 leads a month",
            E::Fp(None, Some(4.0), Some(5.0), Some(Leads)),
        ),
        (
            "failure_months",
            "under 10k followers after 6 months",
            E::Fp(None, Some(6.0), Some(10_000.0), Some(Followers)),
        ),
        (
            "failure_months",
            "less than 30 bookings in 3 months",
            E::Fp(None, Some(3.0), Some(30.0), Some(Sales)),
        ),
        (
            "failure_months",
            "1500 dollars a month for 9 months",
            E::Fp(Some(1500.0), Some(9.0), None, None),
        ),
        (
            "failure_months",
            "$800/mo, 6 months, under 50 enquiries",
            E::Fp(Some(800.0), Some(6.0), Some(50.0), Some(Leads)),
        ),
        (
            "failure_months",
            "if under 100 sales after a year",
            E::Fp(None, Some(12.0), Some(100.0), Some(Sales)),
        ),
        (
            "failure_months",
            "2 grand a month for 3 months",
            E::Fp(Some(2000.0), Some(3.0), None, None),
        ),
        (
            "failure_months",
            "under 20 new customers",
            E::Fp(None, None, Some(20.0), Some(Sales)),
        ),
        ("failure_months", "6 to 12 months", E::Fp(None, Some(9.0), None, None)),
        ("failure_months", "18 months", E::Fp(None, Some(18.0), None, None)),
        (
            "failure_months",
            "stop if under 2 new clients a month after 6 months",
            E::Fp(None, Some(6.0), Some(2.0), Some(Sales)),
        ),
        (
            "failure_months",
            "about €1.000 a month for half a year",
            E::Fp(Some(1000.0), Some(6.0), None, None),
        ),
        ("failure_months", "purple", E::Err(Unreadable::NoNumber)),
    ];

    #[test]
    fn everyday_phrasings_read_right() {
        let content = content();
        let mut failures = Vec::new();
        for (question, text, expected) in EVERYDAY {
            let q = content.question(question).expect("a shipped question");
            let got = read_answer(q, text);
            let ok = match expected {
                // Other-unit rows here name only the dimension; the table above checks the words.
                E::Err(Unreadable::OtherUnit { dimension, .. }) => {
                    matches!(&got, Err(Unreadable::OtherUnit { dimension: d, .. }) if d == dimension)
                }
                _ => matches(expected, &got),
            };
            if !ok {
                failures.push(format!("{question} {text:?}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} rows wrong:\n{}",
            failures.len(),
            EVERYDAY.len(),
            failures.join("\n")
        );
    }

    /// (question, answer, the confirmation asked, or None where the reading is sure)
    const DOUBTS: &[(&str, &str, Option<&str>)] = &[
        ("budget", "€1.200", Some("Did you mean €1,200, with no period given?")),
        ("budget", "$1.500", Some("Did you mean $1,500, with no period given?")),
        ("budget", "1.200", Some("Did you mean $1,200, with no period given?")),
        ("budget", "€1.200 a month", Some("Did you mean €1,200 a month?")),
        // A separator that is sure leaves no doubt; the budget is asked per month, so each says
        // its month (issue 26: an amount with no period is confirmed, below).
        ("budget", "1.200 € a month", None),
        ("budget", "1.200,50 € a month", None),
        ("budget", "€1.20 a month", None),
        ("budget", "$1,200 a month", None),
        (
            "budget",
            "$1,200",
            Some("Did you mean $1,200 a month (no period was given, so I took it as a month)?"),
        ),
        ("hours_now", "part time", Some("Did you mean 20 hours a week?")),
        ("hours_now", "barely any", Some("Did you mean 1 hour a week?")),
        (
            "hours_now",
            "a day",
            Some("Did you mean 8 hours a week (no period was given, so I took it as a week)?"),
        ),
        ("hours_now", "full time", None),
        ("hours_now", "a day a week", None),
        // Issue 26: hours with no period were taken as a week silently; now confirmed.
        (
            "hours_now",
            "3 hours",
            Some("Did you mean 3 hours a week (no period was given, so I took it as a week)?"),
        ),
        ("hours_now", "3 hours a week", None),
    ];

    #[test]
    fn a_reading_in_doubt_is_confirmed_and_a_likely_one_taken() {
        let content = content();
        let mut failures = Vec::new();
        for &(question, text, asked) in DOUBTS {
            let q = content.question(question).unwrap();
            let understood = understand(q, text).expect("read");
            let got = understood
                .doubt
                .map(|doubt| display::confirm(&content, Some(q), &understood.reading, doubt));
            if got.as_deref() != asked {
                failures.push(format!("{question} {text:?}: expected {asked:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn unsure_is_shown_as_not_sure() {
        let content = content();
        assert_eq!(display::reading(&content, None, &Reading::Unsure), "not sure");
    }
}
