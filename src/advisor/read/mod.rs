//! Answer readers: one per kind of answer, each turning what people type into a [`Reading`].
//!
//! Every reader keeps to the same promises: it never panics, never guesses silently (an answer it
//! cannot read is [`Unreadable`], with a reason the front turns into a re-ask), and takes time
//! linear in the input. Regexes are compiled once, on first use, and named for what they match.
//! Inputs longer than [`MAX_INPUT_CHARS`] are refused before any regex runs.

mod account;
mod bound;
mod choice;
mod failure_point;
mod hours;
mod money;
mod normalise;
mod number;
pub(crate) mod question;
mod scale;
mod stored;
mod text;
mod units;
mod unsure;
mod yes_no;

use serde::{Deserialize, Serialize};

pub use question::{AnswerKind, Choice, Condition, Question};

pub use account::Span;
pub(crate) use choice::phrase_words;
pub use choice::{read_choices, ChoiceTables};
pub use failure_point::read_failure_point;
pub(crate) use failure_point::read_result_period;
pub use hours::read_hours;
pub use money::read_money;
pub use number::read_number;
pub use scale::read_scale;
pub use text::read_text;
pub use units::{Dimension, COUNT_WORDS, HOURS_WORDS, MONEY_WORDS, PERCENT_WORDS, RATING_WORDS, SPAN_WORDS};
pub use yes_no::read_yes_no;

/// The longest answer the readers take, in characters: about a page of text, past any answer an owner
/// writes, and short enough that no regex meets a pathological input. The fronts size their input
/// boxes by it (Discord's modal allows exactly this many), so nothing a person types there is refused.
pub const MAX_INPUT_CHARS: usize = 4_000;

/// A yes / no / unsure answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    Yes,
    No,
    Unsure,
}

impl YesNo {
    pub fn id(self) -> &'static str {
        match self {
            YesNo::Yes => "yes",
            YesNo::No => "no",
            YesNo::Unsure => "unsure",
        }
    }
}

/// The result an owner watches to decide whether outsourcing failed (article 002's failure
/// point names one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Followers,
    Leads,
    Sales,
}

impl Metric {
    pub fn id(self) -> &'static str {
        match self {
            Metric::Followers => "followers",
            Metric::Leads => "leads",
            Metric::Sales => "sales",
        }
    }
}

/// What an answer was read as. The raw text is kept beside it by the caller (see
/// [`crate::advisor::interview::Answer`]). Written internally tagged, its `kind` first; read back
/// by `stored.rs`, which takes the tag first without buffering the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reading {
    YesNo {
        value: YesNo,
    },
    Scale {
        value: u8,
    },
    /// The ids of the picked choices, in the question's order.
    Choices {
        picks: Vec<String>,
    },
    Money {
        /// The midpoint of a range, or the single amount (a bound's amount is the bound).
        amount: f64,
        /// None where unbounded below.
        min: Option<f64>,
        /// None where unbounded above.
        max: Option<f64>,
        /// ISO 4217 code; a bare `$` is USD; None when no currency was named.
        currency: Option<String>,
        /// `amount` converted to per month; None when no period was given.
        per_month: Option<f64>,
    },
    Hours {
        /// The midpoint of a range ("2–5 hours a week" is 3.5), the single figure, or a bound's
        /// figure ("under 2 hours a week" is 2, as money's bounds are).
        hours_per_week: f64,
        /// A range's ends, per week; a bound keeps only its own end ("under 2" has `max` 2 and
        /// no `min`, "11 or more" `min` 11 and no `max`); both absent for a single figure (and
        /// in records from before ranges were kept, which still load).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    Number {
        /// The midpoint of a range ("1–2 years" is 1.5), the single figure, or a bound's figure
        /// ("more than 5 years" is 5). Its ends are kept as the hours' are.
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    Text {
        text: String,
    },
    /// "I don't know", "not sure", "haven't decided": an answer in its own right, so the owner is
    /// not asked again and again. The advice treats it as unanswered.
    Unsure,
    /// Article 002's failure point: a monthly spend, a number of months, and the result below
    /// which to stop. Any part may be missing ("6 months" alone is a failure point too).
    FailurePoint {
        per_month: Option<f64>,
        months: Option<f64>,
        /// Stop if the metric is still below this by the last month.
        below: Option<f64>,
        metric: Option<Metric>,
        /// Whether `below` counts a month or in all over the months, where the owner said (or
        /// confirmed) which; absent in records from before it was asked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        below_period: Option<ResultPeriod>,
    },
}

