//! The advice as one view: its heading, reasons, changes, checklist and figures in words,
//! built once from the core's [`Advice`] and the prompts. The terminal ([`crate::chat::text::advice`])
//! and Discord's card ([`crate::discord::commands::advice::embed`]) are two layouts of it, and the
//! brief and the charts read the same words through [`super::verdict`].

use crate::advisor::advice::{
    Advice, Basis, Change, Crossed, FailureBasis, FailurePart, FailurePlan, Figure, FigureMap, Origin, Reason, Side,
    FAILURE_ITEM,
};
use crate::advisor::content::Content;
use crate::advisor::display;
use crate::advisor::template;

/// A figure as the bot writes it: "$1,000", "6", "sales a month".
pub(crate) fn figure(content: &Content, figure: &Figure) -> String {
    match figure {
        Figure::Money {
            currency,
            range: Some((low, high)),
            ..
        } if low < high => {
            let currency = currency.as_deref();
            content.messages.fill(
                "display.range",
                &[
                    ("low", &display::money(*low, currency)),
                    ("high", &display::money(*high, currency)),
                ],
            )
        }
        Figure::Money { amount, currency, .. } => display::money(*amount, currency.as_deref()),
        Figure::Count { value } => display::number(*value),
        // Hours with their unit, so "1 hour a week" is singular (see `display::hours_a_week`).
        Figure::Hours { value } => display::hours_a_week(&content.messages, *value),
        Figure::Months { value } | Figure::Minutes { value } => display::short_number(*value),
        Figure::Metric { metric } => content
            .messages
            .get(&format!("display.result_{}", metric.id()))
            .to_owned(),
        Figure::Known => String::new(),
    }
}

/// Fills `{placeholders}` of `text` from the advice's figures.
pub(crate) fn fill_figures(content: &Content, text: &str, figures: &FigureMap) -> String {
    let written: Vec<(&str, String)> = figures
        .iter()
        .map(|(name, f)| (name.as_str(), figure(content, f)))
        .collect();
    let pairs: Vec<(&str, &str)> = written.iter().map(|(k, v)| (*k, v.as_str())).collect();
    template::fill(text, &pairs)
}

/// One reason's sentence, from its factor or line id.
pub(crate) fn reason(content: &Content, advice: &Advice, reason: &Reason) -> String {
    let key = match (reason.basis, reason.side) {
        (Basis::Line, _) => format!("line.{}", reason.id),
        (Basis::Factor, side) => format!("reason.{}.{}", reason.id, side.unwrap_or(Side::High).id()),
    };
    fill_figures(content, content.messages.get(&key), &advice.figures)
}

/// One "what would change it" entry as a sentence.
pub fn change(content: &Content, change: &Change) -> String {
    let m = &content.messages;
    let question = content.question(&change.question);
    let now = match &change.from {
        Some(reading) => display::reading(content, question, reading),
        None => m.get("display.unanswered").to_owned(),
    };
    m.fill(
        "advice.would_change_line",
        &[
            (
                "question",
                question.map_or(change.question.as_str(), |q| q.short.as_str()),
            ),
            ("answer", &display::reading(content, question, &change.to)),
            ("current", &now),
            ("outcome", m.get(&format!("outcome.{}.title", change.outcome.id()))),
        ],
    )
}

/// One line of the checklist, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    pub metric: String,
    pub target: String,
    pub why: String,
    /// The article as people read it ([`Content::cite`]); `--json` keeps the entry's file id.
    pub source: String,
}

