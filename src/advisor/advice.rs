//! Advice from a set of answers, complete or not.
//!
//! The model is deliberately simple so that every number lives in data/rules.toml and every
//! recommendation can be explained:
//!
//! 1. **Lines.** Each `[[line]]` is a hard line an article draws ("no money to spend: nothing that
//!    costs money"). When all its tests hold, the outcomes it rules out are never advised.
//! 2. **Scores.** Each factor turns one answer into a number from 0 to 1, each outcome scores
//!    `bias + Σ weight × factor`, and the highest score among the outcomes the lines leave wins.
//! 3. **Too little to go on.** With too few of the weighty questions answered there is no
//!    outcome at all ([`Status::NeedMore`]): the advice names the answers it needs instead.
//!
//! The result is data, never sentences: [`Advice`] holds ids, readings and [`Figure`]s, and the
//! fronts turn them into words with prompts/ when they show them (see `crate::text`). So a stored
//! assessment shows in today's wording, and the brief, the charts and the monthly check-ins read
//! the same fields.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::content::Outcome;
use super::content::{
    AnswerKind, ChecklistTemplate, Content, Factor, Line, LineTest, Question, Roles, Toward, WhatIfQuestion,
};
use super::interview::{Answer, Interview};
use super::read::{Metric, Reading, ResultPeriod, YesNo};

/// The checklist item the failure point's proposal is told with (`check` makes sure it exists).
pub(crate) const FAILURE_ITEM: &str = "failure_point";

/// Whether there is a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// An outcome was chosen.
    Advised,
    /// Too few of the weighty questions are answered: no outcome; `missing` says what is needed.
    #[default]
    NeedMore,
}

/// A number worked out for this business, with what it counts, so a front can write it ("$1,000",
/// "6 months") and a chart can plot it without parsing text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Figure {
    /// An amount of money; `currency` is an ISO code (None: dollars, as the articles use).
    Money {
        amount: f64,
        currency: Option<String>,
        /// The range the amount is the middle of, where the owner gave one ("$300–1,000", a
        /// quick pick): the text shows the range, the sums use the amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        range: Option<(f64, f64)>,
    },
    /// A count of things: followers, sales, leads.
    Count {
        value: f64,
    },
    Hours {
        value: f64,
    },
    Months {
        value: f64,
    },
    Minutes {
        value: f64,
    },
    /// The result a failure point watches.
    Metric {
        metric: Metric,
    },
    /// Something the owner told us, without a number (their prime customer).
    Known,
}

impl Figure {
    /// The number behind the figure, where it has one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Money { amount, .. } => Some(*amount),
            Figure::Count { value }
            | Figure::Hours { value }
            | Figure::Months { value }
            | Figure::Minutes { value } => Some(*value),
            Figure::Metric { .. } | Figure::Known => None,
        }
    }
}

/// Figures by name (the names of [`Figures::NAMES`]).
pub(crate) type FigureMap = BTreeMap<String, Figure>;

/// Where a figure came from, so that every figure the owner did not type as it is can say so
/// ("taking $600, the middle of your $200 to $1,000") in the text and in `advice --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// The owner's answer to `question`, as they gave it.
    Typed { question: String },
    /// The middle of the range the owner gave to `question` (`low` and `high` in the figure's
    /// own period: a month's for a budget).
    RangeMiddle { question: String, low: f64, high: f64 },
    /// Read from the owner's answer to `question` rather than given as a figure: a bound ("under
    /// $300" is $300) or an amount in another period ("$18k a year" is $1,500 a month).
    Read { question: String },
    /// An amount given with no period, taken as a month's because the question asks for one.
    PeriodAssumed { question: String },
    /// Proposed because the owner did not give it, from these figures (none: article 002's example).
    Proposed { from: Vec<String> },
    /// An assumption of data/checklist.toml `[assumptions]`, because the owner gave none.
    Assumed { assumption: String },
    /// A figure of an article (data/facts.toml `id`).
    Article { fact: String },
    /// Worked out from these figures; the sentence that shows it shows the sum.
    WorkedOut { from: Vec<String> },
}

/// Each figure's [`Origin`], by the figure's name.
pub(crate) type Origins = BTreeMap<String, Origin>;

/// The owner's failure line is not below the success target for the same metric and period
/// ("stop if under 20 sales a month" beside a target of 5 a month). The advice says so and asks
/// which to change; it never reorders the owner's numbers itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crossed {
    pub metric: Metric,
    /// The failure line (`failure_below`).
    pub below: f64,
    /// The success target for the same metric and period (`target_sales` or `followers_target`).
    pub target: f64,
}

/// What a reason rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A factor of data/rules.toml: the answer pushed the score of the advice up.
    Factor,
    /// A line of data/rules.toml that applied.
    Line,
}

/// Which way a factor's value went: it picks the sentence (`reason.<id>.high` or `.low`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    High,
    Low,
}

/// One reason behind the advice, as data: prompts/messages.toml has its sentence
/// (`reason.<id>.<side>` for a factor, `line.<id>` for a line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub basis: Basis,
    /// The factor or line id.
    pub id: String,
    /// For a factor: whether its value was high or low. None for a line.
    pub side: Option<Side>,
    /// The articles it rests on (file names without .txt), the main one first.
    pub sources: Vec<String>,
    /// The question ids whose answers drove it.
    pub questions: Vec<String>,
    /// The figures its sentence uses.
    pub figures: FigureMap,
}

/// A line that applied to these answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineHit {
    pub id: String,
    pub rules_out: Vec<Outcome>,
    pub sources: Vec<String>,
    /// The questions it tested that were answered.
    pub questions: Vec<String>,
}

/// One change of answer that would change the advice: "if `question` were `to` instead of `from`,
/// the advice would be `outcome`".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub question: String,
    /// The answer now (None: unanswered, skipped or not sure).
    pub from: Option<Reading>,
    pub to: Reading,
    pub outcome: Outcome,
}

/// One line of the metric checklist: the item of data/checklist.toml and the figures it is worked
/// out with. The words are the item's templates, filled when shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    /// The item's id in data/checklist.toml.
    pub id: String,
    pub source: String,
    /// True when a figure it needs is unknown and its `otherwise` text applies.
    pub fallback: bool,
    /// The figures its text uses.
    pub figures: FigureMap,
    /// Where each of those figures came from.
    #[serde(default)]
    pub basis: Origins,
}

