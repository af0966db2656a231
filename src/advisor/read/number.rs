//! A plain number ("6", "two", "a couple"), converted between months and years when the question
//! keeps one and the answer names the other ("6 months" for years of experience is 0.5).

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{normalise, value_of, words_to_digits, NUMBER};
use super::{prepare, Reading, Unreadable};

/// Answers that mean none at all.
static NONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:never|none|zero|nothing|not yet|no|nil|just starting|haven'?t)\b").expect("NONE compiles")
});

/// "a year and a half", "2 years and a half".
static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<n>\d+(?:\.\d+)?|an?|one)\s*(?P<unit>years?|months?)\s+and\s+a\s+half")
        .expect("AND_A_HALF compiles")
});

/// A lone "a year", "a month" with no number.
static A_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\ban?\s+(?P<unit>years?|months?|weeks?)\b").expect("A_UNIT compiles"));

/// The unit written after a number.
static UNIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<unit>years?|yrs?|months?|mos?|weeks?|wks?|days?)\b").expect("UNIT_AFTER compiles")
});

/// How many of `unit` make one `into`.
fn convert(value: f64, unit: &str, into: Option<&str>) -> f64 {
    let in_months = |unit: &str| -> Option<f64> {
        match unit.trim_end_matches('s') {
            "year" | "yr" => Some(12.0),
            "month" | "mo" => Some(1.0),
            "week" | "wk" => Some(12.0 / 52.0),
            "day" => Some(12.0 / 365.0),
            _ => None,
        }
    };
    match (into.and_then(in_months), in_months(unit)) {
        (Some(target), Some(source)) => value * source / target,
        _ => value,
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Reads a number; `unit` is the unit the question keeps it in ("years", "months"), if any.
pub fn read_number(text: &str, unit: Option<&str>) -> Result<Reading, Unreadable> {
    let text = normalise(prepare(text)?);
    let trimmed = text.trim();
    if trimmed.starts_with('-') && trimmed[1..].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return Err(Unreadable::ImpossibleNumber);
    }
    if NONE.is_match(trimmed) {
        return Ok(Reading::Number { value: 0.0 });
    }
    if let Some(c) = AND_A_HALF.captures(&text) {
        let whole = c["n"].parse::<f64>().unwrap_or(1.0);
        return Ok(Reading::Number {
            value: round2(convert(whole + 0.5, &c["unit"], unit)),
        });
    }
    let spoken = words_to_digits(&text);
    if let Some(c) = NUMBER.captures(&spoken) {
        let value = value_of(&c).ok_or(Unreadable::NoNumber)?;
        let after = &spoken[c.get(0).map_or(0, |m| m.end())..];
        let value = match UNIT_AFTER.captures(after) {
            Some(u) => convert(value, &u["unit"], unit),
            None => value,
        };
        if !value.is_finite() {
            return Err(Unreadable::ImpossibleNumber);
        }
        return Ok(Reading::Number { value: round2(value) });
    }
    if let Some(c) = A_UNIT.captures(&text) {
        return Ok(Reading::Number {
            value: round2(convert(1.0, &c["unit"], unit)),
        });
    }
    Err(Unreadable::NoNumber)
}