/// What a failure point's result counts: each month, or in all over the months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultPeriod {
    Month,
    InAll,
}

impl ResultPeriod {
    pub fn id(self) -> &'static str {
        match self {
            ResultPeriod::Month => "month",
            ResultPeriod::InAll => "in_all",
        }
    }
}

impl Reading {
    /// A single figure of hours a week.
    pub fn hours(hours_per_week: f64) -> Reading {
        Reading::Hours {
            hours_per_week,
            min: None,
            max: None,
        }
    }

    /// A single number.
    pub fn number_of(value: f64) -> Reading {
        Reading::Number {
            value,
            min: None,
            max: None,
        }
    }

    /// `low` to `high` read as a range (its middle for sums), or one figure when they are equal.
    pub(crate) fn ranged(low: f64, high: f64, make: fn(f64) -> Reading) -> Reading {
        let mut reading = make((low + high) / 2.0);
        if low < high {
            if let Reading::Hours { min, max, .. } | Reading::Number { min, max, .. } = &mut reading {
                *min = Some(low);
                *max = Some(high);
            }
        }
        reading
    }

    /// What every reading promises the advice built on it: amounts finite and not negative, a
    /// range's amount within it, hours within a week, a scale of 1 to 5. Returns the promise a
    /// reading breaks, if any. The property tests and the fuzz targets hold every reader to it.
    pub fn broken_promise(&self) -> Option<&'static str> {
        let sane = |n: f64| n.is_finite() && n >= 0.0;
        match self {
            Reading::Money {
                amount,
                min,
                max,
                per_month,
                ..
            } => {
                if !sane(*amount) {
                    Some("an amount must be finite and not negative")
                } else if min.is_some_and(|min| min > amount + 0.01) || max.is_some_and(|max| *amount > max + 0.01) {
                    Some("a range's amount must lie within it")
                } else if per_month.is_some_and(|m| !sane(m)) {
                    Some("an amount per month must be finite and not negative")
                } else {
                    None
                }
            }
            Reading::Hours { hours_per_week, .. } if !(0.0..=168.0).contains(hours_per_week) => {
                Some("hours must fit in a week (0 to 168)")
            }
            Reading::Scale { value } if !(1..=5).contains(value) => Some("a scale runs from 1 to 5"),
            Reading::Number { value, .. } if !sane(*value) => Some("a number must be finite and not negative"),
            Reading::Hours {
                hours_per_week: value,
                min,
                max,
            }
            | Reading::Number { value, min, max }
                if min.is_some_and(|min| !sane(min) || min > value + 0.01)
                    || max.is_some_and(|max| !sane(max) || *value > max + 0.01) =>
            {
                Some("a range's figure must lie within it")
            }
            Reading::FailurePoint {
                per_month,
                months,
                below,
                ..
            } if [per_month, months, below]
                .iter()
                .any(|part| part.is_some_and(|n| !sane(n))) =>
            {
                Some("each part of a failure point must be finite and not negative")
            }
            Reading::FailurePoint {
                below: None,
                metric: Some(_),
                ..
            } => Some("a failure point's metric names what its threshold counts, so it needs one"),
            _ => None,
        }
    }

    /// The single number this reading stands for, where it has one: money per month (or the
    /// amount when no period was given), hours per week, the scale, the number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Reading::Money { amount, per_month, .. } => Some(per_month.unwrap_or(*amount)),
            Reading::Hours { hours_per_week, .. } => Some(*hours_per_week),
            Reading::Scale { value } => Some(f64::from(*value)),
            Reading::Number { value, .. } => Some(*value),
            // The months are the part of a failure point that conditions and factors test.
            Reading::FailurePoint { months, .. } => *months,
            _ => None,
        }
    }

    /// The ids this reading stands for, where it has them: a yes_no value, the picked choices,
    /// or the scale as a digit.
    pub fn ids(&self) -> Vec<String> {
        match self {
            Reading::YesNo { value } => vec![value.id().to_owned()],
            Reading::Choices { picks } => picks.clone(),
            Reading::Scale { value } => vec![value.to_string()],
            _ => Vec::new(),
        }
    }
}

