//! Shared wording every layout builds on: what the bot says with the user's words kept apart
//! ([`Words`]), so the layout that shows it decides how to escape them (the terminal leaves them
//! as typed, Discord neutralises their markdown); times as said ([`when`]); a reading as said back
//! ([`read_as`]).

use time::OffsetDateTime;

use crate::advisor::content::Content;
use crate::advisor::display;

/// Leaves user text as it is (the terminal).
pub fn plain(text: &str) -> String {
    text.to_owned()
}

/// A piece of what the bot says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Span {
    /// Our words, from prompts/ and data/.
    Said(String),
    /// What the user typed, to be shown as typed.
    Typed(String),
}

/// What the bot says, with our words and the user's kept apart until a layout joins them
/// ([`Words::layout`]): escaping the user's text is the layout's business, not the sentences'.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words(Vec<Span>);

impl Words {
    /// Our own words.
    pub fn said(text: impl Into<String>) -> Words {
        Words(vec![Span::Said(text.into())])
    }

    /// Words the user typed.
    pub fn typed(text: impl Into<String>) -> Words {
        Words(vec![Span::Typed(text.into())])
    }

    /// `template`'s `{placeholders}` filled with words, as [`template::fill`] fills them with
    /// text (an unknown name is left as it is).
    pub(crate) fn fill(template: &str, values: &[(&str, &Words)]) -> Words {
        let mut out = Words::default();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            match values.iter().find(|(name, _)| *name == &rest[open + 1..close]) {
                Some((_, value)) => {
                    out.push_said(&rest[..open]);
                    out.push(value);
                }
                None => out.push_said(&rest[..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_said(rest);
        out
    }

    pub fn push(&mut self, more: &Words) {
        self.0.extend(more.0.iter().cloned());
    }

    pub(crate) fn push_said(&mut self, text: &str) {
        if !text.is_empty() {
            self.0.push(Span::Said(text.to_owned()));
        }
    }

    /// `parts` one after another with `separator` (our words) between them.
    pub fn join(parts: &[Words], separator: &str) -> Words {
        let mut out = Words::default();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push_said(separator);
            }
            out.push(part);
        }
        out
    }

    /// The text, with the user's words passed through the layout's `escape`.
    pub fn layout(&self, escape: impl Fn(&str) -> String) -> String {
        self.0
            .iter()
            .map(|span| match span {
                Span::Said(text) => text.clone(),
                Span::Typed(text) => escape(text),
            })
            .collect()
    }
}

/// A Unix time as `2026-11-22 18:30 UTC`.
pub fn when(seconds: u64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    i64::try_from(seconds)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| seconds.to_string())
}

/// A reading as said back: free text is read as itself, so its "read as" is what they typed;
/// everything else is our rendering of a number or a choice.
pub(crate) fn read_as(
    content: &Content,
    question: Option<&crate::advisor::content::Question>,
    reading: &crate::advisor::read::Reading,
) -> Words {
    let shown = display::reading(content, question, reading);
    if matches!(reading, crate::advisor::read::Reading::Text { .. }) {
        Words::typed(shown)
    } else {
        Words::said(shown)
    }
}

#[cfg(test)]
mod words_tests {
    use super::Words;

    #[test]
    fn a_layout_escapes_the_users_words_and_only_theirs() {
        let typed = Words::typed("*me* {x}");
        let words = Words::fill("Got it: {answer} ({other}) *ours*", &[("answer", &typed)]);
        let shout = |text: &str| text.to_uppercase();
        assert_eq!(words.layout(shout), "Got it: *ME* {X} ({other}) *ours*");
        assert_eq!(words.layout(super::plain), "Got it: *me* {x} ({other}) *ours*");
        let joined = Words::join(&[Words::said("a"), typed, Words::said("{b")], "\n");
        assert_eq!(joined.layout(shout), "a\n*ME* {X}\n{b");
    }
}