/// A part of article 002's failure point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailurePart {
    /// The spend a month.
    Spend,
    /// How many months.
    Months,
    /// The result (a number and a metric) below which to stop.
    Result,
}

/// What a proposed part of the failure point was worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureBasis {
    /// The owner's monthly budget.
    Budget,
    /// What a typical sale is worth.
    SaleValue,
    /// The success metric they chose.
    SuccessMetric,
    /// Article 002's own example ($1,000 a month, 6 months, 10,000 followers).
    Example,
}

/// Article 002's failure point, whole: spend `per_month` for `months`, and stop if the result is
/// under `below` `metric` by then (followers in all; leads or sales a month). The parts the owner
/// left out are proposed, and say so. The monthly check-ins hold the owner to this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailurePlan {
    pub per_month: f64,
    pub currency: Option<String>,
    pub months: f64,
    pub below: f64,
    pub metric: Metric,
    /// The parts the owner gave.
    pub given: Vec<FailurePart>,
    /// The parts the bot proposed.
    pub proposed: Vec<FailurePart>,
    /// What the proposed parts were worked out from.
    pub basis: Vec<FailureBasis>,
    /// The owner's result line as they said it, where its period is not the one its metric is
    /// counted in (`below` is then that line worked out for the metric's period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below_as_said: Option<(f64, ResultPeriod)>,
}

/// The recommendation, as data. Every front renders it with prompts/ and data/ (see `crate::text`);
/// the store keeps it as it is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Advice {
    pub status: Status,
    /// None exactly when `status` is `need_more`.
    pub outcome: Option<Outcome>,
    /// 0 to 1: how clear-cut the outcome is, lowered by missing answers (0 with no outcome).
    pub confidence: f64,
    /// Every line that applied, in the order of data/rules.toml.
    pub lines: Vec<LineHit>,
    /// The lines that applied, then the factors that most favour the outcome.
    pub reasons: Vec<Reason>,
    /// At most `what_if.report` single changes of answer that would change the outcome, smallest first.
    pub would_change: Vec<Change>,
    pub checklist: Vec<ChecklistEntry>,
    /// The failure point in three parts, when the advice pays someone.
    pub failure_point: Option<FailurePlan>,
    /// Ids of unanswered questions that would matter most, most important first.
    pub missing: Vec<String>,
    /// Every figure worked out for this business, by name.
    pub figures: FigureMap,
    /// Where each figure came from: the owner's answer, a range's middle, a proposal, an
    /// assumption, an article, or a sum of other figures.
    #[serde(default)]
    pub basis: Origins,
    /// Set when the owner's failure line is not below the success target (see [`Crossed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets_cross: Option<Crossed>,
}

/// The value of `factor` for an answer (None when unanswered: the factor's default applies).
fn factor_value(factor: &Factor, reading: Option<&Reading>) -> Option<f64> {
    let reading = reading?;
    let value = match reading {
        Reading::YesNo { value } => factor.values.get(value.id()).copied()?,
        Reading::Choices { picks } if !factor.share_of.is_empty() => {
            let hits = factor.share_of.iter().filter(|id| picks.contains(id)).count();
            hits as f64 / factor.share_of.len() as f64
        }
        Reading::Choices { picks } => picks
            .iter()
            .filter_map(|id| factor.values.get(id).copied())
            .fold(None, |best: Option<f64>, v| Some(best.map_or(v, |b| b.max(v))))?,
        Reading::Text { .. } => factor.answered?,
        // "Not sure" counts as no answer: the factor's default applies.
        Reading::Unsure => return None,
        other => interpolate(&factor.points, other.number()?)?,
    };
    Some(value.clamp(0.0, 1.0))
}

/// Piecewise-linear through `points`, flat past the ends.
fn interpolate(points: &[[f64; 2]], x: f64) -> Option<f64> {
    let first = points.first()?;
    let last = points.last()?;
    if x <= first[0] {
        return Some(first[1]);
    }
    if x >= last[0] {
        return Some(last[1]);
    }
    points.windows(2).find_map(|pair| {
        let ([x0, y0], [x1, y1]) = (pair[0], pair[1]);
        (x >= x0 && x <= x1).then(|| {
            if x1 == x0 {
                y1
            } else {
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            }
        })
    })
}

/// The answers that count, by question id: those to questions that apply, "not sure" left out.
type Counted<'a> = BTreeMap<&'a str, &'a Reading>;

fn counted<'a>(content: &Content, interview: &'a Interview) -> Counted<'a> {
    interview
        .counted_answers(content)
        .into_iter()
        .filter(|(_, answer)| answer.reading != Reading::Unsure)
        .map(|(id, answer)| (id, &answer.reading))
        .collect()
}

/// Each factor's value (answered or default) and whether it came from an answer.
fn factor_values(content: &Content, answers: &Counted) -> Vec<(f64, bool)> {
    content
        .rules
        .factor
        .iter()
        .map(
            |factor| match factor_value(factor, answers.get(factor.question.as_str()).copied()) {
                Some(value) => (value, true),
                None => (factor.default, false),
            },
        )
        .collect()
}

fn scores(content: &Content, values: &[(f64, bool)]) -> Vec<(Outcome, f64)> {
    content
        .rules
        .outcome
        .iter()
        .map(|rule| {
            let score = content
                .rules
                .factor
                .iter()
                .zip(values)
                .map(|(factor, (value, _))| rule.weights.get(&factor.id).copied().unwrap_or(0.0) * value)
                .sum::<f64>()
                + rule.bias;
            (rule.outcome, score)
        })
        .collect()
}

/// True when one test of a line holds for the answers.
fn test_holds(content: &Content, test: &LineTest, answers: &Counted) -> bool {
    let Some(reading) = answers.get(test.question.as_str()) else {
        // Unanswered: only a "none of" test can hold.
        return test.is_any.is_empty() && test.bounds().next().is_none() && !test.none_of.is_empty();
    };
    let ids = reading.ids();
    if !test.is_any.is_empty() && !ids.iter().any(|id| test.is_any.contains(id)) {
        return false;
    }
    if ids.iter().any(|id| test.none_of.contains(id)) {
        return false;
    }
    if test.bounds().next().is_some() {
        let Some(value) = reading.number() else {
            return false;
        };
        // A bound naming a fact without a value never holds (`check` reports it).
        let within = |bound: &Option<super::content::Bound>, ok: fn(f64, f64) -> bool| match bound {
            None => true,
            Some(b) => content.bound(b).is_some_and(|limit| ok(value, limit)),
        };
        let holds = within(&test.at_least, |v, l| v >= l)
            && within(&test.at_most, |v, l| v <= l)
            && within(&test.below, |v, l| v < l)
            && within(&test.above, |v, l| v > l);
        if !holds {
            return false;
        }
    }
    true
}

