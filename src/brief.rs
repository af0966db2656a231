//! The brief: a document made from the owner's answers and the current advice, to hand to an
//! agency, a consultant or the staff member who will run the work.
//!
//! [`build`] makes it as a plain view (a title and sections of lines), every sentence from
//! prompts/messages.toml `[brief]`; [`Brief::markdown`] lays it out. A line keeps what the owner
//! typed apart from what we wrote ([`Span::Typed`] and [`Span::Said`]), so only the owner's text is
//! escaped. Headings are `## ` lines with fixed names, for a reader or a script to find.

use crate::advisor::advice::Advice;
use crate::advisor::content::{Content, Outcome, Roles};
use crate::advisor::read::Reading;
use crate::advisor::{display, template, Interview};
use crate::text;
use crate::view::advice::{percent, question_names};
use crate::view::verdict::{Standing, Verdict};

/// The sentences of prompts/messages.toml the brief looks up by name; each front that hands out
/// the brief declares them for `check`.
pub(crate) const MESSAGE_KEYS: &[&str] = &[
    "brief.title",
    "brief.intro",
    "brief.no_answers",
    "brief.not_answered",
    "brief.fact_line",
    "brief.sourced_line",
    "brief.outcome",
    "brief.why",
    "brief.lines",
    "brief.no_lines",
    "brief.need_more",
    "brief.for_staff",
    "brief.hand_over",
    "brief.keep",
    "brief.nothing",
    "brief.keep_nothing",
    "brief.nothing_picked",
    "brief.touch_high",
    "brief.touch_low",
    "brief.checklist_line",
    "brief.failure_known",
    "brief.failure_unknown",
    "brief.open_line",
    "brief.nothing_open",
    "brief.would_change",
    "brief.heading.business",
    "brief.heading.recommendation",
    "brief.heading.handover",
    "brief.heading.targets",
    "brief.heading.provider",
    "brief.heading.open",
    "brief.ask.reply_times",
    "brief.ask.accounts",
    "brief.ask.reporting",
    "brief.ask.failure",
    "brief.ask.customers",
    "brief.metric.followers",
    "brief.metric.leads_sales",
    "brief.metric.undecided",
];

/// Part of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Our words (from prompts/ and data/), already in Markdown.
    Said(String),
    /// Text that came from the owner, shown exactly as typed.
    Typed(String),
}

/// A line of the brief: a bullet or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub bullet: bool,
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text with nothing escaped (for tests and plain readers).
    pub fn plain(&self) -> String {
        self.spans
            .iter()
            .map(|s| match s {
                Span::Said(t) | Span::Typed(t) => t.as_str(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub title: String,
    pub intro: Line,
    pub sections: Vec<Section>,
}

/// The section headings' message keys, in the order the brief has them.
pub(crate) const SECTIONS: [&str; 6] = [
    "brief.heading.business",
    "brief.heading.recommendation",
    "brief.heading.handover",
    "brief.heading.targets",
    "brief.heading.provider",
    "brief.heading.open",
];

/// The questions "Your business" lists: three by the role data/checklist.toml's `[answers]` gives
/// them (so a rename there follows), two by id.
fn business_questions(content: &Content) -> [&str; 5] {
    let roles = &content.roles;
    [
        &roles.prime_customer,
        &roles.success_metric,
        "roi_measure",
        &roles.hours_available,
        "hours_now",
    ]
}

/// Escapes Markdown in text the owner typed so it shows as typed: every character that could start
/// emphasis, code, a link, HTML, a heading, a table or an entity gets a backslash, and line breaks
/// become spaces so typed text can never open a block of its own.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Fills `template`'s `{placeholders}` with spans, keeping each value's kind.
fn spans(template: &str, values: &[(&str, Span)]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                if open > 0 {
                    out.push(Span::Said(rest[..open].to_owned()));
                }
                out.push(value.clone());
            }
            None => out.push(Span::Said(rest[..=close].to_owned())),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Span::Said(rest.to_owned()));
    }
    out
}

struct Writer<'a> {
    content: &'a Content,
}

