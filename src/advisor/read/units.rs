//! The units every reader knows, whatever its own kind: a number tied to one of them says what
//! kind of quantity it is, so "40 quid" is never read as 40 years nor "6 months" as $6.
//!
//! Each reader says which [`Dimension`]s it reads; a number tied to any other is refused with
//! [`super::Unreadable::OtherUnit`], naming what was understood. A unit after "for", "over" or
//! "during" only qualifies the answer ("$2,000 a month for 6 months") and is set aside.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

/// What kind of quantity a number with a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Dollars, quid, euros, "5 grand".
    Money,
    /// Time spent: hours and minutes.
    Hours,
    /// A length of time: days, weeks, months, years.
    Span,
    /// Things counted: followers, customers, staff.
    Count,
    /// "4 out of 5", "3/5", "4 stars".
    Rating,
    /// "100%", "50 percent".
    Percent,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Money,
        Dimension::Hours,
        Dimension::Span,
        Dimension::Count,
        Dimension::Rating,
        Dimension::Percent,
    ];

    /// The key of its words in prompts/messages.toml (`dimension.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Money => "money",
            Dimension::Hours => "hours",
            Dimension::Span => "span",
            Dimension::Count => "count",
            Dimension::Rating => "rating",
            Dimension::Percent => "percent",
        }
    }
}

/// Currency words that may follow a number. Symbols are matched on their own.
pub const MONEY_WORDS: &[&str] = &[
    "dollars", "dollar", "bucks", "buck", "quid", "pounds", "pound", "euros", "euro", "usd", "eur", "gbp", "aud",
    "cad", "nzd", "inr", "rupees", "rupee", "grand", "sterling", "cents", "pence",
];

/// Units of time spent.
pub const HOURS_WORDS: &[&str] = &[
    "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min", "seconds",
];

/// Units of a length of time.
pub const SPAN_WORDS: &[&str] = &[
    "days",
    "day",
    "weeks",
    "week",
    "wks",
    "wk",
    "months",
    "month",
    "mos",
    "mths",
    "mth",
    "years",
    "year",
    "yrs",
    "yr",
    "decades",
    "decade",
    "fortnights",
    "fortnight",
];

/// Things a business counts.
pub const COUNT_WORDS: &[&str] = &[
    "followers",
    "follower",
    "customers",
    "customer",
    "clients",
    "client",
    "patients",
    "patient",
    "staff",
    "employees",
    "employee",
    "people",
    "persons",
    "person",
    "sales",
    "sale",
    "leads",
    "lead",
    "posts",
    "post",
    "orders",
    "order",
    "bookings",
    "booking",
    "appointments",
    "enquiries",
    "inquiries",
    "likes",
    "subscribers",
    "members",
    "fans",
    "workers",
    "students",
    "guests",
    "visitors",
    "calls",
    "views",
];

/// Rating words after a number ("4 stars").
pub const RATING_WORDS: &[&str] = &["stars", "star"];

/// Percent words after a number.
pub const PERCENT_WORDS: &[&str] = &["percent", "per cent", "pc"];

/// Words that make a number a count of things for the failure point's metric.
pub(super) fn metric_of(word: &str) -> Option<super::Metric> {
    use super::Metric;
    match word {
        "followers" | "follower" | "likes" | "subscribers" | "fans" | "views" => Some(Metric::Followers),
        "leads" | "lead" | "enquiries" | "inquiries" | "calls" => Some(Metric::Leads),
        "sales" | "sale" | "customers" | "customer" | "clients" | "client" | "patients" | "patient" | "orders"
        | "order" | "bookings" | "booking" | "appointments" | "students" | "guests" | "members" => Some(Metric::Sales),
        _ => None,
    }
}

fn alternation(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    // Spaces inside a phrase ("per cent") must survive the verbose pattern they go into.
    sorted
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// The number-and-unit pattern of each dimension, in the order [`NUMBER_WITH_UNIT`] tries them
/// (a rating's "4/5 stars" before a bare number's unit).
static DIMENSION_PATTERNS: LazyLock<[(Dimension, String); 6]> = LazyLock::new(|| {
    let number = r"(?:[0-9]+(?:[.,][0-9]+)*|\.[0-9]+)(?:\s*(?:k|thousand|million|hundred|mil|m|bn))?";
    let adjective = r"(?:\s*(?:new|more|extra|paying|regular|full|part|working|work|monthly|weekly|qualified|real|solid|happy|loyal)\b)*";
    let (rating, percent, money) = (
        alternation(RATING_WORDS),
        alternation(PERCENT_WORDS),
        alternation(MONEY_WORDS),
    );
    let (hours, span, count) = (
        alternation(HOURS_WORDS),
        alternation(SPAN_WORDS),
        alternation(COUNT_WORDS),
    );
    [
        (
            Dimension::Rating,
            format!(
                r"{number}\s*(?:/|out\s+of)\s*[0-9]+(?:\.[0-9]+)?\b(?:\s*(?:{rating}))? | {number}\s*(?:{rating})\b"
            ),
        ),
        (Dimension::Percent, format!(r"{number}\s*(?:%|(?:{percent})\b)")),
        (
            Dimension::Money,
            format!(r"(?:[$£€₹]|\b(?:us|au|nz|ca|a|c)\$)\s*{number} | {number}\s*(?:[$£€₹] | (?:{money})\b)"),
        ),
        (Dimension::Hours, format!(r"{number}\s*(?:{hours})\b")),
        (Dimension::Span, format!(r"{number}\s*(?:{span})\b")),
        (Dimension::Count, format!(r"{number}{adjective}\s*(?:{count})\b")),
    ]
});

/// A number with the unit it is tied to, one named group per dimension. A qualifier word before
/// it ("for 6 months") is captured so readers can set it aside.
static NUMBER_WITH_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    let groups = DIMENSION_PATTERNS
        .iter()
        .map(|(dimension, pattern)| format!("(?P<{}>{pattern})", dimension.id()))
        .collect::<Vec<_>>()
        .join("\n          | ");
    let pattern = format!(
        r"(?x)
        (?P<qualifier>\b(?:for|over|across|during|within|lasting|in\s+the\s+(?:next|first)|the\s+(?:next|first))\s+)?
        (?:
            {groups}
        )"
    );
    Regex::new(&pattern).expect("NUMBER_WITH_UNIT compiles")
});