/// True when every test of `line` holds.
fn line_holds(content: &Content, line: &Line, answers: &Counted) -> bool {
    !line.tests.is_empty() && line.tests.iter().all(|test| test_holds(content, test, answers))
}

/// The outcomes the lines that hold leave open; all of them if the lines would leave none (the
/// shipped lines never do: `check` reports lines that contradict each other).
fn allowed(content: &Content, answers: &Counted) -> [bool; 5] {
    let mut open = [true; 5];
    for line in content.rules.line.iter().filter(|l| line_holds(content, l, answers)) {
        for outcome in &line.rules_out {
            open[*outcome as usize] = false;
        }
    }
    if open.iter().any(|o| *o) {
        open
    } else {
        [true; 5]
    }
}

/// The winning outcome among those allowed; ties go to the less outsourced outcome, the
/// cautious choice.
fn winner(scores: &[(Outcome, f64)], allowed: &[bool; 5]) -> Outcome {
    scores
        .iter()
        .filter(|(outcome, _)| allowed[*outcome as usize])
        .fold(None, |best: Option<(Outcome, f64)>, &(outcome, score)| match best {
            Some((best_outcome, best_score))
                if best_score > score || (best_score == score && best_outcome < outcome) =>
            {
                best
            }
            _ => Some((outcome, score)),
        })
        .map_or(Outcome::NotYet, |(outcome, _)| outcome)
}

fn decide(content: &Content, answers: &Counted) -> Outcome {
    winner(
        &scores(content, &factor_values(content, answers)),
        &allowed(content, answers),
    )
}

/// The outcome the lines and the scores give, whether or not there is enough to go on: what
/// "what would change it" and the property tests need.
pub fn outcome_of(content: &Content, interview: &Interview) -> Outcome {
    decide(content, &counted(content, interview))
}

/// How much an unanswered question would matter: its factors' largest importance.
fn importance(content: &Content, question: &str) -> f64 {
    content
        .rules
        .factor
        .iter()
        .filter(|f| f.question == question)
        .map(|f| f.importance)
        .fold(0.0, f64::max)
}

/// True when enough of the weighty questions are answered to recommend anything.
fn enough(content: &Content, interview: &Interview, answers: &Counted) -> bool {
    let need = &content.rules.need_more;
    let answered = interview
        .applicable(content)
        .into_iter()
        .filter(|q| importance(content, &q.id) >= need.weighty)
        .filter(|q| answers.contains_key(q.id.as_str()))
        .count();
    answered >= need.at_least
}

/// The full advice for the answers so far.
pub fn advise(content: &Content, interview: &Interview) -> Advice {
    let answers = counted(content, interview);
    let lines = lines_applied(content, &answers);
    if !enough(content, interview, &answers) {
        let figures = Figures::work_out(content, interview, None, None);
        let reasons = line_reasons(content, &lines, &figures);
        return Advice {
            status: Status::NeedMore,
            outcome: None,
            confidence: 0.0,
            reasons,
            lines,
            would_change: Vec::new(),
            checklist: checklist(content, interview, None, &figures),
            failure_point: None,
            missing: missing(content, interview, &answers, true),
            figures: figures.values,
            basis: figures.origins,
            targets_cross: None,
        };
    }
    let values = factor_values(content, &answers);
    let scores = scores(content, &values);
    let open = allowed(content, &answers);
    let outcome = winner(&scores, &open);
    let plan = failure_plan(content, &answers, outcome);
    let figures = Figures::work_out(content, interview, Some(outcome), plan.as_ref());
    let targets_cross = plan.as_ref().and_then(|p| figures.crossed(p));
    let mut reasons = line_reasons(content, &lines, &figures);
    // An answer a line already speaks for is not said again as a factor.
    let spoken: Vec<String> = lines.iter().flat_map(|l| l.questions.iter().cloned()).collect();
    reasons.extend(factor_reasons(content, &values, outcome, &figures, spoken));

    Advice {
        status: Status::Advised,
        outcome: Some(outcome),
        confidence: confidence(content, &answers, interview, &scores, &open, outcome),
        lines,
        reasons,
        would_change: would_change(content, interview, outcome),
        checklist: checklist(content, interview, Some(outcome), &figures),
        failure_point: plan,
        missing: missing(content, interview, &answers, false),
        targets_cross,
        figures: figures.values,
        basis: figures.origins,
    }
}

fn lines_applied(content: &Content, answers: &Counted) -> Vec<LineHit> {
    content
        .rules
        .line
        .iter()
        .filter(|line| line_holds(content, line, answers))
        .map(|line| {
            let mut questions: Vec<String> = Vec::new();
            for test in &line.tests {
                if answers.contains_key(test.question.as_str()) && !questions.contains(&test.question) {
                    questions.push(test.question.clone());
                }
            }
            LineHit {
                id: line.id.clone(),
                rules_out: line.rules_out.clone(),
                sources: line.sources.clone(),
                questions,
            }
        })
        .collect()
}

/// The figures a sentence uses, taken from the ones worked out.
fn used(text: &str, figures: &Figures) -> FigureMap {
    super::template::placeholders(text)
        .into_iter()
        .filter_map(|name| figures.values.get(name).map(|f| (name.to_owned(), f.clone())))
        .collect()
}

fn line_reasons(content: &Content, lines: &[LineHit], figures: &Figures) -> Vec<Reason> {
    lines
        .iter()
        .map(|hit| Reason {
            basis: Basis::Line,
            id: hit.id.clone(),
            side: None,
            sources: hit.sources.clone(),
            questions: hit.questions.clone(),
            figures: used(content.messages.get(&format!("line.{}", hit.id)), figures),
        })
        .collect()
}

