//! "No idea", "not sure", "haven't decided": an answer of its own to a number, money or hours
//! question, stored as [`Reading::Unsure`] so the owner is not asked again and again.

use std::sync::LazyLock;

use super::normalise::{normalise, scan_phrases, words, words_to_digits, PhraseTable};

/// The ways of saying "I don't know" to a question that wants a figure.
pub(crate) const UNSURE_PHRASES: &[&str] = &[
    "no idea",
    "no idea yet",
    "not sure",
    "not sure yet",
    "im not sure",
    "unsure",
    "dont know",
    "do not know",
    "dont know yet",
    "i dont know",
    "dunno",
    "idk",
    "no clue",
    "not a clue",
    "havent a clue",
    "havent decided",
    "have not decided",
    "havent decided yet",
    "not decided",
    "not decided yet",
    "undecided",
    "cant say",
    "hard to say",
    "no notion",
    "beats me",
    "who knows",
    "not certain",
    "havent thought about it",
    "havent worked it out",
    "to be decided",
    "tbd",
    "tbc",
];

static UNSURE_TABLE: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    let entries: Vec<(&str, ())> = UNSURE_PHRASES.iter().map(|p| (*p, ())).collect();
    PhraseTable::new(&entries)
});

/// True when the answer says it does not know and gives no figure at all: "not sure, maybe 500"
/// is read as 500, not as unsure.
pub(super) fn says_unsure(text: &str) -> bool {
    // Digits typed are a figure; checked first, as most answers have them and this is free.
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if words_to_digits(&normalise(text)).bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words = words(text);
    if words.len() > 12 {
        return false;
    }
    !scan_phrases(&words, &UNSURE_TABLE).is_empty()
}

#[cfg(test)]
mod tests {
    use super::says_unsure;

    #[test]
    fn unsure_needs_a_hedge_and_no_figure() {
        assert!(says_unsure("No idea"));
        assert!(says_unsure("haven't decided yet"));
        assert!(says_unsure("honestly not sure"));
        assert!(!says_unsure("not sure, maybe 500"));
        assert!(!says_unsure("about 500"));
        assert!(!says_unsure("not sure, maybe five hundred"));
    }
}
