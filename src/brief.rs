//! The brief: a document made from the owner's answers and the current advice, to hand to an
//! agency, a consultant or the staff member who will run the work.
//!
//! [`build`] makes it as a plain view (a title and sections of lines), every sentence from
//! prompts/messages.toml `[brief]`; [`Brief::markdown`] lays it out. A line keeps what the owner
//! typed apart from what we wrote ([`Span::Typed`] and [`Span::Said`]), so only the owner's text is
//! escaped. Headings are `## ` lines with fixed names, for a reader or a script to find.

pub(crate) mod pdf;

use crate::advisor::advice::Advice;
use crate::advisor::content::{Content, Outcome, Roles};
use crate::advisor::read::Reading;
use crate::advisor::{display, template, Interview};
use crate::view::advice::{percent, question_names};
use crate::view::spans::when;
use crate::view::verdict::{Standing, Verdict};

/// The sentences of prompts/messages.toml the brief looks up by name; each front that hands out
/// the brief declares them for `check`.
pub const MESSAGE_KEYS: &[&str] = &[
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
    "brief.heading.targets",
    "brief.heading.provider",
    "brief.heading.open",
    "brief.ask.reply_times",
    "brief.ask.reporting",
    "brief.ask.failure",
    "brief.ask.customers",
    "brief.metric.followers",
    "brief.metric.leads_sales",
    "brief.metric.undecided",
    "brief.heading.budget",
    "brief.heading.scope",
    "brief.heading.timeline",
    "brief.heading.voice",
    "brief.heading.contacts",
    "brief.heading.access",
    "brief.heading.reporting",
    "brief.heading.choose",
    "brief.fill.line",
    "brief.budget.total",
    "brief.budget.total_label",
    "brief.budget.total_missing",
    "brief.budget.fee_not_yet",
    "brief.budget.fee_in_house",
    "brief.budget.fee_consultant",
    "brief.budget.fee_partial",
    "brief.budget.fee_full",
    "brief.budget.fee_label",
    "brief.budget.fee_missing",
    "brief.budget.ads",
    "brief.budget.failure",
    "brief.scope.platforms",
    "brief.scope.platforms_label",
    "brief.scope.platforms_missing",
    "brief.scope.posts",
    "brief.scope.posts_label",
    "brief.scope.posts_missing",
    "brief.scope.replies",
    "brief.scope.replies_label",
    "brief.scope.replies_missing",
    "brief.scope.not_included",
    "brief.scope.nothing_excluded",
    "brief.timeline.start",
    "brief.timeline.start_label",
    "brief.timeline.start_missing",
    "brief.timeline.review",
    "brief.timeline.failure",
    "brief.timeline.failure_missing",
    "brief.voice.voice",
    "brief.voice.voice_label",
    "brief.voice.voice_missing",
    "brief.voice.different",
    "brief.voice.different_label",
    "brief.voice.different_missing",
    "brief.voice.admired",
    "brief.voice.admired_label",
    "brief.voice.admired_missing",
    "brief.voice.assets",
    "brief.contacts.contact",
    "brief.contacts.contact_label",
    "brief.contacts.contact_missing",
    "brief.contacts.approval",
    "brief.contacts.approval_label",
    "brief.contacts.approval_missing",
    "brief.contacts.reports_to",
    "brief.access.accounts",
    "brief.access.accounts_any",
    "brief.access.roles",
    "brief.access.ads",
    "brief.access.made",
    "brief.reporting.cadence",
    "brief.reporting.targets",
    "brief.reporting.no_targets",
    "brief.choose.intro",
    "brief.choose.criterion",
    "brief.choose.want",
    "brief.choose.score",
    "brief.choose.reply",
    "brief.choose.reply_want",
    "brief.choose.metric",
    "brief.choose.metric_want",
    "brief.choose.price",
    "brief.choose.price_want",
    "brief.choose.price_want_any",
    "brief.choose.who",
    "brief.choose.who_want",
    "brief.choose.references",
    "brief.choose.references_want",
    "brief.pdf.page",
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
    /// A table after the lines (the scorecard of "How we will choose").
    pub table: Option<Table>,
}

/// A small table: a header row and rows of cells, every cell one line of spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub title: String,
    pub intro: Line,
    pub sections: Vec<Section>,
}

