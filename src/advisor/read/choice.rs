//! Picking from a question's listed choices: by number, id, label, label word or alias.
//!
//! The table of phrases is built from the question's choices (a handful of choices, a few dozen
//! words), once a question ([`ChoiceTables`]), then the answer is read left to right, longest
//! phrase first, so "within the hour" is one pick and "not at all" is the alias it is rather than
//! a "not" followed by "all".

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{normalise, words_to_digits};
use super::question::Choice;
use super::{Reading, Unreadable};

/// The pieces of an answer: numbers, words, list punctuation and sentence punctuation. Anything
/// else (`#`, quotes, emoji) only separates.
static CHOICE_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)?|[\p{L}\p{N}]+|[,&+/]|[.;!?:]|-").expect("CHOICE_TOKEN compiles"));

/// Phrases that pick every choice, where several may be picked.
const ALL_PHRASES: [&str; 18] = [
    "all",
    "all of them",
    "all of it",
    "all of these",
    "all of those",
    "all those",
    "all these",
    "all of the above",
    "all the above",
    "all above",
    "everything",
    "every one",
    "each one",
    "the lot",
    "the whole lot",
    "all options",
    "all the options",
    "all of the options",
];

/// Whole answers that pick nothing, where several may be picked: "none", "no thanks".
const NO_PICKS: [&str; 16] = [
    "none",
    "nothing",
    "no thanks",
    "no thank you",
    "none of them",
    "none of these",
    "none of those",
    "none of the above",
    "nothing thanks",
    "nothing at all",
    "none thanks",
    "no",
    "nope",
    "neither",
    "not any",
    "none really",
];

/// Words that leave the choices after them out: "everything except design", "not posting".
const NEGATORS: [&str; 8] = ["not", "no", "except", "excluding", "without", "dont", "doesnt", "never"];

/// Negations after what they govern: "followers and likes don't equal sales" leaves out the
/// picks of its clause before it, and what follows is wanted again.
const AFTER_NEGATORS: [&str; 8] = ["dont", "doesnt", "isnt", "arent", "wont", "didnt", "cant", "aint"];

/// Two-word negators, checked before the one-word list.
const NEGATOR_PAIRS: [(&str, &str); 3] = [("apart", "from"), ("other", "than"), ("but", "not")];

/// Words that carry a list on without ending a "not …" ("except design and reporting").
const LIST_WORDS: [&str; 12] = [
    "and", "or", "nor", "plus", "also", "too", "the", "any", "of", "either", "as", "well",
];

/// Words that end a "not …": what follows is wanted again ("not design, but posting").
const TURN_WORDS: [&str; 6] = ["but", "however", "though", "although", "only", "just"];

/// Words after a number that make it a quantity ("within 10 minutes"), not a choice number.
const QUANTITY_UNITS: [&str; 22] = [
    "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day", "days", "week", "weeks", "wk",
    "month", "months", "year", "years", "second", "seconds", "percent", "pm",
];

/// Label words too common to pick a choice by themselves.
const LABEL_STOPWORDS: [&str; 46] = [
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "it", "its", "i", "we", "my", "our",
    "your", "you", "can", "do", "dont", "is", "are", "be", "more", "less", "same", "within", "back", "yet", "know",
    "up", "at", "all", "from", "into", "me", "us", "them", "working", "setting", "help", "like", "want",
];

/// Words that may stand beside numbers in an answer made only of numbers ("option two and four").
const NUMBER_COMPANIONS: [&str; 12] = [
    "and", "or", "option", "options", "number", "numbers", "choice", "choices", "the", "to", "through", "both",
];

/// How long a "not" waits for the choice it negates ("I don't really need any design").
const NEGATION_REACH: u8 = 3;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(String),
    Dash,
    /// `,` `&` `+` `/`: a list goes on.
    Joiner,
    /// `.` `;` `!` `?` `:`: a new thought.
    Break,
}

impl Token {
    fn text(&self) -> Option<&str> {
        match self {
            Token::Word(w) | Token::Number(w) => Some(w),
            _ => None,
        }
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w == word)
    }
}

