//! The advice's reasons: the lines that applied, the factors that pushed, and the confidence.

use super::*;

pub(super) fn lines_applied(content: &Content, answers: &CountedAnswers) -> Vec<LineHit> {
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
pub(super) fn used(text: &str, figures: &Figures) -> FigureMap {
    crate::advisor::template::placeholders(text)
        .into_iter()
        .filter_map(|name| figures.values.get(name).map(|f| (name.to_owned(), f.clone())))
        .collect()
}

pub(super) fn line_reasons(content: &Content, lines: &[LineHit], figures: &Figures) -> Vec<Reason> {
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
pub(super) fn confidence(
    content: &Content,
    answers: &CountedAnswers,
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

pub(super) fn factor_reasons(
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
    // A reason of its own comes first whenever its answer is high, whatever it pulls towards.
    let own: Vec<(f64, &Factor, f64)> = rules
        .factor
        .iter()
        .zip(values)
        .filter(|(f, (value, answered))| f.always_said && *answered && *value >= 0.5)
        .filter(|(f, _)| !seen_questions.contains(&f.question))
        .map(|(f, (value, _))| (f64::INFINITY, f, *value))
        .collect();
    pulls.retain(|(_, f, value)| !(f.always_said && *value >= 0.5));
    let reasons = rules.reasons + own.len();

    own.into_iter()
        .chain(pulls)
        .filter(|(_, factor, _)| {
            // One reason per answer: two factors of one question say the same thing twice.
            let fresh = !seen_questions.contains(&factor.question);
            seen_questions.push(factor.question.clone());
            fresh
        })
        .take(reasons)
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
