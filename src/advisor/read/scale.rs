//! A 1–5 scale, from digits ("3", "3/5", "4 out of 5") or words ("poorly", "very well").

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::normalise;
use super::{prepare, Reading, Unreadable};

/// A number, optionally "out of 5" / "/5"; a decimal is rounded half up ("3.5" reads as 4).
static SCALE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<n>-?\d+(?:\.\d+)?)\s*(?:/\s*(?P<of>\d+)|out of\s*(?P<of2>\d+))?").expect("SCALE_NUMBER compiles")
});

/// Words for each point of the scale, the strongest phrases first so "not very well" is read
/// before "very well".
const SCALE_WORDS: &[(&str, u8)] = &[
    ("not at all", 1),
    ("not very well", 2),
    ("not very", 2),
    ("not well", 2),
    ("not great", 2),
    ("not much", 2),
    ("not really", 2),
    ("extremely well", 5),
    ("very well", 5),
    ("very much", 5),
    ("really well", 5),
    ("a lot", 5),
    ("pretty well", 4),
    ("pretty good", 4),
    ("pretty confident", 4),
    ("quite well", 4),
    ("fairly well", 4),
    ("so-so", 3),
    ("so so", 3),
    ("terrible", 1),
    ("terribly", 1),
    ("awful", 1),
    ("useless", 1),
    ("hardly", 1),
    ("nothing", 1),
    ("zero", 1),
    ("beginner", 1),
    ("novice", 1),
    ("none", 1),
    ("poorly", 2),
    ("poor", 2),
    ("badly", 2),
    ("bad", 2),
    ("weak", 2),
    ("little", 2),
    ("slightly", 2),
    ("okay", 3),
    ("ok", 3),
    ("average", 3),
    ("moderately", 3),
    ("moderate", 3),
    ("somewhat", 3),
    ("fair", 3),
    ("fine", 3),
    ("decent", 3),
    ("medium", 3),
    ("well", 4),
    ("good", 4),
    ("confident", 4),
    ("strong", 4),
    ("great", 5),
    ("excellent", 5),
    ("expert", 5),
    ("amazing", 5),
    ("perfect", 5),
    ("hugely", 5),
    ("everything", 5),
    ("crucial", 5),
    ("essential", 5),
];

pub fn read_scale(text: &str) -> Result<Reading, Unreadable> {
    let text = normalise(prepare(text)?);
    if let Some(captures) = SCALE_NUMBER.captures(&text) {
        let number: f64 = captures["n"].parse().map_err(|_| Unreadable::NotOnScale)?;
        let out_of: Option<f64> = captures
            .name("of")
            .or_else(|| captures.name("of2"))
            .and_then(|m| m.as_str().parse().ok());
        let value = match out_of {
            // "7/10" or "8 out of 10": rescaled to five points.
            Some(of) if of > 0.0 && of != 5.0 => number / of * 5.0,
            _ => number,
        };
        let rounded = (value + 0.5).floor();
        if !(1.0..=5.0).contains(&rounded) || number < 0.0 {
            return Err(Unreadable::OutOfScale);
        }
        return Ok(Reading::Scale { value: rounded as u8 });
    }
    let padded = format!(
        " {} ",
        text.replace(|c: char| c.is_ascii_punctuation() && c != '-', " ")
    );
    SCALE_WORDS
        .iter()
        .find(|(phrase, _)| padded.contains(&format!(" {phrase} ")))
        .map(|(_, value)| Reading::Scale { value: *value })
        .ok_or(Unreadable::NotOnScale)
}