/// How clear the win is among the outcomes left open (a softmax share of the scores) scaled by
/// how much of what matters was answered: a clear win on half the answers is still only half sure.
fn confidence(
    content: &Content,
    answers: &Counted,
    interview: &Interview,
    scores: &[(Outcome, f64)],
    open: &[bool; 5],
    outcome: Outcome,
) -> f64 {
    let open_scores: Vec<(Outcome, f64)> = scores.iter().copied().filter(|(o, _)| open[*o as usize]).collect();
    let best = open_scores.iter().map(|(_, s)| *s).fold(f64::MIN, f64::max);
    let total: f64 = open_scores.iter().map(|(_, s)| (s - best).exp()).sum();
    let share = open_scores
        .iter()
        .find(|(o, _)| *o == outcome)
        .map_or(0.0, |(_, s)| (s - best).exp() / total);

    let applicable = interview.applicable(content);
    let importance = |answered_only: bool| -> f64 {
        content
            .rules
            .factor
            .iter()
            .filter(|f| applicable.iter().any(|q| q.id == f.question))
            .filter(|f| !answered_only || answers.contains_key(f.question.as_str()))
            .map(|f| f.importance)
            .sum()
    };
    let all = importance(false);
    let coverage = if all > 0.0 { importance(true) / all } else { 1.0 };
    let value = share * (0.4 + 0.6 * coverage);
    (value * 100.0).round() / 100.0
}

fn factor_reasons(
    content: &Content,
    values: &[(f64, bool)],
    outcome: Outcome,
    figures: &Figures,
    mut seen_questions: Vec<String>,
) -> Vec<Reason> {
    let rules = &content.rules;
    let weight = |outcome: Outcome, factor: &str| {
        rules
            .outcome
            .iter()
            .find(|r| r.outcome == outcome)
            .and_then(|r| r.weights.get(factor).copied())
            .unwrap_or(0.0)
    };
    let others: Vec<Outcome> = Outcome::ALL.into_iter().filter(|o| *o != outcome).collect();
    let mut pulls: Vec<(f64, &Factor, f64)> = rules
        .factor
        .iter()
        .zip(values)
        .filter(|(_, (_, answered))| *answered)
        .map(|(factor, (value, _))| {
            // How far this answer pushes the winner ahead of the others, measured from a
            // neutral answer (0.5), so a "no budget" counts as much as a big one.
            let edge: f64 = others
                .iter()
                .map(|other| (weight(outcome, &factor.id) - weight(*other, &factor.id)) * (value - 0.5))
                .sum::<f64>()
                / others.len() as f64;
            (edge, factor, *value)
        })
        .filter(|(edge, _, _)| *edge > 0.01)
        .collect();
    pulls.sort_by(|a, b| b.0.total_cmp(&a.0));

    pulls
        .into_iter()
        .filter(|(_, factor, _)| {
            // One reason per answer: two factors of one question say the same thing twice.
            let fresh = !seen_questions.contains(&factor.question);
            seen_questions.push(factor.question.clone());
            fresh
        })
        .take(rules.reasons)
        .map(|(_, factor, value)| {
            let side = if value >= 0.5 { Side::High } else { Side::Low };
            let key = format!("reason.{}.{}", factor.id, side.id());
            Reason {
                basis: Basis::Factor,
                id: factor.id.clone(),
                side: Some(side),
                sources: vec![factor.source.clone()],
                questions: vec![factor.question.clone()],
                figures: used(content.messages.get(&key), figures),
            }
        })
        .collect()
}

impl Side {
    pub fn id(self) -> &'static str {
        match self {
            Side::High => "high",
            Side::Low => "low",
        }
    }
}

/// Candidate readings to try in place of the current answer to `question`.
fn alternatives(
    content: &Content,
    question: &Question,
    entry: &WhatIfQuestion,
    current: Option<&Reading>,
) -> Vec<Reading> {
    let what_if = &content.rules.what_if;
    let currency = match current {
        Some(Reading::Money { currency, .. }) => currency.clone(),
        _ => None,
    };
    match question.kind {
        AnswerKind::YesNo => [YesNo::No, YesNo::Unsure, YesNo::Yes]
            .into_iter()
            .map(|value| Reading::YesNo { value })
            .collect(),
        AnswerKind::Scale => (1..=5).map(|value| Reading::Scale { value }).collect(),
        AnswerKind::Choice => question
            .choices
            .iter()
            .map(|c| Reading::Choices {
                picks: vec![c.id.clone()],
            })
            .collect(),
        AnswerKind::Choices => entry
            .sets
            .iter()
            .map(|set| Reading::Choices {
                // In the question's order, as the reader gives them.
                picks: question
                    .choices
                    .iter()
                    .filter(|c| set.contains(&c.id))
                    .map(|c| c.id.clone())
                    .collect(),
            })
            .collect(),
        AnswerKind::Money => what_if
            .money
            .iter()
            .map(|&amount| Reading::Money {
                amount,
                min: Some(amount),
                max: Some(amount),
                currency: currency.clone(),
                per_month: Some(amount),
            })
            .collect(),
        AnswerKind::Hours => what_if
            .hours
            .iter()
            .map(|&hours_per_week| Reading::hours(hours_per_week))
            .collect(),
        AnswerKind::Number => what_if.number.iter().map(|&value| Reading::number_of(value)).collect(),
        // The failure point and free text do not move the outcome.
        AnswerKind::FailurePoint | AnswerKind::Text => Vec::new(),
    }
}

/// Where a reading stands on the question's scale from low to high, for the direction check.
fn rank(entry: &WhatIfQuestion, reading: &Reading) -> Option<f64> {
    match reading {
        Reading::YesNo { .. } | Reading::Choices { .. } if !entry.order.is_empty() => {
            let ids = reading.ids();
            let id = ids.first()?;
            entry.order.iter().position(|o| o == id).map(|i| i as f64)
        }
        Reading::Choices { picks } => Some(picks.len() as f64),
        other => other.number(),
    }
}

/// How big a change from `from` to `to` is, to report the smallest ones first.
fn distance(entry: &WhatIfQuestion, from: Option<&Reading>, to: &Reading) -> f64 {
    let (Some(a), Some(b)) = (from.and_then(|r| rank(entry, r)), rank(entry, to)) else {
        return 1.0;
    };
    match to {
        Reading::Money { .. } | Reading::Hours { .. } | Reading::Number { .. } => {
            ((b - a).abs() / a.abs().max(1.0)).min(10.0)
        }
        Reading::Choices { .. } if entry.order.is_empty() => (b - a).abs() / 7.0,
        _ => (b - a).abs() / entry.order.len().max(1) as f64,
    }
}

