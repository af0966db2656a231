//! The advice's what-ifs: the answers that would change the outcome, and what is missing.

use super::*;

/// Candidate readings to try in place of the current answer to `question`.
pub(super) fn alternatives(
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
pub(super) fn rank(entry: &WhatIfQuestion, reading: &Reading) -> Option<f64> {
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
pub(super) fn distance(entry: &WhatIfQuestion, from: Option<&Reading>, to: &Reading) -> f64 {
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
pub(super) fn moves_the_right_way(
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

pub(super) fn would_change(content: &Content, interview: &Interview, outcome: Outcome) -> Vec<Change> {
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
pub(super) fn missing(
    content: &Content,
    interview: &Interview,
    answers: &CountedAnswers,
    need_more: bool,
) -> Vec<String> {
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
