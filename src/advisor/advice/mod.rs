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
//!    outcome at all ([`AdviceStatus::NeedMore`]): the advice names the answers it needs instead.
//!
//! The result is data, never sentences: [`Advice`] holds ids, readings and [`Figure`]s, and the
//! fronts turn them into words with prompts/ when they show them (see `crate::chat::text`). So a stored
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

mod breakdown;
mod checklist;
mod failure;
mod figures;
mod reasons;
mod scoring;
mod settled;
mod what_if;

pub(crate) use breakdown::breakdown;
pub use breakdown::FactorPull;
use checklist::*;
use failure::*;
pub(crate) use figures::Figures;
use figures::*;
use reasons::*;
pub use scoring::outcome_of;
use scoring::*;
pub use settled::could_change;
use settled::situation;
pub(crate) use settled::{settled_by, still_open};
use what_if::*;

/// The checklist item the failure point's proposal is told with (`check` makes sure it exists).
pub(crate) const FAILURE_ITEM: &str = "failure_point";

/// Whether there is a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdviceStatus {
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
    /// What the owner pays a provider a month now (no budget given).
    ProviderFee,
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
    /// True when the owner already pays a provider: the months count from today, not from when
    /// they started paying (issue 29).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_today: bool,
}

/// The recommendation, as data. Every front renders it with prompts/ and data/ (see `crate::chat::text`);
/// the store keeps it as it is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Advice {
    pub status: AdviceStatus,
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
    /// The owner's situation (data/rules.toml `[[situation]]`: "paying", "growth_elsewhere"),
    /// which words the outcome for them; None for the usual wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
    /// True when no answer to any question still open could change the outcome (see
    /// [`could_change`]); false with no outcome.
    #[serde(default)]
    pub settled: bool,
    /// The open questions whose answer could still change the outcome (all of them with no
    /// outcome yet), in the order they are asked.
    #[serde(default)]
    pub could_change: Vec<String>,
    /// Set when the owner's failure line is not below the success target (see [`Crossed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets_cross: Option<Crossed>,
}

/// The full advice for the answers so far.
pub fn advise(content: &Content, interview: &Interview) -> Advice {
    let answers = counted(content, interview);
    let lines = lines_applied(content, &answers);
    if !enough(content, interview, &answers) {
        let figures = Figures::work_out(content, interview, None, None);
        let reasons = line_reasons(content, &lines, &figures);
        return Advice {
            status: AdviceStatus::NeedMore,
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
            situation: situation(content, &answers),
            settled: false,
            could_change: could_change(content, interview),
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
    let could = could_change(content, interview);
    let mut reasons = line_reasons(content, &lines, &figures);
    // An answer a line already speaks for is not said again as a factor.
    let spoken: Vec<String> = lines.iter().flat_map(|l| l.questions.iter().cloned()).collect();
    reasons.extend(factor_reasons(content, &values, outcome, &figures, spoken));

    Advice {
        status: AdviceStatus::Advised,
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
        situation: situation(content, &answers),
        settled: could.is_empty(),
        could_change: could,
    }
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
