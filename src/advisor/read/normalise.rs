//! Word numbers and the word handling the readers share.
//!
//! Readers first [`normalise`] what was typed, so their regexes only ever see one kind of dash,
//! space and apostrophe, then turn spelled-out numbers into digits with [`words_to_digits`], so
//! the same regex reads "two thousand" and "2000". Phrase lists (yes / no hedges, scale words) are
//! matched word by word with [`scan_phrases`], longest phrase first, which is what keeps "not
//! sure" from also reading as "sure".

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// A spelled-out word, for finding word numbers. Letters only: digits are already numbers.
static LETTER_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}+").expect("LETTER_RUN compiles"));

/// A word or a number, for phrase matching; punctuation and symbols separate words.
static WORD_OR_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+").expect("WORD_OR_NUMBER compiles"));

/// "2 and 0.5", "1 hour and 0.5" (after "a half" became 0.5): one number, not two.
pub(super) const NUMBER_AND_HALF_PATTERN: &str =
    r"\b([0-9]+(?:\.[0-9]+)?)(\s*(?:hours?|hrs?|years?|yrs?|months?|weeks?|days?|minutes?|mins?))?\s+and\s+0\.5\b";
static NUMBER_AND_HALF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(NUMBER_AND_HALF_PATTERN).expect("NUMBER_AND_HALF compiles"));

/// Lowercases and evens out the characters phones and word processors substitute: unicode dashes
/// become `-`, unusual spaces become one plain space, curly quotes become straight ones, and
/// vulgar fractions become decimals. Runs of whitespace collapse to one space.
pub(super) fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut previous: Option<char> = None;
    let mut pending_space = false;
    for c in lower.chars() {
        let mapped = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            c => c,
        };
        if pending_space {
            if !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            previous = Some(' ');
        }
        let fraction = match mapped {
            '½' => Some("5"),
            '¼' => Some("25"),
            '¾' => Some("75"),
            _ => None,
        };
        match fraction {
            Some(digits) => {
                if !previous.is_some_and(|p| p.is_ascii_digit()) {
                    out.push('0');
                }
                out.push('.');
                out.push_str(digits);
            }
            None => out.push(mapped),
        }
        previous = Some(mapped);
    }
    out
}

/// The words and numbers of `text`, normalised, with apostrophes dropped so "don't" and "dont"
/// are one word.
pub(super) fn words(text: &str) -> Vec<String> {
    let plain = normalise(text).replace('\'', "");
    WORD_OR_NUMBER
        .find_iter(&plain)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// One phrase found by [`scan_phrases`]: where it starts (in words), how many words it spans, and
/// what it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PhraseMatch<T> {
    pub start: usize,
    pub len: usize,
    pub value: T,
}

/// A phrase list keyed by its words joined with single spaces, with its longest phrase's length.
pub(super) struct PhraseTable<T> {
    phrases: HashMap<String, T>,
    longest: usize,
}

impl<T: Copy> PhraseTable<T> {
    /// Builds the table; a phrase listed twice keeps its first value, so lists read top-down.
    pub(super) fn new(entries: &[(&str, T)]) -> Self {
        let mut phrases = HashMap::new();
        let mut longest = 1;
        for (phrase, value) in entries {
            let key = words(phrase).join(" ");
            longest = longest.max(key.split(' ').count());
            phrases.entry(key).or_insert(*value);
        }
        PhraseTable { phrases, longest }
    }

    fn get(&self, key: &str) -> Option<T> {
        self.phrases.get(key).copied()
    }
}

/// Finds the listed phrases in `words`, left to right, taking the longest phrase at each place so
/// "not sure" wins over "sure" and "probably not" over "probably". Words no phrase covers are
/// left out. Each place tries at most the table's longest phrase, so time is linear in the words.
pub(super) fn scan_phrases<T: Copy>(words: &[String], table: &PhraseTable<T>) -> Vec<PhraseMatch<T>> {
    let mut found = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < words.len() {
        let most = table.longest.min(words.len() - i);
        let mut matched = None;
        for len in (1..=most).rev() {
            key.clear();
            for (n, word) in words[i..i + len].iter().enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(word);
            }
            if let Some(value) = table.get(&key) {
                matched = Some(PhraseMatch { start: i, len, value });
                break;
            }
        }
        match matched {
            Some(m) => {
                i += m.len;
                found.push(m);
            }
            None => i += 1,
        }
    }
    found
}

/// Rounds to cents / hundredths: readings are shown and compared, and 1.2 × 1000 should read 1200,
/// not 1200.0000000000002. Huge values are left alone rather than overflowing to infinity.
pub(super) fn round2(value: f64) -> f64 {
    if value.is_finite() && value.abs() < 1e15 {
        (value * 100.0).round() / 100.0
    } else {
        value
    }
}