/// True when going from `from` to `to` may move the advice from `before` to `after`: the way the
/// articles argue (data/rules.toml `higher`), never against it.
fn moves_the_right_way(
    entry: &WhatIfQuestion,
    from: Option<&Reading>,
    to: &Reading,
    before: Outcome,
    after: Outcome,
) -> bool {
    let Some(from) = from else {
        // An unanswered question: any answer to it is news, not a change of mind.
        return true;
    };
    let (Some(a), Some(b)) = (rank(entry, from), rank(entry, to)) else {
        return false;
    };
    if a == b {
        return false;
    }
    let up = b > a;
    let towards_outsourcing = after > before;
    match entry.higher {
        Toward::More => up == towards_outsourcing,
        Toward::Less => up != towards_outsourcing,
    }
}

fn would_change(content: &Content, interview: &Interview, outcome: Outcome) -> Vec<Change> {
    let applicable = interview.applicable(content);
    let mut flips: Vec<(f64, f64, Change)> = Vec::new();
    // One copy to try the alternatives in, each question's answer put back after its turn:
    // copying the whole interview per alternative was most of the cost of the advice.
    let mut trial = interview.clone();
    for entry in &content.rules.what_if.question {
        let Some(question) = applicable.iter().find(|q| q.id == entry.question) else {
            continue;
        };
        let current = interview
            .answers
            .get(&question.id)
            .map(|a| &a.reading)
            .filter(|r| **r != Reading::Unsure);
        let best = alternatives(content, question, entry, current)
            .into_iter()
            .filter(|alt| Some(alt) != current)
            .filter_map(|alt| {
                trial.answers.insert(
                    question.id.clone(),
                    Answer {
                        question: question.id.clone(),
                        raw: String::new(),
                        reading: alt.clone(),
                        at: 0,
                    },
                );
                let flipped = outcome_of(content, &trial);
                (flipped != outcome && moves_the_right_way(entry, current, &alt, outcome, flipped))
                    .then(|| (distance(entry, current, &alt), alt, flipped))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        match interview.answers.get(&question.id) {
            Some(answer) => trial.answers.insert(question.id.clone(), answer.clone()),
            None => trial.answers.remove(&question.id),
        };
        if let Some((distance, to, flipped)) = best {
            flips.push((
                distance,
                -importance(content, &question.id),
                Change {
                    question: question.id.clone(),
                    from: current.cloned(),
                    to,
                    outcome: flipped,
                },
            ));
        }
    }
    flips.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    flips
        .into_iter()
        .take(content.rules.what_if.report)
        .map(|(_, _, change)| change)
        .collect()
}

/// The unanswered questions that matter, most important first: `rules.missing` of them, or for
/// too little to go on, at least as many weighty ones as are needed to advise.
fn missing(content: &Content, interview: &Interview, answers: &Counted, need_more: bool) -> Vec<String> {
    let mut open: Vec<(f64, &str)> = interview
        .applicable(content)
        .into_iter()
        .filter(|q| !answers.contains_key(q.id.as_str()))
        .map(|q| (importance(content, &q.id), q.id.as_str()))
        .filter(|(importance, _)| *importance > 0.0)
        .collect();
    open.sort_by(|a, b| b.0.total_cmp(&a.0));
    let count = if need_more {
        let need = &content.rules.need_more;
        let weighty_open = open.iter().filter(|(i, _)| *i >= need.weighty).count();
        content.rules.missing.max(weighty_open.min(need.at_least))
    } else {
        content.rules.missing
    };
    open.into_iter().take(count).map(|(_, id)| id.to_owned()).collect()
}

/// Article 002's failure point for an advice that pays someone: the owner's parts, and the rest
/// proposed from their budget, their success metric and their sale value (else 002's example).
fn failure_plan(content: &Content, answers: &Counted, outcome: Outcome) -> Option<FailurePlan> {
    if outcome < Outcome::Consultant {
        return None;
    }
    let roles = &content.roles;
    // To the cent, as the figures show them, so the plan and the figures agree to the cent.
    let number = |id: &str| answers.get(id).and_then(|r| r.number()).map(cents).filter(|n| *n > 0.0);
    let assume = |name: &str| content.assumption(name);
    let (given_spend, given_months, given_below, given_metric, below_period) =
        match answers.get(roles.failure_point.as_str()) {
            Some(Reading::FailurePoint {
                per_month,
                months,
                below,
                metric,
                below_period,
            }) => (*per_month, *months, *below, *metric, *below_period),
            // Answers kept from before the failure point had three parts: months alone.
            Some(Reading::Number { value, .. }) => (None, Some(*value), None, None, None),
            _ => (None, None, None, None, None),
        };
    let currency = match answers.get(roles.budget.as_str()) {
        Some(Reading::Money { currency, .. }) => currency.clone(),
        _ => None,
    };
    let mut given = Vec::new();
    let mut proposed = Vec::new();
    let mut basis = Vec::new();
    fn note(basis: &mut Vec<FailureBasis>, b: FailureBasis) {
        if !basis.contains(&b) {
            basis.push(b);
        }
    }

    let budget = number(&roles.budget);
    let per_month = match given_spend.map(cents).filter(|s| *s > 0.0) {
        Some(spend) => {
            given.push(FailurePart::Spend);
            spend
        }
        None => {
            proposed.push(FailurePart::Spend);
            match budget {
                Some(budget) => {
                    note(&mut basis, FailureBasis::Budget);
                    budget
                }
                None => {
                    note(&mut basis, FailureBasis::Example);
                    content.fact("failure_budget").and_then(|f| f.value).unwrap_or(0.0)
                }
            }
        }
    };
    // Whole months, as the check-ins hold the owner to them and as the sums are shown.
    let months = match given_months.map(|m| m.round()).filter(|m| *m >= 1.0) {
        Some(months) => {
            given.push(FailurePart::Months);
            months
        }
        None => {
            proposed.push(FailurePart::Months);
            note(&mut basis, FailureBasis::Example);
            assume("default_months")
        }
    };
    let sale_value = number(&roles.sale_value);
    let success = answers
        .get(roles.success_metric.as_str())
        .and_then(|r| r.ids().into_iter().next());
    let chosen_metric = || match success.as_deref() {
        Some(Roles::FOLLOWERS) => Some(Metric::Followers),
        Some(Roles::LEADS_SALES) => Some(if sale_value.is_some() {
            Metric::Sales
        } else {
            Metric::Leads
        }),
        _ => None,
    };
    let (below, metric) = match (given_below, given_metric) {
        (Some(below), metric) => {
            given.push(FailurePart::Result);
            let metric = metric.or_else(chosen_metric).unwrap_or(Metric::Followers);
            (in_metric_period(below, below_period, metric, months), metric)
        }
        (None, metric) => {
            proposed.push(FailurePart::Result);
            let metric = match metric.or_else(chosen_metric) {
                Some(metric) => {
                    if given_metric.is_none() {
                        note(&mut basis, FailureBasis::SuccessMetric);
                    }
                    metric
                }
                None if sale_value.is_some() => Metric::Sales,
                None => Metric::Followers,
            };
            match (metric, sale_value) {
                // Sales (or leads) a month that at least pay back the spend.
                (Metric::Sales | Metric::Leads, Some(sale)) => {
                    note(&mut basis, FailureBasis::SaleValue);
                    (fewest(per_month, sale), metric)
                }
                // 002's example scaled to this spend and time.
                _ => {
                    note(&mut basis, FailureBasis::Example);
                    (followers_line(content, per_month, months), Metric::Followers)
                }
            }
        }
    };
    let below_as_said = match (given_below, below_period) {
        (Some(said), Some(period)) if cents(said) != below => Some((said, period)),
        _ => None,
    };
    Some(FailurePlan {
        per_month,
        currency,
        months,
        below,
        metric,
        given,
        proposed,
        basis,
        below_as_said,
    })
}

/// The owner's failure line in the period its metric is counted in (sales and leads a month,
/// followers in all), so that the plan, the targets and the check-ins compare like with like:
/// "under 20 new patients in all over 6 months" is a line of 3.33 sales a month, and "under 100
/// followers a month" over 6 months one of 600 followers in all. A line given in its metric's own
/// period, or with no period, is kept as it is.
fn in_metric_period(below: f64, period: Option<ResultPeriod>, metric: Metric, months: f64) -> f64 {
    match (metric, period) {
        (Metric::Sales | Metric::Leads, Some(ResultPeriod::InAll)) if months >= 1.0 => cents(below / months),
        (Metric::Followers, Some(ResultPeriod::Month)) => cents(below * months),
        _ => below,
    }
}

/// The fewest of something worth `each` that add up to `amount` (at least one): sales that pay
/// back a spend. A quotient a hair over a whole number from floating point stays that number.
fn fewest(amount: f64, each: f64) -> f64 {
    (amount / each - 1e-9).ceil().max(1.0)
}

/// Article 002's failure-point example (10,000 followers for $1,000 a month over 6 months)
/// scaled to `per_month` for `months`: the followers below which to stop, worked out here for
/// the failure point and the success target alike.
fn followers_line(content: &Content, per_month: f64, months: f64) -> f64 {
    let reference = content.assumption("reference_budget") * content.assumption("reference_months");
    if reference > 0.0 {
        round_to_nice(content.assumption("reference_followers") * per_month * months / reference)
    } else {
        0.0
    }
}

/// An amount to the cent: figures show cents only where there are some, and every sum is worked
/// out from the amounts as shown, so a calculator gets the same answer.
fn cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Where the figure read from `reading` (the answer to `question`) came from. `monthly`: the
/// question asks for an amount a month, so an amount with no period is taken as a month's.
fn origin_of(question: &str, reading: &Reading, monthly: bool) -> Origin {
    let question = question.to_owned();
    let (min, max) = match reading {
        Reading::Money { min, max, .. } | Reading::Hours { min, max, .. } | Reading::Number { min, max, .. } => {
            (*min, *max)
        }
        _ => (None, None),
    };
    // A yearly (or weekly) amount is used as a month's: its range's ends are shown as a month's too.
    let factor = match reading {
        Reading::Money {
            amount,
            per_month: Some(per_month),
            ..
        } if *amount > 0.0 => per_month / amount,
        _ => 1.0,
    };
    match (min, max) {
        (Some(low), Some(high)) if low < high => Origin::RangeMiddle {
            question,
            low: cents(low * factor),
            high: cents(high * factor),
        },
        (None, Some(_)) | (Some(_), None) => Origin::Read { question },
        _ if factor != 1.0 => Origin::Read { question },
        _ if monthly && matches!(reading, Reading::Money { per_month: None, .. }) => Origin::PeriodAssumed { question },
        _ => Origin::Typed { question },
    }
}

/// The owner's own numbers and every figure worked out from them, once per advice, each with its
/// [`Origin`]. The checklist, the reasons, the failure point, the brief, the check-ins and the
/// charts all read these; none works a figure out again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    values: FigureMap,
    origins: Origins,
}

impl Figures {
    /// Every figure name a template may use.
    pub const NAMES: [&'static str; 26] = [
        "budget",
        "spend",
        "months",
        "failure_total",
        "followers_line",
        "followers_target",
        "sale_value",
        "break_even_sales",
        "break_even_return",
        "target_sales",
        "return_target",
        "return_multiple",
        "reply_now",
        "reply_fast_minutes",
        "reply_fast_premium",
        "reply_slow_minutes",
        "reply_slow_premium",
        "hours_week",
        "time_budget",
        "review_hours",
        "prime_customer",
        "failure_spend",
        "failure_below",
        "failure_result",
        "no_provider_budget",
        "budget_low",
    ];

    /// The assumptions of data/checklist.toml the figures (and the failure point) are worked out
    /// with; `check` requires each.
    pub(crate) const ASSUMPTIONS: [&'static str; 8] = [
        "default_months",
        "reference_budget",
        "reference_months",
        "reference_followers",
        "target_return",
        "in_house_hours",
        "review_hours",
        "partial_hours",
    ];

    fn put(&mut self, name: &str, figure: Figure, origin: Origin) {
        self.values.insert(name.to_owned(), figure);
        self.origins.insert(name.to_owned(), origin);
    }

    pub(crate) fn work_out(
        content: &Content,
        interview: &Interview,
        outcome: Option<Outcome>,
        plan: Option<&FailurePlan>,
    ) -> Figures {
        let answers = counted(content, interview);
        let roles = &content.roles;
        let currency = match answers.get(roles.budget.as_str()) {
            Some(Reading::Money { currency, .. }) => currency.clone(),
            _ => None,
        };
        let money = |amount: f64| Figure::Money {
            amount: cents(amount),
            currency: currency.clone(),
            range: None,
        };
        let dollars = |amount: f64| Figure::Money {
            amount,
            currency: None,
            range: None,
        };
        // An answered figure above zero, to the cent, with where it came from.
        let answered = |id: &str, monthly: bool| -> Option<(f64, Origin)> {
            let reading = answers.get(id)?;
            let value = cents(reading.number()?);
            (value > 0.0).then(|| (value, origin_of(id, reading, monthly)))
        };
        let count = |value: f64| Figure::Count { value };
        let assume = |name: &str| content.assumption(name);
        let assumed = |name: &str| Origin::Assumed {
            assumption: name.to_owned(),
        };
        let article = |id: &str| Origin::Article { fact: id.to_owned() };
        let fact = |id: &str| content.fact(id).and_then(|f| f.value).unwrap_or(0.0);
        let from = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        let typed_failure = || Origin::Typed {
            question: roles.failure_point.clone(),
        };

        let mut figures = Figures::default();
        let given_months = match answers.get(roles.failure_point.as_str()) {
            Some(Reading::FailurePoint { months: Some(m), .. }) if m.round() >= 1.0 => Some(m.round()),
            Some(Reading::Number { value, .. }) if value.round() >= 1.0 => Some(value.round()),
            _ => None,
        };
        let (months, months_origin) = match (plan, given_months) {
            (Some(p), _) if p.given.contains(&FailurePart::Months) => (p.months, typed_failure()),
            (Some(p), _) => (p.months, assumed("default_months")),
            (None, Some(m)) => (m, typed_failure()),
            (None, None) => (assume("default_months"), assumed("default_months")),
        };
        figures.put("months", Figure::Months { value: months }, months_origin);
        for (name, figure) in [
            (
                "reply_fast_minutes",
                Figure::Minutes {
                    value: fact("reply_fast_minutes"),
                },
            ),
            (
                "reply_slow_minutes",
                Figure::Minutes {
                    value: fact("reply_slow_minutes"),
                },
            ),
            ("reply_fast_premium", dollars(fact("reply_fast_premium"))),
            ("reply_slow_premium", dollars(fact("reply_slow_premium"))),
            ("no_provider_budget", dollars(fact("no_provider_budget"))),
            ("budget_low", dollars(fact("budget_low"))),
        ] {
            figures.put(name, figure, article(name));
        }
        figures.put(
            "review_hours",
            Figure::Hours {
                value: assume("review_hours"),
            },
            assumed("review_hours"),
        );
        if answers.contains_key(roles.reply_speed.as_str()) {
            figures.put(
                "reply_now",
                Figure::Known,
                Origin::Typed {
                    question: roles.reply_speed.clone(),
                },
            );
        }

        let budget = answered(&roles.budget, true);
        if let Some((amount, origin)) = &budget {
            let range = match origin {
                Origin::RangeMiddle { low, high, .. } => Some((*low, *high)),
                _ => None,
            };
            let figure = Figure::Money {
                amount: *amount,
                currency: currency.clone(),
                range,
            };
            figures.put("budget", figure, origin.clone());
        }
        // The spend a month every target is worked out from: the failure point's (the owner's, or
        // proposed from their budget), else the budget itself.
        let spend = match plan {
            Some(p) if p.given.contains(&FailurePart::Spend) => Some((cents(p.per_month), typed_failure())),
            Some(p) => Some((
                cents(p.per_month),
                budget
                    .as_ref()
                    .map_or_else(|| Origin::Proposed { from: Vec::new() }, |(_, o)| o.clone()),
            )),
            None => budget.clone(),
        };
        let sale = answered(&roles.sale_value, false);
        if let Some((sale, origin)) = &sale {
            figures.put("sale_value", money(*sale), origin.clone());
        }
        if let Some((spend, origin)) = &spend {
            let spend = *spend;
            figures.put("spend", money(spend), origin.clone());
            figures.put(
                "failure_total",
                money(spend * months),
                Origin::WorkedOut {
                    from: from(&["spend", "months"]),
                },
            );
            let multiple = assume("target_return");
            figures.put("return_multiple", count(multiple), assumed("target_return"));
            // The article's line is where to stop; success is `multiple` times it, as a sale's
            // target is `multiple` times the spend, so the failure line sits below the target.
            let line = followers_line(content, spend, months);
            if line > 0.0 {
                figures.put(
                    "followers_line",
                    count(line),
                    Origin::Proposed {
                        from: from(&["spend", "months"]),
                    },
                );
                figures.put(
                    "followers_target",
                    count(round_to_nice(line * multiple)),
                    Origin::Proposed {
                        from: from(&["followers_line", "return_multiple"]),
                    },
                );
            }
            if let Some((sale, _)) = sale {
                let break_even = fewest(spend, sale);
                figures.put(
                    "break_even_sales",
                    count(break_even),
                    Origin::WorkedOut {
                        from: from(&["spend", "sale_value"]),
                    },
                );
                figures.put(
                    "break_even_return",
                    money(break_even * sale),
                    Origin::WorkedOut {
                        from: from(&["break_even_sales", "sale_value"]),
                    },
                );
                // The fewest sales that bring back `multiple` times the spend, and what they bring.
                let target = fewest(spend * multiple, sale);
                figures.put(
                    "target_sales",
                    count(target),
                    Origin::Proposed {
                        from: from(&["spend", "sale_value", "return_multiple"]),
                    },
                );
                figures.put(
                    "return_target",
                    money(target * sale),
                    Origin::WorkedOut {
                        from: from(&["target_sales", "sale_value"]),
                    },
                );
            }
        }
        if let Some(plan) = plan {
            let spend_origin = figures.origins.get("spend").cloned().unwrap_or_else(typed_failure);
            figures.put("failure_spend", money(plan.per_month), spend_origin);
            let result_origin = if plan.below_as_said.is_some() {
                Origin::Read {
                    question: roles.failure_point.clone(),
                }
            } else if plan.given.contains(&FailurePart::Result) {
                typed_failure()
            } else if plan.basis.contains(&FailureBasis::SaleValue) {
                Origin::Proposed {
                    from: from(&["spend", "sale_value"]),
                }
            } else {
                Origin::Proposed {
                    from: from(&["spend", "months"]),
                }
            };
            figures.put("failure_below", count(plan.below), result_origin.clone());
            figures.put("failure_result", Figure::Metric { metric: plan.metric }, result_origin);
        }
        let hours = answered(&roles.hours_available, false);
        if let Some((value, origin)) = &hours {
            figures.put("hours_week", Figure::Hours { value: *value }, origin.clone());
        }
        let (time_budget, time_origin) = match (outcome, &hours) {
            (Some(Outcome::Full), _) => (assume("review_hours"), assumed("review_hours")),
            (Some(Outcome::Partial), _) => (assume("partial_hours"), assumed("partial_hours")),
            (_, Some((value, origin))) if *value >= assume("in_house_hours") => (*value, origin.clone()),
            _ => (assume("in_house_hours"), assumed("in_house_hours")),
        };
        figures.put("time_budget", Figure::Hours { value: time_budget }, time_origin);
        if let Some(Reading::Text { .. }) = answers.get(roles.prime_customer.as_str()) {
            figures.put(
                "prime_customer",
                Figure::Known,
                Origin::Typed {
                    question: roles.prime_customer.clone(),
                },
            );
        }
        figures
    }

    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.values.get(name)
    }

    fn number(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(Figure::value)
    }

    /// The owner's failure line against the success target for the same metric and period
    /// (sales a month, or followers by the last month); leads have no target to cross.
    pub(crate) fn crossed(&self, plan: &FailurePlan) -> Option<Crossed> {
        let target = match plan.metric {
            Metric::Sales => self.number("target_sales"),
            Metric::Followers => self.number("followers_target"),
            Metric::Leads => None,
        }?;
        (plan.below > target).then_some(Crossed {
            metric: plan.metric,
            below: plan.below,
            target,
        })
    }
}

