//! A second table of phrasings for the answer readers, written apart from tests/readers.rs and
//! reaching further into how people hedge: negations and exceptions among choices ("everything
//! except design"), working days and compound durations in hours ("1h30", "2 hours a day on
//! weekdays"), impossible lengths of experience ("since 2019", "200 years"), and answers that give
//! two figures and must be asked again rather than guessed. Each row is a phrasing and what it
//! must read as, or the exact reason it cannot be read; every table is checked in full and all
//! failures are reported together, with input, expected and actual.

use std::fmt::Debug;

use outsource_advisor::advisor::content::Choice;
use outsource_advisor::advisor::read::{
    read_choices, read_hours, read_money, read_number, read_scale, read_text, read_yes_no, ChoiceTables, Reading,
    Unreadable, YesNo, MAX_INPUT_CHARS,
};

use Unreadable as U;
use YesNo::{No, Unsure, Yes};

const TOLERANCE: f64 = 0.006;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Checks every row, then fails once listing every row that read wrong.
fn run_table<In: Debug, Exp: Debug>(
    name: &str,
    cases: &[(In, Exp)],
    read: impl Fn(&In) -> Result<Reading, Unreadable>,
    matches: impl Fn(&Exp, &Result<Reading, Unreadable>) -> bool,
) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(input, expected)| {
            let actual = read(input);
            (!matches(expected, &actual))
                .then(|| format!("  input {input:?}\n    expected {expected:?}\n    actual   {actual:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{name}: {} of {} rows read wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// yes / no

const YES_NO_CASES: &[(&str, Result<YesNo, Unreadable>)] = &[
    ("yes", Ok(Yes)),
    ("Yes!", Ok(Yes)),
    ("y", Ok(Yes)),
    ("YEP", Ok(Yes)),
    ("yeah", Ok(Yes)),
    ("sure", Ok(Yes)),
    ("definitely", Ok(Yes)),
    ("of course", Ok(Yes)),
    ("Absolutely.", Ok(Yes)),
    ("I think so", Ok(Yes)),
    ("probably", Ok(Yes)),
    ("yes, most of our customers find us on Instagram", Ok(Yes)),
    ("I think so, yes", Ok(Yes)),
    ("no", Ok(No)),
    ("n", Ok(No)),
    ("nope", Ok(No)),
    ("nah", Ok(No)),
    ("not really", Ok(No)),
    ("Not really, we're B2B", Ok(No)),
    ("never", Ok(No)),
    ("probably not", Ok(No)),
    ("not at all", Ok(No)),
    ("none", Ok(No)),
    ("I don\u{2019}t think so", Ok(No)),
    ("definitely not", Ok(No)),
    ("maybe", Ok(Unsure)),
    ("kind of", Ok(Unsure)),
    ("sort of", Ok(Unsure)),
    ("idk", Ok(Unsure)),
    ("not sure", Ok(Unsure)),
    ("I'm not sure", Ok(Unsure)),
    ("unsure", Ok(Unsure)),
    ("dunno", Ok(Unsure)),
    ("hard to say", Ok(Unsure)),
    ("depends", Ok(Unsure)),
    ("perhaps", Ok(Unsure)),
    ("yes, maybe", Ok(Unsure)),
    ("yes and no", Ok(Unsure)),
    ("no idea", Ok(Unsure)),
    ("50/50", Ok(Unsure)),
    // Unreadable.
    ("banana", Err(U::NotYesNo)),
    ("what do you mean?", Err(U::NotYesNo)),
    ("yes no", Err(U::NotYesNo)),
    ("not definitely", Err(U::NotYesNo)),
    ("42", Err(U::NotYesNo)),
    ("   ", Err(U::Empty)),
];

#[test]
fn yes_no_reads_synonyms_hedges_and_negations() {
    run_table(
        "yes_no",
        YES_NO_CASES,
        |t| read_yes_no(t),
        |exp, act| match (exp, act) {
            (Ok(e), Ok(Reading::YesNo { value })) => e == value,
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// scale

const SCALE_CASES: &[(&str, Result<u8, Unreadable>)] = &[
    ("3", Ok(3)),
    ("1", Ok(1)),
    ("5", Ok(5)),
    ("3/5", Ok(3)),
    ("4 out of 5", Ok(4)),
    ("rate it a 2", Ok(2)),
    ("I'd say 4", Ok(4)),
    ("3.5", Ok(4)),
    ("2.4", Ok(2)),
    ("3-4", Ok(4)),
    ("3 or 4", Ok(4)),
    ("8/10", Ok(4)),
    ("10/10", Ok(5)),
    ("4 - pretty well", Ok(4)),
    ("three", Ok(3)),
    ("four out of five", Ok(4)),
    ("very well", Ok(5)),
    ("excellent", Ok(5)),
    ("great", Ok(5)),
    ("well", Ok(4)),
    ("good", Ok(4)),
    ("pretty well", Ok(4)),
    ("okay", Ok(3)),
    ("OK", Ok(3)),
    ("so-so", Ok(3)),
    ("average", Ok(3)),
    ("moderately", Ok(3)),
    ("poorly", Ok(2)),
    ("badly", Ok(2)),
    ("not very", Ok(2)),
    ("not much", Ok(2)),
    ("not at all", Ok(1)),
    ("terrible", Ok(1)),
    ("hardly", Ok(1)),
    ("nothing", Ok(1)),
    ("a lot", Ok(5)),
    ("somewhat", Ok(3)),
    ("pretty confident", Ok(4)),
    ("beginner", Ok(1)),
    ("I'm a total beginner", Ok(1)),
    ("expert", Ok(5)),
    ("it's why they come", Ok(5)),
    ("not great", Ok(2)),
    ("not bad", Ok(3)),
    ("Well, not great", Ok(2)),
    ("a good one", Ok(4)),
    // Unreadable.
    ("0", Err(U::OutOfScale)),
    ("6", Err(U::OutOfScale)),
    ("10", Err(U::OutOfScale)),
    ("-1", Err(U::OutOfScale)),
    ("7/5", Err(U::OutOfScale)),
    ("purple", Err(U::NotOnScale)),
    ("1 or 5", Err(U::NotOnScale)),
    ("good but could be better", Err(U::NotOnScale)),
    ("not amazing", Err(U::NotOnScale)),
    ("", Err(U::Empty)),
];

#[test]
fn scale_reads_digits_totals_and_rating_words() {
    run_table(
        "scale",
        SCALE_CASES,
        |t| read_scale(t),
        |exp, act| match (exp, act) {
            (Ok(e), Ok(Reading::Scale { value })) => e == value,
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// choices (copied from prompts/questions.toml)

fn choice(id: &str, label: &str, aliases: &[&str]) -> Choice {
    Choice {
        id: id.to_owned(),
        label: label.to_owned(),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

fn activities() -> Vec<Choice> {
    vec![
        choice(
            "setup",
            "Setting up profiles",
            &["set-up", "set up", "profiles", "accounts"],
        ),
        choice(
            "design",
            "Design and graphics",
            &["graphics", "images", "covers", "visuals"],
        ),
        choice(
            "scheduling",
            "Scheduling and posting",
            &["posting", "schedule", "posts"],
        ),
        choice(
            "replies",
            "Replying to customers",
            &[
                "replying",
                "replies",
                "responding",
                "comments",
                "messages",
                "customer service",
            ],
        ),
        choice(
            "content",
            "Content: blogs and video",
            &["blogs", "blog", "video", "videos", "writing"],
        ),
        choice(
            "influencers",
            "Working with influencers",
            &["influencer", "influencers", "bloggers"],
        ),
        choice(
            "reporting",
            "Reporting and analytics",
            &["reports", "analytics", "metrics", "stats"],
        ),
    ]
}

fn roi_measure() -> Vec<Choice> {
    vec![
        choice(
            "none",
            "I don't measure it",
            &["nothing", "not at all", "don't", "no idea"],
        ),
        choice(
            "engagement",
            "Likes, followers and shares",
            &["likes", "followers", "shares", "engagement"],
        ),
        choice(
            "leads",
            "Enquiries and leads it brings in",
            &["enquiries", "inquiries", "leads", "calls"],
        ),
        choice(
            "sales",
            "Sales I can trace back to it",
            &["sales", "revenue", "track sales", "codes"],
        ),
    ]
}

fn reply_speed() -> Vec<Choice> {
    vec![
        choice(
            "minutes",
            "Within minutes",
            &["minutes", "straight away", "right away", "immediately", "instantly"],
        ),
        choice("hour", "Within an hour", &["hour", "within the hour", "an hour"]),
        choice(
            "day",
            "The same day",
            &["same day", "today", "a few hours", "by evening"],
        ),
        choice(
            "days",
            "A day or more",
            &["days", "tomorrow", "next day", "a week", "whenever"],
        ),
    ]
}

fn success() -> Vec<Choice> {
    vec![
        choice(
            "followers",
            "More followers and reach",
            &["followers", "reach", "audience", "likes", "awareness"],
        ),
        choice(
            "leads_sales",
            "More leads and sales",
            &["leads", "sales", "customers", "revenue", "money"],
        ),
        choice(
            "unsure",
            "I don't know yet",
            &["not sure", "unsure", "dunno", "don't know", "idk"],
        ),
    ]
}

#[derive(Debug, Clone, Copy)]
enum Q {
    Activities,
    Roi,
    Reply,
    Success,
}

impl Q {
    fn choices(self) -> Vec<Choice> {
        match self {
            Q::Activities => activities(),
            Q::Roi => roi_measure(),
            Q::Reply => reply_speed(),
            Q::Success => success(),
        }
    }

    /// As the questions file has it: activities takes several, the others one.
    fn many(self) -> bool {
        matches!(self, Q::Activities)
    }
}

/// (question, answer) and the ids it must pick, or why it cannot.
type ChoiceCase = ((Q, &'static str), Result<&'static [&'static str], Unreadable>);

const CHOICE_CASES: &[ChoiceCase] = &[
    ((Q::Activities, "1, 3 and posting"), Ok(&["setup", "scheduling"])),
    ((Q::Activities, "design and reporting"), Ok(&["design", "reporting"])),
    (
        (Q::Activities, "all of them"),
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
        (Q::Activities, "everything"),
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
        (Q::Activities, "All"),
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
        (Q::Activities, "everything except design and reporting"),
        Ok(&["setup", "scheduling", "replies", "content", "influencers"]),
    ),
    ((Q::Activities, "#2"), Ok(&["design"])),
    ((Q::Activities, "5, 1"), Ok(&["setup", "content"])),
    ((Q::Activities, "2-4"), Ok(&["design", "scheduling", "replies"])),
    ((Q::Activities, "two and four"), Ok(&["design", "replies"])),
    (
        (Q::Activities, "Set-up and customer service"),
        Ok(&["setup", "replies"]),
    ),
    (
        (Q::Activities, "graphics, videos, stats"),
        Ok(&["design", "content", "reporting"]),
    ),
    ((Q::Activities, "reporting"), Ok(&["reporting"])),
    ((Q::Activities, "SCHEDULING"), Ok(&["scheduling"])),
    (
        (Q::Activities, "influencer stuff and blogs"),
        Ok(&["content", "influencers"]),
    ),
    ((Q::Activities, "not posting, but design"), Ok(&["design"])),
    ((Q::Activities, "I don't need design, just reports"), Ok(&["reporting"])),
    ((Q::Activities, "setup setup 1"), Ok(&["setup"])),
    ((Q::Activities, "designs"), Ok(&["design"])),
    ((Q::Roi, "1"), Ok(&["none"])),
    ((Q::Roi, "likes and followers"), Ok(&["engagement"])),
    ((Q::Roi, "we track sales"), Ok(&["sales"])),
    ((Q::Roi, "nothing"), Ok(&["none"])),
    ((Q::Roi, "none"), Ok(&["none"])),
    ((Q::Roi, "not at all"), Ok(&["none"])),
    ((Q::Roi, "I don\u{2019}t measure it"), Ok(&["none"])),
    ((Q::Roi, "no idea really"), Ok(&["none"])),
    ((Q::Roi, "enquiries"), Ok(&["leads"])),
    ((Q::Roi, "discount codes"), Ok(&["sales"])),
    ((Q::Reply, "within the hour"), Ok(&["hour"])),
    ((Q::Reply, "same day"), Ok(&["day"])),
    ((Q::Reply, "1"), Ok(&["minutes"])),
    ((Q::Reply, "within 10 minutes"), Ok(&["minutes"])),
    ((Q::Reply, "a few hours"), Ok(&["day"])),
    ((Q::Reply, "next day"), Ok(&["days"])),
    ((Q::Reply, "Straight away!"), Ok(&["minutes"])),
    ((Q::Reply, "whenever I get to it"), Ok(&["days"])),
    ((Q::Reply, "option 4"), Ok(&["days"])),
    ((Q::Success, "leads and sales"), Ok(&["leads_sales"])),
    ((Q::Success, "2"), Ok(&["leads_sales"])),
    ((Q::Success, "followers"), Ok(&["followers"])),
    ((Q::Success, "not sure"), Ok(&["unsure"])),
    ((Q::Success, "I don't know yet"), Ok(&["unsure"])),
    ((Q::Success, "more customers"), Ok(&["leads_sales"])),
    // "none" to a several-choice question picks nothing: an answer, not a refusal (issue 10).
    ((Q::Activities, "none"), Ok(&[])),
    ((Q::Activities, "nothing"), Ok(&[])),
    // Unreadable.
    ((Q::Activities, "banana bread"), Err(U::NoChoice)),
    ((Q::Activities, "8"), Err(U::NoSuchChoice)),
    ((Q::Activities, "1 and 9"), Err(U::NoSuchChoice)),
    ((Q::Activities, "0"), Err(U::NoSuchChoice)),
    ((Q::Activities, "2.5"), Err(U::NoSuchChoice)),
    ((Q::Roi, "leads and sales"), Err(U::OneChoiceOnly)),
    ((Q::Roi, "1, 2"), Err(U::OneChoiceOnly)),
    ((Q::Roi, "all of them"), Err(U::OneChoiceOnly)),
    ((Q::Reply, "5"), Err(U::NoSuchChoice)),
    ((Q::Reply, "it varies"), Err(U::NoChoice)),
    ((Q::Success, "all"), Err(U::OneChoiceOnly)),
    ((Q::Success, "\t"), Err(U::Empty)),
];

#[test]
fn choices_read_numbers_labels_ids_aliases_and_all() {
    run_table(
        "choices",
        CHOICE_CASES,
        |(q, text)| read_choices(text, &q.choices(), q.many()),
        choices_as_expected,
    );
}

/// A choices row's reading against what it should be: these picks in order, or this refusal.
fn choices_as_expected(expected: &Result<&[&str], Unreadable>, actual: &Result<Reading, Unreadable>) -> bool {
    match (expected, actual) {
        (Ok(e), Ok(Reading::Choices { picks })) => picks.iter().map(String::as_str).eq(e.iter().copied()),
        (Err(e), Err(a)) => e == a,
        _ => false,
    }
}

/// The same rows read as the bot reads them: against the table a question keeps, so every row
/// after a question's first is read against the table built for it.
#[test]
fn choices_read_the_same_against_the_table_a_question_keeps() {
    let kept: [ChoiceTables; 4] = Default::default();
    run_table(
        "choices, kept tables",
        CHOICE_CASES,
        |(q, text)| kept[*q as usize].read(text, &q.choices(), q.many()),
        choices_as_expected,
    );
}

#[test]
fn a_kept_table_is_never_used_for_choices_other_than_its_own() {
    let kept = ChoiceTables::default();
    let design = || {
        Ok(Reading::Choices {
            picks: vec!["design".into()],
        })
    };
    assert_eq!(kept.read("covers", &activities(), true), design());
    let mut changed = activities();
    changed[1].aliases.retain(|alias| alias != "covers");
    assert_eq!(kept.read("covers", &changed, true), Err(U::NoChoice));
    assert_eq!(kept.read("covers", &activities(), true), design());
}

#[test]
fn choices_refuse_several_when_one_is_asked_for() {
    assert_eq!(
        read_choices("design and reporting", &activities(), false),
        Err(U::OneChoiceOnly)
    );
    assert_eq!(
        read_choices("design and reporting", &activities(), true),
        Ok(Reading::Choices {
            picks: vec!["design".into(), "reporting".into()]
        })
    );
}

// ---------------------------------------------------------------------------------------------
// money

/// Expected money reading: amount, min, max, currency, per month.
#[derive(Debug)]
struct M(f64, Option<f64>, Option<f64>, Option<&'static str>, Option<f64>);

/// A single amount with no currency or period.
const fn plain(x: f64) -> M {
    M(x, Some(x), Some(x), None, None)
}

const MONEY_CASES: &[(&str, Result<M, Unreadable>)] = &[
    ("1.5k/mo", Ok(M(1500.0, Some(1500.0), Some(1500.0), None, Some(1500.0)))),
    (
        "$1.5k/mo",
        Ok(M(1500.0, Some(1500.0), Some(1500.0), Some("USD"), Some(1500.0))),
    ),
    ("$80", Ok(M(80.0, Some(80.0), Some(80.0), Some("USD"), None))),
    (
        "about 250 dollars",
        Ok(M(250.0, Some(250.0), Some(250.0), Some("USD"), None)),
    ),
    ("1k", Ok(plain(1000.0))),
    ("£500", Ok(M(500.0, Some(500.0), Some(500.0), Some("GBP"), None))),
    ("500€", Ok(M(500.0, Some(500.0), Some(500.0), Some("EUR"), None))),
    ("EUR 750", Ok(M(750.0, Some(750.0), Some(750.0), Some("EUR"), None))),
    (
        "300 quid a month",
        Ok(M(300.0, Some(300.0), Some(300.0), Some("GBP"), Some(300.0))),
    ),
    (
        "200 bucks a week",
        Ok(M(200.0, Some(200.0), Some(200.0), Some("USD"), Some(866.67))),
    ),
    ("1,500", Ok(plain(1500.0))),
    (
        "$1,250.50",
        Ok(M(1250.5, Some(1250.5), Some(1250.5), Some("USD"), None)),
    ),
    ("2.5 grand", Ok(plain(2500.0))),
    ("1.2 million", Ok(plain(1_200_000.0))),
    ("3m", Ok(plain(3_000_000.0))),
    ("a couple thousand", Ok(plain(2000.0))),
    ("a few hundred", Ok(plain(300.0))),
    ("fifteen hundred", Ok(plain(1500.0))),
    ("two thousand", Ok(plain(2000.0))),
    (
        "five hundred pounds",
        Ok(M(500.0, Some(500.0), Some(500.0), Some("GBP"), None)),
    ),
    ("a hundred", Ok(plain(100.0))),
    ("a grand", Ok(plain(1000.0))),
    ("nothing", Ok(plain(0.0))),
    ("zero", Ok(plain(0.0))),
    ("none", Ok(plain(0.0))),
    ("no budget", Ok(plain(0.0))),
    ("$0", Ok(M(0.0, Some(0.0), Some(0.0), Some("USD"), None))),
    ("500-1000", Ok(M(750.0, Some(500.0), Some(1000.0), None, None))),
    ("500 to 1000", Ok(M(750.0, Some(500.0), Some(1000.0), None, None))),
    (
        "between 1k and 2k",
        Ok(M(1500.0, Some(1000.0), Some(2000.0), None, None)),
    ),
    ("1-2k", Ok(M(1500.0, Some(1000.0), Some(2000.0), None, None))),
    (
        "£500\u{2013}£800 a month",
        Ok(M(650.0, Some(500.0), Some(800.0), Some("GBP"), Some(650.0))),
    ),
    (
        "$500 - $1,000/mo",
        Ok(M(750.0, Some(500.0), Some(1000.0), Some("USD"), Some(750.0))),
    ),
    ("500-2k", Ok(M(1250.0, Some(500.0), Some(2000.0), None, None))),
    ("2 or 3 hundred", Ok(M(250.0, Some(200.0), Some(300.0), None, None))),
    ("under 300", Ok(M(300.0, None, Some(300.0), None, None))),
    ("less than 300", Ok(M(300.0, None, Some(300.0), None, None))),
    ("up to 300", Ok(M(300.0, None, Some(300.0), None, None))),
    ("max 300", Ok(M(300.0, None, Some(300.0), None, None))),
    ("$300 max", Ok(M(300.0, None, Some(300.0), Some("USD"), None))),
    (
        "no more than £400 a month",
        Ok(M(400.0, None, Some(400.0), Some("GBP"), Some(400.0))),
    ),
    ("at least 1,000", Ok(M(1000.0, Some(1000.0), None, None, None))),
    ("over 1000", Ok(M(1000.0, Some(1000.0), None, None, None))),
    ("1000+", Ok(M(1000.0, Some(1000.0), None, None, None))),
    ("1,000 or more", Ok(M(1000.0, Some(1000.0), None, None, None))),
    (
        "500 per month",
        Ok(M(500.0, Some(500.0), Some(500.0), None, Some(500.0))),
    ),
    ("500 monthly", Ok(M(500.0, Some(500.0), Some(500.0), None, Some(500.0)))),
    ("500pm", Ok(M(500.0, Some(500.0), Some(500.0), None, Some(500.0)))),
    ("6000/yr", Ok(M(6000.0, Some(6000.0), Some(6000.0), None, Some(500.0)))),
    (
        "12k per year",
        Ok(M(12000.0, Some(12000.0), Some(12000.0), None, Some(1000.0))),
    ),
    (
        "10,000 annually",
        Ok(M(10000.0, Some(10000.0), Some(10000.0), None, Some(833.33))),
    ),
    ("100 weekly", Ok(M(100.0, Some(100.0), Some(100.0), None, Some(433.33)))),
    ("$50/wk", Ok(M(50.0, Some(50.0), Some(50.0), Some("USD"), Some(216.67)))),
    ("20 a day", Ok(M(20.0, Some(20.0), Some(20.0), None, Some(608.33)))),
    (
        "10 dollars daily",
        Ok(M(10.0, Some(10.0), Some(10.0), Some("USD"), Some(304.17))),
    ),
    (
        "USD 2000 a month",
        Ok(M(2000.0, Some(2000.0), Some(2000.0), Some("USD"), Some(2000.0))),
    ),
    ("€1.000", Ok(M(1000.0, Some(1000.0), Some(1000.0), Some("EUR"), None))),
    ("$500 + VAT", Ok(M(500.0, Some(500.0), Some(500.0), Some("USD"), None))),
    (
        "£6000 over the year",
        Ok(M(6000.0, Some(6000.0), Some(6000.0), Some("GBP"), Some(500.0))),
    ),
    (
        "₹5000 a month",
        Ok(M(5000.0, Some(5000.0), Some(5000.0), Some("INR"), Some(5000.0))),
    ),
    (
        "at least 500 but no more than 1000",
        Ok(M(750.0, Some(500.0), Some(1000.0), None, None)),
    ),
    (
        "£1.5k-£2k pcm",
        Ok(M(1750.0, Some(1500.0), Some(2000.0), Some("GBP"), Some(1750.0))),
    ),
    ("half a grand", Ok(plain(500.0))),
    ("CA$300", Ok(M(300.0, Some(300.0), Some(300.0), Some("CAD"), None))),
    // Unreadable.
    ("a lot", Err(U::NoAmount)),
    ("dollars", Err(U::NoAmount)),
    ("$500 or £400", Err(U::AmbiguousAmount)),
    ("£500 in USD", Err(U::AmbiguousAmount)),
    ("500 and then 200 and 300", Err(U::AmbiguousAmount)),
    ("£500 a month, maybe 6k a year", Err(U::AmbiguousAmount)),
    ("$200, $300", Err(U::AmbiguousAmount)),
    ("at least 300 or less", Err(U::AmbiguousAmount)),
];

#[test]
fn money_reads_ranges_bounds_periods_and_words() {
    run_table(
        "money",
        MONEY_CASES,
        |t| read_money(t),
        |exp, act| match (exp, act) {
            (
                Ok(M(amount, min, max, currency, per_month)),
                Ok(Reading::Money {
                    amount: a,
                    min: lo,
                    max: hi,
                    currency: c,
                    per_month: p,
                }),
            ) => {
                close(*amount, *a)
                    && close_opt(*min, *lo)
                    && close_opt(*max, *hi)
                    && *currency == c.as_deref()
                    && close_opt(*per_month, *p)
            }
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// hours

const HOURS_CASES: &[(&str, Result<f64, Unreadable>)] = &[
    ("about 2 hrs a day", Ok(14.0)),
    ("2 hrs a day", Ok(14.0)),
    ("2 hours every weekday", Ok(10.0)),
    ("2 hours a day on weekdays", Ok(10.0)),
    ("an hour per working day", Ok(5.0)),
    ("3 hours each business day", Ok(15.0)),
    ("half an hour a day", Ok(3.5)),
    ("an hour and a half", Ok(1.5)),
    ("1.5 hours", Ok(1.5)),
    ("90 minutes a week", Ok(1.5)),
    ("30 mins a day", Ok(3.5)),
    ("30 minutes a day", Ok(3.5)),
    ("a couple of hours a week", Ok(2.0)),
    ("a few hours", Ok(3.0)),
    ("6+ hours", Ok(6.0)),
    ("10-12 hours", Ok(11.0)),
    ("10 to 12 hours a week", Ok(11.0)),
    ("20 hours a month", Ok(4.62)),
    ("3 hours a week", Ok(3.0)),
    ("3", Ok(3.0)),
    ("none", Ok(0.0)),
    ("zero", Ok(0.0)),
    ("no time", Ok(0.0)),
    ("nothing", Ok(0.0)),
    ("0", Ok(0.0)),
    ("an hour a day", Ok(7.0)),
    ("an hour or two a day", Ok(10.5)),
    ("1h30 a week", Ok(1.5)),
    ("1 hour 30 minutes a week", Ok(1.5)),
    ("two hours a day, 3 days a week", Ok(6.0)),
    ("a quarter of an hour a day", Ok(1.75)),
    ("45 min daily", Ok(5.25)),
    ("5 hours weekly", Ok(5.0)),
    ("one and a half hours a week", Ok(1.5)),
    ("30 mins to an hour a day", Ok(5.25)),
    ("maybe 4 hrs/week", Ok(4.0)),
    ("24 hours a day", Ok(168.0)),
    ("52 hours a year", Ok(1.0)),
    ("2\u{00A0}hours\u{00A0}a\u{00A0}day", Ok(14.0)),
    ("8 hours a day on workdays", Ok(40.0)),
    ("every evening for an hour", Ok(7.0)),
    ("5-10h per week", Ok(7.5)),
    ("1.5h/day", Ok(10.5)),
    // Unreadable.
    ("a lot", Err(U::NoTime)),
    ("some", Err(U::NoTime)),
    ("whenever I can", Err(U::NoTime)),
    ("2 hours, maybe 5", Err(U::NoTime)),
    ("2 hours a day or 10 a week", Err(U::NoTime)),
    ("25 hours a day", Err(U::TooManyHours)),
    ("200 hours a week", Err(U::TooManyHours)),
    ("30 hours a day", Err(U::TooManyHours)),
    ("2 hours a day, 9 days a week", Err(U::TooManyHours)),
    ("1000 hours a month", Err(U::TooManyHours)),
];

#[test]
fn hours_read_quantities_periods_and_working_days() {
    run_table(
        "hours",
        HOURS_CASES,
        |t| read_hours(t),
        |exp, act| match (exp, act) {
            (Ok(e), Ok(Reading::Hours { hours_per_week, .. })) => close(*e, *hours_per_week),
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

/// A figure and the ends it keeps: (figure, min, max). A bound keeps one end, the figure being the
/// bound; a range keeps both; a plain or hedged figure neither.
type Ends = (f64, Option<f64>, Option<f64>);

fn ends_match(exp: &Result<Ends, Unreadable>, figure: f64, min: Option<f64>, max: Option<f64>) -> bool {
    matches!(exp, Ok((f, lo, hi)) if close(*f, figure) && close_opt(*lo, min) && close_opt(*hi, max))
}

const HOURS_BOUND_CASES: &[(&str, Result<Ends, Unreadable>)] = &[
    ("under 2 hours a week", Ok((2.0, None, Some(2.0)))),
    ("Under two hours a week", Ok((2.0, None, Some(2.0)))),
    ("less than an hour a day", Ok((7.0, None, Some(7.0)))),
    ("less than half an hour a day", Ok((3.5, None, Some(3.5)))),
    ("up to 10 hours", Ok((10.0, None, Some(10.0)))),
    ("upto 4 hrs/week", Ok((4.0, None, Some(4.0)))),
    ("at the most 90 minutes a week", Ok((1.5, None, Some(1.5)))),
    ("not more than 3 hours each business day", Ok((15.0, None, Some(15.0)))),
    ("5 hours max", Ok((5.0, None, Some(5.0)))),
    ("2 hours a week tops", Ok((2.0, None, Some(2.0)))),
    ("an hour or less a day", Ok((7.0, None, Some(7.0)))),
    ("11 or more hours a week", Ok((11.0, Some(11.0), None))),
    ("eleven or more hours a week", Ok((11.0, Some(11.0), None))),
    ("more than 10 hours a week", Ok((10.0, Some(10.0), None))),
    ("at least an hour a day", Ok((7.0, Some(7.0), None))),
    ("over 5 hours", Ok((5.0, Some(5.0), None))),
    ("above 20 hours a month", Ok((4.62, Some(4.62), None))),
    ("no less than 2 hours a weekday", Ok((10.0, Some(10.0), None))),
    ("10+ hours a week", Ok((10.0, Some(10.0), None))),
    ("6 hours plus", Ok((6.0, Some(6.0), None))),
    ("full time or more", Ok((40.0, Some(40.0), None))),
    // Hedges and plain figures are not bounds.
    ("about 2 hours a week", Ok((2.0, None, None))),
    ("roughly 5 hours", Ok((5.0, None, None))),
    ("around an hour a day", Ok((7.0, None, None))),
    ("more or less 3 hours a week", Ok((3.0, None, None))),
    ("2 hours, give or take", Ok((2.0, None, None))),
    ("none", Ok((0.0, None, None))),
    ("6–10 hours a week", Ok((8.0, Some(6.0), Some(10.0)))),
    // Both sides of one figure is no bound at all.
    ("up to 6+ hours", Err(U::NoTime)),
];

#[test]
fn hours_keep_a_bound_as_the_range_it_names() {
    run_table(
        "hours bounds",
        HOURS_BOUND_CASES,
        |t| read_hours(t),
        |exp, act| match (exp, act) {
            (
                Ok(_),
                Ok(Reading::Hours {
                    hours_per_week,
                    min,
                    max,
                }),
            ) => ends_match(exp, *hours_per_week, *min, *max),
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

/// (answer, the question's unit) and the figure and ends it must keep, or why it cannot.
type NumberBoundCase = ((&'static str, Option<&'static str>), Result<Ends, Unreadable>);

const NUMBER_BOUND_CASES: &[NumberBoundCase] = &[
    (("under a year", Some("years")), Ok((1.0, None, Some(1.0)))),
    (("less than a year", Some("years")), Ok((1.0, None, Some(1.0)))),
    (("less than six months", Some("years")), Ok((0.5, None, Some(0.5)))),
    (("under 2 years", Some("months")), Ok((24.0, None, Some(24.0)))),
    (("up to three years", Some("years")), Ok((3.0, None, Some(3.0)))),
    (("no more than 5", None), Ok((5.0, None, Some(5.0)))),
    (("fewer than 10 staff", None), Ok((10.0, None, Some(10.0)))),
    (("below 100", None), Ok((100.0, None, Some(100.0)))),
    (("a year or less", Some("years")), Ok((1.0, None, Some(1.0)))),
    (("more than 5 years", Some("years")), Ok((5.0, Some(5.0), None))),
    (("more than 10 years", Some("years")), Ok((10.0, Some(10.0), None))),
    (("over twenty years", Some("years")), Ok((20.0, Some(20.0), None))),
    (("at least a decade", Some("years")), Ok((10.0, Some(10.0), None))),
    (("at least 6 weeks", Some("months")), Ok((1.38, Some(1.38), None))),
    (("5+ years", Some("years")), Ok((5.0, Some(5.0), None))),
    (("10 years or more", Some("years")), Ok((10.0, Some(10.0), None))),
    (("20 plus years", Some("years")), Ok((20.0, Some(20.0), None))),
    (("upwards of 1,000", None), Ok((1000.0, Some(1000.0), None))),
    (
        ("more than a year and 6 months", Some("years")),
        Ok((1.5, Some(1.5), None)),
    ),
    // Hedges, plain figures, sums and ranges are not bounds.
    (("about 6 months", Some("years")), Ok((0.5, None, None))),
    (("roughly 3 years", Some("years")), Ok((3.0, None, None))),
    (("more or less 4", None), Ok((4.0, None, None))),
    (("a year plus 6 months", Some("years")), Ok((1.5, None, None))),
    (("never", Some("years")), Ok((0.0, None, None))),
    (("3–5 years", Some("years")), Ok((4.0, Some(3.0), Some(5.0)))),
    // Both sides of one figure is no bound at all.
    (("under 5+ years", Some("years")), Err(U::NoNumber)),
];

#[test]
fn numbers_keep_a_bound_as_the_range_it_names() {
    run_table(
        "number bounds",
        NUMBER_BOUND_CASES,
        |(t, unit)| read_number(t, *unit),
        |exp, act| match (exp, act) {
            (Ok(_), Ok(Reading::Number { value, min, max })) => ends_match(exp, *value, *min, *max),
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// numbers

/// (answer, the question's unit) and the value it must read as, or why it cannot.
type NumberCase = ((&'static str, Option<&'static str>), Result<f64, Unreadable>);

const NUMBER_CASES: &[NumberCase] = &[
    (("6", Some("months")), Ok(6.0)),
    (("three months", Some("months")), Ok(3.0)),
    (("a year", Some("months")), Ok(12.0)),
    (("2 years", Some("months")), Ok(24.0)),
    (("6 weeks", Some("months")), Ok(1.38)),
    (("about 6 months", Some("years")), Ok(0.5)),
    (("6 months", Some("years")), Ok(0.5)),
    (("18 months", Some("years")), Ok(1.5)),
    (("a year and a half", Some("years")), Ok(1.5)),
    (("a year and a half", Some("months")), Ok(18.0)),
    (("2 years", Some("years")), Ok(2.0)),
    (("1 year and 6 months", Some("years")), Ok(1.5)),
    (("2-3 years", Some("years")), Ok(2.5)),
    (("5+ years", Some("years")), Ok(5.0)),
    (("never", Some("years")), Ok(0.0)),
    (("none", None), Ok(0.0)),
    (("zero", None), Ok(0.0)),
    (("two", None), Ok(2.0)),
    (("a couple", None), Ok(2.0)),
    (("a dozen", None), Ok(12.0)),
    (("half", None), Ok(0.5)),
    (("3 years", None), Ok(3.0)),
    (("twenty-one", None), Ok(21.0)),
    (("1,000", None), Ok(1000.0)),
    (("about 4", None), Ok(4.0)),
    (("a 6-month trial", Some("months")), Ok(6.0)),
    (("a decade", Some("years")), Ok(10.0)),
    (("90 days", Some("months")), Ok(2.96)),
    (("6m", Some("years")), Ok(0.5)),
    (("two and a half years", Some("years")), Ok(2.5)),
    (("a couple of years", Some("years")), Ok(2.0)),
    (("not yet", Some("years")), Ok(0.0)),
    // Unreadable.
    (("-2", None), Err(U::ImpossibleNumber)),
    (("minus 3 years", Some("years")), Err(U::ImpossibleNumber)),
    (("a while", Some("years")), Err(U::NoNumber)),
    (("ages", Some("years")), Err(U::NoNumber)),
    (("2 or maybe 5, I forget", None), Err(U::NoNumber)),
    (("2 years 3 years", Some("years")), Err(U::NoNumber)),
    (("since 2019", Some("years")), Err(U::ImpossibleNumber)),
    (("200 years", Some("years")), Err(U::ImpossibleNumber)),
    (("", None), Err(U::Empty)),
];

#[test]
fn numbers_read_digits_words_and_convert_time_units() {
    run_table(
        "number",
        NUMBER_CASES,
        |(t, unit)| read_number(t, *unit),
        |exp, act| match (exp, act) {
            (Ok(e), Ok(Reading::Number { value, .. })) => close(*e, *value),
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// free text

const TEXT_CASES: &[(&str, Result<(), Unreadable>)] = &[
    ("women 30-50 in Leeds who do craft weddings", Ok(())),
    ("local families with young kids", Ok(())),
    ("women 30-50 who want everyone to notice their nails", Ok(())),
    ("people planning a wedding in Yorkshire", Ok(())),
    ("small cafés within 10 miles", Ok(())),
    ("anyone who owns a dog in Bristol", Ok(())),
    ("B2B: finance directors at firms of 50-200 staff", Ok(())),
    ("everybody", Err(U::Vague)),
    ("Everyone!", Err(U::Vague)),
    ("anyone", Err(U::Vague)),
    ("anybody", Err(U::Vague)),
    ("all people", Err(U::Vague)),
    ("all", Err(U::Vague)),
    ("people", Err(U::Vague)),
    ("the public", Err(U::Vague)),
    ("the general public", Err(U::Vague)),
    ("whoever", Err(U::Vague)),
    ("no idea", Err(U::Vague)),
    ("idk", Err(U::Vague)),
    ("I don't know", Err(U::Vague)),
    ("not sure", Err(U::Vague)),
    ("pretty much everybody", Err(U::Vague)),
    ("everyone really", Err(U::Vague)),
    ("all kinds of people", Err(U::Vague)),
    ("anyone and everyone", Err(U::Vague)),
    ("???", Err(U::Vague)),
    (" ", Err(U::Empty)),
];

#[test]
fn text_keeps_descriptions_and_refuses_vague_non_answers() {
    run_table(
        "text",
        TEXT_CASES,
        |t| read_text(t),
        |exp, act| match (exp, act) {
            (Ok(()), Ok(Reading::Text { .. })) => true,
            (Err(e), Err(a)) => e == a,
            _ => false,
        },
    );
}

#[test]
fn text_keeps_the_answer_as_typed_but_trimmed() {
    assert_eq!(
        read_text("  Local Families  \n"),
        Ok(Reading::Text {
            text: "Local Families".into()
        })
    );
}

// ---------------------------------------------------------------------------------------------
// shared promises

#[test]
fn every_reader_refuses_empty_and_overlong_answers() {
    let long = "a".repeat(MAX_INPUT_CHARS + 1);
    type Reader = Box<dyn Fn(&str) -> Result<Reading, Unreadable>>;
    let readers: [(&str, Reader); 7] = [
        ("yes_no", Box::new(read_yes_no)),
        ("scale", Box::new(read_scale)),
        ("choices", Box::new(|t| read_choices(t, &activities(), true))),
        ("money", Box::new(read_money)),
        ("hours", Box::new(read_hours)),
        ("number", Box::new(|t| read_number(t, Some("years")))),
        ("text", Box::new(read_text)),
    ];
    for (name, read) in &readers {
        assert_eq!(read(""), Err(U::Empty), "{name} on empty");
        assert_eq!(read(" \n\t\u{00A0}"), Err(U::Empty), "{name} on blank");
        assert_eq!(read(&long), Err(U::TooLong), "{name} on {} chars", long.len());
    }
}
