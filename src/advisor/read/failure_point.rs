//! Article 002's failure point as one sentence: "$1,000 a month for 6 months, stop if under
//! 10,000 followers" — a monthly spend, a number of months, and the result below which to stop.
//!
//! The parts are found by their units: the result is a number of things counted (its word names
//! the metric), the months a length of time, the spend an amount of money. Any part may be
//! missing; a bare number is the months, as the question asked for them before. Hours and
//! ratings are another kind's units and are refused.

use std::sync::LazyLock;

use regex::Regex;

use super::money::read_money;
use super::normalise::{normalise, parse_digits, round2, words_to_digits};
use super::number::read_number;
use super::units::{metric_of, refusal, sort_units, Dimension, COUNT_WORDS};
use super::unsure::says_unsure;
use super::{Metric, Reading, Unreadable};

/// The result line: "under 10,000 followers", "if we get fewer than 20 new patients", "10k leads".
static RESULT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = COUNT_WORDS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let words = words.join("|");
    Regex::new(&format!(
        r"(?x)
        (?:\b(?:stop|quit|pull\s+out|give\s+up|end\s+it)\b[^0-9]*?)?
        (?:\b(?:with|if|when|at)\s+)?(?:\b(?:we|i)\s+(?:have|get|see|reach|hit|are\s+at)\s+)?
        (?:\b(?:under|below|less\s+than|fewer\s+than|not\s+(?:even\s+)?(?:reaching|hitting|at)|short\s+of|no\s+more\s+than)\s+)?
        (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
        (?:\s*(?P<mult>k|thousand|million|m)\b)?
        (?:\s*(?:new|more|extra|paying|regular|qualified|real|monthly|weekly|a\s+month)\b)*
        \s*(?P<unit>{words})\b
        (?:\s+(?:a|per|each|every)\s+(?:month|week))?"
    ))
    .expect("RESULT_LINE compiles")
});

/// The months: "for 6 months", "over a year", "6 months".
static MONTHS_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: \b(?:for|over|during|across|give\s+it|after|within|in)\s+(?:(?:the\s+)?(?:next|first)\s+)?(?:[0-9]+(?:\.[0-9]+)?|an?)
          | ^\s*(?:about\s+|around\s+|maybe\s+)?an?
          | \b[0-9]+(?:\.[0-9]+)? )
        \s*(?:(?:-|to|or)\s*[0-9]+(?:\.[0-9]+)?\s*)?
        (?:months?|mos?|mths?|years?|yrs?|weeks?|wks?|days?|decades?)\b",
    )
    .expect("MONTHS_PART compiles")
});

/// Money named outright: a symbol, a currency word, or a period.
static MONEY_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[$£€₹]|\b(?:dollars?|bucks?|quid|pounds?|euros?|usd|eur|gbp|aud|cad|grand|k|a\s+month|per\s+month|/\s*mo(?:nth)?|monthly|pm|p/m|a\s+week|per\s+week|weekly)\b")
        .expect("MONEY_SIGN compiles")
});

/// Reads a failure point. Any part may be missing, but at least one must be there.
pub fn read_failure_point(text: &str) -> Result<Reading, Unreadable> {
    let text = super::prepare(text)?;
    if says_unsure(text) {
        return Ok(Reading::Unsure);
    }
    let plain = words_to_digits(&normalise(text));
    let sorted = sort_units(&plain, &[Dimension::Money, Dimension::Span, Dimension::Count]);
    if let Some(foreign) = sorted.foreign {
        return Err(refusal(foreign));
    }
    let mut rest = sorted.text;

    let (mut below, mut metric): (Option<f64>, Option<Metric>) = (None, None);
    if let Some(caps) = RESULT_LINE.captures(&rest) {
        let factor = match caps.name("mult").map(|m| m.as_str()) {
            Some("k" | "thousand") => 1e3,
            Some(_) => 1e6,
            None => 1.0,
        };
        let value = parse_digits(&caps["num"]).ok_or(Unreadable::NoNumber)? * factor;
        below = Some(round2(value));
        metric = metric_of(&caps["unit"]);
        let range = caps.get(0).map_or(0..0, |m| m.range());
        rest.replace_range(range, " ");
    }

    let mut months = None;
    if let Some(found) = MONTHS_PART.find(&rest) {
        let part = found.as_str().to_owned();
        match read_number(&part, Some("months"))? {
            Reading::Number { value, .. } => months = Some(value),
            _ => return Err(Unreadable::NoNumber),
        }
        rest.replace_range(found.range(), " ");
    }

    let mut per_month = None;
    if rest.chars().any(|c| c.is_ascii_digit()) {
        let bare = !MONEY_SIGN.is_match(&rest);
        if bare && months.is_none() {
            // "6": the months, as the question asked for them before it read whole sentences.
            match read_number(&rest, Some("months"))? {
                Reading::Number { value, .. } => months = Some(value),
                _ => return Err(Unreadable::NoNumber),
            }
        } else if bare {
            return Err(Unreadable::AmbiguousAmount);
        } else {
            match read_money(&rest)? {
                Reading::Money {
                    amount,
                    per_month: monthly,
                    ..
                } => per_month = Some(monthly.unwrap_or(amount)),
                _ => return Err(Unreadable::NoAmount),
            }
        }
    }

    if per_month.is_none() && months.is_none() && below.is_none() {
        return Err(Unreadable::NoNumber);
    }
    let reading = Reading::FailurePoint {
        per_month,
        months,
        below,
        metric,
    };
    match reading.broken_promise() {
        Some(_) => Err(Unreadable::ImpossibleNumber),
        None => Ok(reading),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_sentence_reads_into_its_parts() {
        assert_eq!(
            read_failure_point("$2,000 a month for 6 months with under 20 new patients"),
            Ok(Reading::FailurePoint {
                per_month: Some(2000.0),
                months: Some(6.0),
                below: Some(20.0),
                metric: Some(Metric::Sales),
            })
        );
        assert_eq!(
            read_failure_point("6"),
            Ok(Reading::FailurePoint {
                per_month: None,
                months: Some(6.0),
                below: None,
                metric: None,
            })
        );
    }
}
