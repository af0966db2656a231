//! The answers screen (the terminal's `answers`, Discord's /answers and the chat's `answers`):
//! each question with what was typed, how it was read and when, built once from the review's
//! lines. The terminal prints the lines; Discord shows them a page at a time with a menu that
//! opens one question, each entry showing its current reading.

use super::spans::{read_as, when, Words};
use crate::advisor::content::Content;
use crate::advisor::display;
use crate::advisor::interview::{ReviewLine, ReviewStatus};

/// Entries on one page: a select menu holds 25 options at most, so the list is paged by as many.
pub(crate) const PER_PAGE: usize = 25;

/// What the answers screen says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewView {
    pub heading: String,
    /// Said instead of the list while nothing is answered.
    pub empty: Option<String>,
    pub entries: Vec<ReviewEntry>,
}

/// One question of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEntry {
    /// Its number in the list, from 1 (the chat's `edit N` takes it).
    pub number: usize,
    /// The question's id, which opens it.
    pub question: String,
    /// The question's short title.
    pub short: String,
    /// The whole line: number, title, what was typed, how it was read and when.
    pub line: Words,
    /// How the answer stands in a few words: its reading, or that it was skipped or is open.
    pub reading: String,
    /// The question is still asked, so it can be opened again (not removed from prompts/, not
    /// ruled out by other answers).
    pub editable: bool,
}

impl ReviewView {
    pub fn of(content: &Content, lines: &[ReviewLine]) -> ReviewView {
        let m = &content.messages;
        let empty = lines
            .iter()
            .all(|l| l.answer.is_none())
            .then(|| m.get("review.empty").to_owned());
        let entries = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let question = content.question(&line.question);
                let short = question.map_or(line.question.as_str(), |q| q.short.as_str());
                let shown = line.answer.as_ref().map(|a| {
                    let mut shown = Words::said("\"");
                    shown.push(&Words::typed(a.raw.clone()));
                    shown.push_said("\" (");
                    let reading = read_as(content, question, &a.reading);
                    shown.push(&Words::fill(m.get("review.read_as"), &[("reading", &reading)]));
                    shown.push_said("; ");
                    shown.push_said(&m.fill("review.when", &[("when", &when(a.at))]));
                    shown.push_said(")");
                    shown
                });
                let answer = match (line.status, shown) {
                    (ReviewStatus::Answered, Some(shown)) => shown,
                    (ReviewStatus::NotAsked, Some(shown)) => {
                        Words::fill(m.get("review.not_asked"), &[("answer", &shown)])
                    }
                    (ReviewStatus::Removed, Some(shown)) => Words::fill(m.get("review.removed"), &[("answer", &shown)]),
                    (ReviewStatus::Skipped, _) => Words::said(m.get("review.skipped")),
                    _ => Words::said(m.get("review.open")),
                };
                let reading = match (line.status, &line.answer) {
                    (ReviewStatus::Skipped, _) => m.get("review.skipped").to_owned(),
                    (_, Some(a)) => display::reading(content, question, &a.reading),
                    (_, None) => m.get("review.open").to_owned(),
                };
                ReviewEntry {
                    number: i + 1,
                    question: line.question.clone(),
                    short: short.to_owned(),
                    line: Words::fill(
                        m.get("review.line"),
                        &[
                            ("number", &Words::said((i + 1).to_string())),
                            ("question", &Words::said(short)),
                            ("answer", &answer),
                        ],
                    ),
                    reading,
                    editable: matches!(
                        line.status,
                        ReviewStatus::Answered | ReviewStatus::Skipped | ReviewStatus::Open
                    ),
                }
            })
            .collect();
        ReviewView {
            heading: m.get("review.heading").to_owned(),
            empty,
            entries,
        }
    }

    /// How many pages of [`PER_PAGE`] entries there are (one, even when empty).
    pub fn pages(&self) -> usize {
        self.entries.len().div_ceil(PER_PAGE).max(1)
    }

    /// The entries of page `page` (from 0; past the end is the last page), and which page that is.
    pub fn page(&self, page: usize) -> (usize, &[ReviewEntry]) {
        let page = page.min(self.pages() - 1);
        let start = page * PER_PAGE;
        let end = (start + PER_PAGE).min(self.entries.len());
        (page, &self.entries[start.min(end)..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::Interview;

    #[test]
    fn pages_hold_a_select_menus_worth_and_past_the_end_is_the_last() {
        let content = Content::built_in();
        let lines = Interview::default().review(&content);
        let view = ReviewView::of(&content, &lines);
        assert!(view.empty.is_some(), "nothing answered yet");
        assert_eq!(view.pages(), lines.len().div_ceil(PER_PAGE).max(1));
        let (last, entries) = view.page(usize::MAX);
        assert_eq!(last, view.pages() - 1);
        assert!(!entries.is_empty() && entries.len() <= PER_PAGE);
        assert_eq!(entries.last().map(|e| e.number), Some(lines.len()));
    }
}
