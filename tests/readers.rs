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
            Reading::Hours { hours_per_week } => hours_per_week,
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
            Reading::Number { value } => value,
            other => panic!("{text:?} read as {other:?}"),
        });
        match (&got, expected) {
            (Ok(value), Ok(want)) => assert!(close(*value, *want), "{text:?}: got {value}, expected {want}"),
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
