//! Time spent, as hours per week.
//!
//! Like money, the text is read in regex passes: zero words and quarter hours are rewritten,
//! spelled-out numbers become digits, "an hour" becomes "1 hour", "1h30" becomes 1.5 hours, the
//! period ("a day", "per month") and any "N days a week" are noted and cut out, and what remains
//! must hold one quantity or one range. A single quantity said as a bound ("under 2 hours a
//! week", "11 or more") keeps it as `max` or `min`, the bound being its figure. A day counts seven to the week unless working days are
//! said (then five), or the answer says how many days ("2 hours a day, 3 days a week" → 6).
//! Results are rounded to hundredths of an hour.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::bound::{bound_in, ends, Bound};
use super::normalise::{add_halves, normalise, parse_digits, round2, words_to_digits, NUMBER_AND_HALF_PATTERN};
use super::units::{refusal, sort_units, Dimension};
use super::unsure::says_unsure;
use super::{Doubt, Reading, Understood, Unreadable};

/// A working day, in hours ("a day a week" is eight hours).
const WORKING_DAY: f64 = 8.0;

/// "full time": a working week.
const FULL_TIME_PATTERN: &str = r"\bfull[- ]?time\b(?:\s*(?:hours|job|role))?";
static FULL_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(FULL_TIME_PATTERN).expect("FULL_TIME compiles"));

/// "part time": half a working week, a rough figure worth confirming.
const PART_TIME_PATTERN: &str = r"\bpart[- ]?time\b(?:\s*(?:hours|job|role))?";
static PART_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(PART_TIME_PATTERN).expect("PART_TIME compiles"));

/// "barely any", "hardly any": about an hour a week, a rough figure worth confirming.
const BARELY_ANY_PATTERN: &str = r"\b(?:barely|hardly|scarcely)\s+any(?:thing|\s+time)?\b|\bnext\s+to\s+no(?:thing|\s+time)\b|\bvery\s+little(?:\s+time)?\b";
static BARELY_ANY: LazyLock<Regex> = LazyLock::new(|| Regex::new(BARELY_ANY_PATTERN).expect("BARELY_ANY compiles"));

/// "a day a week", "a working day per week": one day of it.
const ONE_DAY_A_WEEK_PATTERN: &str =
    r"\ban?\s+(?:full\s+|working\s+|work\s+)?(day\s+(?:a|per|each|every|/|in\s+a)\s*(?:week|wk))\b";
static ONE_DAY_A_WEEK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(ONE_DAY_A_WEEK_PATTERN).expect("ONE_DAY_A_WEEK compiles"));

/// "a day", "a full day" as the whole answer: a working day, period not given.
const A_DAY_ALONE_PATTERN: &str = r"^(?:about|around|roughly|maybe|probably|like|just|only|say|\s)*(?:an?|1|one)\s+(?:full\s+|working\s+|work\s+)?day\s*$";
static A_DAY_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(A_DAY_ALONE_PATTERN).expect("A_DAY_ALONE compiles"));

/// "2 days", "half a day" (once word numbers are digits) where no hours are given for them:
/// working days of eight hours.
const DAYS_WORKED_PATTERN: &str = r"\b([0-9]+(?:\.[0-9]+)?)\s*(?:full\s+|working\s+|work\s+)?days?\b";
static DAYS_WORKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(DAYS_WORKED_PATTERN).expect("DAYS_WORKED compiles"));

/// Parts of an hour said in words, which the word-number reader does not know.
const QUARTER_HOUR_PATTERN: &str = r"\b(?P<three>three\s+)?quarters?\s+(?:of\s+)?an?\s+hour\b|\ba\s+quarter\s+hour\b";
static QUARTER_HOUR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(QUARTER_HOUR_PATTERN).expect("QUARTER_HOUR compiles"));

/// Ways of saying no time at all.
const NO_TIME_PATTERN: &str =
    r"\b(?:none(?: at all)?|nothing(?: at all)?|no time(?: at all)?|not any|never|nil|nada|zilch|zero|no hours?)\b";