/// The tokens of `text`. A dash stays only between two numbers, where it makes a range ("2-4");
/// elsewhere it joins words ("set-up") and is dropped so phrases match across it.
fn tokens(text: &str) -> Vec<Token> {
    let all: Vec<Token> = CHOICE_TOKEN
        .find_iter(text)
        .map(|m| {
            let t = m.as_str();
            match t {
                "-" => Token::Dash,
                "," | "&" | "+" | "/" => Token::Joiner,
                "." | ";" | "!" | "?" | ":" => Token::Break,
                _ if t.starts_with(|c: char| c.is_ascii_digit()) => Token::Number(t.to_owned()),
                _ => Token::Word(t.to_owned()),
            }
        })
        .collect();
    let number = |k: Option<usize>| {
        k.and_then(|k| all.get(k))
            .is_some_and(|t| matches!(t, Token::Number(_)))
    };
    all.iter()
        .enumerate()
        .filter(|&(k, t)| *t != Token::Dash || (number(k.checked_sub(1)) && number(Some(k + 1))))
        .map(|(_, t)| t.clone())
        .collect()
}

/// The words of a label, alias or id, as the choice reader keys them: what `check` compares
/// when it looks for an alias two choices share.
pub(crate) fn phrase_words(text: &str) -> String {
    phrase_key(text)
}

/// The words of a label, alias or id, as the table keys them.
fn phrase_key(text: &str) -> String {
    let plain = normalise(&text.replace('_', " ")).replace('\'', "");
    tokens(&plain)
        .iter()
        .filter_map(Token::text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq)]
enum Target {
    Picks(Vec<usize>),
    All,
}

/// Every phrase that picks something, from this question's choices.
#[derive(Debug)]
struct ChoiceTable {
    phrases: HashMap<String, Target>,
    longest: usize,
}

impl ChoiceTable {
    fn new(choices: &[Choice]) -> Self {
        fn add(phrases: &mut HashMap<String, Target>, key: String, index: usize) {
            if key.is_empty() {
                return;
            }
            if let Target::Picks(picks) = phrases.entry(key).or_insert_with(|| Target::Picks(Vec::new())) {
                if !picks.contains(&index) {
                    picks.push(index);
                }
            }
        }
        let mut phrases: HashMap<String, Target> = HashMap::new();
        // Ids, labels and aliases name a choice outright.
        for (index, choice) in choices.iter().enumerate() {
            add(&mut phrases, phrase_key(&choice.id), index);
            add(&mut phrases, phrase_key(&choice.label), index);
            for alias in &choice.aliases {
                add(&mut phrases, phrase_key(alias), index);
            }
        }
        // A single label word picks its choice only when no other label has it ("design").
        let mut label_words: HashMap<String, HashSet<usize>> = HashMap::new();
        for (index, choice) in choices.iter().enumerate() {
            for word in phrase_key(&choice.label).split(' ') {
                if word.chars().count() >= 3 && !LABEL_STOPWORDS.contains(&word) {
                    label_words.entry(word.to_owned()).or_default().insert(index);
                }
            }
        }
        for (word, owners) in label_words {
            if let (1, Some(&index)) = (owners.len(), owners.iter().next()) {
                phrases.entry(word).or_insert(Target::Picks(vec![index]));
            }
        }
        // "all" and friends, unless a choice already claims the phrase.
        for phrase in ALL_PHRASES {
            phrases.entry(phrase.to_owned()).or_insert(Target::All);
        }
        let longest = phrases.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        ChoiceTable { phrases, longest }
    }

    /// The longest phrase starting at token `i`: its target and how many tokens it spans.
    fn longest_at(&self, toks: &[Token], i: usize) -> Option<(&Target, usize)> {
        let mut key = String::new();
        let mut best = None;
        for (len, tok) in toks[i..].iter().take(self.longest).enumerate() {
            let Some(text) = tok.text() else { break };
            if len > 0 {
                key.push(' ');
            }
            key.push_str(text);
            if let Some(target) = self.phrases.get(&key) {
                best = Some((target, len + 1));
            }
        }
        best
    }

    /// A plural or singular of a listed word: "designs", "report", "influencer".
    fn variant(&self, word: &str) -> Option<&Target> {
        if LABEL_STOPWORDS.contains(&word) || word.chars().count() < 3 {
            return None;
        }
        let other = match word.strip_suffix('s') {
            Some(stem) => stem.to_owned(),
            None => format!("{word}s"),
        };
        match self.phrases.get(&other) {
            Some(target @ Target::Picks(_)) => Some(target),
            _ => None,
        }
    }
}

/// Whether a "not" is waiting for its choice, has negated one and carries on over a list, or
/// neither.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Negation {
    Off,
    Pending(u8),
    Active,
}

/// What the answer picked so far.
struct Picks {
    picked: Vec<bool>,
    excluded: Vec<bool>,
    all: bool,
    unlisted_number: bool,
    negation: Negation,
    /// The choices picked since the clause began, and whether the last word picked (or carried
    /// a list on from a pick), for a negation that comes after them.
    clause: Vec<usize>,
    after_pick: bool,
}