/// Why an answer could not be read. Each variant has a sentence in prompts/messages.toml under
/// `unreadable.<code>`, filled with the question's example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    #[error("empty")]
    Empty,
    #[error("too_long")]
    TooLong,
    /// Neither yes nor no nor a hedge.
    #[error("not_yes_no")]
    NotYesNo,
    /// No number 1–5 nor a word that stands for one.
    #[error("not_on_scale")]
    NotOnScale,
    /// A number, but outside 1–5.
    #[error("out_of_scale")]
    OutOfScale,
    /// Nothing matched a listed choice.
    #[error("no_choice")]
    NoChoice,
    /// A choice number that is not listed.
    #[error("no_such_choice")]
    NoSuchChoice,
    /// Several picked where only one is allowed.
    #[error("one_choice_only")]
    OneChoiceOnly,
    /// No amount found.
    #[error("no_amount")]
    NoAmount,
    /// Two different currencies, or two amounts that are not a range.
    #[error("ambiguous_amount")]
    AmbiguousAmount,
    /// No time found.
    #[error("no_time")]
    NoTime,
    /// More hours than a week or day has.
    #[error("too_many_hours")]
    TooManyHours,
    /// No number found.
    #[error("no_number")]
    NoNumber,
    /// Negative or otherwise impossible.
    #[error("impossible_number")]
    ImpossibleNumber,
    /// "everybody", "anyone": the answer the articles call no answer at all.
    #[error("vague")]
    Vague,
    /// A number tied to another kind's unit ("6 months" to a budget): never read as this kind.
    /// The reply names what was understood.
    #[error("other_unit")]
    OtherUnit { dimension: Dimension, found: String },
    /// How often ("a few times a week", "daily", "every 2 minutes") where hours were asked: a
    /// count of things done, not how long they take. The reply asks for hours a week.
    #[error("how_often")]
    HowOften { found: String },
    /// A time of day ("5pm", "9 to 5") where hours were asked. The reply asks for hours a week.
    #[error("time_of_day")]
    TimeOfDay { found: String },
}

impl Unreadable {
    /// The key of its sentence in prompts/messages.toml.
    pub(crate) fn message_key(&self) -> String {
        format!("unreadable.{self}")
    }

    pub const ALL: [Unreadable; 18] = [
        Unreadable::Empty,
        Unreadable::TooLong,
        Unreadable::NotYesNo,
        Unreadable::NotOnScale,
        Unreadable::OutOfScale,
        Unreadable::NoChoice,
        Unreadable::NoSuchChoice,
        Unreadable::OneChoiceOnly,
        Unreadable::NoAmount,
        Unreadable::AmbiguousAmount,
        Unreadable::NoTime,
        Unreadable::TooManyHours,
        Unreadable::NoNumber,
        Unreadable::ImpossibleNumber,
        Unreadable::Vague,
        Unreadable::OtherUnit {
            dimension: Dimension::Money,
            found: String::new(),
        },
        Unreadable::HowOften { found: String::new() },
        Unreadable::TimeOfDay { found: String::new() },
    ];
}

/// Why a reading needs the owner's word before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// "€1.200": a thousands separator or a decimal point; read as thousands.
    Separator,
    /// No period was given, so today's rule was applied (per week for hours).
    NoPeriod,
    /// A rough phrase stood for a figure ("part time" as 20 hours, "barely any" as 1).
    Estimate,
    /// Words are left that the reading does not explain: the answer may be about something
    /// else, or say more than was read ("locals, mostly mums" holds "mostly").
    Unexplained,
    /// A "not", "don't" or "without" that no phrase read took in: what it turns round is unclear.
    Negation,
    /// Hours said together with other work ("4 hours of shooting, editing and social media"):
    /// are they all social media?
    Shared,
    /// A failure point's result with no period: in all over the months, or a month? The owner
    /// answers "in all" or "a month" (or yes to the period assumed).
    ResultPeriod,
}

