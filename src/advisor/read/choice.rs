//! Choices by number, by label, by id or by alias, one or several at once ("1, 3 and posting").

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::normalise;
use super::{prepare, Reading, Unreadable};
use crate::advisor::content::Choice;

/// Words that pick every choice.
static ALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:all|all of them|all of the above|everything|every one|the lot|all the above)$")
        .expect("ALL compiles")
});

/// Words that may stand between choice numbers.
const FILLER: &[&str] = &[
    "and", "or", "plus", "option", "options", "number", "numbers", "choice", "choices", "both", "the",
];

/// Lowercases and turns punctuation into spaces, padding with spaces so phrases can be found as
/// whole words with a plain substring search.
fn words_of(text: &str) -> String {
    let cleaned: String = normalise(text)
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '\'' { c } else { ' ' })
        .collect();
    format!(" {} ", cleaned.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Reads picks from the listed `choices`; `many` allows several.
pub fn read_choices(text: &str, choices: &[Choice], many: bool) -> Result<Reading, Unreadable> {
    let text = prepare(text)?;
    let lowered = normalise(text);
    let trimmed = lowered.trim().trim_end_matches(['.', '!']);
    let mut picked = vec![false; choices.len()];

    if many && ALL.is_match(trimmed) {
        return Ok(Reading::Choices {
            picks: choices.iter().map(|c| c.id.clone()).collect(),
        });
    }

    let mut words = words_of(text);
    // Phrases, longest first, so "not sure" is taken before "sure" and "same day" before "day".
    let mut phrases: Vec<(String, usize)> = choices
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            std::iter::once(c.label.as_str())
                .chain(std::iter::once(c.id.as_str()))
                .chain(c.aliases.iter().map(String::as_str))
                .map(move |p| (words_of(&p.replace('_', " ")).trim().to_owned(), i))
        })
        .filter(|(p, _)| !p.is_empty())
        .collect();
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    for (phrase, index) in &phrases {
        let needle = format!(" {phrase} ");
        if words.contains(&needle) {
            picked[*index] = true;
            // Taken words can't match again: "day" in "same day" must not also pick "days".
            words = words.replace(&needle, " | ");
        }
    }

    // Numbers pick choices only when nothing but numbers and joining words is left once the
    // phrases are taken: "1, 3 and posting" picks three, but "within 5 minutes" is not choice 5.
    let only_numbers_left = words
        .split_whitespace()
        .all(|w| w == "|" || w.trim_start_matches('#').parse::<usize>().is_ok() || FILLER.contains(&w));
    let numbers: Vec<usize> = if only_numbers_left {
        words.split_whitespace().filter_map(|w| w.parse().ok()).collect()
    } else {
        Vec::new()
    };
    for number in numbers {
        match number.checked_sub(1).filter(|i| *i < choices.len()) {
            Some(i) => picked[i] = true,
            None => return Err(Unreadable::NoSuchChoice),
        }
    }

    let picks: Vec<String> = choices
        .iter()
        .zip(&picked)
        .filter(|(_, p)| **p)
        .map(|(c, _)| c.id.clone())
        .collect();
    match picks.len() {
        0 => Err(Unreadable::NoChoice),
        1 => Ok(Reading::Choices { picks }),
        _ if many => Ok(Reading::Choices { picks }),
        _ => Err(Unreadable::OneChoiceOnly),
    }
}
