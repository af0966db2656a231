//! A 1–5 rating, typed as a digit or said in words.
//!
//! Typed digits are the direct answer to "from 1 to 5", so they win over rating words in the same
//! answer ("4 - pretty well"); rating words win over spelled-out numbers, because "one" is as
//! often a pronoun ("a good one") as a rating.
//!
//! Halves round up: "3.5" reads as 4, as do "3-4" and "3 or 4" (the midpoint of two neighbouring
//! ratings). A half-point either way barely moves the advice, and a re-ask for it would annoy more
//! than it helps. Ratings out of another total are stretched onto 1–5 ("7/10" → 3.67 → 4).

use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{normalise, parse_digits, scan_phrases, words, words_to_digits, PhraseTable};
use super::units::{refusal, sort_units, Dimension};
use super::{Reading, Unreadable};

/// "4 stars": the stars are the rating's own unit.
static STARS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9])\s*stars?\b").expect("STARS compiles"));

/// A rating in digits, with its total when one is given: "3", "3.5", "4/5", "4 out of 5", "8 of 10".
static RATING_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]+(?:\.[0-9]+)?)(?:\s*(?:/|out of|of)\s*([0-9]+(?:\.[0-9]+)?))?").expect("RATING_DIGITS compiles")
});

/// A minus sign before the first number: a rating below the scale, not a dash.
static NEGATIVE_RATING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:minus\s*|-\s*)[0-9]").expect("NEGATIVE_RATING compiles"));

/// Words that stand for a rating. Negated forms are listed whole so the longest match reads them.
pub(super) const PHRASES: &[(&str, u8)] = &[
    // 5
    ("very well", 5),
    ("really well", 5),
    ("extremely well", 5),
    ("excellent", 5),
    ("excellently", 5),
    ("great", 5),
    ("very good", 5),
    ("really good", 5),
    ("brilliant", 5),
    ("brilliantly", 5),
    ("amazing", 5),
    ("fantastic", 5),
    ("perfect", 5),
    ("perfectly", 5),
    ("a lot", 5),
    ("a great deal", 5),
    ("loads", 5),
    ("hugely", 5),
    ("massively", 5),
    ("enormously", 5),
    ("extremely", 5),
    ("very much", 5),
    ("so much", 5),
    ("expert", 5),
    ("an expert", 5),
    ("very confident", 5),
    ("extremely confident", 5),
    ("really confident", 5),
    ("completely", 5),
    ("totally", 5),
    ("essential", 5),
    ("crucial", 5),
    ("everything", 5),
    ("why they come", 5),
    ("its why they come", 5),
    // 4
    ("well", 4),
    ("good", 4),
    ("pretty well", 4),
    ("quite well", 4),
    ("fairly well", 4),
    ("rather well", 4),
    ("well enough", 4),
    ("pretty good", 4),
    ("quite good", 4),
    ("fairly good", 4),
    ("decent", 4),
    ("decently", 4),
    ("pretty confident", 4),
    ("quite confident", 4),
    ("fairly confident", 4),
    ("confident", 4),
    ("quite a bit", 4),
    ("quite a lot", 4),
    ("a fair bit", 4),
    ("a good deal", 4),
    ("mostly", 4),
    ("important", 4),
    ("quite important", 4),
    ("solid", 4),
    ("advanced", 4),
    ("experienced", 4),
    ("strong", 4),
    // 3
    ("okay", 3),
    ("ok", 3),
    ("okayish", 3),
    ("ok ish", 3),
    ("so so", 3),
    ("average", 3),
    ("moderately", 3),
    ("moderate", 3),
    ("somewhat", 3),
    ("fine", 3),
    ("alright", 3),
    ("all right", 3),
    ("middling", 3),
    ("medium", 3),
    ("fair", 3),
    ("fairly", 3),
    ("kind of", 3),
    ("kinda", 3),
    ("sort of", 3),
    ("sorta", 3),
    ("meh", 3),
    ("not bad", 3),
    ("intermediate", 3),
    ("some", 3),
    ("a bit", 3),
    ("neutral", 3),
    ("mixed", 3),
    ("in the middle", 3),
    ("reasonably", 3),
    ("reasonable", 3),
    // 2
    ("poorly", 2),
    ("badly", 2),
    ("not very", 2),
    ("not much", 2),
    ("not well", 2),
    ("not very well", 2),
    ("not that well", 2),
    ("not so well", 2),
    ("not too well", 2),
    ("not great", 2),
    ("not good", 2),
    ("not very good", 2),
    ("not that good", 2),
    ("not really", 2),
    ("a little", 2),
    ("not that much", 2),
    ("not too much", 2),
    ("not confident", 2),
    ("not very confident", 2),
    ("not so confident", 2),
    ("not important", 2),
    ("not very important", 2),
    ("weak", 2),
    ("bad", 2),
    ("poor", 2),
    ("little", 2),
    ("slightly", 2),
    ("could be better", 2),
    ("basic", 2),
    ("the basics", 2),
    ("basics", 2),
    ("limited", 2),
    ("doesnt work well", 2),
    ("not working well", 2),
    ("isnt working well", 2),
    // 1
    ("not at all", 1),
    ("terrible", 1),
    ("terribly", 1),
    ("awful", 1),
    ("awfully", 1),
    ("horrible", 1),
    ("horribly", 1),
    ("useless", 1),
    ("rubbish", 1),
    ("dismal", 1),
    ("disaster", 1),
    ("hardly", 1),
    ("hardly at all", 1),
    ("barely", 1),
    ("nothing", 1),
    ("none", 1),
    ("beginner", 1),
    ("a beginner", 1),
    ("total beginner", 1),
    ("complete beginner", 1),
    ("novice", 1),
    ("clueless", 1),
    ("no idea", 1),
    ("not at all confident", 1),
    ("not confident at all", 1),
    ("not well at all", 1),
    ("very poorly", 1),
    ("very badly", 1),
    ("really badly", 1),
    ("doesnt work", 1),
    ("not working", 1),
    ("isnt working", 1),
    ("no confidence", 1),
    ("doesnt matter", 1),
    ("not in the slightest", 1),
    ("non existent", 1),
    ("nonexistent", 1),
];