/// Parses digits the readers' regexes matched: `[0-9]` with optional `,` thousands separators
/// and a `.` decimal part. None only when the regex let through something that is not a number.
pub(super) fn parse_digits(digits: &str) -> Option<f64> {
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    plain.parse::<f64>().ok()
}

/// The part a word plays in a spelled-out number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// zero to nine.
    Unit(f64),
    /// ten to nineteen.
    Teen(f64),
    /// twenty to ninety.
    Tens(f64),
    Hundred,
    /// thousand (usable alone: "thousand dollars").
    Thousand,
    /// grand: a thousand, but only after a number ("a grand", "five grand"), since "grand" alone is
    /// just a word.
    Grand,
    Million,
    Dozen,
    Couple,
    /// few: only after "a", since "few" alone has no number in mind.
    Few,
    Half,
    /// a / an: a one that only counts before a word above ("a hundred", "a couple").
    Article,
    And,
    Of,
}

fn part(word: &str) -> Option<Part> {
    let unit = |v: f64| Some(Part::Unit(v));
    match word {
        "zero" => unit(0.0),
        "one" => unit(1.0),
        "two" => unit(2.0),
        "three" => unit(3.0),
        "four" => unit(4.0),
        "five" => unit(5.0),
        "six" => unit(6.0),
        "seven" => unit(7.0),
        "eight" => unit(8.0),
        "nine" => unit(9.0),
        "ten" => Some(Part::Teen(10.0)),
        "eleven" => Some(Part::Teen(11.0)),
        "twelve" => Some(Part::Teen(12.0)),
        "thirteen" => Some(Part::Teen(13.0)),
        "fourteen" => Some(Part::Teen(14.0)),
        "fifteen" => Some(Part::Teen(15.0)),
        "sixteen" => Some(Part::Teen(16.0)),
        "seventeen" => Some(Part::Teen(17.0)),
        "eighteen" => Some(Part::Teen(18.0)),
        "nineteen" => Some(Part::Teen(19.0)),
        "twenty" => Some(Part::Tens(20.0)),
        "thirty" => Some(Part::Tens(30.0)),
        "forty" | "fourty" => Some(Part::Tens(40.0)),
        "fifty" => Some(Part::Tens(50.0)),
        "sixty" => Some(Part::Tens(60.0)),
        "seventy" => Some(Part::Tens(70.0)),
        "eighty" => Some(Part::Tens(80.0)),
        "ninety" => Some(Part::Tens(90.0)),
        "hundred" => Some(Part::Hundred),
        "thousand" => Some(Part::Thousand),
        "grand" => Some(Part::Grand),
        "million" => Some(Part::Million),
        "dozen" => Some(Part::Dozen),
        "couple" => Some(Part::Couple),
        "few" => Some(Part::Few),
        "half" => Some(Part::Half),
        "a" | "an" => Some(Part::Article),
        "and" => Some(Part::And),
        "of" => Some(Part::Of),
        _ => None,
    }
}

/// What the last word taken was, which decides what may follow it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Start,
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Thousand,
    Million,
    Dozen,
    Couple,
    Few,
    Half,
    /// "of" after couple / few / dozen: the number is complete, only a scale may follow.
    Of,
}

/// A word-number being read: `total` holds finished thousands / millions, `current` the group
/// below a thousand.
struct Spelled {
    total: f64,
    current: f64,
    /// The smallest scale (1,000 or 1,000,000) applied so far, 0 before any: scales must fall.
    scale: f64,
    last: Last,
}

impl Spelled {
    fn value(&self) -> f64 {
        self.total + self.current
    }

    /// The multiplier a scale word applies to: the group so far, or one for "a hundred".
    fn multiplier(&self) -> f64 {
        if self.current == 0.0 && matches!(self.last, Last::Start | Last::Article) {
            1.0
        } else {
            self.current
        }
    }

    fn apply_scale(&mut self, scale: f64) -> bool {
        if self.scale != 0.0 && self.scale <= scale {
            return false;
        }
        self.total += self.multiplier() * scale;
        self.current = 0.0;
        self.scale = scale;
        self.last = if scale >= 1e6 { Last::Million } else { Last::Thousand };
        true
    }

