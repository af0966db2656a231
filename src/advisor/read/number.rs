//! A plain number, converted to the question's time unit when the answer names another one.
//!
//! Time units are converted through months: a year is 12, a week 12/52 (so "6 weeks" is 1.38
//! months, calendar weeks rather than "four weeks a month"), a day 12/365, a decade 120.
//! Converted values are rounded to hundredths; numbers with no unit are kept as typed. A single
//! quantity said as a bound reads as its number and keeps it as that end ("less than a year" →
//! 1 with `max` 1, "5+ years" → 5 with `min` 5), as money bounds do. Several quantities add up
//! only when each names a different time unit ("a year and 6 months"); otherwise two numbers
//! that are not a range are refused as [`Unreadable::NoNumber`], since we cannot tell which was
//! meant. A length of time over a hundred years is a calendar year typed in ("since 2019") and
//! is refused as [`Unreadable::ImpossibleNumber`].

use std::sync::LazyLock;

use regex::Regex;

use super::bound::{bound_in, ends, Bound};
use super::normalise::{add_halves, normalise, parse_digits, round2, words_to_digits};
use super::units::{refusal, sort_units, Dimension};
use super::unsure::says_unsure;
use super::{Reading, Unreadable};

/// A multiplier after digits: "100k", "5 thousand", "2.5 million". "m" is a million only where
/// the question does not count time (there "6m" is six months).
static NUMBER_MULTIPLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(k|thousand|million|mil|mn|m)\b")
        .expect("NUMBER_MULTIPLIER compiles")
});

/// No one has spent longer than this at anything; a time longer is not a time.
const MAX_LIFETIME_MONTHS: f64 = 100.0 * 12.0;

/// Ways of saying none at all.
static NONE_AT_ALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:never|none|nothing|not yet|not at all|not ever|no experience|nil|nada|zilch|zero)\b")
        .expect("NONE_AT_ALL compiles")
});

/// "a year", "an hour": one of them.
static ONE_TIME_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\ban?\s+(year|yr|month|mo|mth|week|wk|day|decade|fortnight)\b").expect("ONE_TIME_UNIT compiles")
});

/// A minus sign or word before a number. A dash between two numbers is a range, not a sign.
static NEGATIVE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9a-z.\s])\s*-\s*[0-9]|(?:^|\s)-[0-9]|\b(?:minus|negative)\s*[0-9]")
        .expect("NEGATIVE_NUMBER compiles")
});

/// A number or range of two, with a time unit when one is named: "6", "2-3 years", "18 months",
/// "6+ years", "1,000".
static NUMBER_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<a>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)
        (?: \s* (?:-|to|or|~) \s* (?P<b>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?) )?
        \s*(?P<plus>\+)?\s*-?\s*
        (?P<unit>(?:years?|yrs?|y|months?|mos?|mths?|m|weeks?|wks?|w|days?|d|decades?|fortnights?)\b)?
        ",
    )
    .expect("NUMBER_QUANTITY compiles")
});

/// A time unit in months.
fn months_in(unit: &str) -> f64 {
    if unit.starts_with('y') {
        12.0
    } else if unit.starts_with("dec") {
        120.0
    } else if unit.starts_with('d') {
        12.0 / 365.0
    } else if unit.starts_with('f') {
        24.0 / 52.0
    } else if unit.starts_with('w') {
        12.0 / 52.0
    } else {
        1.0
    }
}

/// The question's unit in months, when it is a time unit we convert to.
fn target_months(unit: Option<&str>) -> Option<f64> {
    let unit = unit?.trim().to_lowercase();
    match unit.as_str() {
        "years" | "year" => Some(12.0),
        "months" | "month" => Some(1.0),
        "weeks" | "week" => Some(12.0 / 52.0),
        "days" | "day" => Some(12.0 / 365.0),
        _ => None,
    }
}

struct Quantity {
    value: f64,
    /// A range's ends ("2-3 years"); both are `value` for a single figure.
    low: f64,
    high: f64,
    unit: Option<String>,
    /// A "+" after it ("5+ years").
    plus: bool,
}

