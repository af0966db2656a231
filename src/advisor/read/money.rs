//! Amounts of money: symbols, codes and slang, ranges, bounds and periods.
//!
//! The text is worked on in stages, each a regex pass over the whole of it: zero words become
//! "0", spelled-out numbers become digits, digits and letters stuck together are spaced apart
//! ("500pm" → "500 pm"), periods are noted and cut out, currencies noted, and what remains must
//! hold one amount, or two that form a range. Anything else is refused as ambiguous rather than
//! guessed at.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{normalise, parse_digits, round2, words_to_digits};
use super::units::{refusal, sort_units, Dimension};
use super::unsure::says_unsure;
use super::{Doubt, Reading, Understood, Unreadable};

/// Ways of saying no money at all.
static ZERO_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:nothing(?: at all)?|none|nil|nada|zilch|no budget|no money|no spend|not a (?:penny|cent|dime|thing)|not anything|zero|(?:i\s+|we\s+)?(?:can'?t|cannot|can\s+not)\s+(?:really\s+|even\s+|currently\s+)?(?:afford|spare)(?:\s+(?:anything|it|any|a\s+thing))?|nothing\s+(?:to\s+)?spare|no\s+spare\s+(?:money|cash))\b",
    )
    .expect("ZERO_MONEY compiles")
});

/// A European amount: dots group thousands, a comma marks cents ("1.200", "1.200,50").
static EUROPEAN_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-9]{1,3}(?:\.[0-9]{3})+)(,[0-9]{1,2})?\b").expect("EUROPEAN_AMOUNT compiles"));

/// A euro sign or word right after an amount: the European way of writing it ("1.200 €").
static EURO_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:€|eur\b|euros?\b)").expect("EURO_AFTER compiles"));

/// Cents or pence: "50 cents" is half a dollar, not fifty.
static CENTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-9]+(?:\.[0-9]+)?)\s*(?:cents?|pence)\b").expect("CENTS compiles"));

/// How long someone will pay ("for 6 months", "over the next two years"): a duration, neither
/// an amount nor the period an amount is paid per.
static PAYMENT_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:for|over)\s+(?:the\s+(?:next|first)\s+)?[0-9]+(?:\.[0-9]+)?\s*(?:days?|weeks?|months?|years?)\b")
        .expect("PAYMENT_DURATION compiles")
});
/// A digit touching a letter, or a letter touching a digit: "500pm", "1.5k", "usd500".
static DIGIT_LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9])([a-z])").expect("DIGIT_LETTER compiles"));
static LETTER_DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([a-z])([0-9])").expect("LETTER_DIGIT compiles"));

/// How often an amount is paid, one named group per period.
static MONEY_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<month>\bmonthly\b | \bp\.?c\.?m\b\.? | \bp\.?m\b\.? | \bp/m\b | /\s*(?:month|mo|mth|m)\b
            | \b(?:(?:over|across|for|in)\s+)?(?:a|per|each|every|the|one|1)\s+(?:calendar\s+)?(?:month|mo|mth)\b)
        | (?P<year>\b(?:yearly|annually|annual|per\s+annum)\b | \bp\.?a\b\.? | \bp/a\b | /\s*(?:year|yr|y|annum)\b
            | \b(?:(?:over|across|for|in)\s+)?(?:a|per|each|every|the|one|1)\s+(?:year|yr)\b)
        | (?P<quarter>\bquarterly\b | /\s*(?:quarter|qtr|q)\b | \b(?:a|per|each|every|the)\s+(?:quarter|qtr)\b)
        | (?P<fortnight>\b(?:fortnightly|bi-?weekly)\b | \b(?:a|per|each|every)\s+fortnight\b | \bevery\s+2\s+weeks\b)
        | (?P<week>\bweekly\b | \bp/?w\b | /\s*(?:week|wk|w)\b | \b(?:a|per|each|every|one|1)\s+(?:week|wk)\b)
        | (?P<day>\bdaily\b | \bp/d\b | /\s*(?:day|d)\b | \b(?:a|per|each|every|one|1)\s+day\b | \bper\s+diem\b)
        ",
    )
    .expect("MONEY_PERIOD compiles")
});