    /// Takes one word if it can follow what came before; false leaves the number as it was.
    /// Kept whole on purpose (about 95 lines): it is the spelled-number reader's transition
    /// table, one arm per kind of word and the states it may follow; in pieces the table could
    /// not be read at once.
    fn take(&mut self, word: Part) -> bool {
        use Last as L;
        match word {
            Part::Unit(v) => match self.last {
                L::Start | L::Tens | L::Hundred | L::Thousand | L::Million => {
                    self.current += v;
                    self.last = L::Unit;
                }
                _ => return false,
            },
            Part::Teen(v) | Part::Tens(v) => match self.last {
                L::Start | L::Hundred | L::Thousand | L::Million => {
                    self.current += v;
                    self.last = if matches!(word, Part::Teen(_)) {
                        L::Teen
                    } else {
                        L::Tens
                    };
                }
                _ => return false,
            },
            Part::Couple => match self.last {
                L::Start | L::Article => {
                    self.current = 2.0;
                    self.last = L::Couple;
                }
                _ => return false,
            },
            Part::Few => match self.last {
                L::Article => {
                    self.current = 3.0;
                    self.last = L::Few;
                }
                _ => return false,
            },
            Part::Dozen => match self.last {
                L::Start | L::Article => {
                    self.current = 12.0;
                    self.last = L::Dozen;
                }
                L::Unit | L::Couple | L::Few => {
                    self.current *= 12.0;
                    self.last = L::Dozen;
                }
                _ => return false,
            },
            Part::Half => match self.last {
                L::Start | L::Article => {
                    self.current = 0.5;
                    self.last = L::Half;
                }
                _ => return false,
            },
            Part::Hundred => match self.last {
                L::Start | L::Article | L::Unit | L::Teen | L::Tens | L::Couple | L::Few | L::Half | L::Of => {
                    if self.current >= 100.0 {
                        return false;
                    }
                    self.current = self.multiplier() * 100.0;
                    self.last = L::Hundred;
                }
                _ => return false,
            },
            Part::Thousand | Part::Grand => match self.last {
                L::Start if word == Part::Grand => return false,
                L::Start
                | L::Article
                | L::Unit
                | L::Teen
                | L::Tens
                | L::Hundred
                | L::Couple
                | L::Few
                | L::Half
                | L::Dozen
                | L::Of => return self.apply_scale(1e3),
                _ => return false,
            },
            Part::Million => match self.last {
                L::Start
                | L::Article
                | L::Unit
                | L::Teen
                | L::Tens
                | L::Hundred
                | L::Couple
                | L::Few
                | L::Half
                | L::Dozen
                | L::Of => return self.apply_scale(1e6),
                _ => return false,
            },
            Part::Article | Part::And | Part::Of => return false,
        }
        true
    }
}

/// Whether the text between two words lets them belong to one number: a space or a hyphen
/// ("twenty-five"), nothing else.
fn joins(gap: &str) -> bool {
    gap == " " || gap == "-"
}

