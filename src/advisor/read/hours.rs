//! Time spent, as hours per week: "2 hrs a day", "half an hour a day", "an hour and a half",
//! "90 minutes a week", "a couple of hours", "6+ hours", "10-12 hours", "20 hours a month".
//!
//! A day counts 7 a week unless "weekday" or "workday" is said, then 5; a month is 52/12 weeks;
//! no period means per week.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{normalise, words_to_digits};
use super::{prepare, Reading, Unreadable};

/// Answers that mean no time at all.
static NO_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:none|nothing|zero|no time|not any|0|never|nil|no hours?|not at all|no time at all)\b")
        .expect("NO_TIME compiles")
});

/// "an hour and a half", "2 hours and a half": a whole number of hours plus a half.
static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<n>\d+(?:\.\d+)?|an?|one)\s*(?:hours?|hrs?|h)\s+and\s+a\s+half").expect("AND_A_HALF compiles")
});

/// "half an hour", "half hour".
static HALF_HOUR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bhalf\s+(?:an?\s+)?(?:hour|hr)\b").expect("HALF_HOUR compiles"));

/// "an hour", "a hour" with no number.
static AN_HOUR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\ban?\s+(?:hour|hr)\b").expect("AN_HOUR compiles"));

/// An amount of time: a number or a range, and its unit.
static TIME_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<low> \d+(?:\.\d+)? )
        (?: \s* (?: - | to | – | or ) \s* (?P<high> \d+(?:\.\d+)? ) )?
        \s* (?P<plus> \+ )?
        \s* (?:of\s+)? (?P<unit> hours? | hrs? | h\b | minutes? | mins? | m\b )?
    ",
    )
    .expect("TIME_AMOUNT compiles")
});

/// The period the time is spent in.
static TIME_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<workday> week\s?days? | work\s?days? | business\s+days? | working\s+days? )
      | (?P<day> \bday\b | \bdays\b | daily | /\s*d\b | \bnight\b | every\s+day )
      | (?P<week> \bweek\b | weekly | /\s*w(?:ee)?k\b | \bpw\b )
      | (?P<month> \bmonth\b | monthly | /\s*mo(?:nth)?\b )
    ",
    )
    .expect("TIME_PERIOD compiles")
});

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub fn read_hours(text: &str) -> Result<Reading, Unreadable> {
    let text = normalise(prepare(text)?);
    let trimmed = text.trim();
    if NO_TIME.is_match(trimmed) {
        return Ok(Reading::Hours { hours_per_week: 0.0 });
    }
    let (per_week, per_day_limit) = match TIME_PERIOD.captures(&text) {
        Some(c) if c.name("workday").is_some() => (5.0, 24.0),
        Some(c) if c.name("day").is_some() => (7.0, 24.0),
        Some(c) if c.name("month").is_some() => (12.0 / 52.0, 24.0 * 31.0),
        _ => (1.0, 168.0),
    };

    // Spoken halves first, then the general case.
    let hours = if let Some(c) = AND_A_HALF.captures(&text) {
        let whole = c["n"].parse::<f64>().unwrap_or(1.0);
        whole + 0.5
    } else if HALF_HOUR.is_match(&text) {
        0.5
    } else {
        let spoken = words_to_digits(&text);
        let amount = TIME_AMOUNT.captures_iter(&spoken).find(|c| c.name("low").is_some());
        match amount {
            Some(c) => {
                let low: f64 = c["low"].parse().map_err(|_| Unreadable::NoTime)?;
                let high: Option<f64> = c.name("high").and_then(|h| h.as_str().parse().ok());
                let value = high.map_or(low, |high| (low + high) / 2.0);
                let minutes = c.name("unit").is_some_and(|u| u.as_str().starts_with('m'));
                if minutes {
                    value / 60.0
                } else {
                    value
                }
            }
            None if AN_HOUR.is_match(&text) => 1.0,
            None => return Err(Unreadable::NoTime),
        }
    };
    if !hours.is_finite() || hours < 0.0 {
        return Err(Unreadable::NoTime);
    }
    if hours > per_day_limit {
        return Err(Unreadable::TooManyHours);
    }
    let weekly = hours * per_week;
    if weekly > 168.0 {
        return Err(Unreadable::TooManyHours);
    }
    Ok(Reading::Hours {
        hours_per_week: round2(weekly),
    })
}