/// A currency symbol, code or word. Prefixed dollars come first so "ca$" is Canadian.
static CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:us|au|nz|ca)\s?\$|\b(?:a|c)\$|\$|£|€|₹|\b(?:usd|eur|gbp|aud|cad|nzd|inr|dollars?|bucks?|euros?|pounds?|quid|sterling|rupees?)\b",
    )
    .expect("CURRENCY compiles")
});

/// One amount in digits, with its multiplier and a trailing plus ("1,500", "1.5 k", "2 grand", "1000+").
static MONEY_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:\s*(?P<mult>k|thousand|grand|m|mil|mill|million|mn|bn|billion|hundred)\b)?(?P<plus>\s*\+)?",
    )
    .expect("MONEY_AMOUNT compiles")
});

/// What a trailing plus adds when it is not "or more": "$500 + VAT" is 500 before tax.
static PLUS_EXTRAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:vat|tax|taxes|gst|hst|fees?|expenses|costs?|ad\s+spend|ads|extras?|commission)\b")
        .expect("PLUS_EXTRAS compiles")
});

/// Words that make a single amount a bound. One regex, longest wording first, so "no more than"
/// is read whole instead of finding "more than" inside it.
static MONEY_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:
        (?P<upper>(?:don'?t|do\s+not|won'?t|wouldn'?t|can'?t|cannot)\s+(?:want\s+to\s+|wish\s+to\s+|like\s+to\s+|be\s+able\s+to\s+)?
              (?:spend|pay|go|put\s+in)\s+(?:(?:any|much)\s+)?(?:more\s+than|over|above)
            | no\s+more\s+than | not\s+more\s+than | no\s+higher\s+than | not\s+over | not\s+exceeding
            | less\s+than | fewer\s+than | up\s*to | under | below | max(?:imum)? | at\s+(?:the\s+)?most
            | tops | or\s+less | or\s+under | or\s+below | or\s+lower | within | no\s+more)
        | (?P<lower>no\s+less\s+than | not\s+less\s+than | at\s+least | more\s+than | over | above | min(?:imum)?
            | upwards\s+of | in\s+excess\s+of | starting\s+(?:at|from) | or\s+more | or\s+over | or\s+above
            | or\s+higher | and\s+up(?:wards)? | and\s+above | plus)
        )\b",
    )
    .expect("MONEY_BOUND compiles")
});

/// Hedges that may sit between the two ends of a range ("500 or maybe 600").
static RANGE_HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:about|around|roughly|approximately|approx|maybe|perhaps|possibly|probably|say|like|somewhere)\b")
        .expect("RANGE_HEDGE compiles")
});

/// What may join the two ends of a range, once currencies and hedges are taken out.
static RANGE_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:-|~|to|and|or|til|till|until|through|thru|,?\s*(?:but|and)?\s*(?:no\s+more\s+than|not\s+more\s+than|under|less\s+than|below|max(?:imum)?|up\s*to|at\s+most))\s*\.?\s*$",
    )
    .expect("RANGE_JOINER compiles")
});

/// One amount found in the text.
#[derive(Debug, Clone, Copy)]
struct Amount {
    start: usize,
    end: usize,
    /// The digits as typed, before any multiplier.
    raw: f64,
    multiplier: Option<f64>,
    plus: bool,
}

impl Amount {
    fn value(&self) -> f64 {
        self.raw * self.multiplier.unwrap_or(1.0)
    }
}

fn multiplier(word: &str) -> f64 {
    match word {
        "hundred" => 1e2,
        "k" | "thousand" | "grand" => 1e3,
        "bn" | "billion" => 1e9,
        _ => 1e6,
    }
}