/// The section headings' message keys, in the order the brief has them.
pub(crate) const SECTIONS: [&str; 13] = [
    "brief.heading.business",
    "brief.heading.recommendation",
    "brief.heading.budget",
    "brief.heading.scope",
    "brief.heading.timeline",
    "brief.heading.voice",
    "brief.heading.contacts",
    "brief.heading.access",
    "brief.heading.reporting",
    "brief.heading.targets",
    "brief.heading.choose",
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
pub fn escape_markdown(text: &str) -> String {
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
pub(crate) fn build(content: &Content, interview: &Interview, verdict: &Verdict) -> Option<Brief> {
    let last_change = interview.answers.values().map(|a| a.at).max()?;
    let w = Writer { content };
    let m = &content.messages;
    let section = |key: &str, lines: Vec<Line>| Section {
        heading: m.get(key).to_owned(),
        lines,
        table: None,
    };
    let a = Answers { w: &w, interview };
    let mut choose = section(SECTIONS[10], vec![w.paragraph("brief.choose.intro", &[])]);
    choose.table = Some(scorecard(&w, interview, verdict));
    let sections = vec![
        section(SECTIONS[0], business(&w, interview)),
        section(SECTIONS[1], recommendation(&w, verdict)),
        section(SECTIONS[2], budget(&w, verdict)),
        section(SECTIONS[3], scope(&w, &a, interview, verdict)),
        section(SECTIONS[4], timeline(&w, &a, verdict)),
        section(SECTIONS[5], voice(&w, &a)),
        section(SECTIONS[6], contacts(&w, &a)),
        section(SECTIONS[7], access(&w, &a)),
        section(SECTIONS[8], reporting(&w, interview, verdict)),
        section(SECTIONS[9], targets(&w, verdict)),
        choose,
        section(SECTIONS[11], provider(&w, interview, verdict)),
        section(SECTIONS[12], still_open(&w, verdict)),
    ];
    Some(Brief {
        title: m.get("brief.title").to_owned(),
        intro: w.paragraph("brief.intro", &[("date", Span::Said(when(last_change)))]),
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

/// What the owner answered to a brief question: their own words for free text, our reading of a
/// pick. None when it is unanswered (or skipped).
struct Answers<'a> {
    w: &'a Writer<'a>,
    interview: &'a Interview,
}

impl Answers<'_> {
    fn get(&self, id: &str) -> Option<Span> {
        let content = self.w.content;
        let answer = self.interview.answers.get(id)?;
        Some(match &answer.reading {
            Reading::Text { .. } => Span::Typed(answer.raw.trim().to_owned()),
            reading => Span::Said(display::reading(content, content.question(id), reading)),
        })
    }

    /// `key` filled with the answer to `id` under `{name}`, or the line saying what to fill in.
    fn line(&self, id: &str, key: &str, name: &str) -> Line {
        match self.get(id) {
            Some(answer) => self.w.bullet(key, &[(name, answer)]),
            None => self.w.fill_in(&format!("{key}_label"), &format!("{key}_missing")),
        }
    }
}

impl Writer<'_> {
    /// "**Label**: *to fill in*: what" for a line with no answer behind it.
    fn fill_in(&self, label: &str, what: &str) -> Line {
        self.bullet(
            "brief.fill.line",
            &[("label", self.said(label)), ("what", self.said(what))],
        )
    }
}

fn budget(w: &Writer, verdict: &Verdict) -> Vec<Line> {
    let mut lines = vec![match verdict.figure("budget") {
        Some(budget) => w.bullet("brief.budget.total", &[("budget", Span::Said(budget.to_owned()))]),
        None => w.fill_in("brief.budget.total_label", "brief.budget.total_missing"),
    }];
    lines.push(match verdict.outcome() {
        Some(outcome) => w.bullet(&format!("brief.budget.fee_{}", outcome.id()), &[]),
        None => w.fill_in("brief.budget.fee_label", "brief.budget.fee_missing"),
    });
    if !matches!(verdict.outcome(), Some(Outcome::NotYet)) {
        lines.push(w.bullet("brief.budget.ads", &[]));
    }
    if let Some(failure) = failure_figures(w.content, verdict) {
        lines.push(w.bullet("brief.budget.failure", &[("failure", Span::Said(failure))]));
    }
    lines
}

/// "$2,000 a month for 6 months, $12,000 in all", from the figures the checklist uses.
fn failure_figures(content: &Content, verdict: &Verdict) -> Option<String> {
    let spend = verdict.figure("failure_spend")?;
    let months = verdict.figure("months")?;
    let total = verdict.figure("failure_total")?;
    Some(template::fill(
        content.messages.get("brief.failure_known"),
        &[("failure_spend", spend), ("months", months), ("failure_total", total)],
    ))
}

fn scope(w: &Writer, a: &Answers, interview: &Interview, verdict: &Verdict) -> Vec<Line> {
    let mut lines = vec![
        a.line("brief_platforms", "brief.scope.platforms", "platforms"),
        a.line("brief_posts", "brief.scope.posts", "posts"),
        a.line("brief_reply_hours", "brief.scope.replies", "hours"),
    ];
    lines.extend(handover(w, interview, verdict));
    lines
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
    // owner's voice, all the more when the personal touch is what customers come for. Both lists
    // hold only what the owner picked: nothing they never mentioned is kept or handed over.
    let conversations = share_of(content, "conversation_help");
    let personal = touch.is_some_and(|t| t >= 4);
    let (keep, out): (Vec<&String>, Vec<&String>) = picks.iter().partition(|p| personal && conversations.contains(p));
    let join = |ids: &[&String]| ids.iter().map(|id| label(id)).collect::<Vec<_>>().join(", ");
    let mut lines = Vec::new();
    if matches!(verdict.outcome(), Some(Outcome::NotYet | Outcome::InHouse)) {
        lines.push(w.paragraph("brief.for_staff", &[]));
    }
    if picks.is_empty() {
        lines.push(w.bullet("brief.nothing_picked", &[]));
    } else {
        let out = if out.is_empty() {
            content.messages.get("brief.nothing").to_owned()
        } else {
            join(&out)
        };
        lines.push(w.bullet("brief.hand_over", &[("activities", Span::Said(out))]));
    }
    if !keep.is_empty() {
        lines.push(w.bullet("brief.keep", &[("activities", Span::Said(join(&keep)))]));
    }
    // What the owner did not ask for is out of scope, said so a quote leaves it out.
    let left_out: Vec<&String> = question
        .choices
        .iter()
        .map(|c| &c.id)
        .filter(|id| !picks.contains(id))
        .collect();
    if !picks.is_empty() {
        lines.push(if left_out.is_empty() {
            w.bullet("brief.scope.nothing_excluded", &[])
        } else {
            w.bullet(
                "brief.scope.not_included",
                &[("activities", Span::Said(join(&left_out)))],
            )
        });
    }
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

fn timeline(w: &Writer, a: &Answers, verdict: &Verdict) -> Vec<Line> {
    let mut lines = vec![
        a.line("brief_start", "brief.timeline.start", "start"),
        w.bullet("brief.timeline.review", &[]),
    ];
    lines.push(match (verdict.figure("months"), verdict.figure("failure_total")) {
        (Some(months), Some(total)) => w.bullet(
            "brief.timeline.failure",
            &[
                ("months", Span::Said(months.to_owned())),
                ("failure_total", Span::Said(total.to_owned())),
            ],
        ),
        _ => w.bullet("brief.timeline.failure_missing", &[]),
    });
    lines
}

fn voice(w: &Writer, a: &Answers) -> Vec<Line> {
    vec![
        a.line("brief_voice", "brief.voice.voice", "answer"),
        a.line("brief_different", "brief.voice.different", "answer"),
        a.line("brief_admired", "brief.voice.admired", "answer"),
        w.bullet("brief.voice.assets", &[]),
    ]
}

fn contacts(w: &Writer, a: &Answers) -> Vec<Line> {
    vec![
        a.line("brief_contact", "brief.contacts.contact", "answer"),
        a.line("brief_approval", "brief.contacts.approval", "answer"),
        w.bullet("brief.contacts.reports_to", &[]),
    ]
}

fn access(w: &Writer, a: &Answers) -> Vec<Line> {
    vec![
        match a.get("brief_platforms") {
            Some(platforms) => w.bullet("brief.access.accounts", &[("platforms", platforms)]),
            None => w.bullet("brief.access.accounts_any", &[]),
        },
        w.bullet("brief.access.roles", &[]),
        w.bullet("brief.access.ads", &[]),
        w.bullet("brief.access.made", &[]),
    ]
}

/// The metric the owner will be reported on, from the success metric they chose.
fn metric_key(content: &Content, interview: &Interview) -> &'static str {
    match interview.answers.get(&content.roles.success_metric).map(|a| &a.reading) {
        Some(Reading::Choices { picks }) if picks.iter().any(|p| p == Roles::FOLLOWERS) => "brief.metric.followers",
        Some(Reading::Choices { picks }) if picks.iter().any(|p| p == Roles::LEADS_SALES) => "brief.metric.leads_sales",
        _ => "brief.metric.undecided",
    }
}

fn reporting(w: &Writer, interview: &Interview, verdict: &Verdict) -> Vec<Line> {
    let mut lines = vec![w.bullet(
        "brief.reporting.cadence",
        &[("metric", w.said(metric_key(w.content, interview)))],
    )];
    let metrics: Vec<&str> = verdict.checklist.iter().map(|item| item.metric.as_str()).collect();
    lines.push(if metrics.is_empty() {
        w.bullet("brief.reporting.no_targets", &[])
    } else {
        w.bullet(
            "brief.reporting.targets",
            &[("metrics", Span::Typed(metrics.join("; ")))],
        )
    });
    lines
}

/// "How we will choose": the scorecard, each row what to compare and what we want to see, with an
/// empty score to fill in per provider. Its figures are the advice's.
fn scorecard(w: &Writer, interview: &Interview, verdict: &Verdict) -> Table {
    let content = w.content;
    let m = &content.messages;
    let reply_source = content
        .fact("reply_fast_minutes")
        .map_or_else(String::new, |f| content.cite(std::slice::from_ref(&f.source)));
    let fast = verdict.figure("reply_fast_minutes").unwrap_or_default().to_owned();
    let price = match verdict.figure("budget") {
        Some(budget) => spans(
            m.get("brief.choose.price_want"),
            &[("budget", Span::Said(budget.to_owned()))],
        ),
        None => vec![w.said("brief.choose.price_want_any")],
    };
    let row = |what: &str, want: Vec<Span>| vec![vec![w.said(what)], want, Vec::new()];
    Table {
        header: ["brief.choose.criterion", "brief.choose.want", "brief.choose.score"]
            .iter()
            .map(|k| m.get(k).to_owned())
            .collect(),
        rows: vec![
            row(
                "brief.choose.reply",
                spans(
                    m.get("brief.choose.reply_want"),
                    &[("fast", Span::Said(fast)), ("source", Span::Said(reply_source))],
                ),
            ),
            row(
                "brief.choose.metric",
                spans(
                    m.get("brief.choose.metric_want"),
                    &[("metric", w.said(metric_key(content, interview)))],
                ),
            ),
            row("brief.choose.price", price),
            row("brief.choose.who", vec![w.said("brief.choose.who_want")]),
            row("brief.choose.references", vec![w.said("brief.choose.references_want")]),
        ],
    }
}

fn targets(w: &Writer, verdict: &Verdict) -> Vec<Line> {
    if verdict.checklist.is_empty() {
        return vec![w.bullet("brief.reporting.no_targets", &[])];
    }
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
    let metric = metric_key(content, interview);
    // The failure point's own spend and its total, from the same figures as the checklist.
    let failure =
        failure_figures(content, verdict).unwrap_or_else(|| content.messages.get("brief.failure_unknown").to_owned());
    vec![
        w.bullet(
            "brief.ask.reply_times",
            &[
                ("fast", Span::Said(fact("reply_fast_minutes"))),
                ("slow", Span::Said(fact("reply_slow_minutes"))),
                ("source", Span::Said(reply_source)),
            ],
        ),
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

/// Spans as Markdown: ours as they are, the owner's escaped.
fn render_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|span| match span {
            Span::Said(text) => text.clone(),
            Span::Typed(text) => escape_markdown(text),
        })
        .collect()
}

impl Brief {
    /// The brief as Markdown: `# title`, then `## heading` per section; bullets as `- `.
    pub fn markdown(&self) -> String {
        let render = |line: &Line| render_spans(&line.spans);
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
            if let Some(table) = &section.table {
                let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
                out.push('\n');
                out.push_str(&row(table.header.clone()));
                out.push_str(&row(table.header.iter().map(|_| "---".to_owned()).collect()));
                for cells in &table.rows {
                    out.push_str(&row(cells.iter().map(|spans| render_spans(spans)).collect()));
                }
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
