//! Every word of an answer accounted for: the readers' shared layer that decides whether a
//! reading is sure.
//!
//! A reader finds what it looks for anywhere in a sentence, so one keyword in a sentence about
//! something else ("locals, mostly mums who order cakes" holds "mostly") used to be a reading.
//! Here each word of the answer, as typed, is sorted into one of four heaps: *used* (the words of
//! the answer's kind: numbers, units, periods, yes and no, rating words, the question's choices),
//! *filler* (greetings, hedges, "about", "I think", the words any sentence about social media
//! needs), *negation* that no used phrase took in ("not", "wouldn't", "no longer"), and
//! *unexplained*, the rest. A reading is sure only when nothing is unexplained and no negation is
//! left over; otherwise it is in doubt and the interview confirms it. The lists are one per kind
//! of answer, not one per reader, so every reader keeps the same promise.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::normalise::{scan_phrases, PhraseTable};
use super::question::{AnswerKind, Question};
use super::unsure::UNSURE_PHRASES;
use super::{yes_no, Doubt};

/// A word of the answer as typed: letters and digits, with the apostrophes, decimal points,
/// separators and colons inside it ("don't", "1,200", "1.5k", "5:30").
static ANSWER_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:['’.,:][\p{L}\p{N}]+)*").expect("ANSWER_WORD compiles"));

/// Part of the answer as typed: byte offsets into the trimmed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The words this span covers in `text` (the trimmed answer it was found in).
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What one word does in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Used,
    Filler,
    Negation,
    Unexplained,
}

/// Words that turn round what they govern. A negation inside a used phrase ("not really", "no
/// more than", "can't afford") is part of that phrase; one left over makes the reading doubtful.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "dont", "doesnt", "didnt", "wont", "wouldnt", "isnt", "arent", "wasnt", "werent", "cant",
    "cannot", "couldnt", "shouldnt", "hasnt", "havent", "hadnt", "nor", "neither", "without", "nobody", "nothing",
    "none",
];

/// Filler in any answer: greetings, hedges, the small words of a sentence, and the words any
/// sentence about a business's social media needs. Never a negation.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    // Greetings and politeness.
    "hi", "hello", "hey", "thanks", "thank you", "cheers", "please", "pls", "ok", "okay", "um", "uh", "er",
    "erm", "hmm", "lol", "haha", "oh", "well", "so", "yes", "yeah", "yep", "sure", "right",
    // Hedges.
    "about", "around", "roughly", "approximately", "approx", "circa", "maybe", "perhaps", "possibly",
    "probably", "likely", "i think", "i guess", "i suppose", "i reckon", "i would say", "id say", "i believe",
    "i imagine", "i expect", "i feel", "say", "like", "just", "only", "honestly", "really", "actually",
    "basically", "pretty much", "more or less", "give or take", "ish", "or so", "at a guess", "guess", "reckon",
    "think", "estimate", "somewhere", "something like", "in the region of", "on average", "average", "usually",
    "typically", "normally", "generally", "mostly", "currently", "now", "right now", "at the moment",
    "these days", "nowadays", "today", "at present", "so far", "still", "already", "also", "too", "even",
    "quite", "very", "pretty", "fairly", "rather", "realistically", "tbh", "to be honest", "frankly", "overall",
    "in total", "total", "altogether", "all in", "all told", "or", "and", "but", "another", "extra", "more",
    "roughly speaking", "all", "at all", "done", "worth", "through", "via", "typical", "want", "need", "use",
    "using", "know",
    // The small words of a sentence.
    "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "were", "weve", "wed", "our", "ours",
    "us", "you", "your", "youre", "it", "its", "itll", "this", "that", "thats", "these", "those", "there",
    "theres", "here", "they", "theyre", "their", "them", "the", "a", "an", "of", "on", "in", "at", "for", "to",
    "from", "by", "with", "into", "onto", "as", "then", "is", "are", "was", "be", "been", "being", "am", "do",
    "does", "did", "doing", "have", "has", "had", "having", "get", "gets", "got", "would", "could", "can",
    "will", "should", "might", "may", "must", "some", "any", "each", "own", "what", "which", "who", "how",
    "much", "many", "one", "s", "d", "ll", "ve", "re", "m",
    // A business's social media, which every question is about.
    "social", "media", "socials", "social media", "sm", "instagram", "insta", "ig", "facebook", "fb", "tiktok",
    "twitter", "linkedin", "pinterest", "youtube", "snapchat", "threads", "marketing", "online", "content",
    "page", "pages", "account", "accounts", "business", "company", "shop", "brand", "help", "outside", "agency",
    "freelancer", "someone", "somebody", "spend", "spending", "spent", "put", "putting", "give", "giving",
    "manage", "managing", "handle", "handling", "run", "running", "budget", "afford", "pay", "paying", "invest",
    "time", "team", "staff", "stuff", "things", "thing", "on it", "on that", "for it", "for that",
];