static RATING_WORDS: LazyLock<PhraseTable<u8>> = LazyLock::new(|| PhraseTable::new(PHRASES));

/// Words just before a rating word that turn it into something we cannot place ("not amazing").
const NEGATORS: [&str; 6] = ["not", "never", "isnt", "arent", "wasnt", "doesnt"];

/// A digit rating, stretched onto 1–5 when it is out of another total. Err when off the scale.
fn digit_rating(value: f64, total: Option<f64>) -> Result<f64, Unreadable> {
    let rating = match total {
        None => value,
        Some(5.0) => value,
        Some(total) if total >= 2.0 && value <= total => 1.0 + (value - 1.0) * 4.0 / (total - 1.0),
        Some(_) => return Err(Unreadable::OutOfScale),
    };
    if rating.is_finite() && (1.0..=5.0).contains(&rating) {
        Ok(rating)
    } else {
        Err(Unreadable::OutOfScale)
    }
}

/// The ratings written in digits in `text`.
fn digit_ratings(text: &str) -> Result<Vec<f64>, Unreadable> {
    let mut ratings = Vec::new();
    for caps in RATING_DIGITS.captures_iter(text) {
        let value = caps
            .get(1)
            .and_then(|m| parse_digits(m.as_str()))
            .ok_or(Unreadable::NotOnScale)?;
        let total = match caps.get(2) {
            Some(m) => Some(parse_digits(m.as_str()).ok_or(Unreadable::NotOnScale)?),
            None => None,
        };
        ratings.push(digit_rating(value, total)?);
    }
    Ok(ratings)
}

/// One rating from several: all the same, or two neighbours ("3 or 4") read as their midpoint.
fn settle(ratings: &[f64]) -> Result<Option<f64>, Unreadable> {
    let Some(&first) = ratings.first() else {
        return Ok(None);
    };
    let (low, high) = ratings
        .iter()
        .fold((first, first), |(lo, hi), &r| (lo.min(r), hi.max(r)));
    let distinct = ratings.iter().filter(|&&r| r != low && r != high).count() == 0;
    if high - low <= 1.0 && distinct {
        Ok(Some((low + high) / 2.0))
    } else {
        Err(Unreadable::NotOnScale)
    }
}

/// The rating the words in `text` stand for, if any; Err when they disagree or are negated.
fn word_rating(text: &str) -> Result<Option<f64>, Unreadable> {
    let words = words(text);
    let mut found = scan_phrases(&words, &RATING_WORDS);
    // "Well, not great": a leading "well" is a filler when something else follows it.
    if found.len() > 1 && found[0].start == 0 && found[0].len == 1 && words[0] == "well" {
        found.remove(0);
    }
    let mut ratings = Vec::with_capacity(found.len());
    for m in &found {
        let before = m.start.checked_sub(1).and_then(|k| words.get(k));
        if before.is_some_and(|w| NEGATORS.contains(&w.as_str())) {
            return Err(Unreadable::NotOnScale);
        }
        ratings.push(f64::from(m.value));
    }
    match ratings.first() {
        None => Ok(None),
        Some(&first) if ratings.iter().all(|&r| r == first) => Ok(Some(first)),
        Some(_) => Err(Unreadable::NotOnScale),
    }
}

/// Reads a 1–5 rating. Digits outside 1–5 are [`Unreadable::OutOfScale`]; no rating at all, or
/// ratings that disagree, are [`Unreadable::NotOnScale`].
pub fn read_scale(text: &str) -> Result<Reading, Unreadable> {
    let text = super::prepare(text)?;
    let plain = normalise(text);
    if NEGATIVE_RATING.is_match(&plain) {
        return Err(Unreadable::OutOfScale);
    }
    if let Some(foreign) = sort_units(&words_to_digits(&plain), &[Dimension::Rating]).foreign {
        // "not great, I only had one order": a rating in words beside a count is read from the
        // words (and confirmed, as the count is left unexplained); with no rating word, refused.
        return match word_rating(&plain) {
            Ok(Some(rating)) => Ok(Reading::Scale {
                value: (rating + 0.5).floor().clamp(1.0, 5.0) as u8,
            }),
            _ => Err(refusal(foreign)),
        };
    }
    let plain = STARS.replace_all(&plain, "$1").into_owned();
    let rating = match settle(&digit_ratings(&plain)?)? {
        Some(rating) => rating,
        None => match word_rating(&plain)? {
            Some(rating) => rating,
            None => settle(&digit_ratings(&words_to_digits(&plain))?)?.ok_or(Unreadable::NotOnScale)?,
        },
    };
    // Round half up; the rating is already within 1–5, so the cast cannot wrap.
    let value = (rating + 0.5).floor().clamp(1.0, 5.0) as u8;
    Ok(Reading::Scale { value })
}
