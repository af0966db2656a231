//! Money: symbols, codes and words for the currency; thousands separators; k / thousand /
//! million; word numbers; ranges and bounds; and a period converted to per month.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{normalise, value_of, words_to_digits, NUMBER};
use super::{prepare, Reading, Unreadable};

/// Answers that mean no money at all.
static NO_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:nothing|zero|none|nil|nada|zilch|no budget|no money|not a (?:penny|cent|dime|thing)|nothing at all|nothing yet|nothing right now|nothing at the moment|[$£€]?0(?:\.0+)?)\b")
        .expect("NO_MONEY compiles")
});

/// Currency signs, codes and words, each with its ISO code.
static CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<usd>\$|\busd\b|\bdollars?\b|\bbucks?\b)|(?P<gbp>£|\bgbp\b|\bpounds?\b|\bquid\b)|(?P<eur>€|\beur\b|\beuros?\b)")
        .expect("CURRENCY compiles")
});

/// The period an amount is for, with how many of them make a month.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)
        (?P<month> /\s*mo(?:nth)?s?\b | /\s*m\b | \bper\s+month\b | \ba\s+month\b | \beach\s+month\b | \bevery\s+month\b | \bmonthly\b | \bpm\b | \bp/m\b | \bmonth\b | \bmo\b )
      | (?P<year> /\s*y(?:ea)?rs?\b | /\s*y\b | \bper\s+year\b | \ba\s+year\b | \beach\s+year\b | \bannually\b | \byearly\b | \bper\s+annum\b | \bp\.?a\.?(?:\s|$) | \byear\b )
      | (?P<week> /\s*w(?:ee)?k\b | /\s*w\b | \bper\s+week\b | \ba\s+week\b | \beach\s+week\b | \bweekly\b | \bpw\b | \bweek\b )
      | (?P<day> /\s*day\b | /\s*d\b | \bper\s+day\b | \ba\s+day\b | \bdaily\b | \beach\s+day\b )
    ").expect("PERIOD compiles")
});

/// A number followed by a unit of time is a duration, not money ("for 6 months").
static DURATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:months?|mos|years?|yrs?|weeks?|wks?|days?|hours?|hrs?|%|percent)\b")
        .expect("DURATION_AFTER compiles")
});

/// Words before a number that make it an upper bound.
static AT_MOST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:under|less than|below|up to|upto|max|maximum|at most|no more than|not more than|<|tops)\s*[$£€]?\s*$",
    )
    .expect("AT_MOST_BEFORE compiles")
});

/// Words before a number that make it a lower bound.
static AT_LEAST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:at least|over|more than|above|minimum|min|>|starting at|from|no less than)\s*[$£€]?\s*$")
        .expect("AT_LEAST_BEFORE compiles")
});

/// Words after a number that make it a lower bound ("1,000+", "1k or more").
static AT_LEAST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\+|or more|plus|and up|or above|and above|minimum|at least)").expect("AT_LEAST_AFTER compiles")
});

/// Words after a number that make it an upper bound ("300 max", "300 or less").
static AT_MOST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:max|maximum|tops|or less|or under|at most|at the most)").expect("AT_MOST_AFTER compiles")
});

/// What stands between the two ends of a range.
static RANGE_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[$£€]?\s*(?:-|to|and|or|–)\s*[$£€]?\s*$").expect("RANGE_JOIN compiles"));

/// One amount found in the text.
#[derive(Debug, Clone, Copy)]
struct Found {
    value: f64,
    /// Whether a k / thousand / million suffix was written.
    scaled: bool,
    start: usize,
    end: usize,
}

fn currency(text: &str) -> Result<Option<String>, Unreadable> {
    let mut found: Option<&str> = None;
    for captures in CURRENCY.captures_iter(text) {
        let code = if captures.name("usd").is_some() {
            "USD"
        } else if captures.name("gbp").is_some() {
            "GBP"
        } else {
            "EUR"
        };
        match found {
            Some(other) if other != code => return Err(Unreadable::AmbiguousAmount),
            _ => found = Some(code),
        }
    }
    Ok(found.map(str::to_owned))
}

/// How many of the period make a month (None when no period was given).
fn months_factor(text: &str) -> Option<f64> {
    let captures = PERIOD.captures(text)?;
    let factor = if captures.name("month").is_some() {
        1.0
    } else if captures.name("year").is_some() {
        1.0 / 12.0
    } else if captures.name("week").is_some() {
        52.0 / 12.0
    } else {
        365.0 / 12.0
    };
    Some(factor)
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub fn read_money(text: &str) -> Result<Reading, Unreadable> {
    let text = normalise(prepare(text)?);
    let currency = currency(&text)?;
    let factor = months_factor(&text);
    let reading = |amount: f64, min: Option<f64>, max: Option<f64>| Reading::Money {
        amount: round2(amount),
        min: min.map(round2),
        max: max.map(round2),
        currency: currency.clone(),
        per_month: factor.map(|f| round2(amount * f)),
    };
    if NO_MONEY.is_match(text.trim()) {
        return Ok(reading(0.0, Some(0.0), Some(0.0)));
    }

    let text = words_to_digits(&text);
    let found: Vec<Found> = NUMBER
        .captures_iter(&text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let value = value_of(&captures)?;
            let after = &text[whole.end()..];
            if DURATION_AFTER.is_match(after) {
                return None;
            }
            Some(Found {
                value,
                scaled: captures.name("suffix").is_some(),
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect();

    match found.as_slice() {
        [] => Err(Unreadable::NoAmount),
        [one] => {
            let before = &text[..one.start];
            let after = &text[one.end..];
            if AT_MOST_BEFORE.is_match(before) || AT_MOST_AFTER.is_match(after) {
                Ok(reading(one.value, None, Some(one.value)))
            } else if AT_LEAST_BEFORE.is_match(before) || AT_LEAST_AFTER.is_match(after) {
                Ok(reading(one.value, Some(one.value), None))
            } else {
                Ok(reading(one.value, Some(one.value), Some(one.value)))
            }
        }
        [low, high] if RANGE_JOIN.is_match(&text[low.end..high.start]) => {
            // "1-2k": the suffix written once counts for both ends.
            let low_value = if high.scaled && !low.scaled {
                scale_like(low.value, high.value)
            } else {
                low.value
            };
            let (lo, hi) = if low_value <= high.value {
                (low_value, high.value)
            } else {
                (high.value, low_value)
            };
            Ok(reading((lo + hi) / 2.0, Some(lo), Some(hi)))
        }
        _ => Err(Unreadable::AmbiguousAmount),
    }
}

/// Gives the unscaled low end of "1-2k" the same thousands as the high end.
fn scale_like(low: f64, high: f64) -> f64 {
    for multiplier in [1_000_000.0, 1_000.0] {
        if high >= multiplier && low * multiplier <= high {
            return low * multiplier;
        }
    }
    low
}
