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
use super::{Doubt, Metric, Reading, ResultPeriod, Understood, Unreadable};

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

/// The period said inside a result line: "20 sales a month", "50 monthly leads", "5 a week".
static PERIOD_IN_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<month>monthly|(?:a|per|each|every)\s+month)\b|\b(?P<week>weekly|(?:a|per|each|every)\s+week)\b")
        .expect("PERIOD_IN_RESULT compiles")
});

/// The period said right after a result line: "under 20 patients in all", "… a month".
static PERIOD_AFTER_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*,?\s*(?:(?P<all>in\s+all|in\s+total|total|altogether|overall|all\s+told|combined|by\s+the\s+end|over\s+(?:the|those|that|all)\b(?:\s+[0-9]+)?(?:\s+months?)?)|(?P<month>(?:a|per|each|every)\s+month|monthly))\b",
    )
    .expect("PERIOD_AFTER_RESULT compiles")
});

/// An answer to "in all over the months, or a month?": the owner's word for a result's period.
static RESULT_PERIOD_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\W*(?:(?:it'?s|that'?s|i\s+meant?|in)\s+)?(?:(?P<all>all|in\s+all|total|in\s+total|altogether|overall|all\s+told|combined|over\s+the\s+(?:whole|[0-9]+)\s*(?:months?|time|period)?)|(?P<month>(?:a|per|each|every)\s+month|monthly))\W*$",
    )
    .expect("RESULT_PERIOD_ANSWER compiles")
});

/// The owner's answer to which period a failure point's result counts: "in all", "a month";
/// None for anything else (a new answer, or yes / no).
pub(crate) fn read_result_period(text: &str) -> Option<ResultPeriod> {
    let plain = normalise(text);
    let caps = RESULT_PERIOD_ANSWER.captures(&plain)?;
    Some(if caps.name("all").is_some() {
        ResultPeriod::InAll
    } else {
        ResultPeriod::Month
    })
}

/// The period a result is taken to count when none is said: followers in all (an audience
/// grows), leads and sales a month, as the advice shows them.
fn assumed_period(metric: Option<Metric>) -> ResultPeriod {
    match metric {
        Some(Metric::Followers) => ResultPeriod::InAll,
        _ => ResultPeriod::Month,
    }
}

/// Reads a failure point with the doubt that calls for a confirmation: a result with no period
/// (asked "in all or a month?", the period assumed shown), or a spend with none.
pub(super) fn understand_failure_point(text: &str) -> Result<Understood, Unreadable> {
    let (reading, spend_period_said) = read_parts(text)?;
    match reading {
        Reading::FailurePoint {
            per_month,
            months,
            below: Some(below),
            metric,
            below_period: None,
        } => Ok(Understood::doubted(
            Reading::FailurePoint {
                per_month,
                months,
                below: Some(below),
                metric,
                below_period: Some(assumed_period(metric)),
            },
            Some(Doubt::ResultPeriod),
        )),
        Reading::FailurePoint { per_month: Some(_), .. } if !spend_period_said => {
            Ok(Understood::doubted(reading, Some(Doubt::NoPeriod)))
        }
        reading => Ok(Understood::doubted(reading, None)),
    }
}

/// Reads a failure point. Any part may be missing, but at least one must be there. The result's
/// period is kept only where it was said.
pub fn read_failure_point(text: &str) -> Result<Reading, Unreadable> {
    read_parts(text).map(|(reading, _)| reading)
}

/// The failure point, and whether its spend named a period.
/// One pass on purpose (about 90 lines): each part (spend, months, result) is found in what the
/// parts before it left of the text, and the refusals depend on that order.
fn read_parts(text: &str) -> Result<(Reading, bool), Unreadable> {
    let text = super::prepare(text)?;
    if says_unsure(text) {
        return Ok((Reading::Unsure, true));
    }
    let plain = words_to_digits(&normalise(text));
    let sorted = sort_units(&plain, &[Dimension::Money, Dimension::Span, Dimension::Count]);
    if let Some(foreign) = sorted.foreign {
        return Err(refusal(foreign));
    }
    let mut rest = sorted.text;

    let (mut below, mut metric): (Option<f64>, Option<Metric>) = (None, None);
    let mut below_period = None;
    if let Some(caps) = RESULT_LINE.captures(&rest) {
        let factor = match caps.name("mult").map(|m| m.as_str()) {
            Some("k" | "thousand") => 1e3,
            Some(_) => 1e6,
            None => 1.0,
        };
        let mut value = parse_digits(&caps["num"]).ok_or(Unreadable::NoNumber)? * factor;
        metric = metric_of(&caps["unit"]);
        let mut range = caps.get(0).map_or(0..0, |m| m.range());
        if let Some(said) = PERIOD_IN_RESULT.captures(&rest[range.clone()]) {
            below_period = Some(ResultPeriod::Month);
            if said.name("week").is_some() {
                // "5 sales a week" is kept a month, as money's weeks are.
                value *= 52.0 / 12.0;
            }
        } else if let Some(after) = PERIOD_AFTER_RESULT.captures(&rest[range.end..]) {
            below_period = Some(if after.name("all").is_some() {
                ResultPeriod::InAll
            } else {
                ResultPeriod::Month
            });
            range.end += after.get(0).map_or(0, |m| m.end());
        }
        below = Some(round2(value));
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
    let mut spend_period_said = true;
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
                } => {
                    spend_period_said = monthly.is_some();
                    per_month = Some(monthly.unwrap_or(amount));
                }
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
        below_period,
    };
    match reading.broken_promise() {
        Some(_) => Err(Unreadable::ImpossibleNumber),
        None => Ok((reading, spend_period_said)),
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
                below_period: None,
            })
        );
        assert_eq!(
            read_failure_point("6"),
            Ok(Reading::FailurePoint {
                per_month: None,
                months: Some(6.0),
                below: None,
                metric: None,
                below_period: None,
            })
        );
    }
}