fn currency_code(token: &str) -> &'static str {
    let token = token.trim();
    if token.starts_with("us") || token == "$" || token.starts_with("dollar") || token.starts_with("buck") {
        "USD"
    } else if token.starts_with("au") || token == "a$" {
        "AUD"
    } else if token.starts_with("nz") {
        "NZD"
    } else if token.starts_with("ca") || token == "c$" {
        "CAD"
    } else if token == "€" || token.starts_with("eur") {
        "EUR"
    } else if token == "₹" || token == "inr" || token.starts_with("rupee") {
        "INR"
    } else {
        "GBP"
    }
}

/// The one period named, as a multiplier to per month; Err when two different ones are named.
fn period_per_month(text: &str) -> Result<Option<f64>, Unreadable> {
    let mut factors: Vec<f64> = Vec::new();
    for caps in MONEY_PERIOD.captures_iter(text) {
        let factor = if caps.name("month").is_some() {
            1.0
        } else if caps.name("year").is_some() {
            1.0 / 12.0
        } else if caps.name("quarter").is_some() {
            1.0 / 3.0
        } else if caps.name("fortnight").is_some() {
            26.0 / 12.0
        } else if caps.name("week").is_some() {
            52.0 / 12.0
        } else {
            365.0 / 12.0
        };
        if !factors.contains(&factor) {
            factors.push(factor);
        }
    }
    match factors.as_slice() {
        [] => Ok(None),
        [factor] => Ok(Some(*factor)),
        _ => Err(Unreadable::AmbiguousAmount),
    }
}

fn amounts(text: &str) -> Result<Vec<Amount>, Unreadable> {
    MONEY_AMOUNT
        .captures_iter(text)
        .map(|caps| {
            let whole = caps.get(0).ok_or(Unreadable::NoAmount)?;
            let raw = caps
                .name("num")
                .and_then(|m| parse_digits(m.as_str()))
                .ok_or(Unreadable::NoAmount)?;
            Ok(Amount {
                start: whole.start(),
                end: whole.end(),
                raw,
                multiplier: caps.name("mult").map(|m| multiplier(m.as_str())),
                plus: caps.name("plus").is_some() && !PLUS_EXTRAS.is_match(&text[whole.end()..]),
            })
        })
        .collect()
}

/// Whether the text between two amounts makes them the ends of one range.
fn joins_range(between: &str) -> bool {
    let without_currency = CURRENCY.replace_all(between, " ");
    let plain = RANGE_HEDGE.replace_all(&without_currency, " ");
    RANGE_JOINER.is_match(&plain)
}

/// Reads an amount of money. See the module notes for how; the reading's `amount` is the single
/// amount, a range's midpoint, or a bound ("under 300" → 300, with only `max` set). Amounts are
/// rounded to cents. Two different currencies or periods, or amounts that are not a range, are
/// [`Unreadable::AmbiguousAmount`]; no amount, or one too large to hold, [`Unreadable::NoAmount`].
pub fn read_money(text: &str) -> Result<Reading, Unreadable> {
    understand_money(text).map(|u| u.reading)
}

/// Rewrites European amounts as plain digits. Some(doubt) when one was found: sure when it has
/// cents after a comma, several groups, or a euro sign after it ("1.200 €"); in doubt otherwise
/// ("€1.200" may be €1.20).
fn european(plain: &str) -> (String, Option<Option<Doubt>>) {
    let mut found: Option<Option<Doubt>> = None;
    let out = EUROPEAN_AMOUNT.replace_all(plain, |caps: &regex::Captures| {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let groups = &caps[1];
        let cents = caps.get(2).map(|m| &m.as_str()[1..]);
        let sure = cents.is_some() || groups.matches('.').count() > 1 || EURO_AFTER.is_match(&plain[whole.end..]);
        let doubt = if sure { None } else { Some(Doubt::Separator) };
        found = Some(match found {
            Some(Some(d)) => Some(d),
            _ => doubt,
        });
        let digits: String = groups.chars().filter(|c| *c != '.').collect();
        match cents {
            Some(cents) => format!("{digits}.{cents}"),
            None => digits,
        }
    });
    (out.into_owned(), found)
}