/// 6,667 → 6,700; 12,345 → 12,000: a target, not a false precision.
fn round_to_nice(value: f64) -> f64 {
    if value < 100.0 {
        return value.round();
    }
    let magnitude = 10f64.powf(value.log10().floor() - 1.0);
    (value / magnitude).round() * magnitude
}

fn checklist(
    content: &Content,
    interview: &Interview,
    outcome: Option<Outcome>,
    figures: &Figures,
) -> Vec<ChecklistEntry> {
    content
        .checklist
        .iter()
        .filter(|item| match outcome {
            Some(outcome) => item.outcomes.is_empty() || item.outcomes.contains(&outcome),
            // With no recommendation, only the lines that hold whatever it would be.
            None => item.outcomes.is_empty(),
        })
        .filter(|item| item.unless.iter().all(|name| figures.get(name).is_none()))
        .filter(|item| item.when.as_ref().is_none_or(|c| interview.matches(c)))
        .filter_map(|item: &ChecklistTemplate| {
            let known = item.needs.iter().all(|name| figures.get(name).is_some());
            let texts: Vec<&str> = match (known, &item.otherwise) {
                (true, _) => vec![&item.metric, &item.target, &item.why],
                (false, Some(fallback)) => vec![&fallback.metric, &fallback.target, &fallback.why],
                (false, None) => return None,
            };
            let mut used_figures = FigureMap::new();
            for text in texts {
                used_figures.extend(used(text, figures));
            }
            let basis = used_figures
                .keys()
                .filter_map(|name| figures.origins.get(name).map(|o| (name.clone(), o.clone())))
                .collect();
            Some(ChecklistEntry {
                id: item.id.clone(),
                source: item.source.clone(),
                fallback: !known,
                figures: used_figures,
                basis,
            })
        })
        .collect()
}