static NO_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(NO_TIME_PATTERN).expect("NO_TIME compiles"));

/// "an hour", "a minute": one of them.
const ONE_TIME_UNIT_PATTERN: &str = r"\ban?\s+(hour|hr|minute|min)\b";
static ONE_TIME_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(ONE_TIME_UNIT_PATTERN).expect("ONE_TIME_UNIT compiles"));

/// Hours and minutes together: "1 hour 30 minutes", "2 hrs and 15 mins", "1h30", "1:30".
const HOURS_AND_MINUTES_PATTERN: &str = r"\b([0-9]+)\s*(?:h|hrs?|hours?)\s*(?:and\s+)?([0-9]+)\s*(?:m|mins?|minutes?)\b|\b([0-9]+)h([0-5][0-9])\b|\b([0-9]+):([0-5][0-9])\b";
static HOURS_AND_MINUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(HOURS_AND_MINUTES_PATTERN).expect("HOURS_AND_MINUTES compiles"));

/// "3 days a week", "5 days per week": how many days a daily amount counts.
const DAYS_A_WEEK_PATTERN: &str = r"\b([0-9]+(?:\.[0-9]+)?)\s*days?\s*(?:a|per|each|every|/|in\s+a)\s*(?:week|wk)\b";
static DAYS_A_WEEK: LazyLock<Regex> = LazyLock::new(|| Regex::new(DAYS_A_WEEK_PATTERN).expect("DAYS_A_WEEK compiles"));

/// Any of the phrases rewritten before word numbers become digits. Most answers hold none, and
/// then pay for this one pass instead of five; when one is there, the five run in turn as before.
/// (A pass that finds nothing leaves the text as it was, so the next finds nothing either: no
/// rewrite is skipped that could have applied.)
static SAID_IN_WORDS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        FULL_TIME_PATTERN,
        PART_TIME_PATTERN,
        BARELY_ANY_PATTERN,
        QUARTER_HOUR_PATTERN,
        NO_TIME_PATTERN,
    ])
    .expect("SAID_IN_WORDS compiles")
});

/// Any of the day counts and parts of an hour rewritten once numbers are digits: "a day a week",
/// "an hour", "1h30", "3 days a week", "2 days". As with [`SAID_IN_WORDS`], one pass for the
/// answers that hold none of them (such as "2 hrs a weekday"), the seven passes in turn otherwise.
static DAYS_AND_PARTS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        A_DAY_ALONE_PATTERN,
        ONE_DAY_A_WEEK_PATTERN,
        ONE_TIME_UNIT_PATTERN,
        NUMBER_AND_HALF_PATTERN,
        HOURS_AND_MINUTES_PATTERN,
        DAYS_A_WEEK_PATTERN,
        DAYS_WORKED_PATTERN,
    ])
    .expect("DAYS_AND_PARTS compiles")
});

/// How often the time is spent, one named group per period. Working days are listed first, as
/// "weekday" would otherwise be read as a week.
static TIME_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<workday>\b(?:a|per|each|every|on|on\s+the)?\s*(?:week|work|business|working)\s*days?\b
            | \bmon(?:day)?\s*(?:-|to|through|thru)\s*fri(?:day)?\b)
        | (?P<day>\bdaily\b | \bnightly\b | /\s*(?:day|d)\b
            | \b(?:a|per|each|every|one|1)\s+(?:day|morning|evening|night|afternoon)\b)
        | (?P<week>\bweekly\b | /\s*(?:week|wk|w)\b | \b(?:a|per|each|every|one|1|in\s+a)\s+(?:week|wk)\b)
        | (?P<month>\bmonthly\b | /\s*(?:month|mo)\b | \b(?:a|per|each|every|one|1|in\s+a)\s+(?:month|mo)\b)
        | (?P<year>\b(?:yearly|annually)\b | /\s*(?:year|yr)\b | \b(?:a|per|each|every|one|1|in\s+a)\s+(?:year|yr)\b)
        ",
    )
    .expect("TIME_PERIOD compiles")
});