/// Reads an amount of money, with the doubt that calls for a confirmation.
pub(super) fn understand_money(text: &str) -> Result<Understood, Unreadable> {
    let text = super::prepare(text)?;
    if says_unsure(text) {
        return Ok(Understood::from(Reading::Unsure));
    }
    let plain = normalise(text);
    let plain = ZERO_MONEY.replace_all(&plain, " 0 ");
    let plain = words_to_digits(&plain);
    let (plain, european) = european(&plain);
    let plain = CENTS.replace_all(&plain, |caps: &regex::Captures| match parse_digits(&caps[1]) {
        Some(cents) => format!("{}", cents / 100.0),
        None => caps[0].to_owned(),
    });
    let plain = DIGIT_LETTER.replace_all(&plain, "$1 $2");
    let plain = LETTER_DIGIT.replace_all(&plain, "$1 $2").into_owned();
    let sorted = sort_units(&plain, &[Dimension::Money]);
    if let Some(foreign) = sorted.foreign {
        return Err(refusal(foreign));
    }
    let set_aside = sorted.set_aside;
    let plain = PAYMENT_DURATION.replace_all(&sorted.text, " ").into_owned();
    match amount_of(&plain) {
        Ok(reading) => Ok(Understood::doubted(reading, european.flatten())),
        Err(Unreadable::NoAmount) if set_aside.is_some() => Err(set_aside.map_or(Unreadable::NoAmount, refusal)),
        Err(problem) => Err(problem),
    }
}

/// Reads the amount once the units of other kinds are gone.
fn amount_of(plain: &str) -> Result<Reading, Unreadable> {
    let per_month_factor = period_per_month(plain)?;
    let plain = MONEY_PERIOD.replace_all(plain, " ").into_owned();
    let currencies: HashSet<&str> = CURRENCY.find_iter(&plain).map(|m| currency_code(m.as_str())).collect();
    if currencies.len() > 1 {
        return Err(Unreadable::AmbiguousAmount);
    }
    let currency = currencies.into_iter().next().map(str::to_owned);

    let found = amounts(&plain)?;
    let (amount, min, max) = match found.as_slice() {
        [] => return Err(Unreadable::NoAmount),
        [one] => {
            let value = one.value();
            let mut upper = false;
            let mut lower = one.plus;
            for caps in MONEY_BOUND.captures_iter(&plain) {
                upper |= caps.name("upper").is_some();
                lower |= caps.name("lower").is_some();
            }
            match (lower, upper) {
                (true, true) => return Err(Unreadable::AmbiguousAmount),
                (true, false) => (value, Some(value), None),
                (false, true) => (value, None, Some(value)),
                (false, false) => (value, Some(value), Some(value)),
            }
        }
        [first, second] => {
            if !joins_range(&plain[first.end..second.start]) {
                return Err(Unreadable::AmbiguousAmount);
            }
            // "1-2k": a multiplier on the top end only also applies to the bottom, unless the
            // bottom is already the bigger number as typed ("500-2k").
            let mut first = *first;
            if first.multiplier.is_none() && first.raw <= second.raw {
                first.multiplier = second.multiplier;
            }
            let (a, b) = (first.value(), second.value());
            let (low, high) = (a.min(b), a.max(b));
            ((low + high) / 2.0, Some(low), Some(high))
        }
        _ => return Err(Unreadable::AmbiguousAmount),
    };
    let amount = round2(amount);
    let min = min.map(round2);
    let max = max.map(round2);
    let per_month = per_month_factor.map(|factor| round2(amount * factor));
    let all_finite = [Some(amount), min, max, per_month]
        .iter()
        .flatten()
        .all(|v| v.is_finite());
    if !all_finite {
        return Err(Unreadable::NoAmount);
    }
    Ok(Reading::Money {
        amount,
        min,
        max,
        currency,
        per_month,
    })
}