/// One answered factor's pull on the recommendation: `edge` > 0 pushes towards the winner, < 0
/// towards the others. For the advice chart; the same measure [`reasons`] ranks by.
#[derive(Debug, Clone, PartialEq)]
pub struct Pull {
    pub factor: String,
    pub question: String,
    pub source: String,
    pub edge: f64,
}

/// Each outcome's score (in the order of data/rules.toml) and each answered factor's pull, from
/// the same numbers as [`advise`]: what the chart draws.
pub(crate) fn breakdown(content: &Content, interview: &Interview) -> (Vec<(Outcome, f64)>, Vec<Pull>) {
    let answers = counted(content, interview);
    let values = factor_values(content, &answers);
    let scores = scores(content, &values);
    let outcome = winner(&scores, &allowed(content, &answers));
    let weight = |o: Outcome, factor: &str| {
        content
            .rules
            .outcome
            .iter()
            .find(|r| r.outcome == o)
            .and_then(|r| r.weights.get(factor).copied())
            .unwrap_or(0.0)
    };
    let others: Vec<Outcome> = Outcome::ALL.into_iter().filter(|o| *o != outcome).collect();
    let pulls = content
        .rules
        .factor
        .iter()
        .zip(&values)
        .filter(|(_, (_, answered))| *answered)
        .map(|(factor, (value, _))| Pull {
            factor: factor.id.clone(),
            question: factor.question.clone(),
            source: factor.source.clone(),
            edge: others
                .iter()
                .map(|o| (weight(outcome, &factor.id) - weight(*o, &factor.id)) * (value - 0.5))
                .sum::<f64>()
                / others.len() as f64,
        })
        .collect();
    (scores, pulls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_is_flat_past_the_ends_and_linear_between() {
        let points = [[0.0, 0.0], [300.0, 0.5], [1000.0, 1.0]];
        assert_eq!(interpolate(&points, -5.0), Some(0.0));
        assert_eq!(interpolate(&points, 150.0), Some(0.25));
        assert_eq!(interpolate(&points, 5000.0), Some(1.0));
    }

    #[test]
    fn targets_are_rounded_to_two_significant_figures() {
        assert_eq!(round_to_nice(6666.7), 6700.0);
        assert_eq!(round_to_nice(12345.0), 12000.0);
        assert_eq!(round_to_nice(42.4), 42.0);
    }
}
