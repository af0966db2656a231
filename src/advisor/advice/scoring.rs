//! The advice's scoring: factor values, outcome scores, the lines that rule outcomes out, and the winner.

use super::*;

/// The value of `factor` for an answer (None when unanswered: the factor's default applies).
pub(super) fn factor_value(factor: &Factor, reading: Option<&Reading>) -> Option<f64> {
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
pub(super) fn interpolate(points: &[[f64; 2]], x: f64) -> Option<f64> {
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
pub(super) type CountedAnswers<'a> = BTreeMap<&'a str, &'a Reading>;

pub(super) fn counted<'a>(content: &Content, interview: &'a Interview) -> CountedAnswers<'a> {
    interview
        .counted_answers(content)
        .into_iter()
        .filter(|(_, answer)| answer.reading != Reading::Unsure)
        .map(|(id, answer)| (id, &answer.reading))
        .collect()
}

/// Each factor's value (answered or default) and whether it came from an answer.
pub(super) fn factor_values(content: &Content, answers: &CountedAnswers) -> Vec<(f64, bool)> {
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

/// Scores are summed in fixed point, weights in ten-thousandths and factor values in millionths:
/// exact, so the order of a sum never matters, a weight two outcomes share cancels exactly
/// between them, and a tie is a tie. In floats a property test found 0.5999999999999996 against
/// 0.6000000000000001 deciding an outcome that an answer with no weight between them then moved.
pub(super) const WEIGHT_UNIT: f64 = 1e4;
/// See [`WEIGHT_UNIT`].
pub(super) const VALUE_UNIT: f64 = 1e6;

/// `x` in whole `1 / unit`s.
pub(super) fn fixed(x: f64, unit: f64) -> i64 {
    (x * unit).round() as i64
}

/// Each outcome's score in fixed point (see [`WEIGHT_UNIT`]), in the order of data/rules.toml.
pub(super) fn fixed_scores(content: &Content, values: &[(f64, bool)]) -> Vec<(Outcome, i64)> {
    content
        .rules
        .outcome
        .iter()
        .map(|rule| {
            let weighted: i64 = content
                .rules
                .factor
                .iter()
                .zip(values)
                .map(|(factor, (value, _))| {
                    let weight = rule.weights.get(&factor.id).copied().unwrap_or(0.0);
                    fixed(weight, WEIGHT_UNIT) * fixed(*value, VALUE_UNIT)
                })
                .sum();
            (
                rule.outcome,
                fixed(rule.bias, WEIGHT_UNIT) * VALUE_UNIT as i64 + weighted,
            )
        })
        .collect()
}

/// Each outcome's score, as shown. The division keeps the order and the ties of the fixed-point
/// sums: scores are small enough that distinct sums stay distinct floats.
pub(super) fn scores(content: &Content, values: &[(f64, bool)]) -> Vec<(Outcome, f64)> {
    shown(&fixed_scores(content, values))
}

/// Fixed-point scores (see [`fixed_scores`]) as shown.
pub(super) fn shown(fixed: &[(Outcome, i64)]) -> Vec<(Outcome, f64)> {
    fixed
        .iter()
        .map(|(outcome, score)| (*outcome, *score as f64 / (WEIGHT_UNIT * VALUE_UNIT)))
        .collect()
}

/// True when one test of a line holds for the answers.
pub(super) fn test_holds(content: &Content, test: &LineTest, answers: &CountedAnswers) -> bool {
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
        let within = |bound: &Option<crate::advisor::content::Bound>, ok: fn(f64, f64) -> bool| match bound {
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
pub(super) fn line_holds(content: &Content, line: &Line, answers: &CountedAnswers) -> bool {
    !line.tests.is_empty() && line.tests.iter().all(|test| test_holds(content, test, answers))
}

/// The outcomes the lines that hold leave open; all of them if the lines would leave none (the
/// shipped lines never do: `check` reports lines that contradict each other).
pub(super) fn allowed(content: &Content, answers: &CountedAnswers) -> [bool; 5] {
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
pub(super) fn winner(scores: &[(Outcome, f64)], allowed: &[bool; 5]) -> Outcome {
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

pub(super) fn decide(content: &Content, answers: &CountedAnswers) -> Outcome {
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
pub(super) fn importance(content: &Content, question: &str) -> f64 {
    content
        .rules
        .factor
        .iter()
        .filter(|f| f.question == question)
        .map(|f| f.importance)
        .fold(0.0, f64::max)
}

/// True when enough of the weighty questions are answered to recommend anything.
pub(super) fn enough(content: &Content, interview: &Interview, answers: &CountedAnswers) -> bool {
    let need = &content.rules.need_more;
    let answered = interview
        .applicable(content)
        .into_iter()
        .filter(|q| importance(content, &q.id) >= need.weighty)
        .filter(|q| answers.contains_key(q.id.as_str()))
        .count();
    answered >= need.at_least
}
