//! Advice from a set of answers, complete or not.
//!
//! The model is deliberately simple so that every number lives in data/rules.toml and every
//! recommendation can be explained: each factor turns one answer into a number from 0 to 1, each
//! outcome scores `bias + Σ weight × factor`, and the highest score wins. Reasons are the factors
//! that most separate the winner from the others; "what would change it" tries the alternative
//! answers listed in the rules and keeps the smallest change that flips the outcome.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::content::Outcome;
use super::content::{AnswerKind, ChecklistTemplate, Content, Factor, Question};
use super::display;
use super::interview::{Answer, Interview};
use super::read::{Reading, YesNo};
use super::template;

/// One reason behind the advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub text: String,
    /// The article it rests on (file name without .txt).
    pub source: String,
    /// The question ids whose answers drove it.
    pub questions: Vec<String>,
}

/// One line of the metric checklist, worked out for this business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub metric: String,
    pub target: String,
    pub why: String,
    pub source: String,
}

/// The recommendation, as the `advice --json` command prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub outcome: Outcome,
    /// 0 to 1: how clear-cut the outcome is, lowered by missing answers.
    pub confidence: f64,
    pub reasons: Vec<Reason>,
    /// The smallest single changes of answer that would flip the outcome.
    pub would_change: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    /// Ids of unanswered questions that would matter most, most important first.
    pub missing: Vec<String>,
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

/// The answers that count, by question id.
type Counted<'a> = BTreeMap<&'a str, &'a Reading>;

fn counted<'a>(content: &Content, interview: &'a Interview) -> Counted<'a> {
    interview
        .counted_answers(content)
        .into_iter()
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

/// The winning outcome; ties go to the less outsourced outcome, the cautious choice.
fn winner(scores: &[(Outcome, f64)]) -> Outcome {
    scores
        .iter()
        .fold(None, |best: Option<(Outcome, f64)>, &(outcome, score)| match best {
            Some((_, best_score)) if best_score >= score => best,
            _ => Some((outcome, score)),
        })
        .map_or(Outcome::NotYet, |(outcome, _)| outcome)
}

/// Only the outcome: what "what would change it" and the property tests need.
pub fn outcome_of(content: &Content, interview: &Interview) -> Outcome {
    let answers = counted(content, interview);
    winner(&scores(content, &factor_values(content, &answers)))
}

/// The full advice for the answers so far.
pub fn advise(content: &Content, interview: &Interview) -> Advice {
    let answers = counted(content, interview);
    let values = factor_values(content, &answers);
    let scores = scores(content, &values);
    let outcome = winner(&scores);
    let figures = Figures::work_out(content, interview, outcome);

    Advice {
        outcome,
        confidence: confidence(content, interview, &scores, outcome),
        reasons: reasons(content, &values, outcome, &figures),
        would_change: would_change(content, interview, outcome),
        checklist: checklist(content, interview, outcome, &figures),
        missing: missing(content, interview),
    }
}

/// How clear the win is (a softmax share of the scores) scaled by how much of what matters was
/// answered: a clear win on half the answers is still only half sure.
fn confidence(content: &Content, interview: &Interview, scores: &[(Outcome, f64)], outcome: Outcome) -> f64 {
    let best = scores.iter().map(|(_, s)| *s).fold(f64::MIN, f64::max);
    let total: f64 = scores.iter().map(|(_, s)| (s - best).exp()).sum();
    let share = scores
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
            .filter(|f| !answered_only || interview.answers.contains_key(&f.question))
            .map(|f| f.importance)
            .sum()
    };
    let all = importance(false);
    let coverage = if all > 0.0 { importance(true) / all } else { 1.0 };
    let value = share * (0.4 + 0.6 * coverage);
    (value * 100.0).round() / 100.0
}

fn reasons(content: &Content, values: &[(f64, bool)], outcome: Outcome, figures: &Figures) -> Vec<Reason> {
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

    let mut seen_questions = Vec::new();
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
            let side = if value >= 0.5 { "high" } else { "low" };
            let text = template::fill(
                content.messages.get(&format!("reason.{}.{side}", factor.id)),
                &figures.pairs(),
            );
            Reason {
                text,
                source: factor.source.clone(),
                questions: vec![factor.question.clone()],
            }
        })
        .collect()
}

