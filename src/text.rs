//! Plain-text rendering of the core's screens and advice, shared by the terminal chat and the
//! Discord chat. Every sentence comes from prompts/; this only lays them out. What the user typed
//! is kept apart from our words ([`Words`]), so the layout that shows it decides how to escape it
//! (the terminal leaves it as typed, Discord neutralises its markdown).

use time::OffsetDateTime;

use crate::advisor::advice::Advice;
use crate::advisor::content::Content;
use crate::advisor::display;
use crate::advisor::interview::{Ask, Interview, Note, ReviewLine, Status};
use crate::advisor::read::{Doubt, Reading, Unreadable};
use crate::view::advice::{advice_view, checklist_lines, percent, ChecklistLine};
use crate::view::question::{confirm_view, question_view};

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
    pub fn fill(template: &str, values: &[(&str, &Words)]) -> Words {
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

    pub fn push_said(&mut self, text: &str) {
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

/// The five articles, one line each: its title and where it stands (data/facts.toml), for
/// the chat's `help` and Discord's /help alike.
pub fn sources(content: &Content) -> String {
    content
        .articles
        .iter()
        .map(|a| format!("- {}: {}", content.cite(std::slice::from_ref(&a.id)), a.stance))
        .collect::<Vec<_>>()
        .join("\n")
}

pub use crate::view::question::{progress_bar, progress_title};

/// A question laid out as lines: progress, the question, why, the options numbered, the hint,
/// and the answer so far (escaped by the layout, as typed words are).
pub fn question(content: &Content, ask: &Ask) -> Words {
    let Some(view) = question_view(content, ask) else {
        return Words::said(ask.question.clone());
    };
    let mut lines = vec![
        format!("{}  {}", view.progress, view.bar),
        view.text.to_owned(),
        format!("  ({})", view.why),
    ];
    // Picks are numbered like choices; typing the number picks one (see chat::respond).
    for (i, option) in view.options.iter().enumerate() {
        lines.push(format!("  {}. {}", i + 1, option));
    }
    lines.push(view.hint);
    let mut lines: Vec<Words> = lines.into_iter().map(Words::said).collect();
    if let Some(raw) = view.current {
        let raw = Words::typed(raw);
        lines.push(Words::fill(
            content.messages.get("chat.current_answer"),
            &[("answer", &raw)],
        ));
    }
    Words::join(&lines, "\n")
}

/// Why an answer was not read, with the question's example.
pub fn problem(content: &Content, ask: &Ask, problem: &Unreadable) -> String {
    let question = content.question(&ask.question);
    let example = question.map_or("", |q| q.example());
    let reason = display::problem(content, question, problem, example);
    content.messages.fill("chat.unreadable", &[("reason", &reason)])
}

/// "Did you mean €1,200? (yes / no)": a reading in doubt, before it is stored.
pub fn confirm(content: &Content, ask: &Ask, reading: &Reading, doubt: Doubt) -> String {
    let asked = match confirm_view(content, ask, reading, doubt) {
        Some(view) => view.asked,
        None => display::confirm(content, None, reading, doubt),
    };
    format!("{asked} {}", content.messages.get("confirm.hint"))
}

/// A one-line note, where the note has words of its own.
pub fn note(content: &Content, note: Note) -> Option<&str> {
    let key = match note {
        Note::Saved => return None,
        Note::Skipped => "chat.skipped",
        Note::NothingBefore => "chat.nothing_before",
        Note::Stale => "chat.stale",
        Note::NoSuchQuestion => "chat.no_such_question",
        Note::Restarted => "chat.restart_done",
    };
    Some(content.messages.get(key))
}

/// "Got it: $1,500 a month." after an answer.
pub fn saved(content: &Content, question: &str, reading: &crate::advisor::read::Reading) -> Words {
    let shown = read_as(content, content.question(question), reading);
    Words::fill(content.messages.get("chat.saved"), &[("answer", &shown)])
}

/// A reading as said back: free text is read as itself, so its "read as" is what they typed;
/// everything else is our rendering of a number or a choice.
fn read_as(
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

/// The numbered list of answers.
pub fn review(content: &Content, lines: &[ReviewLine]) -> Words {
    let m = &content.messages;
    if lines.iter().all(|l| l.answer.is_none()) {
        return Words::said(m.get("review.empty"));
    }
    let mut out = vec![Words::said(m.get("review.heading"))];
    for (i, line) in lines.iter().enumerate() {
        let question = content.question(&line.question);
        let title = question.map_or(line.question.as_str(), |q| q.short.as_str());
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
            (Status::Answered, Some(shown)) => shown,
            (Status::NotAsked, Some(shown)) => Words::fill(m.get("review.not_asked"), &[("answer", &shown)]),
            (Status::Removed, Some(shown)) => Words::fill(m.get("review.removed"), &[("answer", &shown)]),
            (Status::Skipped, _) => Words::said(m.get("review.skipped")),
            _ => Words::said(m.get("review.open")),
        };
        out.push(Words::fill(
            m.get("review.line"),
            &[
                ("number", &Words::said((i + 1).to_string())),
                ("question", &Words::said(title)),
                ("answer", &answer),
            ],
        ));
    }
    Words::join(&out, "\n")
}

/// The recommendation, its reasons, what would change it, the checklist and what is missing.
pub fn advice(content: &Content, advice: &Advice) -> String {
    let m = &content.messages;
    let view = advice_view(content, advice);
    let mut out = vec![view.heading, view.summary];
    out.extend(view.confidence);
    if !view.reasons.is_empty() {
        out.push(String::new());
        out.push(m.get("advice.reasons").to_owned());
        out.extend(view.reasons);
    }
    if let Some(changes) = view.changes {
        out.push(String::new());
        out.push(m.get("advice.would_change").to_owned());
        if changes.is_empty() {
            out.push(m.get("advice.would_change_none").to_owned());
        }
        out.extend(changes.iter().map(|line| format!("- {line}")));
    }
    out.push(String::new());
    out.push(checklist_text(content, &view.checklist));
    if let Some(missing) = view.missing {
        out.push(String::new());
        out.push(missing);
    }
    out.join("\n")
}

/// The metric checklist alone.
pub fn checklist(content: &Content, advice: &Advice) -> String {
    checklist_text(content, &checklist_lines(content, advice))
}

fn checklist_text(content: &Content, lines: &[ChecklistLine]) -> String {
    let m = &content.messages;
    let mut out = vec![m.get("advice.checklist").to_owned()];
    for line in lines {
        out.push(m.fill(
            "advice.checklist_line",
            &[
                ("metric", &line.metric),
                ("target", &line.target),
                ("why", &line.why),
                ("source", &line.source),
            ],
        ));
    }
    out.join("\n")
}

/// The words for the end of the questions: "every question is answered" only when it is true;
/// otherwise how many have no answer (skipped, or "not sure"). `prefix` is `chat` or `discord`.
pub fn all_done(content: &Content, interview: &Interview, prefix: &str) -> String {
    let m = &content.messages;
    let unanswered = interview
        .applicable(content)
        .iter()
        .filter(|q| {
            interview
                .answers
                .get(&q.id)
                .is_none_or(|a| a.reading == crate::advisor::read::Reading::Unsure)
        })
        .count();
    if unanswered == 0 {
        m.get(&format!("{prefix}.all_answered")).to_owned()
    } else {
        m.fill(
            &format!("{prefix}.all_done_skipped"),
            &[("count", &unanswered.to_string())],
        )
    }
}

/// Past assessments, oldest first, each with how the advice moved from the one before.
pub fn history(content: &Content, assessments: &[crate::store::Assessment], user: &str) -> String {
    history_range(content, assessments, 0..assessments.len(), user)
}

/// The assessments in `range` of `assessments` (a page of them), each with how the advice moved
/// from the one before it, and the summary of those folded away when the page starts at the
/// oldest kept.
pub fn history_range(
    content: &Content,
    assessments: &[crate::store::Assessment],
    range: std::ops::Range<usize>,
    user: &str,
) -> String {
    let m = &content.messages;
    if assessments.is_empty() {
        return m.fill("history.empty", &[("user", user)]);
    }
    let title = |id: &str| m.get(&format!("outcome.{id}.title")).to_owned();
    let outcome_title = |a: &crate::store::Assessment| match a.advice.outcome {
        Some(outcome) => title(outcome.id()),
        None => m.get("advice.need_more_heading").to_owned(),
    };
    let mut out = Vec::new();
    let range = range.start.min(assessments.len())..range.end.min(assessments.len());
    if let Some(earlier) = assessments.get(range.start).and_then(|a| a.earlier.as_ref()) {
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
        out.push(m.fill(
            "history.earlier",
            &[
                ("count", &earlier.count.to_string()),
                ("first", &when(earlier.first_at)),
                ("last", &when(earlier.last_at)),
                ("outcomes", &outcomes.join(", ")),
            ],
        ));
    }
    for i in range {
        let assessment = &assessments[i];
        // No recommendation has no confidence to show.
        let key = if assessment.advice.outcome.is_some() {
            "history.line"
        } else {
            "history.line_need_more"
        };
        out.push(m.fill(
            key,
            &[
                ("when", &when(assessment.at)),
                ("outcome", &outcome_title(assessment)),
                ("percent", &percent(assessment.advice.confidence)),
            ],
        ));
        if let Some(before) = i.checked_sub(1).map(|j| &assessments[j]) {
            if before.advice.outcome == assessment.advice.outcome {
                out.push(m.get("history.same").to_owned());
            } else {
                out.push(m.fill(
                    "history.moved",
                    &[("from", &outcome_title(before)), ("to", &outcome_title(assessment))],
                ));
            }
        }
    }
    out.join("\n")
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
