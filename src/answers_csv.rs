//! The answers as CSV: one row per question (id, question, typed, read as, answered at), in the
//! order of prompts/questions.toml (the brief questions last, once asked), quoted as RFC 4180
//! says, UTF-8. For a spreadsheet or a
//! script; the JSON export stays the complete record.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::advisor::display;
use crate::advisor::{Content, Interview};

/// The header row's column names: stable, for scripts.
pub(crate) const COLUMNS: [&str; 5] = ["id", "question", "typed", "read_as", "answered_at"];

/// One field, quoted when it holds a comma, a quote or a line break (quotes doubled).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn row(fields: &[&str]) -> String {
    let mut line = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// Seconds since the epoch as `2026-11-22T18:30:00Z`.
fn timestamp(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Every question, answered or not; a skipped one reads as the skip.
pub(crate) fn answers_csv(content: &Content, interview: Option<&Interview>) -> String {
    let mut out = row(&COLUMNS);
    // The brief questions (issue 31) follow, once the owner has gone through them.
    let brief = content
        .brief_questions
        .iter()
        .filter(|q| interview.is_some_and(|i| i.brief || i.answers.contains_key(&q.id)));
    for question in content.questions.iter().chain(brief) {
        let answer = interview.and_then(|i| i.answers.get(&question.id));
        let skipped = interview.is_some_and(|i| i.skipped.contains(&question.id));
        let (typed, read_as, at) = match answer {
            Some(a) => (
                a.raw.clone(),
                display::reading(content, Some(question), &a.reading),
                timestamp(a.at),
            ),
            None if skipped => (
                String::new(),
                content.messages.get("review.skipped").to_owned(),
                String::new(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        out.push_str(&row(&[&question.id, &question.text, &typed, &read_as, &at]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\"\nthen"), "\"say \"\"hi\"\"\nthen\"");
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
    }
}
