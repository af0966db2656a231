//! Free text, for the prime customer. "Everybody" and its kin are the answer the articles call no
//! answer at all, so they are refused rather than stored.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::normalise;
use super::{prepare, Reading, Unreadable};

/// An answer that is, once filler is set aside, only "everybody" or a don't-know.
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)^
        (?: pretty\s+much | basically | just | literally | honestly | well | um+ | uh+ | i\s+guess | really | oh | ,|\s )*
        (?: everybody | everyone | every\s+one | anyone | anybody | any\s+one | all | all\s+people | all\s+of\s+them
          | people | all\s+kinds\s+of\s+people | all\s+sorts\s+of\s+people | all\s+types\s+of\s+people | the\s+public
          | the\s+general\s+public | general\s+public | whoever | whoever\s+buys | the\s+whole\s+world | the\s+world
          | customers | any\s+customer | all\s+customers | everyone\s+who\s+buys | no\s+idea | idk | i\s+don'?t\s+know
          | don'?t\s+know | dunno | not\s+sure | unsure | n/?a | none | nobody\s+in\s+particular | anyone\s+really
          | people\s+in\s+general | everyone\s+really | everybody\s+really | anyone\s+who\s+will\s+buy )
        (?: \s+ really | \s+ i\s+guess | \s+ basically | \s+ tbh | \s+ honestly )*
        [\s.!?]*$").expect("VAGUE compiles")
});

pub fn read_text(text: &str) -> Result<Reading, Unreadable> {
    let text = prepare(text)?;
    if VAGUE.is_match(&normalise(text)) {
        return Err(Unreadable::Vague);
    }
    Ok(Reading::Text { text: text.to_owned() })
}
