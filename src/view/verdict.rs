//! The advice as the brief and the chart read it, behind one adapter.
//!
//! The brief and the chart never look at [`Advice`] directly: they read a [`Verdict`], the advice
//! with its sentences rendered from prompts/ (the same words the terminal and Discord show), and
//! [`Verdict::of`] is the one place that knows the advice's data.

use crate::advisor::advice::{self, Advice, Basis, FactorPull};
use crate::advisor::content::{Content, Outcome};
use crate::advisor::Interview;
use crate::chart::{BarRow, Bars, Mark, Panel};

use super::advice::{self as words, question_names, ChecklistLine};

/// Whether there is a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Advised(Outcome),
    /// Too little to go on: no recommendation, only the answers it needs.
    NeedMore,
}

/// A sentence with the article it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    pub text: String,
    /// The articles as people read them ([`Content::cite`]).
    pub source: String,
}

/// What the brief and the chart show of the advice.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub standing: Standing,
    pub confidence: f64,
    /// Every outcome's score, in the order of the rules.
    pub scores: Vec<(Outcome, f64)>,
    /// Outcomes a hard line rules out, with the short title of the line's main article.
    pub ruled_out: Vec<(Outcome, String)>,
    /// Answered factors' pulls towards (> 0) or away from the recommendation.
    pub pulls: Vec<FactorPull>,
    pub reasons: Vec<Sourced>,
    /// The hard lines that applied.
    pub lines: Vec<Sourced>,
    pub would_change: Vec<String>,
    pub checklist: Vec<ChecklistLine>,
    /// Unanswered questions that would matter most, most important first.
    pub missing: Vec<String>,
    /// The owner's own figures (budget, months, failure total…), by name, as the checklist has them.
    pub figures: Vec<(String, String)>,
    /// The owner's failure line above their success target, said with the question of which to
    /// change (the brief lists it among what is still open).
    pub targets_cross: Option<String>,
}

impl Verdict {
    /// The adapter from the advice's data: its sentences are rendered as the terminal renders
    /// them, the lines that applied become the outcomes they rule out, with their articles.
    pub fn of(content: &Content, interview: &Interview, advice: &Advice) -> Verdict {
        let (scores, pulls) = advice::breakdown(content, interview);
        let standing = advice.outcome.map_or(Standing::NeedMore, Standing::Advised);
        let mut ruled_out: Vec<(Outcome, String)> = Vec::new();
        for hit in &advice.lines {
            for &outcome in &hit.rules_out {
                if !ruled_out.iter().any(|(o, _)| *o == outcome) {
                    // The main article's short title: a bar's note has room for a few words.
                    let main = hit.sources.first().and_then(|id| content.article(id));
                    let source = main.map_or_else(|| hit.sources.join(", "), |a| a.short.clone());
                    ruled_out.push((outcome, source));
                }
            }
        }
        let sourced = |basis: Basis| -> Vec<Sourced> {
            advice
                .reasons
                .iter()
                .filter(|r| r.basis == basis)
                .map(|r| Sourced {
                    text: words::reason(content, advice, r),
                    source: content.cite(&r.sources),
                })
                .collect()
        };
        Verdict {
            standing,
            confidence: advice.confidence,
            scores,
            ruled_out,
            pulls,
            reasons: sourced(Basis::Factor),
            lines: sourced(Basis::Line),
            would_change: advice.would_change.iter().map(|c| words::change(content, c)).collect(),
            checklist: words::checklist_lines(content, advice),
            missing: advice.missing.clone(),
            figures: advice
                .figures
                .iter()
                .map(|(name, figure)| (name.clone(), words::figure(content, figure)))
                .collect(),
            targets_cross: advice.targets_cross.as_ref().map(|c| words::crossing(content, c)),
        }
    }

    pub fn figure(&self, name: &str) -> Option<&str> {
        self.figures.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn outcome(&self) -> Option<Outcome> {
        match self.standing {
            Standing::Advised(outcome) => Some(outcome),
            Standing::NeedMore => None,
        }
    }
}

/// How many factors each side of the chart lists.
const PULLS_SHOWN: usize = 3;

/// The advice chart: the five scores as bars, the recommendation marked, outcomes a line rules
/// out struck through with the line's article, and the three answers that pushed hardest each way.
/// With no recommendation there is nothing to draw: None, and the fronts attach no picture (a
/// picture of a sentence tells nothing the text beside it does not); [`need_more`] says what is
/// needed instead.
pub fn advice_chart(content: &Content, verdict: &Verdict) -> Option<Bars> {
    let m = &content.messages;
    let title = |o: Outcome| m.get(&format!("outcome.{}.title", o.id())).to_owned();
    let outcome = verdict.outcome()?;
    let rows = verdict
        .scores
        .iter()
        .map(|&(o, score)| {
            let ruled = verdict.ruled_out.iter().find(|(r, _)| *r == o);
            let (mark, note) = match ruled {
                Some((_, source)) => (Mark::RuledOut, m.fill("chart.ruled_out", &[("source", source)])),
                None if o == outcome => (Mark::Chosen, m.get("chart.recommended").to_owned()),
                None => (Mark::Plain, String::new()),
            };
            BarRow {
                label: title(o),
                value: score,
                shown: format!("{score:.2}"),
                mark,
                note,
            }
        })
        .collect();
    let label = |question: &str| {
        content
            .question(question)
            .map_or(question.to_owned(), |q| q.short.clone())
    };
    // One entry per answer: two factors of one question (the activities picked) net out.
    let mut by_question: Vec<(String, f64)> = Vec::new();
    for pull in &verdict.pulls {
        match by_question.iter_mut().find(|(q, _)| *q == pull.question) {
            Some((_, edge)) => *edge += pull.edge,
            None => by_question.push((pull.question.clone(), pull.edge)),
        }
    }
    let strongest = by_question.iter().map(|(_, e)| e.abs()).fold(1e-9, f64::max);
    let side = |towards: bool| -> Vec<(String, f64)> {
        let mut picked: Vec<&(String, f64)> = by_question
            .iter()
            .filter(|(_, edge)| if towards { *edge > 0.01 } else { *edge < -0.01 })
            .collect();
        picked.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        picked
            .into_iter()
            .take(PULLS_SHOWN)
            .map(|(question, edge)| (label(question), edge.abs() / strongest))
            .collect()
    };
    let outcome_title = title(outcome);
    Some(Bars {
        title: m.get("chart.title").to_owned(),
        subtitle: m.fill(
            "chart.subtitle",
            &[
                ("outcome", &outcome_title),
                ("percent", &words::percent(verdict.confidence)),
            ],
        ),
        rows,
        instead: None,
        panels: vec![
            Panel {
                heading: m.fill("chart.towards", &[("outcome", &outcome_title)]),
                items: side(true),
                towards: true,
            },
            Panel {
                heading: m.get("chart.against").to_owned(),
                items: side(false),
                towards: false,
            },
        ],
    })
}

/// Why there is no chart, and which answers would make one: what `chart` prints in its place.
pub fn need_more(content: &Content, verdict: &Verdict) -> String {
    content.messages.fill(
        "chart.need_more",
        &[("questions", &question_names(content, &verdict.missing))],
    )
}
