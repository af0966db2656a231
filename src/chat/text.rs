//! Plain-text rendering of the core's screens and advice, shared by the terminal chat and the
//! Discord chat. Every sentence comes from prompts/; this only lays them out. The shared wording
//! (spans, `when`, `read_as`) is the view layer's ([`crate::view::spans`]), re-exported here.

use crate::advisor::advice::Advice;
use crate::advisor::content::Content;
use crate::advisor::display;
use crate::advisor::interview::{Ask, Interview, Note};
use crate::advisor::read::{Doubt, Reading, Unreadable};
use crate::view::advice::{advice_view, ChecklistLine};
use crate::view::help::HelpView;
use crate::view::history::HistoryView;
use crate::view::question::{confirm_view, question_view};
use crate::view::review::ReviewView;
pub(crate) use crate::view::spans::read_as;
pub use crate::view::spans::{plain, when, Words};

/// The help as the chat says it: what to type, then the articles one line each with where each
/// stands.
pub(crate) fn help(view: &HelpView) -> String {
    let mut out = vec![view.intro.clone(), view.sources_heading.clone(), source_lines(view)];
    for (title, text) in &view.sections {
        out.push(title.clone());
        out.push(text.clone());
    }
    out.join("\n")
}

/// The articles, one line each: its title and where it stands.
fn source_lines(view: &HelpView) -> String {
    view.sources
        .iter()
        .map(|s| format!("- {}: {}", s.title, s.stance))
        .collect::<Vec<_>>()
        .join("\n")
}

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
pub(crate) fn problem(content: &Content, ask: &Ask, problem: &Unreadable) -> String {
    let question = content.question(&ask.question);
    let example = question.map_or("", |q| q.example());
    let reason = display::problem(content, question, problem, example);
    content.messages.fill("chat.unreadable", &[("reason", &reason)])
}

/// "Did you mean €1,200? (yes / no)": a reading in doubt, before it is stored.
pub(crate) fn confirm(content: &Content, ask: &Ask, reading: &Reading, doubt: Doubt) -> String {
    let asked = match confirm_view(content, ask, reading, doubt) {
        Some(view) => view.asked,
        None => display::confirm(content, None, reading, doubt),
    };
    format!("{asked} {}", content.messages.get("confirm.hint"))
}

/// A one-line note, where the note has words of its own.
pub(crate) fn note(content: &Content, note: Note) -> Option<&str> {
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
pub(crate) fn saved(content: &Content, question: &str, reading: &crate::advisor::read::Reading) -> Words {
    let shown = read_as(content, content.question(question), reading);
    Words::fill(content.messages.get("chat.saved"), &[("answer", &shown)])
}

/// The numbered list of answers, as the terminal (and the chat) lays it out: the heading, then
/// every line.
pub(crate) fn review(view: &ReviewView) -> Words {
    if let Some(empty) = &view.empty {
        return Words::said(empty.clone());
    }
    let mut out = vec![Words::said(view.heading.clone())];
    out.extend(view.entries.iter().map(|e| e.line.clone()));
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
pub(crate) fn all_done(content: &Content, interview: &Interview, prefix: &str) -> String {
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

/// Past assessments, oldest first, each with how the advice moved from the one before: the
/// terminal shows them all, a line each.
pub fn history(content: &Content, assessments: &[crate::advisor::history::Assessment], user: &str) -> String {
    HistoryView::of(content, assessments, user).lines().join("\n")
}