impl Writer<'_> {
    fn said(&self, key: &str) -> Span {
        Span::Said(self.content.messages.get(key).to_owned())
    }

    fn line(&self, bullet: bool, key: &str, values: &[(&str, Span)]) -> Line {
        Line {
            bullet,
            spans: spans(self.content.messages.get(key), values),
        }
    }

    fn bullet(&self, key: &str, values: &[(&str, Span)]) -> Line {
        self.line(true, key, values)
    }

    fn paragraph(&self, key: &str, values: &[(&str, Span)]) -> Line {
        self.line(false, key, values)
    }
}

/// The brief for the saved answers and their advice (what every front calls); None with no answer.
pub fn from_answers(content: &Content, interview: &Interview, advice: &Advice) -> Option<Brief> {
    build(content, interview, &Verdict::of(content, interview, advice))
}

/// The brief for `interview` and its advice; None when there is no answer to make it from.
pub fn build(content: &Content, interview: &Interview, verdict: &Verdict) -> Option<Brief> {
    let last_change = interview.answers.values().map(|a| a.at).max()?;
    let w = Writer { content };
    let m = &content.messages;
    let section = |key: &str, lines: Vec<Line>| Section {
        heading: m.get(key).to_owned(),
        lines,
    };
    let sections = vec![
        section(SECTIONS[0], business(&w, interview)),
        section(SECTIONS[1], recommendation(&w, verdict)),
        section(SECTIONS[2], handover(&w, interview, verdict)),
        section(SECTIONS[3], targets(&w, verdict)),
        section(SECTIONS[4], provider(&w, interview, verdict)),
        section(SECTIONS[5], still_open(&w, verdict)),
    ];
    Some(Brief {
        title: m.get("brief.title").to_owned(),
        intro: w.paragraph("brief.intro", &[("date", Span::Said(text::when(last_change)))]),
        sections,
    })
}

fn business(w: &Writer, interview: &Interview) -> Vec<Line> {
    let content = w.content;
    business_questions(content)
        .into_iter()
        .filter_map(|id| content.question(id))
        .map(|q| {
            let answer = match interview.answers.get(&q.id) {
                // Free text is the owner's own words; a number or a choice is our reading of it.
                Some(a) if matches!(a.reading, Reading::Text { .. }) => Span::Typed(a.raw.trim().to_owned()),
                Some(a) => Span::Said(display::reading(content, Some(q), &a.reading)),
                None => w.said("brief.not_answered"),
            };
            w.bullet(
                "brief.fact_line",
                &[("question", Span::Said(q.short.clone())), ("answer", answer)],
            )
        })
        .collect()
}

fn sourced(w: &Writer, text: &str, source: &str) -> Line {
    // Reasons may carry the owner's figures and words (the prime customer), so they are escaped.
    w.bullet(
        "brief.sourced_line",
        &[
            ("text", Span::Typed(text.to_owned())),
            ("source", Span::Said(source.to_owned())),
        ],
    )
}

fn recommendation(w: &Writer, verdict: &Verdict) -> Vec<Line> {
    let m = &w.content.messages;
    let Standing::Advised(outcome) = verdict.standing else {
        return vec![w.paragraph(
            "brief.need_more",
            &[("questions", Span::Said(question_names(w.content, &verdict.missing)))],
        )];
    };
    let mut lines = vec![w.paragraph(
        "brief.outcome",
        &[
            (
                "outcome",
                Span::Said(m.get(&format!("outcome.{}.title", outcome.id())).to_owned()),
            ),
            (
                "summary",
                Span::Said(m.get(&format!("outcome.{}.summary", outcome.id())).to_owned()),
            ),
            ("percent", Span::Said(percent(verdict.confidence))),
        ],
    )];
    lines.push(w.paragraph("brief.why", &[]));
    lines.extend(verdict.reasons.iter().map(|r| sourced(w, &r.text, &r.source)));
    lines.push(w.paragraph("brief.lines", &[]));
    if verdict.lines.is_empty() {
        lines.push(w.bullet("brief.no_lines", &[]));
    }
    lines.extend(verdict.lines.iter().map(|l| sourced(w, &l.text, &l.source)));
    lines
}