/// The checklist in words, from data/checklist.toml's templates and the advice's figures. An
/// entry whose item is gone from data/ (an old assessment) is left out.
pub fn checklist_lines(content: &Content, advice: &Advice) -> Vec<ChecklistLine> {
    let m = &content.messages;
    advice
        .checklist
        .iter()
        .filter_map(|entry| {
            let item = content.checklist.iter().find(|i| i.id == entry.id)?;
            let (metric, target, why) = match (&item.otherwise, entry.fallback) {
                (Some(fallback), true) => (&fallback.metric, &fallback.target, &fallback.why),
                _ => (&item.metric, &item.target, &item.why),
            };
            let fill = |text: &str| fill_figures(content, text, &advice.figures);
            let mut notes = basis_notes(content, advice, entry.figures.keys(), entry.id == FAILURE_ITEM);
            if entry.id == FAILURE_ITEM {
                if advice.failure_point.as_ref().is_some_and(|p| p.from_today) {
                    notes.push(m.get("failure.from_today").to_owned());
                }
                if let Some(note) = advice
                    .failure_point
                    .as_ref()
                    .and_then(|p| failure_note(content, advice, p))
                {
                    notes.push(note);
                }
                if let Some(crossed) = &advice.targets_cross {
                    notes.push(crossing(content, crossed));
                }
            }
            notes.push(fill(why));
            let why = notes.join(" ");
            Some(ChecklistLine {
                metric: fill(metric),
                target: fill(target),
                why,
                source: content.cite(std::slice::from_ref(&entry.source)),
            })
        })
        .collect()
}

/// Where the figures `names` came from, said for each the owner did not type as it is: "Taking
/// $600, the middle of your $200 to $1,000 (What a typical sale is worth)." Figures worked out from
/// others say where those came from. In the failure point's line (`failure`) its proposed parts
/// are left to [`failure_note`], which names them.
pub(crate) fn basis_notes<'a>(
    content: &Content,
    advice: &Advice,
    names: impl IntoIterator<Item = &'a String>,
    failure: bool,
) -> Vec<String> {
    let mut queue: Vec<String> = names.into_iter().cloned().collect();
    let mut seen: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    while let Some(name) = queue.pop() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        let Some(origin) = advice.basis.get(&name) else {
            continue;
        };
        let note = basis_note(&Noting { content, advice }, &name, origin, failure);
        if let Some(note) = note.filter(|n| !notes.contains(n)) {
            notes.push(note);
        }
        match origin {
            Origin::Proposed { from } | Origin::WorkedOut { from } => queue.extend(from.iter().rev().cloned()),
            _ => {}
        }
    }
    notes
}

/// The advice a basis note is said from, and how it shows a figure.
struct Noting<'a> {
    content: &'a Content,
    advice: &'a Advice,
}

impl Noting<'_> {
    /// A figure as the advice shows it.
    fn shown(&self, name: &str) -> String {
        self.advice
            .figures
            .get(name)
            .map(|f| figure(self.content, f))
            .unwrap_or_default()
    }

    /// A figure's number with its unit: money as money, hours as hours a week.
    fn with_unit(&self, name: &str, value: f64) -> String {
        match self.advice.figures.get(name) {
            Some(Figure::Money { currency, .. }) => display::money(value, currency.as_deref()),
            Some(Figure::Hours { .. }) => display::hours_a_week(&self.content.messages, value),
            _ => display::short_number(value),
        }
    }

    /// The amount the sums use, not the range it is the middle of.
    fn amount(&self, name: &str) -> String {
        self.advice
            .figures
            .get(name)
            .and_then(Figure::value)
            .map_or_else(String::new, |v| self.with_unit(name, v))
    }

    fn question_name(&self, id: &str) -> String {
        self.content.question(id).map_or(id.to_owned(), |q| q.short.clone())
    }
}