/// Reads a number, converting a named time unit to `unit` ("years", "months", "weeks" or "days")
/// when the question keeps one. Negative numbers are [`Unreadable::ImpossibleNumber`].
pub fn read_number(text: &str, unit: Option<&str>) -> Result<Reading, Unreadable> {
    let text = super::prepare(text)?;
    if says_unsure(text) {
        return Ok(Reading::Unsure);
    }
    let plain = normalise(text);
    if NEGATIVE_NUMBER.is_match(&plain) {
        return Err(Unreadable::ImpossibleNumber);
    }
    let plain = NONE_AT_ALL.replace_all(&plain, " 0 ");
    let plain = words_to_digits(&plain);
    let plain = add_halves(&ONE_TIME_UNIT.replace_all(&plain, "1 $1"));
    let target = target_months(unit);
    let reads: &[Dimension] = if target.is_some() {
        &[Dimension::Span]
    } else {
        // A number kept in no unit reads counts and lengths of time as typed, as it always has.
        &[Dimension::Count, Dimension::Span]
    };
    let sorted = sort_units(&plain, reads);
    if let Some(foreign) = sorted.foreign {
        return Err(refusal(foreign));
    }
    let set_aside = sorted.set_aside;
    let plain = if target.is_some() {
        sorted.text
    } else {
        with_multipliers(&sorted.text)
    };

    let quantities = quantities(&plain)?;
    // A single range keeps its ends, in the unit the value is kept in.
    let range_ends = match quantities.as_slice() {
        [one] if one.low < one.high => {
            let per = match (&one.unit, target) {
                (Some(named), Some(target)) => months_in(named) / target,
                _ => 1.0,
            };
            Some((round2(one.low * per), round2(one.high * per)))
        }
        _ => None,
    };
    if quantities.is_empty() {
        return Err(set_aside.map_or(Unreadable::NoNumber, refusal));
    }
    let value = value_of(&quantities, target)?;
    // More than a lifetime is a year typed in ("since 2019"), not a length of time.
    let lifetime = target.map(|months| MAX_LIFETIME_MONTHS / months);
    if !value.is_finite() || value < 0.0 || lifetime.is_some_and(|most| value > most) {
        return Err(Unreadable::ImpossibleNumber);
    }
    // A figure said as a bound keeps it as that end; for parts that add up ("more than a year
    // and 6 months") the bound is on their sum, and a "plus" between them adds ("a year plus 6
    // months").
    let bound = match quantities.as_slice() {
        [one] if one.low == one.high => bound_in(&plain, one.plus),
        [_] => Bound::None,
        _ => bound_in(&plain.replace("plus", "and"), false),
    };
    Ok(match (range_ends, bound) {
        (Some((low, high)), _) => Reading::Number {
            value,
            min: Some(low),
            max: Some(high),
        },
        (None, Bound::Both) => return Err(Unreadable::NoNumber),
        (None, bound) => {
            let (min, max) = ends(bound, value);
            Reading::Number { value, min, max }
        }
    })
}

/// "5k", "2 million": the number multiplied out.
fn with_multipliers(text: &str) -> String {
    NUMBER_MULTIPLIER
        .replace_all(text, |caps: &regex::Captures| {
            let factor = match &caps[2] {
                "k" | "thousand" => 1e3,
                _ => 1e6,
            };
            match parse_digits(&caps[1]) {
                Some(n) => format!("{}", round2(n * factor)),
                None => caps[0].to_owned(),
            }
        })
        .into_owned()
}

/// Each number or range in the text, with its unit and whether a "+" follows it.
fn quantities(plain: &str) -> Result<Vec<Quantity>, Unreadable> {
    let mut quantities = Vec::new();
    for caps in NUMBER_QUANTITY.captures_iter(plain) {
        let a = caps
            .name("a")
            .and_then(|m| parse_digits(m.as_str()))
            .ok_or(Unreadable::NoNumber)?;
        let b = match caps.name("b") {
            Some(m) => parse_digits(m.as_str()).ok_or(Unreadable::NoNumber)?,
            None => a,
        };
        quantities.push(Quantity {
            value: (a + b) / 2.0,
            low: a.min(b),
            high: a.max(b),
            unit: caps.name("unit").map(|m| m.as_str().to_owned()),
            plus: caps.name("plus").is_some(),
        });
    }
    Ok(quantities)
}

/// The value of one or more quantities in the unit `target` keeps (months in it), none for a
/// plain number: one as it is, several only where each names its own time unit and they add up
/// ("a year and 6 months").
fn value_of(quantities: &[Quantity], target: Option<f64>) -> Result<f64, Unreadable> {
    Ok(match quantities {
        [] => return Err(Unreadable::NoNumber),
        [one] => match (&one.unit, target) {
            (Some(named), Some(target)) => round2(one.value * months_in(named) / target),
            _ => one.value,
        },
        // More parts than there are time units cannot all name different ones.
        several if several.len() > 7 => return Err(Unreadable::NoNumber),
        several => {
            let units: Vec<f64> = several
                .iter()
                .filter_map(|q| q.unit.as_deref().map(months_in))
                .collect();
            let distinct = units.iter().enumerate().all(|(i, u)| !units[..i].contains(u));
            match target {
                Some(target) if units.len() == several.len() && distinct => round2(
                    several
                        .iter()
                        .zip(&units)
                        .map(|(q, months)| q.value * months)
                        .sum::<f64>()
                        / target,
                ),
                _ => return Err(Unreadable::NoNumber),
            }
        }
    })
}
