//! `check`'s linter of the rules: factors, their monotone weights, outcomes, what-ifs and need-more.

use super::*;

pub(super) fn check_rules(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let mut factor_ids = BTreeSet::new();
    for factor in &content.rules.factor {
        if !factor_ids.insert(factor.id.as_str()) {
            c.at(
                ContentFiles::RULES,
                &format!("id = \"{}\"", factor.id),
                format!("factor id `{}` is used twice", factor.id),
            );
        }
        check_factor(c, content, articles, factor);
    }
    check_outcomes(c, content, articles, &factor_ids);
    if content.rules.what_if.report == 0 {
        c.at(
            ContentFiles::RULES,
            "[what_if]",
            "what_if.report must be at least 1".to_owned(),
        );
    }
    check_what_if(c, content);
    check_need_more(c, content);
    check_lines(c, content, articles);
    check_situations(c, content);
}

/// One `[[factor]]`: its source, its bounds, the question it reads and the answers it maps.
pub(super) fn check_factor(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>, factor: &Factor) {
    let path = ContentFiles::RULES;
    let at = format!("id = \"{}\"", factor.id);
    if !articles.contains(factor.source.as_str()) {
        c.at(
            path,
            &at,
            format!(
                "factor `{}` cites `{}`, which is not an article in data/facts.toml",
                factor.id, factor.source
            ),
        );
    }
    for (name, value) in [("default", factor.default), ("importance", factor.importance)] {
        if !(0.0..=1.0).contains(&value) {
            c.at(
                path,
                &at,
                format!("factor `{}` has {name} {value}; it must be between 0 and 1", factor.id),
            );
        }
    }
    let Some(question) = content.question(&factor.question) else {
        c.at(
            path,
            &at,
            format!(
                "factor `{}` reads question `{}`, which does not exist",
                factor.id, factor.question
            ),
        );
        return;
    };
    let ids = answer_ids(question);
    for key in factor.values.keys().chain(factor.share_of.iter()) {
        if !ids.contains(key) {
            c.at(
                path,
                &at,
                format!(
                    "factor `{}` names answer `{key}`, which question `{}` cannot give",
                    factor.id, question.id
                ),
            );
        }
    }
    let mapped = match question.kind {
        AnswerKind::YesNo | AnswerKind::Choice => !factor.values.is_empty(),
        AnswerKind::Choices => !factor.values.is_empty() || !factor.share_of.is_empty(),
        AnswerKind::Text => factor.answered.is_some(),
        _ => !factor.points.is_empty(),
    };
    if !mapped {
        c.at(
            path,
            &at,
            format!(
                "factor `{}` has no mapping for a {} answer (values, share_of, answered or points)",
                factor.id,
                question.kind.name()
            ),
        );
    }
    if factor.points.windows(2).any(|p| p[1][0] < p[0][0]) {
        c.at(
            path,
            &at,
            format!("factor `{}` has points out of order; list them by rising x", factor.id),
        );
    }
    if factor.monotone {
        check_monotone(c, content, factor);
    }
}

/// A factor marked monotone: its points go one way, and its weights never fall from one
/// outcome to the next, so more of it can never argue for less outsourcing.
pub(super) fn check_monotone(c: &mut Checker, content: &Content, factor: &Factor) {
    let path = ContentFiles::RULES;
    let at = format!("id = \"{}\"", factor.id);
    let ys: Vec<f64> = factor.points.iter().map(|p| p[1]).collect();
    let rising = ys.windows(2).all(|w| w[1] >= w[0]);
    let falling = ys.windows(2).all(|w| w[1] <= w[0]);
    if !rising && !falling {
        c.at(
            path,
            &at,
            format!(
                "factor `{}` is marked monotone but its points go up and down",
                factor.id
            ),
        );
    }
    let weights: Vec<f64> = Outcome::ALL
        .iter()
        .map(|o| {
            content
                .rules
                .outcome
                .iter()
                .find(|r| r.outcome == *o)
                .and_then(|r| r.weights.get(&factor.id).copied())
                .unwrap_or(0.0)
        })
        .collect();
    if weights.windows(2).any(|w| w[1] < w[0]) {
        c.at(
            path,
            &at,
            format!(
                "factor `{}` is marked monotone, so its weights must not fall from one outcome \
                 to the next (not_yet … full), but they are {weights:?}",
                factor.id
            ),
        );
    }
}

