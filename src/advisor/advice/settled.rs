//! Whether the advice is settled: no answer to any question still open could change the outcome
//! (issue 29), and the owner situation that words the outcome.
//!
//! Sound, not a heuristic. The questions still to come are the open ones that apply or may yet
//! apply, and any answered question whose condition tests one of them (its answer may come to
//! count). For each outcome `o` other than the winner `w`, the most the answers to come can move
//! `score(o) − score(w)` is bounded by the sum, over their factors, of the weight gap times the
//! furthest the factor can travel from its value now (each factor's reachable values are its
//! default and every value its data can give). `o` can only overtake `w` if that bound closes
//! the margin, and only if no line that stays true whatever comes rules `o` out. And `w` can only
//! be ruled out by a line that could come to hold: one whose tests on answered questions already
//! hold. Enough answers to advise stay enough, since answers to come only add to them.

use std::collections::BTreeSet;

use super::*;

/// The first situation of data/rules.toml whose tests all hold for these answers.
pub(super) fn situation(content: &Content, answers: &CountedAnswers) -> Option<String> {
    content
        .rules
        .situation
        .iter()
        .find(|s| !s.tests.is_empty() && s.tests.iter().all(|t| test_holds(content, t, answers)))
        .map(|s| s.id.clone())
}

/// The questions whose answers may still come or come to count (see the module doc).
fn to_come(content: &Content, interview: &Interview) -> BTreeSet<String> {
    let mut open: BTreeSet<String> = interview
        .possible(content)
        .into_iter()
        .filter(|q| interview.is_open(&q.id))
        .map(|q| q.id.clone())
        .collect();
    // Conditions name earlier questions only, so one pass in order reaches every dependant.
    for question in &content.questions {
        if let Some(condition) = &question.ask_if {
            if open.contains(&condition.question) && interview.answers.contains_key(&question.id) {
                open.insert(question.id.clone());
            }
        }
    }
    open
}