/// One quantity of time or a range of two: "2 hrs", "30 mins", "10-12 hours", "1 hour or 2",
/// "6+ hours" (the plus noted: at least 6).
static TIME_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<a>[0-9]+(?:\.[0-9]+)?|\.[0-9]+) \s*(?P<plus>\+)?\s* (?P<ua>(?:hours?|hrs?|h|minutes?|mins?|m)\b)?
        (?: \s* (?:-|to|or|~|(?P<hedge>,?\s*(?:or\s+)?(?:maybe|perhaps|possibly|probably|say))) \s* (?P<b>[0-9]+(?:\.[0-9]+)?) \s*\+?\s* (?P<ub>(?:hours?|hrs?|h|minutes?|mins?|m)\b)? )?
        ",
    )
    .expect("TIME_QUANTITY compiles")
});

/// How often, counted: "3 times a week", "twice a day", "every 2 minutes", "5 posts a week",
/// "a few times" (word numbers already digits). A count of things done, never a duration, even
/// beside one ("3 times a week for an hour" is asked again as hours a week).
const COUNTED_FREQUENCY_PATTERN: &str = r"(?x)
\b(?:[0-9]+(?:\.[0-9]+)?\s*|(?:several|multiple|many|few|some)\s+)(?:x|times?)\b(?:\s*(?:a|per|each|every|/|in\s+a)\s*(?:day|week|wk|month|year|morning|evening|night))?
    | \b(?:once|twice|thrice)\b(?:\s*(?:a|per|each|every|/|in\s+a)\s*(?:day|week|wk|month|year|morning|evening|night))?
    | \bevery\s+(?:single\s+|other\s+)?[0-9]+(?:\.[0-9]+)?\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\b
    | \bwhen(?:ever)?\s+(?:i|we)\s+(?:get|have|find|can\s+find)\s+(?:a\s+)?(?:minute|moment|chance|sec(?:ond)?|spare\s+minute)\b
    | \b(?:here\s+and\s+there|now\s+and\s+then|on\s+and\s+off|in\s+between\s+(?:customers|jobs|clients))\b
    | \b[0-9]+\s*(?:more\s+|new\s+)?(?:posts?|stories|story|reels?|videos?|updates?|tweets?|photos?|pictures?|pics?|uploads?)\b
      (?:\s*(?:a|per|each|every|/|in\s+a)\s*(?:day|week|wk|month))?";

/// How often, said as a period alone: "every day", "daily", "every single day".
const BARE_FREQUENCY_PATTERN: &str = r"\bevery\s+(?:single\s+)?(?:day|morning|evening|night|weekday|week)\b|\b(?:everyday|daily|nightly|hourly|weekly|monthly|fortnightly)\b";

/// A time of day: "5pm", "9:30 am", "at 9", "9 to 5", "noon". A figure followed by a unit of
/// time or a count ("at 2 hours", "9-5 hours") is caught in `tail` and is not a time of day.
const CLOCK_TIME_PATTERN: &str = r"(?x)
    (?: \b[01]?[0-9](?::[0-5][0-9])?\s*(?:(?:am|pm)\b|a\.m\.|p\.m\.)
      | \b(?:at|around|by|from|after|before|until|till)\s+(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9])?(?:\s*o\s?clock\b)?
        (?:\s*(?:-|to|till|until)\s*[0-9]{1,2}(?::[0-5][0-9])?)?
      | \b[0-9]{1,2}\s*o\s?clock\b
      | \b(?:noon|midday|midnight|lunchtime)\b
      | \b(?:8|9|10)\s*(?:-|to)\s*(?:4|5|6)\b )
    (?P<tail>\s*(?:hours?|hrs?|h|minutes?|mins?|x|times?|days?)\b)?";

