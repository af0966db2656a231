//! Bounds said in words on hours and numbers: "under 2 hours a week", "more than 5 years",
//! "11 or more", "6+". The convention is money's: an upper bound keeps `max` (and no `min`), a
//! lower bound keeps `min` (and no `max`), and the figure used for sums is the bound itself, so a
//! pick stores the range it names, the same reading as typing it.

use std::sync::LazyLock;

use regex::Regex;

/// Hedges that hold bound words but say "about" ("more or less 5"): cut out before bounds are
/// looked for, so they stay what they were, a plain figure.
static NOT_A_BOUND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bmore\s+or\s+less\b|\bgive\s+or\s+take\b").expect("NOT_A_BOUND compiles"));

/// Words that make a single figure a bound, longest wording first so "no more than" is read
/// whole instead of finding "more than" inside it. "over" and "above" count only before a
/// number ("over 10 hours", not "spread over the week"). Unlike money's, "min" is not here: in
/// hours it is minutes.
static BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:
        (?P<upper>(?:don'?t|do\s+not|won'?t|wouldn'?t|can'?t|cannot)\s+(?:want\s+to\s+|wish\s+to\s+|like\s+to\s+|be\s+able\s+to\s+)?
              (?:spend|give|put\s+in|do)\s+(?:(?:any|much)\s+)?(?:more|longer)\s+than
            | (?:no|not)\s+(?:more|longer|higher)\s+than | not\s+over | not\s+exceeding
            | less\s+than | fewer\s+than | shorter\s+than | up\s*to | under | below | max(?:imum)?
            | at\s+(?:the\s+)?most | tops | or\s+(?:less|fewer|under|below|shorter))\b
        | (?P<lower>(?:no|not)\s+(?:less|fewer|shorter)\s+than | at\s+least | more\s+than | longer\s+than
            | minimum | upwards\s+of | in\s+excess\s+of | or\s+(?:more|longer|over|above|higher)
            | and\s+(?:up(?:wards)?|above|over) | plus)\b
        | (?P<lower_before_number>over|above)\s+\.?[0-9]
        )",
    )
    .expect("BOUND compiles")
});

/// Which side a single figure is bounded on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    /// A plain figure ("3 hours"), or one only hedged ("about 3").
    None,
    /// "under 2", "up to 2": the figure is the most.
    Upper,
    /// "more than 5", "5 or more", "5+": the figure is the least.
    Lower,
    /// Both at once ("at least 2, at most 2"): not one bound, so not read.
    Both,
}

/// The bound `plain` (normalised, numbers as digits) puts on its one figure; `plus` is a "+"
/// typed after the figure ("6+").
pub(super) fn bound_in(plain: &str, plus: bool) -> Bound {
    let plain = NOT_A_BOUND.replace_all(plain, " ");
    let (mut upper, mut lower) = (false, plus);
    for caps in BOUND.captures_iter(&plain) {
        upper |= caps.name("upper").is_some();
        lower |= caps.name("lower").is_some() || caps.name("lower_before_number").is_some();
    }
    match (lower, upper) {
        (true, true) => Bound::Both,
        (true, false) => Bound::Lower,
        (false, true) => Bound::Upper,
        (false, false) => Bound::None,
    }
}

/// A single figure's ends as a reading keeps them: `(min, max)`.
pub(super) fn ends(bound: Bound, figure: f64) -> (Option<f64>, Option<f64>) {
    match bound {
        Bound::Upper => (None, Some(figure)),
        Bound::Lower => (Some(figure), None),
        Bound::None | Bound::Both => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_words_name_their_side_and_hedges_are_not_bounds() {
        assert_eq!(bound_in("under 2 hours a week", false), Bound::Upper);
        assert_eq!(bound_in("no more than 3", false), Bound::Upper);
        assert_eq!(bound_in("i don't want to spend more than 2 hours", false), Bound::Upper);
        assert_eq!(bound_in("11 or more hours a week", false), Bound::Lower);
        assert_eq!(bound_in("over 10 years", false), Bound::Lower);
        assert_eq!(bound_in("6 hours", true), Bound::Lower);
        assert_eq!(bound_in("2 hours spread over the week", false), Bound::None);
        assert_eq!(bound_in("more or less 5", false), Bound::None);
        assert_eq!(bound_in("about 5", false), Bound::None);
        assert_eq!(bound_in("at least 2 but at most 3", false), Bound::Both);
    }
}