/// A reading, the doubt that makes it worth confirming before it is stored, and which words of
/// the answer it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Understood {
    pub reading: Reading,
    pub doubt: Option<Doubt>,
    /// The parts of the answer (trimmed) the reading was made from.
    pub used: Vec<Span>,
    /// Content words of the answer that nothing explained.
    pub unexplained: Vec<Span>,
}

impl Understood {
    fn sure(reading: Reading) -> Self {
        Understood::doubted(reading, None)
    }

    pub(crate) fn doubted(reading: Reading, doubt: Option<Doubt>) -> Self {
        Understood {
            reading,
            doubt,
            used: Vec::new(),
            unexplained: Vec::new(),
        }
    }
}

impl From<Reading> for Understood {
    fn from(reading: Reading) -> Self {
        Understood::sure(reading)
    }
}

/// Reads one answer to every question, so every reader's regexes are compiled before the first
/// person answers (a front calls this once at start; many answers arriving at once would
/// otherwise all wait on the first compile).
pub(crate) fn warm_up(questions: &[Question]) {
    for question in questions {
        for example in question.examples.iter().take(1) {
            let _ = understand(question, example);
        }
        for sample in [
            "no idea",
            "not sure, about $500 for 6 months, 3 hours a week, 2 staff, 4/5, 100%",
        ] {
            let _ = understand(question, sample);
        }
    }
}

/// Trims and bounds the input before any reader looks at it.
fn prepare(text: &str) -> Result<&str, Unreadable> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Unreadable::Empty);
    }
    if trimmed.chars().count() > MAX_INPUT_CHARS {
        return Err(Unreadable::TooLong);
    }
    Ok(trimmed)
}

/// Reads an answer to `question` with the reader its kind calls for.
pub fn read_answer(question: &Question, text: &str) -> Result<Reading, Unreadable> {
    understand(question, text).map(|u| u.reading)
}

/// Reads an answer to `question`, keeping the doubt that means the interview asks "Did you mean
/// …?" before it stores the reading, and the words it was read from. A reading is sure only when
/// every word of the answer is accounted for (see `account.rs`); the doubt a reader finds itself
/// (a period assumed, a separator) comes first, as its confirmation says what was assumed.
pub fn understand(question: &Question, text: &str) -> Result<Understood, Unreadable> {
    let text = prepare(text)?;
    let mut understood = read_by_kind(question, text)?;
    let accounts = account::account(question, text);
    let spends_hours = matches!(understood.reading, Reading::Hours { hours_per_week, .. } if hours_per_week > 0.0);
    understood.doubt = match (understood.doubt, accounts.doubt()) {
        (Some(Doubt::ResultPeriod), _) => Some(Doubt::ResultPeriod),
        // Hours beside other words are hours shared with something else.
        (_, Some(Doubt::Unexplained)) if spends_hours => Some(Doubt::Shared),
        (Some(doubt), _) => Some(doubt),
        (None, words) => words,
    };
    understood.used = accounts.used;
    understood.unexplained = accounts.unexplained;
    Ok(understood)
}

