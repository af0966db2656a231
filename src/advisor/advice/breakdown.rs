//! The advice's breakdown: each factor's pull on each outcome, for the chart.

use super::*;

/// One answered factor's pull on the recommendation: `edge` > 0 pushes towards the winner, < 0
/// towards the others. For the advice chart; the same measure [`reasons`] ranks by.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorPull {
    pub factor: String,
    pub question: String,
    pub source: String,
    pub edge: f64,
}

/// Each outcome's score (in the order of data/rules.toml) and each answered factor's pull, from
/// the same numbers as [`advise`]: what the chart draws.
pub(crate) fn breakdown(content: &Content, interview: &Interview) -> (Vec<(Outcome, f64)>, Vec<FactorPull>) {
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
        .map(|(factor, (value, _))| FactorPull {
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