/// Candidate readings to try in place of the current answer to `question`.
fn alternatives(content: &Content, question: &Question, current: Option<&Reading>) -> Vec<Reading> {
    let what_if = &content.rules.what_if;
    let currency = match current {
        Some(Reading::Money { currency, .. }) => currency.clone(),
        _ => None,
    };
    match question.kind {
        AnswerKind::YesNo => [YesNo::Yes, YesNo::No, YesNo::Unsure]
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
            .map(|&hours_per_week| Reading::Hours { hours_per_week })
            .collect(),
        AnswerKind::Number => what_if.number.iter().map(|&value| Reading::Number { value }).collect(),
        AnswerKind::FailurePoint => what_if
            .number
            .iter()
            .map(|&months| match current {
                Some(Reading::FailurePoint {
                    per_month,
                    below,
                    metric,
                    ..
                }) => Reading::FailurePoint {
                    per_month: *per_month,
                    months: Some(months),
                    below: *below,
                    metric: *metric,
                },
                _ => Reading::FailurePoint {
                    per_month: None,
                    months: Some(months),
                    below: None,
                    metric: None,
                },
            })
            .collect(),
        // Several choices and free text have no "nearer" or "further" answer to try.
        AnswerKind::Choices | AnswerKind::Text => Vec::new(),
    }
}

/// How big a change from `from` to `to` is, to pick the smallest one that flips the outcome.
fn distance(from: Option<&Reading>, to: &Reading) -> f64 {
    match (from.and_then(Reading::number), to.number()) {
        (Some(a), Some(b)) => ((b - a).abs() / a.abs().max(1.0)).min(10.0),
        _ => 1.0,
    }
}

fn would_change(content: &Content, interview: &Interview, outcome: Outcome) -> Vec<String> {
    let m = &content.messages;
    let mut flips: Vec<(f64, f64, String)> = Vec::new();
    // One copy to try the alternatives in, each question's answer put back after its turn:
    // copying the whole interview per alternative was most of the cost of the advice.
    let mut trial = interview.clone();
    for question in interview.applicable(content) {
        let current = interview.answers.get(&question.id).map(|a| &a.reading);
        let importance = content
            .rules
            .factor
            .iter()
            .filter(|f| f.question == question.id)
            .map(|f| f.importance)
            .fold(0.0, f64::max);
        let best = alternatives(content, question, current)
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
                (flipped != outcome).then(|| (distance(current, &alt), alt, flipped))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        match interview.answers.get(&question.id) {
            Some(answer) => trial.answers.insert(question.id.clone(), answer.clone()),
            None => trial.answers.remove(&question.id),
        };
        if let Some((distance, alt, flipped)) = best {
            let now = match current {
                Some(reading) => display::reading(content, Some(question), reading),
                None => m.get("display.unanswered").to_owned(),
            };
            let text = m.fill(
                "advice.would_change_line",
                &[
                    ("question", &question.short),
                    ("answer", &display::reading(content, Some(question), &alt)),
                    ("current", &now),
                    ("outcome", m.get(&format!("outcome.{}.title", flipped.id()))),
                ],
            );
            flips.push((distance, -importance, text));
        }
    }
    flips.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    flips
        .into_iter()
        .take(content.rules.what_if.report)
        .map(|(_, _, text)| text)
        .collect()
}

fn missing(content: &Content, interview: &Interview) -> Vec<String> {
    let mut open: Vec<(f64, &str)> = interview
        .applicable(content)
        .into_iter()
        .filter(|q| !interview.answers.contains_key(&q.id))
        .map(|q| {
            let importance = content
                .rules
                .factor
                .iter()
                .filter(|f| f.question == q.id)
                .map(|f| f.importance)
                .fold(0.0, f64::max);
            (importance, q.id.as_str())
        })
        .filter(|(importance, _)| *importance > 0.0)
        .collect();
    open.sort_by(|a, b| b.0.total_cmp(&a.0));
    open.into_iter()
        .take(content.rules.missing)
        .map(|(_, id)| id.to_owned())
        .collect()
}

/// The user's own numbers, worked out once for the checklist and the reasons.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    values: BTreeMap<&'static str, String>,
}

impl Figures {
    /// Every figure name a template may use.
    pub const NAMES: [&'static str; 16] = [
        "budget",
        "months",
        "failure_total",
        "followers_target",
        "sale_value",
        "break_even_sales",
        "target_sales",
        "return_target",
        "reply_fast_minutes",
        "reply_fast_premium",
        "reply_slow_minutes",
        "reply_slow_premium",
        "hours_week",
        "time_budget",
        "review_hours",
        "prime_customer",
    ];