/// Every value `factor` can take: its default and the ends of what its data gives.
fn reachable(factor: &Factor) -> (f64, f64) {
    let mut values = vec![factor.default];
    values.extend(factor.values.values().copied());
    values.extend(factor.points.iter().map(|p| p[1]));
    if !factor.share_of.is_empty() {
        values.extend([0.0, 1.0]);
    }
    values.extend(factor.answered);
    let clamped = values.into_iter().map(|v| v.clamp(0.0, 1.0));
    clamped.fold((1.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The weight of `factor` in `outcome`'s score.
fn weight(content: &Content, outcome: Outcome, factor: &str) -> f64 {
    content
        .rules
        .outcome
        .iter()
        .find(|r| r.outcome == outcome)
        .and_then(|r| r.weights.get(factor).copied())
        .unwrap_or(0.0)
}

/// A line whose truth the answers to come may change, and whether it can hold at all.
fn variable(line: &Line, coming: &BTreeSet<String>) -> bool {
    line.tests.iter().any(|t| coming.contains(&t.question))
}

/// True when the tests of `line` on questions not to come hold, so answers to come could make
/// it hold.
fn may_hold(content: &Content, line: &Line, coming: &BTreeSet<String>, answers: &CountedAnswers) -> bool {
    !line.tests.is_empty()
        && line
            .tests
            .iter()
            .all(|t| coming.contains(&t.question) || test_holds(content, t, answers))
}

/// The open questions whose answers could still change the outcome, in the order they are asked:
/// empty exactly when the advice is settled. With too little to go on, every question to come.
pub fn could_change(content: &Content, interview: &Interview) -> Vec<String> {
    let coming = to_come(content, interview);
    let answers = counted(content, interview);
    let in_order = |set: &BTreeSet<String>| -> Vec<String> {
        content
            .questions
            .iter()
            .filter(|q| set.contains(&q.id))
            .map(|q| q.id.clone())
            .collect()
    };
    if !enough(content, interview, &answers) {
        // No outcome yet: anything may give one. `coming` is never empty here while a question
        // is open; with none open, there is nothing to ask.
        let asked: BTreeSet<String> = coming
            .into_iter()
            .map(|id| through_open(content, interview, id))
            .collect();
        return in_order(&asked);
    }
    let values = factor_values(content, &answers);
    // In fixed point, as the scores are summed: the bound is then exact, not a float's guess.
    let fixed_scores = fixed_scores(content, &values);
    let winner = winner(&shown(&fixed_scores), &allowed(content, &answers));
    let score = |o: Outcome| fixed_scores.iter().find(|(x, _)| *x == o).map_or(0, |(_, s)| *s);
    let mut moving: BTreeSet<String> = BTreeSet::new();

    // The winner ruled out by a line that could come to hold.
    for line in &content.rules.line {
        if line.rules_out.contains(&winner) && variable(line, &coming) && may_hold(content, line, &coming, &answers) {
            moving.extend(
                line.tests
                    .iter()
                    .filter(|t| coming.contains(&t.question))
                    .map(|t| t.question.clone()),
            );
        }
    }

    for other in Outcome::ALL.into_iter().filter(|o| *o != winner) {
        // Kept out for good by a line that holds whatever comes?
        let holding: Vec<&Line> = content
            .rules
            .line
            .iter()
            .filter(|l| l.rules_out.contains(&other) && line_holds(content, l, &answers))
            .collect();
        if holding.iter().any(|l| !variable(l, &coming)) {
            continue;
        }
        let gains = gains(content, &values, &coming, (winner, other));
        let best = score(other) - score(winner) + gains.iter().map(|(_, g)| g).sum::<i64>();
        // Ties go to the less outsourced outcome.
        let can_win = best > 0 || (best == 0 && other < winner);
        if can_win {
            moving.extend(gains.iter().map(|(q, _)| (*q).to_owned()));
            for line in holding {
                moving.extend(
                    line.tests
                        .iter()
                        .filter(|t| coming.contains(&t.question))
                        .map(|t| t.question.clone()),
                );
            }
        }
    }
    // An answered question whose condition waits on an open one counts through that one.
    let asked: BTreeSet<String> = moving
        .into_iter()
        .map(|id| through_open(content, interview, id))
        .collect();
    in_order(&asked)
}

/// The most the answers to come can add to score(other) − score(winner), by question, in fixed
/// point. Rounding to fixed point keeps order, so a value within (lo, hi) rounds within theirs.
fn gains<'c>(
    content: &'c Content,
    values: &[(f64, bool)],
    coming: &BTreeSet<String>,
    (winner, other): (Outcome, Outcome),
) -> Vec<(&'c str, i64)> {
    let mut gains: Vec<(&str, i64)> = Vec::new();
    for (factor, (now, _)) in content.rules.factor.iter().zip(values) {
        if !coming.contains(&factor.question) {
            continue;
        }
        let gap = fixed(weight(content, other, &factor.id), WEIGHT_UNIT)
            - fixed(weight(content, winner, &factor.id), WEIGHT_UNIT);
        let (lo, hi) = reachable(factor);
        let [lo, hi, now] = [lo, hi, *now].map(|v| fixed(v, VALUE_UNIT));
        let gain = (gap * (lo - now)).max(gap * (hi - now)).max(0);
        if gain > 0 {
            gains.push((factor.question.as_str(), gain));
        }
    }
    gains
}

/// `id`, or the open question its condition (or its condition's) waits on.
fn through_open(content: &Content, interview: &Interview, id: String) -> String {
    let mut id = id;
    while !interview.is_open(&id) {
        match content.question(&id).and_then(|q| q.ask_if.as_ref()) {
            Some(condition) => id = condition.question.clone(),
            None => break,
        }
    }
    id
}

/// The outcome `question`'s answer just settled (issue 29): None unless, with that answer, no
/// open question could change the advice, and without it one could. A front offers to finish
/// then, once: "I have enough to recommend …". An answer that replaced another settles nothing
/// new, so the caller asks only after a first answer.
pub(crate) fn settled_by(content: &Content, interview: &Interview, question: &str) -> Option<Outcome> {
    let answers = counted(content, interview);
    if !enough(content, interview, &answers) || !could_change(content, interview).is_empty() {
        return None;
    }
    let mut before = interview.clone();
    before.answers.remove(question);
    let was_open = {
        let answers = counted(content, &before);
        !enough(content, &before, &answers) || !could_change(content, &before).is_empty()
    };
    was_open.then(|| decide(content, &answers))
}

/// The questions still open, asked or maybe asked later: how many an offer to finish leaves.
pub(crate) fn still_open(content: &Content, interview: &Interview) -> usize {
    interview
        .possible(content)
        .into_iter()
        .filter(|q| interview.is_open(&q.id))
        .count()
}
