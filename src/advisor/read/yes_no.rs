//! yes / no / unsure, with the synonyms and hedges people use.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::normalise;
use super::{prepare, Reading, Unreadable, YesNo};

/// Hedges and don't-knows. Checked first: "not sure" and "kind of" must not read as yes or no.
static UNSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(maybe|perhaps|possibly|kind of|kinda|sort of|sorta|idk|i don'?t know|dunno|don'?t know|not sure|unsure|no idea|hard to say|depends|it depends|somewhat|partly|50/50|not certain|uncertain|can'?t say|mixed|eh|meh|hmm+|some ?what)\b")
        .expect("UNSURE compiles")
});

/// Negative answers, including the negated forms of yes ("not really", "probably not").
static NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(no|nope|nah|nay|n|never|not really|not at all|probably not|definitely not|certainly not|absolutely not|of course not|no way|not much|hardly|none|negative|i doubt it|doubt it|don'?t think so|do not think so|wouldn'?t|won'?t|doesn'?t|don'?t|isn'?t|not)\b")
        .expect("NO compiles")
});

/// Positive answers.
static YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(yes|y|yep|yup|yeah|yea|ya|aye|sure|surely|definitely|absolutely|certainly|of course|ok|okay|correct|right|true|indeed|i think so|i guess so|probably|likely|totally|for sure|100%|positive|affirmative|i do|we do|it would|it does|it will|it can|it could|they do|we would)\b")
        .expect("YES compiles")
});

pub fn read_yes_no(text: &str) -> Result<Reading, Unreadable> {
    let text = normalise(prepare(text)?);
    let text = text.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    let value = if UNSURE.is_match(text) {
        YesNo::Unsure
    } else if NO.is_match(text) {
        YesNo::No
    } else if YES.is_match(text) || text == "👍" {
        YesNo::Yes
    } else if text == "👎" {
        YesNo::No
    } else {
        return Err(Unreadable::NotYesNo);
    };
    Ok(Reading::YesNo { value })
}
