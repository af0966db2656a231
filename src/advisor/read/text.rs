//! Free text, refusing the non-answers ("everybody", "no idea") the articles warn about.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::normalise::words;
use super::{Reading, Unreadable};

/// Words that make an answer vague when it is made of nothing else: "everybody", "no idea".
/// At least one of these must be present for an answer to count as vague.
static VAGUE_CORE: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from([
        "everybody",
        "everyone",
        "anyone",
        "anybody",
        "all",
        "people",
        "public",
        "whoever",
        "whomever",
        "idea",
        "idk",
        "know",
        "sure",
        "unsure",
        "dunno",
        "folks",
        "nobody",
        "none",
        "whatever",
        "anything",
        "everything",
        "humans",
        "persons",
        "world",
        "masses",
        "na",
        "n",
    ])
});

/// Words that may sit beside a vague core without making the answer a real description:
/// articles, fillers and hedges ("pretty much everybody", "all kinds of people").
static VAGUE_FILLER: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    HashSet::from([
        "the",
        "a",
        "an",
        "general",
        "no",
        "not",
        "dont",
        "i",
        "im",
        "we",
        "really",
        "just",
        "pretty",
        "much",
        "basically",
        "honestly",
        "literally",
        "probably",
        "guess",
        "think",
        "well",
        "um",
        "uh",
        "er",
        "erm",
        "hmm",
        "like",
        "kinds",
        "kind",
        "sorts",
        "sort",
        "types",
        "type",
        "of",
        "every",
        "any",
        "one",
        "and",
        "or",
        "whole",
        "entire",
        "in",
        "at",
        "anyone",
        "yet",
        "sure",
        "quite",
        "totally",
        "absolutely",
        "mostly",
        "generally",
        "everyone",
        "ages",
        "person",
        "out",
        "there",
        "is",
        "it",
        "s",
        "could",
        "be",
        "would",
        "lol",
        "haha",
        "ok",
        "so",
        "can",
        "who",
        "wants",
        "want",
        "you",
        "name",
        "its",
        "do",
        "to",
        "with",
        "money",
    ])
});

/// Reads a free-text answer, keeping it as typed (trimmed). Answers whose words are only a vague
/// term and filler are [`Unreadable::Vague`]; a real description that mentions "everyone" in
/// passing is kept.
pub fn read_text(text: &str) -> Result<Reading, Unreadable> {
    let text = super::prepare(text)?;
    let words = words(text);
    let has_core = words.iter().any(|w| VAGUE_CORE.contains(w.as_str()));
    let only_vague = words
        .iter()
        .all(|w| VAGUE_CORE.contains(w.as_str()) || VAGUE_FILLER.contains(w.as_str()));
    if words.is_empty() || (has_core && only_vague) {
        return Err(Unreadable::Vague);
    }
    Ok(Reading::Text { text: text.to_owned() })
}