/// The note for one figure `name` from its origin, if its origin needs saying (see
/// [`basis_notes`]). One match over the origins, in the order the guards must be tried.
fn basis_note(b: &Noting, name: &str, origin: &Origin, failure: bool) -> Option<String> {
    let (content, m) = (b.content, &b.content.messages);
    let failure_as_said = b.advice.failure_point.as_ref().and_then(|p| p.below_as_said);
    match origin {
        Origin::RangeMiddle { question, low, high } => {
            // The low end as a bare number when a unit follows ("2 to 5 hours a week").
            let low = match b.advice.figures.get(name) {
                Some(Figure::Money { .. }) => b.with_unit(name, *low),
                _ => display::short_number(*low),
            };
            Some(m.fill(
                "basis.range_middle",
                &[
                    ("amount", &b.amount(name)),
                    ("low", &low),
                    ("high", &b.with_unit(name, *high)),
                    ("question", &b.question_name(question)),
                ],
            ))
        }
        // The owner's result line said for another period than its metric is counted in.
        Origin::Read { .. } if name == "failure_below" && failure_as_said.is_some() => {
            failure_as_said.map(|(said, period)| {
                m.fill(
                    "basis.result_period",
                    &[
                        ("said", &display::short_number(said)),
                        (
                            "period",
                            &m.fill(&format!("display.result_period_{}", period.id()), &[]),
                        ),
                        ("months", &b.shown("months")),
                        ("amount", &b.shown("failure_below")),
                        ("result", &b.shown("failure_result")),
                    ],
                )
            })
        }
        Origin::Read { question } => Some(m.fill(
            "basis.read",
            &[("amount", &b.amount(name)), ("question", &b.question_name(question))],
        )),
        Origin::PeriodAssumed { question } => Some(m.fill(
            "basis.period_assumed",
            &[("amount", &b.amount(name)), ("question", &b.question_name(question))],
        )),
        Origin::Assumed { assumption } if assumption == "default_months" && !failure => {
            Some(m.fill("basis.default_months", &[("months", &b.shown(name))]))
        }
        // Hours this plan asks of the owner, proposed from data/checklist.toml.
        Origin::Assumed { assumption } if assumption.ends_with("_hours") => {
            Some(m.fill("basis.assumed_hours", &[("amount", &b.amount(name))]))
        }
        Origin::Proposed { .. } if name == "followers_target" => Some(m.fill(
            "basis.followers_target",
            &[
                ("target", &b.shown("followers_target")),
                ("multiple", &b.shown("return_multiple")),
                ("line", &b.shown("followers_line")),
                ("followers", &display::number(content.assumption("reference_followers"))),
                ("budget", &display::money(content.assumption("reference_budget"), None)),
                ("months", &display::short_number(content.assumption("reference_months"))),
                ("spend", &b.amount("spend")),
                ("plan_months", &b.shown("months")),
            ],
        )),
        Origin::Proposed { .. } if name == "target_sales" => Some(m.fill(
            "basis.target_sales",
            &[
                ("target_sales", &b.shown("target_sales")),
                ("sale_value", &b.amount("sale_value")),
                ("multiple", &b.shown("return_multiple")),
                ("spend", &b.amount("spend")),
            ],
        )),
        _ => None,
    }
}

/// The failure line above the success target, said with the question of which to change.
pub(crate) fn crossing(content: &Content, crossed: &Crossed) -> String {
    let m = &content.messages;
    let key = format!("display.result_{}", crossed.metric.id());
    let metric = m.get(&key);
    m.fill(
        "basis.targets_cross",
        &[
            ("below", &display::number(crossed.below)),
            ("target", &display::number(crossed.target)),
            ("metric", metric),
        ],
    )
}

/// Which parts of the failure point the owner gave and which the bot proposed, from what:
/// "You gave 6 months; from your $600 budget and $60 sales, we suggest …". None when the owner
/// gave all three.
pub(crate) fn failure_note(content: &Content, advice: &Advice, plan: &FailurePlan) -> Option<String> {
    if plan.proposed.is_empty() {
        return None;
    }
    let m = &content.messages;
    let fill = |key: &str| fill_figures(content, m.get(key), &advice.figures);
    let part = |p: &FailurePart, given: bool| match p {
        FailurePart::Spend => fill("failure.part_spend"),
        FailurePart::Months => fill("failure.part_months"),
        FailurePart::Result if given => fill("failure.given_result"),
        FailurePart::Result => fill("failure.part_result"),
    };
    // "a, b and c"
    let join = |mut parts: Vec<String>| match parts.pop() {
        Some(last) if !parts.is_empty() => {
            format!("{}{}{last}", parts.join(m.get("failure.comma")), m.get("failure.and"))
        }
        Some(last) => last,
        None => String::new(),
    };
    let given = if plan.given.is_empty() {
        m.get("failure.given_none").to_owned()
    } else {
        m.fill(
            "failure.given",
            &[("parts", &join(plan.given.iter().map(|p| part(p, true)).collect()))],
        )
    };
    let basis = join(
        plan.basis
            .iter()
            .map(|b| {
                fill(match b {
                    FailureBasis::Budget => "failure.basis_budget",
                    FailureBasis::SaleValue => "failure.basis_sale_value",
                    FailureBasis::SuccessMetric => "failure.basis_success_metric",
                    FailureBasis::Example => "failure.basis_example",
                    FailureBasis::ProviderFee => "failure.basis_provider_fee",
                })
            })
            .collect(),
    );
    let proposed = join(plan.proposed.iter().map(|p| part(p, false)).collect());
    Some(m.fill(
        "failure.proposal",
        &[("given", &given), ("basis", &basis), ("parts", &proposed)],
    ))
}