/// The activity ids a factor counts, from data/rules.toml.
fn share_of<'c>(content: &'c Content, factor: &str) -> &'c [String] {
    content
        .rules
        .factor
        .iter()
        .find(|f| f.id == factor)
        .map_or(&[][..], |f| f.share_of.as_slice())
}

fn handover(w: &Writer, interview: &Interview, verdict: &Verdict) -> Vec<Line> {
    let content = w.content;
    let Some(question) = content.question("activities") else {
        return Vec::new();
    };
    let picks: Vec<String> = match interview.answers.get("activities").map(|a| &a.reading) {
        Some(Reading::Choices { picks }) => picks.clone(),
        _ => Vec::new(),
    };
    let label = |id: &String| question.choice(id).map_or(id.clone(), |c| c.label.clone());
    let touch = match interview.answers.get("personal_touch").map(|a| &a.reading) {
        Some(Reading::Scale { value }) => Some(*value),
        _ => None,
    };
    // Article 003: the mechanical work can go out; the conversations with customers need the
    // owner's voice, all the more when the personal touch is what customers come for.
    let mechanical = share_of(content, "mechanical_help");
    let conversations = share_of(content, "conversation_help");
    let personal = touch.is_some_and(|t| t >= 4);
    let (out, keep): (Vec<&String>, Vec<&String>) = if personal {
        (
            picks.iter().filter(|p| mechanical.contains(p)).collect(),
            conversations.iter().collect(),
        )
    } else {
        (
            picks.iter().collect(),
            conversations.iter().filter(|c| !picks.contains(c)).collect(),
        )
    };
    let join = |ids: &[&String], none: &str| {
        if ids.is_empty() {
            content.messages.get(none).to_owned()
        } else {
            ids.iter().map(|id| label(id)).collect::<Vec<_>>().join(", ")
        }
    };
    let mut lines = Vec::new();
    if matches!(verdict.outcome(), Some(Outcome::NotYet | Outcome::InHouse)) {
        lines.push(w.paragraph("brief.for_staff", &[]));
    }
    if picks.is_empty() {
        lines.push(w.bullet("brief.nothing_picked", &[]));
    } else {
        lines.push(w.bullet(
            "brief.hand_over",
            &[("activities", Span::Said(join(&out, "brief.nothing")))],
        ));
    }
    lines.push(w.bullet(
        "brief.keep",
        &[("activities", Span::Said(join(&keep, "brief.keep_nothing")))],
    ));
    let why = if personal {
        "brief.touch_high"
    } else {
        "brief.touch_low"
    };
    let scale = touch.map_or_else(String::new, |t| t.to_string());
    // The activities question's main article (003) is the one that splits the work this way.
    let source = content.cite(question.sources.get(..1).unwrap_or_default());
    lines.push(w.paragraph(why, &[("scale", Span::Said(scale)), ("source", Span::Said(source))]));
    lines
}

fn targets(w: &Writer, verdict: &Verdict) -> Vec<Line> {
    verdict
        .checklist
        .iter()
        .map(|item| {
            w.bullet(
                "brief.checklist_line",
                &[
                    ("metric", Span::Typed(item.metric.clone())),
                    ("target", Span::Typed(item.target.clone())),
                    ("why", Span::Typed(item.why.clone())),
                    ("source", Span::Said(item.source.clone())),
                ],
            )
        })
        .collect()
}