/// Words of a number, its bound and its range, which every reader of figures uses.
#[rustfmt::skip]
const FIGURE_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "dozen",
    "couple", "few", "half", "quarter", "quarters", "k", "a couple of", "a few", "and a half", "between", "to",
    "or", "and", "til", "till", "until", "through", "under", "over", "below", "above", "less than",
    "fewer than", "more than", "at least", "at most", "at the most", "up to", "upto", "max", "maximum",
    "minimum", "tops", "or less", "or more", "or fewer", "or under", "or over", "plus", "and up", "and upwards",
    "and above", "upwards of", "in excess of", "no more than", "not more than", "no less than", "not less than",
    "no longer than", "not over", "not exceeding", "no higher than", "more or less", "give or take", "none",
    "nothing", "nil", "nada", "zilch", "none at all", "nothing at all", "not any", "not a thing",
];

/// Periods, said every way the readers read them.
#[rustfmt::skip]
const PERIOD_WORDS: &[&str] = &[
    "a week", "per week", "each week", "every week", "a wk", "per wk", "weekly", "week", "weeks", "wk", "w",
    "a day", "per day", "each day", "every day", "daily", "day", "days", "a month", "per month", "each month",
    "every month", "monthly", "month", "months", "mo", "mos", "mth", "pm", "pcm", "p", "m", "a year",
    "per year", "each year", "every year", "yearly", "annually", "annual", "year", "years", "yr", "yrs",
    "per annum", "pa", "fortnight", "fortnightly", "a fortnight", "quarter", "quarterly", "weekday", "weekdays",
    "working day", "working days", "work day", "work days", "business days", "on weekdays", "mon to fri",
    "monday to friday", "decade", "decades", "in a week", "in a month", "in a year", "for", "over", "during",
    "across", "within", "the next", "the first", "a weekday", "per weekday", "each weekday", "every weekday",
    "a working day", "per working day",
];

/// Time spent.
#[rustfmt::skip]
const HOURS_WORDS: &[&str] = &[
    "hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "an hour", "a quarter of an hour",
    "full time", "fulltime", "part time", "parttime", "barely any", "hardly any", "barely any time",
    "hardly any time", "very little", "very little time", "next to nothing", "next to no time", "no time",
    "no time at all", "no hours", "never", "morning", "evening", "night", "afternoon",
];

/// Money.
#[rustfmt::skip]
const MONEY_WORDS: &[&str] = &[
    "dollar", "dollars", "buck", "bucks", "quid", "pound", "pounds", "euro", "euros", "usd", "eur", "gbp",
    "aud", "cad", "nzd", "inr", "rupee", "rupees", "grand", "sterling", "cent", "cents", "pence", "us", "au",
    "nz", "ca", "c", "bn", "mil", "mill", "mn", "thousand", "vat", "tax", "taxes", "gst", "fees", "expenses",
    "ad spend", "ads", "no budget", "no money", "no spend", "not a penny", "not a cent", "not a dime",
    "not anything", "cant afford", "cant afford anything", "cant afford it", "cant really afford",
    "cant really afford anything", "cannot afford", "cannot afford anything", "can not afford", "nothing spare",
    "nothing to spare", "no spare money", "no spare cash", "cant spare anything", "cant spare", "money", "cash",
    "spare",
];

/// Lengths of time and counts, for numbers and the failure point.
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "since", "experience", "a year", "an hour",
    "followers", "follower", "customers", "customer", "clients", "client", "patients", "patient", "sales",
    "sale", "leads", "lead", "orders", "order", "bookings", "booking", "appointments", "enquiries", "inquiries",
    "likes", "subscribers", "members", "fans", "students", "guests", "visitors", "calls", "views", "new",
    "more", "extra", "paying", "regular", "qualified", "real", "people", "employees", "workers", "persons",
];

/// Ways of saying none at all to a number (the number reader reads them as 0).
const NONE_WORDS: &[&str] = &["not yet", "not at all", "not ever", "no experience", "never"];

/// The failure point's own words.
#[rustfmt::skip]
const FAILURE_WORDS: &[&str] = &[
    "stop", "quit", "pull out", "give up", "end it", "call it off", "if", "when", "with", "reach", "hit", "see",
    "less", "short of", "not reaching", "not hitting", "not even reaching", "in all", "in total", "total",
    "altogether", "overall", "all told", "give it", "after", "by then", "by the end", "results", "result",
];