/// Exactly one `[[outcome]]` per outcome, each citing an article and weighing only factors that exist.
pub(super) fn check_outcomes(
    c: &mut Checker,
    content: &Content,
    articles: &BTreeSet<&str>,
    factor_ids: &BTreeSet<&str>,
) {
    let path = ContentFiles::RULES;
    let rules = &content.rules;
    for outcome in Outcome::ALL {
        let count = rules.outcome.iter().filter(|r| r.outcome == outcome).count();
        if count != 1 {
            c.at(
                path,
                "[[outcome]]",
                format!(
                    "outcome `{}` has {count} rule blocks; it needs exactly one",
                    outcome.id()
                ),
            );
        }
    }
    for rule in &rules.outcome {
        let at = format!("outcome = \"{}\"", rule.outcome.id());
        if !articles.contains(rule.source.as_str()) {
            c.at(
                path,
                &at,
                format!(
                    "outcome `{}` cites `{}`, which is not an article",
                    rule.outcome.id(),
                    rule.source
                ),
            );
        }
        for factor in rule.weights.keys() {
            if !factor_ids.contains(factor.as_str()) {
                c.at(
                    path,
                    &at,
                    format!(
                        "outcome `{}` weighs factor `{factor}`, which does not exist",
                        rule.outcome.id()
                    ),
                );
            }
        }
    }
}

pub(super) fn check_what_if(c: &mut Checker, content: &Content) {
    let path = ContentFiles::RULES;
    let mut seen = BTreeSet::new();
    for entry in &content.rules.what_if.question {
        let at = format!("question = \"{}\"\nhigher", entry.question);
        if !seen.insert(entry.question.as_str()) {
            c.at(path, &at, format!("what_if lists question `{}` twice", entry.question));
        }
        let Some(question) = content.question(&entry.question) else {
            c.at(
                path,
                &at,
                format!("what_if tries question `{}`, which does not exist", entry.question),
            );
            continue;
        };
        let ids = answer_ids(question);
        let needs_order = matches!(question.kind, AnswerKind::YesNo | AnswerKind::Choice);
        if needs_order && entry.order.len() != ids.len() {
            c.at(
                path,
                &at,
                format!(
                    "what_if question `{}` must order every answer from lowest to highest ({})",
                    entry.question,
                    ids.join(", ")
                ),
            );
        }
        if question.kind == AnswerKind::Choices && entry.sets.is_empty() {
            c.at(
                path,
                &at,
                format!(
                    "what_if question `{}` picks several choices: list the `sets` to try",
                    entry.question
                ),
            );
        }
        for id in entry.order.iter().chain(entry.sets.iter().flatten()) {
            if !ids.contains(id) {
                c.at(
                    path,
                    &at,
                    format!(
                        "what_if question `{}` names answer `{id}`, which that question cannot give",
                        entry.question
                    ),
                );
            }
        }
        if matches!(
            question.kind,
            AnswerKind::Text | AnswerKind::FailurePoint | AnswerKind::Scale
        ) {
            c.at(
                path,
                &at,
                format!(
                    "what_if question `{}` is a {} question, which has no higher or lower answer to try",
                    entry.question,
                    question.kind.name()
                ),
            );
        }
    }
}

pub(super) fn check_need_more(c: &mut Checker, content: &Content) {
    let path = ContentFiles::RULES;
    let need = &content.rules.need_more;
    let weighty: BTreeSet<&str> = content
        .rules
        .factor
        .iter()
        .filter(|f| f.importance >= need.weighty)
        .map(|f| f.question.as_str())
        .collect();
    if !(0.0..=1.0).contains(&need.weighty) {
        c.at(
            path,
            "[need_more]",
            format!("need_more.weighty is {}; it must be between 0 and 1", need.weighty),
        );
    }
    if need.at_least > weighty.len() {
        c.at(
            path,
            "[need_more]",
            format!(
                "need_more.at_least is {}, but only {} questions are weighty: no answers could ever be enough",
                need.at_least,
                weighty.len()
            ),
        );
    }
}