/// A duration once clock times are gone: a time unit, or a figure stuck to one ("1h30").
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:hours?|hrs?|h|minutes?|mins?)\b|[0-9](?:h|hrs?|mins?)\b|[0-9]h[0-9]|\b[0-9]+:[0-5][0-9]\b")
        .expect("DURATION compiles")
});

static COUNTED_FREQUENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(COUNTED_FREQUENCY_PATTERN).expect("COUNTED_FREQUENCY compiles"));
static BARE_FREQUENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(BARE_FREQUENCY_PATTERN).expect("BARE_FREQUENCY compiles"));
static CLOCK_TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(CLOCK_TIME_PATTERN).expect("CLOCK_TIME compiles"));

/// Any of how often or when, in one pass: most answers hold none.
static HOW_OFTEN_OR_WHEN: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([COUNTED_FREQUENCY_PATTERN, BARE_FREQUENCY_PATTERN, CLOCK_TIME_PATTERN])
        .expect("HOW_OFTEN_OR_WHEN compiles")
});

/// How often or at what time of day, where it stands for hours: a counted frequency always, a
/// bare one or a clock time when no duration is left beside it. Ok holds the text to read on,
/// with clock times cut out ("2 hours from 9" reads the 2 hours).
fn how_often_or_when(plain: String) -> Result<String, Unreadable> {
    let present = HOW_OFTEN_OR_WHEN.matches(&plain);
    if !present.matched_any() {
        return Ok(plain);
    }
    let found = |m: regex::Match| {
        m.as_str()
            .trim()
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_owned()
    };
    if let Some(m) = COUNTED_FREQUENCY.find(&plain) {
        return Err(Unreadable::HowOften { found: found(m) });
    }
    let clock = |caps: &regex::Captures| caps.name("tail").is_none();
    let rest = CLOCK_TIME
        .replace_all(&plain, |caps: &regex::Captures| {
            if clock(caps) {
                " ".to_owned()
            } else {
                caps[0].to_owned()
            }
        })
        .into_owned();
    if DURATION.is_match(&rest) {
        return Ok(rest);
    }
    let clock_time = CLOCK_TIME
        .captures_iter(&plain)
        .find(|caps| clock(caps))
        .and_then(|caps| caps.get(0));
    match (clock_time, BARE_FREQUENCY.find(&plain)) {
        (Some(m), _) => Err(Unreadable::TimeOfDay { found: found(m) }),
        (None, Some(m)) => Err(Unreadable::HowOften { found: found(m) }),
        (None, None) => Ok(rest),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Period {
    Day,
    Workday,
    Week,
    Month,
    Year,
}

fn hours_in(unit: Option<&str>) -> f64 {
    match unit {
        Some(u) if u.starts_with('m') => 1.0 / 60.0,
        _ => 1.0,
    }
}

/// The one period named; Err when two different ones are.
fn period(text: &str) -> Result<Option<Period>, Unreadable> {
    let mut found: Option<Period> = None;
    for caps in TIME_PERIOD.captures_iter(text) {
        let period = if caps.name("workday").is_some() {
            Period::Workday
        } else if caps.name("day").is_some() {
            Period::Day
        } else if caps.name("week").is_some() {
            Period::Week
        } else if caps.name("month").is_some() {
            Period::Month
        } else {
            Period::Year
        };
        found = match found {
            None => Some(period),
            // "2 hours a day on weekdays": a day and a working day agree on working days.
            Some(Period::Day | Period::Workday) if matches!(period, Period::Day | Period::Workday) => {
                Some(Period::Workday)
            }
            Some(earlier) if earlier == period => Some(period),
            Some(_) => return Err(Unreadable::NoTime),
        };
    }
    Ok(found)
}

/// "full time", "part time", "barely any", quarter hours and "none" rewritten as figures; a
/// rough one ("part time") notes its doubt.
fn said_in_words(plain: &str, doubt: &mut Option<Doubt>) -> String {
    let plain = FULL_TIME.replace_all(plain, " 40 hours a week ");
    if PART_TIME.is_match(&plain) || BARELY_ANY.is_match(&plain) {
        *doubt = Some(Doubt::Estimate);
    }
    let plain = PART_TIME.replace_all(&plain, " 20 hours a week ");
    let plain = BARELY_ANY.replace_all(&plain, " 1 hour a week ");
    let plain = QUARTER_HOUR.replace_all(&plain, |caps: &regex::Captures| {
        if caps.name("three").is_some() {
            " 0.75 hour "
        } else {
            " 0.25 hour "
        }
        .to_owned()
    });
    NO_TIME.replace_all(&plain, " 0 ").into_owned()
}

/// Days and parts of an hour (numbers already digits) rewritten as hours, with "N days a week"
/// noted in `days_a_week` and cut out; a day with no period notes its doubt. Two different
/// counts of days a week are [`Unreadable::NoTime`].
fn days_and_parts(plain: &str, doubt: &mut Option<Doubt>, days_a_week: &mut Option<f64>) -> Result<String, Unreadable> {
    if A_DAY_ALONE.is_match(plain) {
        *doubt = Some(Doubt::NoPeriod);
    }
    let plain = A_DAY_ALONE.replace_all(plain, " 8 hours ");
    let plain = ONE_DAY_A_WEEK.replace_all(&plain, " 1 $1 ");
    let plain = add_halves(&ONE_TIME_UNIT.replace_all(&plain, "1 $1"));
    let plain = HOURS_AND_MINUTES.replace_all(&plain, |caps: &regex::Captures| {
        let part = |k: usize| {
            [k, k + 2, k + 4]
                .iter()
                .find_map(|&g| caps.get(g))
                .and_then(|m| parse_digits(m.as_str()))
        };
        let (hours, minutes) = (part(1), part(2));
        match (hours, minutes) {
            (Some(h), Some(m)) => format!(" {} hours ", h + m / 60.0),
            _ => caps[0].to_owned(),
        }
    });
    for caps in DAYS_A_WEEK.captures_iter(&plain) {
        let days = caps
            .get(1)
            .and_then(|m| parse_digits(m.as_str()))
            .ok_or(Unreadable::NoTime)?;
        if days_a_week.is_some_and(|d| d != days) {
            return Err(Unreadable::NoTime);
        }
        *days_a_week = Some(days);
    }
    let plain = DAYS_A_WEEK.replace_all(&plain, " ");
    let plain = DAYS_WORKED.replace_all(&plain, |caps: &regex::Captures| {
        match caps.get(1).and_then(|m| parse_digits(m.as_str())) {
            Some(days) => format!(" {} hours ", days * WORKING_DAY),
            None => caps[0].to_owned(),
        }
    });
    Ok(plain.into_owned())
}

/// Reads time spent as hours per week. No period means per week. Two quantities that are not a
/// range ("2 hours, maybe 5") are refused as [`Unreadable::NoTime`], as are two periods; more
/// than 24 hours a day or 168 a week is [`Unreadable::TooManyHours`].
pub fn read_hours(text: &str) -> Result<Reading, Unreadable> {
    understand_hours(text).map(|u| u.reading)
}

/// Reads time spent, with the doubt that calls for a confirmation: a rough phrase ("part time")
/// or a day with no period.
/// One pass on purpose (about 100 lines): the text is rewritten step by step (spelled numbers,
/// days and parts of days, other units set aside, the period taken out), any step may refuse it,
/// and the order of those refusals is the reader's behaviour; pieces would hand the half-read
/// text and what was set aside from one to the next.
pub(super) fn understand_hours(text: &str) -> Result<Understood, Unreadable> {
    let text = super::prepare(text)?;
    if says_unsure(text) {
        return Ok(Understood::from(Reading::Unsure));
    }
    let mut doubt = None;
    let plain = normalise(text);
    let plain = if SAID_IN_WORDS.is_match(&plain) {
        said_in_words(&plain, &mut doubt)
    } else {
        plain
    };
    let plain = how_often_or_when(words_to_digits(&plain))?;
    let mut days_a_week = None;
    let plain = if DAYS_AND_PARTS.is_match(&plain) {
        days_and_parts(&plain, &mut doubt, &mut days_a_week)?
    } else {
        plain
    };
    let sorted = sort_units(&plain, &[Dimension::Hours]);
    if let Some(foreign) = sorted.foreign {
        return Err(refusal(foreign));
    }
    let set_aside = sorted.set_aside;
    let plain = sorted.text;
    let period = period(&plain)?;
    let plain = TIME_PERIOD.replace_all(&plain, " ");

    let mut quantities = TIME_QUANTITY.captures_iter(&plain);
    let Some(caps) = quantities.next() else {
        // "3 days a week" alone: working days.
        if let Some(days) = days_a_week.filter(|d| *d <= 7.0) {
            return Ok(Understood::doubted(Reading::hours(round2(days * WORKING_DAY)), doubt));
        }
        return Err(set_aside.map_or(Unreadable::NoTime, refusal));
    };
    if quantities.next().is_some() {
        return Err(Unreadable::NoTime);
    }
    let (ua, ub) = (caps.name("ua").map(|m| m.as_str()), caps.name("ub").map(|m| m.as_str()));
    // "an hour, maybe 90 min" is a range a person reads at once; "2 hours, maybe 5" gives two
    // figures and is asked again.
    if caps.name("hedge").is_some() && (ua.is_none() || ub.is_none()) {
        return Err(Unreadable::NoTime);
    }
    let a = caps
        .name("a")
        .and_then(|m| parse_digits(m.as_str()))
        .ok_or(Unreadable::NoTime)?
        * hours_in(ua.or(ub));
    let b = match caps.name("b") {
        Some(m) => parse_digits(m.as_str()).ok_or(Unreadable::NoTime)? * hours_in(ub.or(ua)),
        None => a,
    };
    let hours = (a + b) / 2.0;
    // "under 2 hours", "11 or more hours": a single figure said as a bound keeps it.
    let bound = if caps.name("b").is_none() {
        match bound_in(&plain, caps.name("plus").is_some()) {
            Bound::Both => return Err(Unreadable::NoTime),
            bound => bound,
        }
    } else {
        Bound::None
    };

    let per_week = match (period, days_a_week) {
        (Some(Period::Day | Period::Workday) | None, Some(days)) => {
            if hours.max(a).max(b) > 24.0 || days > 7.0 {
                return Err(Unreadable::TooManyHours);
            }
            hours * days
        }
        (Some(_), Some(_)) => return Err(Unreadable::NoTime),
        (Some(Period::Day), None) | (Some(Period::Workday), None) => {
            if hours.max(a).max(b) > 24.0 {
                return Err(Unreadable::TooManyHours);
            }
            hours * if period == Some(Period::Workday) { 5.0 } else { 7.0 }
        }
        (Some(Period::Week) | None, None) => hours,
        (Some(Period::Month), None) => hours * 12.0 / 52.0,
        (Some(Period::Year), None) => hours / 52.0,
    };
    if !per_week.is_finite() || per_week > 168.0 {
        return Err(Unreadable::TooManyHours);
    }
    // A range keeps its ends, per week, as the middle was converted.
    let reading = if a != b && hours > 0.0 {
        let per = per_week / hours;
        Reading::ranged(round2(a.min(b) * per), round2(a.max(b) * per), Reading::hours)
    } else {
        let figure = round2(per_week);
        let (min, max) = ends(bound, figure);
        Reading::Hours {
            hours_per_week: figure,
            min,
            max,
        }
    };
    // "3 hours" said no period: the week the question asks about is assumed, and confirmed.
    let doubt = match doubt {
        None if period.is_none() && days_a_week.is_none() && per_week > 0.0 => Some(Doubt::NoPeriod),
        doubt => doubt,
    };
    Ok(Understood::doubted(reading, doubt))
}
