//! Plain-text rendering of the core's screens and advice, shared by the terminal chat and the
//! Discord chat. Every sentence comes from prompts/; this only lays them out. Text the user typed
//! passes through `escape`, so a front that renders markdown can neutralise it.

use time::OffsetDateTime;

use crate::advisor::advice::Advice;
use crate::advisor::content::{AnswerKind, Content};
use crate::advisor::display;
use crate::advisor::interview::{Ask, Note, ReviewLine, Status};
use crate::advisor::read::Unreadable;

/// Leaves user text as it is (the terminal).
pub fn plain(text: &str) -> String {
    text.to_owned()
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

/// A question with its progress, choices and hint.
pub fn question(content: &Content, ask: &Ask, escape: fn(&str) -> String) -> String {
    let m = &content.messages;
    let Some(q) = content.question(&ask.question) else {
        return ask.question.clone();
    };
    let mut lines = vec![
        m.fill(
            "chat.progress",
            &[("number", &ask.number.to_string()), ("total", &ask.total.to_string())],
        ),
        q.text.clone(),
        format!("  ({})", q.why),
    ];
    for (i, choice) in q.choices.iter().enumerate() {
        lines.push(format!("  {}. {}", i + 1, choice.label));
    }
    match q.kind {
        AnswerKind::Choices => lines.push(m.get("chat.choices_hint").to_owned()),
        AnswerKind::Choice => lines.push(m.get("chat.choice_hint").to_owned()),
        _ => lines.push(m.fill("chat.example", &[("example", q.example())])),
    }
    if let Some(answer) = &ask.current {
        lines.push(m.fill("chat.current_answer", &[("answer", &escape(&answer.raw))]));
    }
    lines.join("\n")
}

/// Why an answer was not read, with the question's example.
pub fn problem(content: &Content, ask: &Ask, problem: &Unreadable) -> String {
    let example = content.question(&ask.question).map_or("", |q| q.example());
    let reason = content.messages.fill(&problem.message_key(), &[("example", example)]);
    content.messages.fill("chat.unreadable", &[("reason", &reason)])
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
pub fn saved(
    content: &Content,
    question: &str,
    reading: &crate::advisor::read::Reading,
    escape: fn(&str) -> String,
) -> String {
    let shown = read_as(content, content.question(question), reading, escape);
    content.messages.fill("chat.saved", &[("answer", &shown)])
}

/// A reading as said back, with the user's own words passed through `escape`: free text is read
/// as itself, so its "read as" is what they typed; everything else is our rendering of a number
/// or a choice.
fn read_as(
    content: &Content,
    question: Option<&crate::advisor::content::Question>,
    reading: &crate::advisor::read::Reading,
    escape: fn(&str) -> String,
) -> String {
    let shown = display::reading(content, question, reading);
    if matches!(reading, crate::advisor::read::Reading::Text { .. }) {
        escape(&shown)
    } else {
        shown
    }
}

/// The numbered list of answers.
pub fn review(content: &Content, lines: &[ReviewLine], escape: fn(&str) -> String) -> String {
    let m = &content.messages;
    if lines.iter().all(|l| l.answer.is_none()) {
        return m.get("review.empty").to_owned();
    }
    let mut out = vec![m.get("review.heading").to_owned()];
    for (i, line) in lines.iter().enumerate() {
        let question = content.question(&line.question);
        let title = question.map_or(line.question.as_str(), |q| q.short.as_str());
        let shown = line.answer.as_ref().map(|a| {
            format!(
                "\"{}\" ({}; {})",
                escape(&a.raw),
                m.fill(
                    "review.read_as",
                    &[("reading", &read_as(content, question, &a.reading, escape))]
                ),
                m.fill("review.when", &[("when", &when(a.at))]),
            )
        });
        let answer = match (line.status, shown) {
            (Status::Answered, Some(shown)) => shown,
            (Status::NotAsked, Some(shown)) => m.fill("review.not_asked", &[("answer", &shown)]),
            (Status::Removed, Some(shown)) => m.fill("review.removed", &[("answer", &shown)]),
            (Status::Skipped, _) => m.get("review.skipped").to_owned(),
            _ => m.get("review.open").to_owned(),
        };
        out.push(m.fill(
            "review.line",
            &[
                ("number", &(i + 1).to_string()),
                ("question", title),
                ("answer", &answer),
            ],
        ));
    }
    out.join("\n")
}

/// The recommendation, its reasons, what would change it, the checklist and what is missing.
pub fn advice(content: &Content, advice: &Advice) -> String {
    let m = &content.messages;
    let outcome = advice.outcome.id();
    let mut out = vec![
        m.fill(
            "advice.heading",
            &[("outcome", m.get(&format!("outcome.{outcome}.title")))],
        ),
        m.get(&format!("outcome.{outcome}.summary")).to_owned(),
        m.fill("advice.confidence", &[("percent", &percent(advice.confidence))]),
        String::new(),
        m.get("advice.reasons").to_owned(),
    ];
    for reason in &advice.reasons {
        out.push(m.fill(
            "advice.reason_line",
            &[("text", &reason.text), ("source", &reason.source)],
        ));
    }
    out.push(String::new());
    out.push(m.get("advice.would_change").to_owned());
    if advice.would_change.is_empty() {
        out.push(m.get("advice.would_change_none").to_owned());
    }
    out.extend(advice.would_change.iter().map(|line| format!("- {line}")));
    out.push(String::new());
    out.push(checklist(content, advice));
    if !advice.missing.is_empty() {
        let names: Vec<&str> = advice
            .missing
            .iter()
            .map(|id| content.question(id).map_or(id.as_str(), |q| q.short.as_str()))
            .collect();
        out.push(String::new());
        out.push(m.fill("advice.missing", &[("questions", &names.join(", "))]));
    }
    out.join("\n")
}

/// The metric checklist alone.
pub fn checklist(content: &Content, advice: &Advice) -> String {
    let m = &content.messages;
    let mut out = vec![m.get("advice.checklist").to_owned()];
    for item in &advice.checklist {
        out.push(m.fill(
            "advice.checklist_line",
            &[
                ("metric", &item.metric),
                ("target", &item.target),
                ("why", &item.why),
                ("source", &item.source),
            ],
        ));
    }
    out.join("\n")
}

/// 0.734 → "73".
pub fn percent(value: f64) -> String {
    format!("{:.0}", (value * 100.0).clamp(0.0, 100.0))
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
        return m.fill("cli.history_empty", &[("user", user)]);
    }
    let title = |id: &str| m.get(&format!("outcome.{id}.title")).to_owned();
    let mut out = Vec::new();
    let range = range.start.min(assessments.len())..range.end.min(assessments.len());
    if let Some(earlier) = assessments.get(range.start).and_then(|a| a.earlier.as_ref()) {
        let outcomes: Vec<String> = earlier
            .outcomes
            .iter()
            .map(|(id, count)| {
                m.fill(
                    "cli.history_earlier_outcome",
                    &[("outcome", &title(id)), ("count", &count.to_string())],
                )
            })
            .collect();
        out.push(m.fill(
            "cli.history_earlier",
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
        out.push(m.fill(
            "cli.history_line",
            &[
                ("when", &when(assessment.at)),
                ("outcome", &title(assessment.advice.outcome.id())),
                ("percent", &percent(assessment.advice.confidence)),
            ],
        ));
        if let Some(before) = i.checked_sub(1).map(|j| &assessments[j]) {
            if before.advice.outcome == assessment.advice.outcome {
                out.push(m.get("cli.history_same").to_owned());
            } else {
                out.push(m.fill(
                    "cli.history_moved",
                    &[
                        ("from", &title(before.advice.outcome.id())),
                        ("to", &title(assessment.advice.outcome.id())),
                    ],
                ));
            }
        }
    }
    out.join("\n")
}