fn read_by_kind(question: &Question, text: &str) -> Result<Understood, Unreadable> {
    match question.kind {
        AnswerKind::YesNo => yes_no::understand_yes_no(text),
        AnswerKind::Scale => read_scale(text).map(Understood::sure),
        AnswerKind::Choice => question
            .tables
            .read(text, &question.choices, false)
            .map(Understood::sure),
        AnswerKind::Choices => question
            .tables
            .read(text, &question.choices, true)
            .map(Understood::sure),
        AnswerKind::Money => {
            let mut understood = money::understand_money(text)?;
            // "$500" to a question asked per month: the month is assumed, and confirmed.
            let monthly = question.unit.as_deref() == Some("month");
            if let Reading::Money {
                amount,
                per_month: None,
                ..
            } = understood.reading
            {
                if monthly && amount > 0.0 && understood.doubt.is_none() {
                    understood.doubt = Some(Doubt::NoPeriod);
                }
            }
            Ok(understood)
        }
        AnswerKind::Hours => hours::understand_hours(text),
        AnswerKind::Number => number::read_number(text, question.unit.as_deref()).map(Understood::sure),
        AnswerKind::Text => read_text(text).map(Understood::sure),
        AnswerKind::FailurePoint => failure_point::understand_failure_point(text),
    }
}

#[cfg(test)]
mod tests {
    use super::{read_hours, read_number, Reading};

    /// Records from before hours and numbers kept their ranges still load, as single figures;
    /// a range is written with its ends and read back whole.
    #[test]
    fn hours_and_numbers_without_ends_still_load_and_ranges_round_trip() {
        let old: Reading = serde_json::from_str(r#"{"kind":"hours","hours_per_week":3.5}"#).unwrap();
        assert_eq!(old, Reading::hours(3.5));
        let old: Reading = serde_json::from_str(r#"{"kind":"number","value":2.0}"#).unwrap();
        assert_eq!(old, Reading::number_of(2.0));
        assert_eq!(
            serde_json::to_string(&Reading::hours(3.5)).unwrap(),
            r#"{"kind":"hours","hours_per_week":3.5}"#
        );
        let range = Reading::ranged(2.0, 5.0, Reading::hours);
        let text = serde_json::to_string(&range).unwrap();
        assert_eq!(text, r#"{"kind":"hours","hours_per_week":3.5,"min":2.0,"max":5.0}"#);
        assert_eq!(serde_json::from_str::<Reading>(&text).unwrap(), range);
        assert_eq!(
            read_hours("2-5 hours a day").unwrap(),
            Reading::ranged(14.0, 35.0, Reading::hours)
        );
        assert_eq!(
            read_number("1 to 2 years", Some("years")).unwrap(),
            Reading::ranged(1.0, 2.0, Reading::number_of)
        );
    }

    fn money(amount: f64, min: Option<f64>, max: Option<f64>, per_month: Option<f64>) -> Reading {
        Reading::Money {
            amount,
            min,
            max,
            currency: None,
            per_month,
        }
    }

    #[test]
    fn sound_readings_keep_every_promise() {
        assert_eq!(
            money(750.0, Some(500.0), Some(1000.0), Some(750.0)).broken_promise(),
            None
        );
        assert_eq!(Reading::hours(168.0).broken_promise(), None);
        assert_eq!(Reading::Scale { value: 5 }.broken_promise(), None);
        assert_eq!(Reading::number_of(0.0).broken_promise(), None);
    }

    #[test]
    fn each_broken_promise_is_named() {
        let broken = [
            money(f64::NAN, None, None, None),
            money(-1.0, None, None, None),
            money(2000.0, Some(500.0), Some(1000.0), None),
            money(100.0, Some(500.0), None, None),
            money(100.0, None, None, Some(f64::INFINITY)),
            Reading::hours(169.0),
            Reading::Scale { value: 0 },
            Reading::Scale { value: 6 },
            Reading::number_of(-3.0),
            Reading::Hours {
                hours_per_week: 9.0,
                min: Some(2.0),
                max: Some(5.0),
            },
            Reading::FailurePoint {
                per_month: Some(-1.0),
                months: None,
                below: None,
                metric: None,
                below_period: None,
            },
            Reading::FailurePoint {
                per_month: None,
                months: Some(f64::NAN),
                below: None,
                metric: None,
                below_period: None,
            },
            Reading::FailurePoint {
                per_month: None,
                months: Some(6.0),
                below: None,
                metric: Some(super::Metric::Leads),
                below_period: None,
            },
        ];
        for reading in broken {
            assert!(reading.broken_promise().is_some(), "{reading:?} passed");
        }
    }
}