impl Picks {
    fn apply(&mut self, target: &Target) {
        let negated = self.negation != Negation::Off;
        match target {
            Target::Picks(indexes) => {
                for &index in indexes {
                    if negated {
                        self.excluded[index] = true;
                    } else {
                        self.picked[index] = true;
                        self.clause.push(index);
                    }
                }
                self.after_pick = !negated;
                if negated {
                    self.negation = Negation::Active;
                }
            }
            // "not all of them" says some, not which: it picks nothing.
            Target::All if negated => self.negation = Negation::Off,
            Target::All => self.all = true,
        }
    }

    fn number(&mut self, digits: &str) {
        match digits.parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.picked.len() => self.apply(&Target::Picks(vec![n - 1])),
            _ => self.unlisted_number = true,
        }
    }

    /// A word that picks nothing: it may start, carry or end a "not …".
    fn other_word(&mut self, word: &str, next: Option<&Token>) -> usize {
        if NEGATOR_PAIRS
            .iter()
            .any(|(a, b)| *a == word && next.is_some_and(|t| t.is_word(b)))
        {
            self.negation = Negation::Pending(NEGATION_REACH);
            return 2;
        }
        if self.after_pick && AFTER_NEGATORS.contains(&word) {
            // "likes don't equal sales": the clause's picks are what is negated, not what follows.
            for index in self.clause.drain(..) {
                self.picked[index] = false;
                self.excluded[index] = true;
            }
            self.after_pick = false;
            self.negation = Negation::Off;
            return 1;
        }
        if !LIST_WORDS.contains(&word) {
            self.after_pick = false;
        }
        if NEGATORS.contains(&word) {
            self.negation = Negation::Pending(NEGATION_REACH);
        } else if TURN_WORDS.contains(&word) {
            self.negation = Negation::Off;
        } else if LIST_WORDS.contains(&word) {
            // A list goes on: a "not" keeps its hold.
        } else {
            self.negation = match self.negation {
                Negation::Pending(left) if left > 1 => Negation::Pending(left - 1),
                _ => Negation::Off,
            };
        }
        1
    }
}

/// Whether the answer is made only of numbers and the words that go with them, so spelled-out
/// numbers in it are choice numbers ("two and four") rather than pronouns ("the last one").
fn only_numbers(toks: &[Token]) -> bool {
    toks.iter().any(|t| matches!(t, Token::Number(_)))
        && toks.iter().all(|t| match t {
            Token::Word(w) => NUMBER_COMPANIONS.contains(&w.as_str()),
            _ => true,
        })
}

/// "all" alone counts only at the end of a thought: "all" and "all, thanks" pick everything,
/// "all the posting" does not.
fn ends_thought(next: Option<&Token>) -> bool {
    match next {
        None | Some(Token::Joiner | Token::Break | Token::Dash) => true,
        Some(Token::Word(w)) => ["please", "pls", "thanks", "thank", "really"].contains(&w.as_str()),
        Some(Token::Number(_)) => false,
    }
}

/// Reads which of `choices` the answer picks, returning their ids in the question's order.
///
/// Picks come from 1-based numbers ("1, 3 and 5", "#2", "2-4"), ids, labels, single label words
/// no other label shares, and aliases; an alias wins over any built-in meaning of the same words,
/// so a "none" choice with alias "nothing" is picked by "nothing". "all" picks every choice when
/// `many`; "not", "except", "apart from" leave out what follows. A number that is not listed is
/// [`Unreadable::NoSuchChoice`] even beside valid picks, since we cannot tell what was meant.
pub fn read_choices(text: &str, choices: &[Choice], many: bool) -> Result<Reading, Unreadable> {
    read_choices_in(text, choices, &ChoiceTable::new(choices), many)
}

/// A question's table of phrases, built the first time one of its answers is read and kept with
/// the question: the content is read once and its questions asked many times, and building the
/// table (a hash map of every phrase, label word and alias) was a sixth of a click's work in the
/// bot (BENCHMARKS.md, run J). The table is only ever used for the very choices it was built
/// from: a question whose choices were changed after (a test's edit) gets a fresh one.
#[derive(Debug, Clone, Default)]
pub struct ChoiceTables(std::sync::OnceLock<std::sync::Arc<(Vec<Choice>, ChoiceTable)>>);

