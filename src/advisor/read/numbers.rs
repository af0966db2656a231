//! Numbers as people type them, shared by the money, hours and number readers: digits with
//! thousands separators and decimals, `k` and `m` suffixes, and word numbers ("fifteen hundred",
//! "a couple thousand", "a few hundred", "half").
//!
//! The readers first rewrite word numbers into digits ([`words_to_digits`]), then find the
//! numbers with one regex, so each reader only deals with digits.

use std::sync::LazyLock;

use regex::Regex;

/// Lowercases and normalises what people paste: unicode dashes, non-breaking spaces, curly quotes.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' | '\n' | '\r' => ' ',
            '\u{2018}' | '\u{2019}' => '\'',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A word standing for a small number.
fn unit_word(word: &str) -> Option<f64> {
    let value = match word {
        "zero" | "no" | "none" | "nothing" => 0.0,
        "a" | "an" | "one" | "single" => 1.0,
        "two" | "couple" => 2.0,
        "three" | "few" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "half" => 0.5,
        _ => return None,
    };
    Some(value)
}

fn scale_word(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(100.0),
        "thousand" | "grand" => Some(1_000.0),
        "million" => Some(1_000_000.0),
        _ => None,
    }
}

/// Rewrites spelled-out numbers as digits: "fifteen hundred" → "1500", "a couple thousand" →
/// "2000", "twenty five" → "25". Words that are not part of a number are kept as they are, and
/// "a"/"an" count as one only before a number word ("a grand", "a couple"). Linear in the input.
pub fn words_to_digits(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        // "3 thousand": a scale word after digits is the digits' suffix, left for `NUMBER`.
        let after_digits = i > 0 && words[i - 1].trim_start_matches(['$', '£', '€']).parse::<f64>().is_ok();
        if after_digits && scale_word(words[i]).is_some() {
            out.push(words[i].to_owned());
            i += 1;
            continue;
        }
        match spoken_number(&words[i..]) {
            Some((value, used)) => {
                out.push(format_number(value));
                i += used;
            }
            None => {
                out.push(words[i].to_owned());
                i += 1;
            }
        }
    }
    out.join(" ")
}

/// A spoken number at the start of `words`: its value and how many words it took.
fn spoken_number(words: &[&str]) -> Option<(f64, usize)> {
    let is_article = |w: &str| matches!(w, "a" | "an");
    let mut total = 0.0;
    let mut current: Option<f64> = None;
    let mut used = 0;
    let mut j = 0;
    if words.first().is_some_and(|w| is_article(w)) {
        // "a" alone is no number; it is one only before a number word.
        let next = words.get(1).copied()?;
        if unit_word(next).is_none() && scale_word(next).is_none() || is_article(next) || next == "half" {
            return None;
        }
        current = Some(1.0);
        j = 1;
    }
    while j < words.len() {
        let word = words[j];
        if let Some(scale) = scale_word(word) {
            let value = current.unwrap_or(1.0) * scale;
            if scale >= 1_000.0 {
                total += value;
                current = None;
            } else {
                current = Some(value);
            }
            used = j + 1;
        } else if let Some(unit) =
            unit_word(word).filter(|_| !is_article(word) && !matches!(word, "no" | "none" | "nothing"))
        {
            current = match current {
                // "a couple", "a few", "a dozen": the article was only a lead-in.
                Some(one) if one == 1.0 && used == 0 => Some(unit),
                // "twenty five"
                Some(tens) if (20.0..100.0).contains(&tens) && tens % 10.0 == 0.0 && unit < 10.0 => Some(tens + unit),
                Some(_) => break,
                None if used > 0 && total > 0.0 && unit < 1_000.0 => Some(unit),
                None if used > 0 => break,
                None => Some(unit),
            };
            used = j + 1;
        } else if word == "of" && used > 0 && words.get(j + 1).is_some_and(|w| scale_word(w).is_some()) {
            // "a couple of thousand"
        } else if word == "and"
            && (current.is_some_and(|c| c >= 100.0) || (current.is_none() && total > 0.0))
            && words.get(j + 1).and_then(|w| unit_word(w)).is_some_and(|u| u >= 1.0)
            && !words.get(j + 1).is_some_and(|w| matches!(*w, "a" | "an"))
        {
            // "two hundred and fifty": the units that follow are added, not a new number.
            let hundreds = current.take().unwrap_or(0.0);
            total += hundreds;
        } else {
            break;
        }
        j += 1;
    }
    (used > 0).then(|| (total + current.unwrap_or(0.0), used))
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// A number as typed: digits with optional thousands separators and decimals, then an optional
/// `k`/`m` suffix or scale word.
pub static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<digits> \d{1,3}(?:,\d{3})+(?:\.\d+)? | \d+(?:\.\d+)? | \.\d+ )
        \s?
        (?P<suffix> k\b | m\b | thousand\b | grand\b | million\b | hundred\b | mil\b )?
    ",
    )
    .expect("NUMBER compiles")
});

/// The value of one `NUMBER` match.
pub fn value_of(captures: &regex::Captures) -> Option<f64> {
    let digits = captures.name("digits")?.as_str().replace(',', "");
    let base: f64 = digits.parse().ok()?;
    let multiplier = match captures.name("suffix").map(|m| m.as_str()) {
        Some("k" | "thousand" | "grand") => 1_000.0,
        Some("m" | "million" | "mil") => 1_000_000.0,
        Some("hundred") => 100.0,
        _ => 1.0,
    };
    let value = base * multiplier;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_numbers_become_digits() {
        for (text, expected) in [
            ("fifteen hundred", "1500"),
            ("a couple thousand", "2000"),
            ("a couple of thousand", "2000"),
            ("a few hundred", "300"),
            ("a grand", "1000"),
            ("two thousand five hundred", "2500"),
            ("twenty five", "25"),
            ("a hundred bucks", "100 bucks"),
            ("half an hour", "0.5 an hour"),
            ("a couple of hours", "2 of hours"),
            ("two hundred and fifty", "250"),
            ("a thousand and five hundred", "1500"),
            ("no budget", "no budget"),
            ("a lot", "a lot"),
        ] {
            assert_eq!(words_to_digits(text), expected, "{text}");
        }
    }
}