/// Which dimensions have a number with their unit anywhere in a text, in one pass and without
/// captures: most answers hold units of their own kind only, and need no more than this.
/// Every unit [`NUMBER_WITH_UNIT`] finds is a match of its dimension's pattern here, as the
/// same pattern on the same text, so a dimension this does not report cannot be found there.
static UNITS_PRESENT: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(DIMENSION_PATTERNS.iter().map(|(_, pattern)| format!("(?x){pattern}")))
        .expect("UNITS_PRESENT compiles")
});

/// One number tied to a unit.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tied {
    pub dimension: Dimension,
    /// Byte range of the number and unit (not the qualifier).
    pub start: usize,
    pub end: usize,
    /// The number and unit as found, for the reply.
    pub text: String,
    /// Whether a qualifier ("for", "over") stands before it.
    pub qualifier: bool,
}

/// Every number tied to a unit in `plain` (normalised text, word numbers already digits).
pub(super) fn tied_units(plain: &str) -> Vec<Tied> {
    NUMBER_WITH_UNIT
        .captures_iter(plain)
        .filter_map(|caps| {
            let (dimension, m) = DIMENSION_PATTERNS
                .iter()
                .find_map(|(d, _)| caps.name(d.id()).map(|m| (*d, m)))?;
            Some(Tied {
                dimension,
                start: m.start(),
                end: m.end(),
                text: m.as_str().trim().to_owned(),
                qualifier: caps.name("qualifier").is_some(),
            })
        })
        .collect()
}

/// What a reader does with the units found: the first unit of a dimension it does not read,
/// unless only a qualifier; and the text with qualifiers of other dimensions cut out.
pub(super) struct Sorted {
    pub foreign: Option<Tied>,
    /// A qualifier of another dimension that was set aside, named if nothing else is read.
    pub set_aside: Option<Tied>,
    pub text: String,
}

/// Sorts the units in `plain` for a reader of `reads`.
pub(super) fn sort_units(plain: &str, reads: &[Dimension]) -> Sorted {
    let present = UNITS_PRESENT.matches(plain);
    if present.iter().all(|i| reads.contains(&DIMENSION_PATTERNS[i].0)) {
        // Units of the reader's own kinds only (or none): nothing to refuse or set aside.
        return Sorted {
            foreign: None,
            set_aside: None,
            text: plain.to_owned(),
        };
    }
    let mut foreign = None;
    let mut set_aside = None;
    let mut text = String::with_capacity(plain.len());
    let mut copied = 0;
    for tied in tied_units(plain) {
        if reads.contains(&tied.dimension) {
            continue;
        }
        if tied.qualifier {
            text.push_str(&plain[copied..tied.start]);
            text.push(' ');
            copied = tied.end;
            set_aside.get_or_insert(tied);
        } else if foreign.is_none() {
            foreign = Some(tied);
        }
    }
    text.push_str(&plain[copied..]);
    Sorted {
        foreign,
        set_aside,
        text,
    }
}

/// The refusal for a unit of another dimension.
pub(super) fn refusal(tied: Tied) -> super::Unreadable {
    super::Unreadable::OtherUnit {
        dimension: tied.dimension,
        found: tied.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_name_their_dimension() {
        let dims = |t: &str| tied_units(t).iter().map(|u| u.dimension).collect::<Vec<_>>();
        assert_eq!(dims("about 40 quid"), vec![Dimension::Money]);
        assert_eq!(dims("give it 6 months"), vec![Dimension::Span]);
        assert_eq!(dims("3 hours a week"), vec![Dimension::Hours]);
        assert_eq!(dims("3 employees"), vec![Dimension::Count]);
        assert_eq!(dims("4 out of 5"), vec![Dimension::Rating]);
        assert_eq!(dims("100%"), vec![Dimension::Percent]);
        assert_eq!(dims("$500"), vec![Dimension::Money]);
        assert_eq!(dims("under 20 new patients"), vec![Dimension::Count]);
        let sorted = sort_units("$2,000 a month for 6 months", &[Dimension::Money]);
        assert!(sorted.foreign.is_none());
        assert_eq!(sorted.set_aside.map(|t| t.text), Some("6 months".to_owned()));
    }
}