/// Derived from the choices, so never part of what makes two questions differ.
impl PartialEq for ChoiceTables {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ChoiceTables {
    /// Reads `text` against `choices` with the kept table.
    pub fn read(&self, text: &str, choices: &[Choice], many: bool) -> Result<Reading, Unreadable> {
        let kept = self
            .0
            .get_or_init(|| std::sync::Arc::new((choices.to_vec(), ChoiceTable::new(choices))));
        if kept.0 == choices {
            read_choices_in(text, choices, &kept.1, many)
        } else {
            read_choices(text, choices, many)
        }
    }
}

/// Reads `text` against `choices` with their prepared table. One pass on purpose (about 100
/// lines): a single walk over the tokens, where what a token means (a choice's number, a range's
/// end, "all", a choice's words) depends on its neighbours; pieces would share the index and the
/// picks so far.
fn read_choices_in(text: &str, choices: &[Choice], table: &ChoiceTable, many: bool) -> Result<Reading, Unreadable> {
    let text = super::prepare(text)?;
    let plain = normalise(text).replace('\'', "");
    let spelled = tokens(&words_to_digits(&plain));
    let toks = if only_numbers(&spelled) {
        spelled
    } else {
        tokens(&plain)
    };
    // "none" picks nothing, unless a choice claims the words as its own alias.
    let whole = toks.iter().filter_map(Token::text).collect::<Vec<_>>().join(" ");
    if many && NO_PICKS.contains(&whole.as_str()) && !table.phrases.contains_key(&whole) {
        return Ok(Reading::Choices { picks: Vec::new() });
    }
    let mut picks = Picks {
        picked: vec![false; choices.len()],
        excluded: vec![false; choices.len()],
        all: false,
        unlisted_number: false,
        negation: Negation::Off,
        clause: Vec::new(),
        after_pick: false,
    };
    let mut i = 0;
    while i < toks.len() {
        let next = toks.get(i + 1);
        if let Some((target, len)) = table.longest_at(&toks, i) {
            let bare_all = *target == Target::All && len == 1 && toks[i].is_word("all");
            if !bare_all || ends_thought(toks.get(i + len)) {
                picks.apply(target);
                i += len;
                continue;
            }
        }
        match &toks[i] {
            Token::Number(n) => {
                let unit_follows =
                    next.is_some_and(|t| matches!(t, Token::Word(w) if QUANTITY_UNITS.contains(&w.as_str())));
                let range_mark = next.is_some_and(|t| {
                    *t == Token::Dash || ["to", "through", "thru", "till", "until"].iter().any(|w| t.is_word(w))
                });
                let range_end = match toks.get(i + 2) {
                    Some(Token::Number(m)) if range_mark => Some(m),
                    _ => None,
                };
                if unit_follows {
                    i += 1;
                } else if let Some(end) = range_end {
                    match (n.parse::<usize>(), end.parse::<usize>()) {
                        (Ok(from), Ok(to)) if from <= to && to <= choices.len() => {
                            for k in from..=to {
                                picks.number(&k.to_string());
                            }
                        }
                        _ => picks.unlisted_number = true,
                    }
                    i += 3;
                } else {
                    picks.number(n);
                    i += 1;
                }
            }
            Token::Word(w) => match table.variant(w) {
                Some(target) => {
                    picks.apply(target);
                    i += 1;
                }
                None => i += picks.other_word(w, next),
            },
            Token::Joiner => {
                if let Negation::Pending(_) = picks.negation {
                    picks.negation = Negation::Off;
                }
                i += 1;
            }
            Token::Break => {
                picks.negation = Negation::Off;
                picks.clause.clear();
                picks.after_pick = false;
                i += 1;
            }
            Token::Dash => i += 1,
        }
    }
    if picks.unlisted_number {
        return Err(Unreadable::NoSuchChoice);
    }
    if picks.all {
        if !many && choices.len() > 1 {
            return Err(Unreadable::OneChoiceOnly);
        }
        picks.picked.iter_mut().for_each(|p| *p = true);
    }
    let ids: Vec<String> = choices
        .iter()
        .zip(picks.picked.iter().zip(&picks.excluded))
        .filter(|(_, (&picked, &excluded))| picked && !excluded)
        .map(|(choice, _)| choice.id.clone())
        .collect();
    match ids.len() {
        0 => Err(Unreadable::NoChoice),
        1 => Ok(Reading::Choices { picks: ids }),
        _ if many => Ok(Reading::Choices { picks: ids }),
        _ => Err(Unreadable::OneChoiceOnly),
    }
}