/// Scale words beyond the rating phrases themselves.
#[rustfmt::skip]
const SCALE_WORDS: &[&str] = &[
    "out of", "stars", "star", "rate", "rating", "score", "give it", "id give it",
];

/// Choice words any pick may use.
#[rustfmt::skip]
const CHOICE_WORDS: &[&str] = &[
    "all", "all of them", "all of the above", "everything", "none", "none of them", "none of these", "nothing",
    "neither", "option", "options", "number", "choice", "choices", "both", "not", "no", "except", "excluding",
    "without", "apart from", "other than", "but not", "dont", "doesnt", "never",
];

/// Which list of used words an answer kind reads with.
#[derive(Debug, Clone, Copy)]
enum Vocabulary {
    YesNo,
    Scale,
    Choice,
    Money,
    Hours,
    Number,
    FailurePoint,
}

fn table(used: &[&[&str]], extra: &[(&'static str, Role)]) -> PhraseTable<Role> {
    let mut entries: Vec<(&str, Role)> = extra.to_vec();
    for list in used {
        entries.extend(list.iter().map(|w| (*w, Role::Used)));
    }
    entries.extend(UNSURE_PHRASES.iter().map(|w| (*w, Role::Used)));
    entries.extend(FILLER.iter().map(|w| (*w, Role::Filler)));
    PhraseTable::new(&entries)
}

/// One table per vocabulary, its used words listed before the filler so a word both read and
/// filler ("well" in a rating) counts as read.
static TABLES: LazyLock<[PhraseTable<Role>; 7]> = LazyLock::new(|| {
    let mut yes_no: Vec<(&'static str, Role)> = yes_no::PHRASES.iter().map(|p| (p.0, Role::Used)).collect();
    // The "without" that turns a "wouldn't" round is read with it (yes_no.rs).
    yes_no.push(("without", Role::Used));
    let scale: Vec<(&'static str, Role)> = super::scale::PHRASES.iter().map(|p| (p.0, Role::Used)).collect();
    [
        table(&[], &yes_no),
        table(&[FIGURE_WORDS, SCALE_WORDS], &scale),
        table(&[CHOICE_WORDS], &[]),
        table(&[FIGURE_WORDS, PERIOD_WORDS, MONEY_WORDS], &[]),
        table(&[FIGURE_WORDS, PERIOD_WORDS, HOURS_WORDS], &[]),
        table(&[FIGURE_WORDS, PERIOD_WORDS, NUMBER_WORDS, NONE_WORDS], &[]),
        table(
            &[FIGURE_WORDS, PERIOD_WORDS, MONEY_WORDS, NUMBER_WORDS, FAILURE_WORDS],
            &[],
        ),
    ]
});

/// What the words of an answer did in its reading.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Accounts {
    /// The words read, runs of neighbours joined: "$2,000 a month".
    pub used: Vec<Span>,
    /// Content words nothing explained.
    pub unexplained: Vec<Span>,
    /// A negation no used phrase took in.
    pub loose_negation: bool,
}

impl Accounts {
    /// The doubt the words leave, if any: a loose negation, then words unexplained.
    pub(super) fn doubt(&self) -> Option<Doubt> {
        if self.loose_negation {
            Some(Doubt::Negation)
        } else if !self.unexplained.is_empty() {
            Some(Doubt::Unexplained)
        } else {
            None
        }
    }
}

/// The words of the question's choices: ids, labels and aliases, singular and plural.
fn choice_words(question: &Question) -> HashSet<String> {
    let mut words = HashSet::new();
    for choice in &question.choices {
        let texts = std::iter::once(choice.id.as_str())
            .chain(std::iter::once(choice.label.as_str()))
            .chain(choice.aliases.iter().map(String::as_str));
        for text in texts {
            for word in super::normalise::words(&text.replace('_', " ")) {
                match word.strip_suffix('s') {
                    Some(stem) if stem.len() >= 3 => {
                        words.insert(stem.to_owned());
                    }
                    _ => {
                        words.insert(format!("{word}s"));
                    }
                }
                words.insert(word);
            }
        }
    }
    words
}

/// Sorts every word of `text` (the trimmed answer) for an answer to `question`. Free text uses
/// every word, so it has nothing to account for.
/// One pass on purpose (about 100 lines): the vocabulary, each word's role, the joiners between
/// words read, then the spans, each step reading the roles the step before set.
pub(super) fn account(question: &Question, text: &str) -> Accounts {
    let vocabulary = match question.kind {
        AnswerKind::Text => {
            return Accounts {
                used: vec![Span {
                    start: 0,
                    end: text.len(),
                }],
                ..Accounts::default()
            }
        }
        AnswerKind::YesNo => Vocabulary::YesNo,
        AnswerKind::Scale => Vocabulary::Scale,
        AnswerKind::Choice | AnswerKind::Choices => Vocabulary::Choice,
        AnswerKind::Money => Vocabulary::Money,
        AnswerKind::Hours => Vocabulary::Hours,
        AnswerKind::Number => Vocabulary::Number,
        AnswerKind::FailurePoint => Vocabulary::FailurePoint,
    };
    let found: Vec<(Span, String)> = ANSWER_WORD
        .find_iter(text)
        .map(|m| {
            let key: String = m
                .as_str()
                .to_lowercase()
                .chars()
                .filter(|c| *c != '\'' && *c != '’')
                .collect();
            (
                Span {
                    start: m.start(),
                    end: m.end(),
                },
                key,
            )
        })
        .collect();
    let keys: Vec<String> = found.iter().map(|(_, key)| key.clone()).collect();
    let mut roles: Vec<Option<Role>> = vec![None; keys.len()];
    // Figures are read by every reader but yes / no (where "100%" is its own phrase).
    for (k, key) in keys.iter().enumerate() {
        if key.bytes().any(|b| b.is_ascii_digit()) {
            roles[k] = Some(Role::Used);
        }
    }
    if matches!(vocabulary, Vocabulary::Choice) {
        let words = choice_words(question);
        for (k, key) in keys.iter().enumerate() {
            if words.contains(key) {
                roles[k] = Some(Role::Used);
            }
        }
    }
    let table = &TABLES[vocabulary as usize];
    for m in scan_phrases(&keys, table) {
        for role in &mut roles[m.start..m.start + m.len] {
            // A used word stays used; a phrase's filler does not overwrite it.
            if *role != Some(Role::Used) {
                *role = Some(m.value);
            }
        }
    }
    // A joiner is read only between two things read ("2 or 3 hours"); elsewhere it is filler.
    for k in 0..keys.len() {
        let joiner = matches!(keys[k].as_str(), "and" | "or" | "to");
        let read = |j: Option<usize>| j.and_then(|j| roles.get(j)).is_some_and(|r| *r == Some(Role::Used));
        if joiner && roles[k] == Some(Role::Used) && !(read(k.checked_sub(1)) && read(Some(k + 1))) {
            roles[k] = Some(Role::Filler);
        }
    }
    let mut accounts = Accounts::default();
    for (k, (span, key)) in found.iter().enumerate() {
        let role = roles[k].unwrap_or(if NEGATIONS.contains(&key.as_str()) {
            Role::Negation
        } else {
            Role::Unexplained
        });
        match role {
            Role::Used => match accounts.used.last_mut() {
                // Neighbours join into one span, with what lies between them ("$2,000 a month").
                Some(last) if k > 0 && roles[k - 1] == Some(Role::Used) => last.end = span.end,
                _ => accounts.used.push(*span),
            },
            Role::Unexplained => accounts.unexplained.push(*span),
            Role::Negation => accounts.loose_negation = true,
            Role::Filler => {}
        }
    }
    // A symbol typed against a used figure is part of it: "$500", "20%", "6+".
    for span in &mut accounts.used {
        while let Some(c) = text[..span.start].chars().next_back().filter(|c| "$£€₹#~".contains(*c)) {
            span.start -= c.len_utf8();
        }
        while let Some(c) = text[span.end..].chars().next().filter(|c| "%+$£€₹".contains(*c)) {
            span.end += c.len_utf8();
        }
    }
    accounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::content::Content;

    fn accounts(question: &str, text: &str) -> (Vec<String>, Vec<String>, bool) {
        let content = Content::built_in();
        let q = content.question(question).expect("a shipped question");
        let a = account(q, text);
        let show = |spans: &[Span]| spans.iter().map(|s| s.of(text).to_owned()).collect::<Vec<_>>();
        (show(&a.used), show(&a.unexplained), a.loose_negation)
    }

    #[test]
    fn each_word_is_used_filler_negation_or_unexplained() {
        assert_eq!(
            accounts("budget", "about $2,000 a month I think"),
            (vec!["$2,000 a month".to_owned()], vec![], false)
        );
        assert_eq!(
            accounts("expertise", "locals, mostly mums who order birthday cakes"),
            (
                vec!["mostly".to_owned()],
                ["locals", "mums", "order", "birthday", "cakes"]
                    .map(String::from)
                    .to_vec(),
                false
            )
        );
        assert_eq!(
            accounts("works_today", "very well, thanks"),
            (vec!["very well".to_owned()], vec![], false)
        );
        assert!(accounts("budget", "not $500 a month").2);
        assert!(!accounts("growth", "not really").2);
        assert!(!accounts("budget", "no more than $500 a month").2);
    }
}