/// The advice as one view, laid out by the terminal ([`advice`]) and by Discord's embeds alike:
/// same answers, same words everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AdviceView {
    /// "Recommendation: Full outsourcing", or that there is none yet.
    pub heading: String,
    /// The outcome's summary, or which answers are needed.
    pub summary: String,
    /// "Confidence: 73%" (None without a recommendation).
    pub confidence: Option<String>,
    pub reasons: Vec<String>,
    /// None without a recommendation; empty when no single answer changes it.
    pub changes: Option<Vec<String>>,
    pub checklist: Vec<ChecklistLine>,
    /// "Answering these would make the advice surer: …" (None when nothing matters is missing,
    /// or when the summary already says it).
    pub missing: Option<String>,
}

/// The names of `ids`' questions, joined for a sentence.
pub(crate) fn question_names(content: &Content, ids: &[String]) -> String {
    ids.iter()
        .map(|id| content.question(id).map_or(id.as_str(), |q| q.short.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn advice_view(content: &Content, advice: &Advice) -> AdviceView {
    let m = &content.messages;
    let reasons = advice
        .reasons
        .iter()
        .map(|r| {
            m.fill(
                "advice.reason_line",
                &[
                    ("text", &reason(content, advice, r)),
                    ("source", &content.cite(&r.sources)),
                ],
            )
        })
        .collect();
    let checklist = checklist_lines(content, advice);
    match advice.outcome {
        None => AdviceView {
            heading: m.get("advice.need_more_heading").to_owned(),
            summary: m.fill(
                "advice.need_more",
                &[("questions", &question_names(content, &advice.missing))],
            ),
            confidence: None,
            reasons,
            changes: None,
            checklist,
            missing: None,
        },
        Some(outcome) => AdviceView {
            heading: m.fill(
                "advice.heading",
                &[("outcome", m.get(&format!("outcome.{}.title", outcome.id())))],
            ),
            summary: summary(content, advice, outcome),
            confidence: Some(m.fill("advice.confidence", &[("percent", &percent(advice.confidence))])),
            reasons,
            changes: Some(advice.would_change.iter().map(|c| change(content, c)).collect()),
            checklist,
            missing: (!advice.missing.is_empty()).then(|| {
                m.fill(
                    "advice.missing",
                    &[("questions", &question_names(content, &advice.missing))],
                )
            }),
        },
    }
}

/// The outcome's summary, worded for the owner's situation where prompts/ has it
/// (`situation.ID.OUTCOME`: "keep them", "cut them back", "stop paying them").
pub(crate) fn summary(content: &Content, advice: &Advice, outcome: crate::advisor::advice::Outcome) -> String {
    let m = &content.messages;
    let situated = advice
        .situation
        .as_ref()
        .map(|id| format!("situation.{id}.{}", outcome.id()))
        .filter(|key| m.has(key));
    match situated {
        Some(key) => m.get(&key).to_owned(),
        None => m.get(&format!("outcome.{}.summary", outcome.id())).to_owned(),
    }
}

/// 0.734 → "73".
pub(crate) fn percent(value: f64) -> String {
    format!("{:.0}", (value * 100.0).clamp(0.0, 100.0))
}