fn provider(w: &Writer, interview: &Interview, verdict: &Verdict) -> Vec<Line> {
    let content = w.content;
    // The article's reply figures as the advice worked them out, like every other figure.
    let fact = |id: &str| verdict.figure(id).unwrap_or_default().to_owned();
    let failure_source = content
        .question(&content.roles.failure_point)
        .map_or_else(String::new, |q| content.cite(&q.sources));
    let reply_source = content
        .fact("reply_fast_minutes")
        .map_or_else(String::new, |f| content.cite(std::slice::from_ref(&f.source)));
    let success = &content.roles.success_metric;
    let metric = match interview.answers.get(success).map(|a| &a.reading) {
        Some(Reading::Choices { picks }) if picks.iter().any(|p| p == Roles::FOLLOWERS) => "brief.metric.followers",
        Some(Reading::Choices { picks }) if picks.iter().any(|p| p == Roles::LEADS_SALES) => "brief.metric.leads_sales",
        _ => "brief.metric.undecided",
    };
    // The failure point's own spend and its total, from the same figures as the checklist.
    let failure = match (
        verdict.figure("failure_spend"),
        verdict.figure("months"),
        verdict.figure("failure_total"),
    ) {
        (Some(spend), Some(months), Some(total)) => template::fill(
            content.messages.get("brief.failure_known"),
            &[("failure_spend", spend), ("months", months), ("failure_total", total)],
        ),
        _ => content.messages.get("brief.failure_unknown").to_owned(),
    };
    vec![
        w.bullet(
            "brief.ask.reply_times",
            &[
                ("fast", Span::Said(fact("reply_fast_minutes"))),
                ("slow", Span::Said(fact("reply_slow_minutes"))),
                ("source", Span::Said(reply_source)),
            ],
        ),
        w.bullet("brief.ask.accounts", &[]),
        w.bullet("brief.ask.reporting", &[("metric", w.said(metric))]),
        w.bullet(
            "brief.ask.failure",
            &[("failure", Span::Said(failure)), ("source", Span::Said(failure_source))],
        ),
        w.bullet("brief.ask.customers", &[]),
    ]
}

fn still_open(w: &Writer, verdict: &Verdict) -> Vec<Line> {
    let content = w.content;
    let mut lines: Vec<Line> = verdict
        .missing
        .iter()
        .filter_map(|id| content.question(id))
        .map(|q| {
            w.bullet(
                "brief.open_line",
                &[
                    ("question", Span::Said(q.short.clone())),
                    ("why", Span::Said(q.why.clone())),
                ],
            )
        })
        .collect();
    if let Some(crossed) = &verdict.targets_cross {
        lines.push(Line {
            bullet: true,
            spans: vec![Span::Typed(crossed.clone())],
        });
    }
    if lines.is_empty() {
        lines.push(w.paragraph("brief.nothing_open", &[]));
    }
    if !verdict.would_change.is_empty() {
        lines.push(w.paragraph("brief.would_change", &[]));
        lines.extend(verdict.would_change.iter().map(|text| Line {
            bullet: true,
            spans: vec![Span::Typed(text.clone())],
        }));
    }
    lines
}

impl Brief {
    /// The brief as Markdown: `# title`, then `## heading` per section; bullets as `- `.
    pub fn markdown(&self) -> String {
        let render = |line: &Line| -> String {
            line.spans
                .iter()
                .map(|span| match span {
                    Span::Said(text) => text.clone(),
                    Span::Typed(text) => escape_markdown(text),
                })
                .collect()
        };
        let mut out = format!("# {}\n\n{}\n", self.title, render(&self.intro));
        for section in &self.sections {
            out.push_str(&format!("\n## {}\n\n", section.heading));
            let mut previous_bullet = None;
            for line in &section.lines {
                if previous_bullet.is_some() && (previous_bullet != Some(true) || !line.bullet) {
                    out.push('\n');
                }
                if line.bullet {
                    out.push_str("- ");
                }
                out.push_str(&render(line));
                out.push('\n');
                previous_bullet = Some(line.bullet);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_spans_of_their_kind() {
        let got = spans(
            "Hi {name}, {unknown} and {what}.",
            &[
                ("name", Span::Typed("*Ann*".into())),
                ("what", Span::Said("ours".into())),
            ],
        );
        assert_eq!(
            got,
            vec![
                Span::Said("Hi ".into()),
                Span::Typed("*Ann*".into()),
                Span::Said(", {unknown}".into()),
                Span::Said(" and ".into()),
                Span::Said("ours".into()),
                Span::Said(".".into()),
            ]
        );
    }

    #[test]
    fn typed_markdown_is_shown_as_typed_and_cannot_open_a_block() {
        assert_eq!(escape_markdown("**big** _sale_"), r"\*\*big\*\* \_sale\_");
        assert_eq!(escape_markdown("a\n## Fake"), r"a \#\# Fake");
        assert_eq!(escape_markdown("[x](http://y) <b>"), r"\[x\](http://y) \<b\>");
        assert_eq!(escape_markdown("plain, (fine)."), "plain, (fine).");
    }
}
