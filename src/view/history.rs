//! The history screen (the terminal's `history`, Discord's /history): past assessments, oldest
//! first, each with how the advice moved from the one before, and the summary of those folded
//! away. Discord shows it a page at a time; the terminal shows one page of everything.

use super::spans::when;
use crate::advisor::content::Content;
use crate::advisor::history::{Assessment, Earlier};
use crate::view::advice::percent;

/// What one page of the history says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    /// Said instead of the list when there is no assessment.
    pub empty: Option<String>,
    /// The summary of the assessments folded away, on the page that starts at the oldest kept.
    pub earlier: Option<String>,
    pub entries: Vec<HistoryEntry>,
    /// This page (from 0) and how many there are.
    pub page: usize,
    pub pages: usize,
}

/// One assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When, the outcome and its confidence.
    pub line: String,
    /// How the advice moved from the assessment before, when there is one.
    pub moved: Option<String>,
}

impl HistoryView {
    /// Every assessment on one page; `user` is who the empty history is about.
    pub fn of(content: &Content, assessments: &[Assessment], user: &str) -> HistoryView {
        HistoryView::page(content, assessments, None, assessments.len().max(1), user, when)
    }

    /// Page `page` of `per_page` assessments (0 holds the oldest; None, or past the end, is the
    /// newest). `when` writes a time as the front shows it (the terminal's UTC, Discord's
    /// `<t:…>`).
    pub fn page(
        content: &Content,
        assessments: &[Assessment],
        page: Option<usize>,
        per_page: usize,
        user: &str,
        when: fn(u64) -> String,
    ) -> HistoryView {
        let m = &content.messages;
        let per_page = per_page.max(1);
        let pages = assessments.len().div_ceil(per_page).max(1);
        let shown = page.map_or(pages - 1, |p| p.min(pages - 1));
        let mut view = HistoryView {
            empty: None,
            earlier: None,
            entries: Vec::new(),
            page: shown,
            pages,
        };
        if assessments.is_empty() {
            view.empty = Some(m.fill("history.empty", &[("user", user)]));
            return view;
        }
        let start = (shown * per_page).min(assessments.len());
        let range = start..(start + per_page).min(assessments.len());
        let outcome_title = |a: &Assessment| super::outcome_title(content, a.advice.outcome);
        if let Some(earlier) = assessments.get(range.start).and_then(|a| a.earlier.as_ref()) {
            view.earlier = Some(earlier_line(content, earlier, when));
        }
        for i in range {
            let assessment = &assessments[i];
            // No recommendation has no confidence to show.
            let key = if assessment.advice.outcome.is_some() {
                "history.line"
            } else {
                "history.line_need_more"
            };
            let line = m.fill(
                key,
                &[
                    ("when", &when(assessment.at)),
                    ("outcome", &outcome_title(assessment)),
                    ("percent", &percent(assessment.advice.confidence)),
                ],
            );
            let moved = i.checked_sub(1).map(|j| &assessments[j]).map(|before| {
                if before.advice.outcome == assessment.advice.outcome {
                    m.get("history.same").to_owned()
                } else {
                    m.fill(
                        "history.moved",
                        &[("from", &outcome_title(before)), ("to", &outcome_title(assessment))],
                    )
                }
            });
            view.entries.push(HistoryEntry { line, moved });
        }
        view
    }

    /// Its lines in order: the summary, then each assessment and how it moved.
    pub fn lines(&self) -> Vec<&str> {
        if let Some(empty) = &self.empty {
            return vec![empty];
        }
        let mut out: Vec<&str> = self.earlier.iter().map(String::as_str).collect();
        for entry in &self.entries {
            out.push(&entry.line);
            out.extend(entry.moved.as_deref());
        }
        out
    }
}

/// What came before the assessments kept: how many, when, and what they advised.
fn earlier_line(content: &Content, earlier: &Earlier, when: fn(u64) -> String) -> String {
    let m = &content.messages;
    let title = |id: &str| m.get(&format!("outcome.{id}.title")).to_owned();
    let outcomes: Vec<String> = earlier
        .outcomes
        .iter()
        .map(|(id, count)| {
            let name = if m.has(&format!("outcome.{id}.title")) {
                title(id)
            } else {
                m.get("advice.need_more_heading").to_owned()
            };
            m.fill(
                "history.earlier_outcome",
                &[("outcome", &name), ("count", &count.to_string())],
            )
        })
        .collect();
    m.fill(
        "history.earlier",
        &[
            ("count", &earlier.count.to_string()),
            ("first", &when(earlier.first_at)),
            ("last", &when(earlier.last_at)),
            ("outcomes", &outcomes.join(", ")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advisor::advice::Advice;
    use crate::advisor::content::Outcome;

    fn assessment(at: u64, outcome: Outcome) -> Assessment {
        Assessment {
            at,
            answers: Vec::new(),
            advice: Advice {
                outcome: Some(outcome),
                confidence: 0.5,
                ..Advice::default()
            },
            earlier: None,
        }
    }

    /// No page asked, or one past the end, is the newest; a page's first assessment still says
    /// how it moved from the last of the page before.
    #[test]
    fn pages_run_oldest_first_and_the_newest_is_shown_unless_asked() {
        let content = Content::built_in();
        let all: Vec<Assessment> = (0..5)
            .map(|i| assessment(i, if i < 3 { Outcome::NotYet } else { Outcome::Full }))
            .collect();
        let newest = HistoryView::page(&content, &all, None, 2, "you", when);
        assert_eq!((newest.page, newest.pages, newest.entries.len()), (2, 3, 1));
        assert_eq!(HistoryView::page(&content, &all, Some(99), 2, "you", when), newest);
        let middle = HistoryView::page(&content, &all, Some(1), 2, "you", when);
        assert_eq!(
            middle.entries[0].moved.as_deref(),
            Some(content.messages.get("history.same"))
        );
        assert!(middle.entries[1]
            .moved
            .as_deref()
            .is_some_and(|m| m != content.messages.get("history.same")));
        let oldest = HistoryView::page(&content, &all, Some(0), 2, "you", when);
        assert_eq!(oldest.entries[0].moved, None, "the first has nothing before it");
        let whole = HistoryView::of(&content, &all, "you");
        assert_eq!((whole.pages, whole.entries.len()), (1, 5));
        assert!(HistoryView::of(&content, &[], "bob").lines()[0].contains("bob"));
    }
}