    pub fn work_out(content: &Content, interview: &Interview, outcome: Outcome) -> Figures {
        let answers = interview.counted_answers(content);
        let reading = |id: &str| answers.get(id).map(|a| &a.reading);
        let number = |id: &str| reading(id).and_then(Reading::number);
        let currency = match reading("budget") {
            Some(Reading::Money { currency, .. }) => currency.clone(),
            _ => None,
        };
        let money = |amount: f64| display::money(amount.round(), currency.as_deref());
        let assume = |name: &str| content.assumption(name);
        let fact = |id: &str| content.fact(id).and_then(|f| f.value).unwrap_or(0.0);

        let mut values = BTreeMap::new();
        let months = number("failure_months")
            .filter(|m| *m > 0.0)
            .unwrap_or_else(|| assume("default_months"));
        values.insert("months", display::short_number(months));
        values.insert("reply_fast_minutes", display::short_number(fact("reply_fast_minutes")));
        values.insert("reply_slow_minutes", display::short_number(fact("reply_slow_minutes")));
        values.insert("reply_fast_premium", display::money(fact("reply_fast_premium"), None));
        values.insert("reply_slow_premium", display::money(fact("reply_slow_premium"), None));
        values.insert("review_hours", display::short_number(assume("review_hours")));

        if let Some(budget) = number("budget").filter(|b| *b > 0.0) {
            values.insert("budget", money(budget));
            values.insert("failure_total", money(budget * months));
            let reference = assume("reference_budget") * assume("reference_months");
            if reference > 0.0 {
                let followers = assume("reference_followers") * budget * months / reference;
                values.insert("followers_target", display::number(round_to_nice(followers)));
            }
            let target_return = assume("target_return");
            values.insert("return_target", money(budget * target_return));
            if let Some(sale) = number("sale_value").filter(|s| *s > 0.0) {
                values.insert("sale_value", money(sale));
                values.insert("break_even_sales", display::number((budget / sale).ceil()));
                values.insert("target_sales", display::number((budget * target_return / sale).ceil()));
            }
        }
        let hours = number("hours_available");
        if let Some(hours) = hours {
            values.insert("hours_week", display::short_number(hours));
        }
        let time_budget = match outcome {
            Outcome::Full => assume("review_hours"),
            Outcome::Partial => assume("partial_hours"),
            _ => hours.unwrap_or(0.0).max(assume("in_house_hours")),
        };
        values.insert("time_budget", display::short_number(time_budget));
        if let Some(Reading::Text { text }) = reading("prime_customer") {
            values.insert("prime_customer", text.clone());
        }
        Figures { values }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.values.iter().map(|(k, v)| (*k, v.as_str())).collect()
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

fn checklist(content: &Content, interview: &Interview, outcome: Outcome, figures: &Figures) -> Vec<ChecklistItem> {
    let pairs = figures.pairs();
    let fill = |text: &str| template::fill(text, &pairs);
    content
        .checklist
        .iter()
        .filter(|item| item.outcomes.is_empty() || item.outcomes.contains(&outcome))
        .filter(|item| item.unless.iter().all(|name| figures.get(name).is_none()))
        .filter(|item| item.when.as_ref().is_none_or(|c| interview.matches(c)))
        .filter_map(|item: &ChecklistTemplate| {
            let known = item.needs.iter().all(|name| figures.get(name).is_some());
            match (known, &item.otherwise) {
                (true, _) => Some(ChecklistItem {
                    metric: fill(&item.metric),
                    target: fill(&item.target),
                    why: fill(&item.why),
                    source: item.source.clone(),
                }),
                (false, Some(fallback)) => Some(ChecklistItem {
                    metric: fill(&fallback.metric),
                    target: fill(&fallback.target),
                    why: fill(&fallback.why),
                    source: item.source.clone(),
                }),
                (false, None) => None,
            }
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
pub fn breakdown(content: &Content, interview: &Interview) -> (Vec<(Outcome, f64)>, Vec<Pull>) {
    let answers = counted(content, interview);
    let values = factor_values(content, &answers);
    let scores = scores(content, &values);
    let outcome = winner(&scores);
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