/// Reads the spelled-out number starting at word `i`, if one starts there: its value and the
/// index just past its last word. Each word is looked at a bounded number of times, so a text
/// is read in time linear in its words.
/// Kept whole on purpose (about 95 lines): one loop over the words, with its look-ahead cases
/// ("and a half", "a couple of", "half an") in the order they must be tried.
fn spelled_number_at(text: &str, spans: &[(usize, usize)], i: usize) -> Option<(f64, usize)> {
    let word_at = |k: usize| -> Option<Part> { spans.get(k).and_then(|&(s, e)| part(&text[s..e])) };
    let joined = |k: usize| -> bool {
        // Whether word k follows word k - 1 within one number.
        k > 0 && k < spans.len() && joins(&text[spans[k - 1].1..spans[k].0])
    };
    let first = word_at(i)?;
    if matches!(first, Part::And | Part::Of) {
        return None;
    }
    // A bare scale word right after digits ("2 thousand") belongs to those digits, which the
    // money reader multiplies itself; alone it would read "2 1000".
    if matches!(first, Part::Hundred | Part::Thousand | Part::Million | Part::Dozen) {
        let before = text[..spans[i].0].trim_end();
        if before.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    let mut number = Spelled {
        total: 0.0,
        current: 0.0,
        scale: 0.0,
        last: Last::Start,
    };
    let mut k = i;
    let mut end = None;
    if first == Part::Article {
        let next = if joined(i + 1) { word_at(i + 1) } else { None };
        match next {
            Some(
                Part::Hundred
                | Part::Thousand
                | Part::Grand
                | Part::Million
                | Part::Dozen
                | Part::Couple
                | Part::Few
                | Part::Half,
            ) => {
                number.last = Last::Article;
                k = i + 1;
            }
            _ => return None,
        }
    }
    loop {
        if k >= spans.len() || (k > i && !joined(k)) {
            break;
        }
        let Some(word) = word_at(k) else { break };
        match word {
            Part::And => {
                // "one hundred and five", "two and a half"; otherwise "and" ends the number.
                let after = |n: usize| if joined(k + n) { word_at(k + n) } else { None };
                let after_scale = matches!(number.last, Last::Hundred | Last::Thousand | Last::Million);
                match (after(1), after(2)) {
                    (Some(Part::Unit(_) | Part::Teen(_) | Part::Tens(_)), _) if after_scale => k += 1,
                    (Some(Part::Half), _) if number.last != Last::Half => {
                        number.current += 0.5;
                        number.last = Last::Half;
                        k += 2;
                        end = Some(k);
                    }
                    (Some(Part::Article), Some(Part::Half)) if number.last != Last::Half => {
                        number.current += 0.5;
                        number.last = Last::Half;
                        k += 3;
                        end = Some(k);
                    }
                    _ => break,
                }
            }
            Part::Of if matches!(number.last, Last::Couple | Last::Few | Last::Dozen) => {
                // "a couple of hours": the "of" goes with the number.
                number.last = Last::Of;
                k += 1;
                end = Some(k);
            }
            Part::Article if number.last == Last::Half && k == i + 1 => {
                // "half an hour", "half a million".
                k += 1;
                end = Some(k);
            }
            _ => {
                if !number.take(word) {
                    break;
                }
                k += 1;
                end = Some(k);
            }
        }
    }
    end.map(|end| (number.value(), end))
}

/// Rewrites spelled-out numbers as digits: "fifteen hundred" → "1500", "a couple of hours" →
/// "2 hours", "half an hour" → "0.5 hour", "one and a half" → "1.5". "a"/"an" alone stay words,
/// since "a month" is a period, not a quantity; readers that want "an hour" as one hour say so.
pub(super) fn words_to_digits(normalised: &str) -> String {
    let spans: Vec<(usize, usize)> = LETTER_RUN.find_iter(normalised).map(|m| (m.start(), m.end())).collect();
    let mut out = String::with_capacity(normalised.len());
    let mut copied = 0;
    let mut i = 0;
    while i < spans.len() {
        match spelled_number_at(normalised, &spans, i) {
            Some((value, end)) => {
                out.push_str(&normalised[copied..spans[i].0]);
                out.push_str(&value.to_string());
                copied = spans[end - 1].1;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&normalised[copied..]);
    add_halves(&out)
}

/// "2 and a half", "1 hour and a half": adds the half to the number before it. Readers that turn
/// "an hour" into "1 hour" call it again afterwards.
pub(super) fn add_halves(text: &str) -> String {
    NUMBER_AND_HALF
        .replace_all(text, |caps: &regex::Captures| {
            let base = caps.get(1).and_then(|m| parse_digits(m.as_str()));
            let unit = caps.get(2).map_or("", |m| m.as_str());
            match base {
                Some(base) => format!("{}{unit}", base + 0.5),
                None => caps[0].to_owned(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_numbers_become_digits() {
        let cases = [
            ("fifteen hundred", "1500"),
            ("a couple thousand dollars", "2000 dollars"),
            ("a few hundred", "300"),
            ("two thousand five hundred", "2500"),
            ("twenty-five", "25"),
            ("one hundred and five", "105"),
            ("a grand", "1000"),
            ("grand total", "grand total"),
            ("a couple of hours a week", "2 hours a week"),
            ("half an hour a day", "0.5 hour a day"),
            ("an hour and a half", "an hour and 0.5"),
            ("one and a half years", "1.5 years"),
            ("two and a half thousand", "2500"),
            ("a dozen", "12"),
            ("two dozen", "24"),
            ("2 thousand", "2 thousand"),
            ("a month", "a month"),
            ("one two three", "1 2 3"),
            ("five-ten", "5-10"),
            ("1 and a half", "1.5"),
            ("3 hours and a half", "3.5 hours"),
            ("a few", "3"),
            ("design and half the posts", "design and 0.5 the posts"),
            ("few hours", "few hours"),
            ("half a million", "500000"),
        ];
        for (input, expected) in cases {
            assert_eq!(words_to_digits(&normalise(input)), expected, "input {input:?}");
        }
    }

    #[test]
    fn normalise_evens_out_dashes_spaces_and_fractions() {
        assert_eq!(normalise("  £500\u{2013}£800\u{00A0}a  Month "), "£500-£800 a month");
        assert_eq!(normalise("Don\u{2019}t"), "don't");
        assert_eq!(normalise("1½ hours, ½ day"), "1.5 hours, 0.5 day");
    }

    #[test]
    fn longest_phrase_wins() {
        let table = PhraseTable::new(&[("sure", 1), ("not sure", 2), ("not", 3)]);
        let found = scan_phrases(&words("I'm not sure, sure"), &table);
        let values: Vec<i32> = found.iter().map(|m| m.value).collect();
        assert_eq!(values, vec![2, 1]);
    }
}
