//! `check`'s linter of the questions: kinds, choices, aliases, picks, conditions and what the menus hold.

use super::*;

pub(super) fn check_questions(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let mut seen = BTreeSet::new();
    check_set(c, &content.questions, articles, &mut seen);
    // The brief questions (issue 31) are read by the same readers, so held to the same rules; an
    // id is unique across both sets, as both are stored in one map of answers.
    check_set(c, &content.brief_questions, articles, &mut seen);
    for id in crate::advisor::content::BRIEF_QUESTION_IDS {
        if !content.brief_questions.iter().any(|q| q.id == id) {
            c.at(
                ContentFiles::QUESTIONS,
                "[[brief_question]]",
                format!("the brief needs a [[brief_question]] with id `{id}`"),
            );
        }
    }
}

fn check_set<'q>(c: &mut Checker, questions: &'q [Question], articles: &BTreeSet<&str>, seen: &mut BTreeSet<&'q str>) {
    let path = ContentFiles::QUESTIONS;
    for (index, q) in questions.iter().enumerate() {
        let at = format!("id = \"{}\"", q.id);
        if q.id.trim().is_empty() {
            c.at(path, &at, format!("question {} has an empty id", index + 1));
        }
        if !seen.insert(q.id.as_str()) {
            c.at(path, &at, format!("question id `{}` is used twice", q.id));
        }
        for (field, value) in [("short", &q.short), ("text", &q.text), ("why", &q.why)] {
            if value.trim().is_empty() {
                c.at(path, &at, format!("question `{}` has an empty `{field}`", q.id));
            }
        }
        if q.examples.is_empty() {
            c.at(path, &at, format!("question `{}` needs at least one example", q.id));
        }
        if q.sources.is_empty() {
            c.at(path, &at, format!("question `{}` cites no article", q.id));
        }
        for source in &q.sources {
            if !articles.contains(source.as_str()) {
                c.at(
                    path,
                    &at,
                    format!(
                        "question `{}` cites `{source}`, which is not an article in data/facts.toml",
                        q.id
                    ),
                );
            }
        }
        match (q.kind.has_choices(), q.choices.is_empty()) {
            (true, true) => c.at(
                path,
                &at,
                format!("question `{}` is a {} question with no choices", q.id, q.kind.name()),
            ),
            (false, false) => c.at(
                path,
                &at,
                format!("question `{}` is a {} question but lists choices", q.id, q.kind.name()),
            ),
            _ => {}
        }
        let mut choice_ids = BTreeSet::new();
        for choice in &q.choices {
            if !choice_ids.insert(choice.id.as_str()) {
                c.at(
                    path,
                    &at,
                    format!("question `{}` has choice id `{}` twice", q.id, choice.id),
                );
            }
        }
        check_aliases(c, path, &at, q);
        check_picks(c, path, &at, q);
        if let Some(condition) = &q.ask_if {
            let earlier = &questions[..index];
            match earlier.iter().find(|e| e.id == condition.question) {
                None => c.at(
                    path,
                    &at,
                    format!(
                        "question `{}` is asked only if `{}`, which is not an earlier question",
                        q.id, condition.question
                    ),
                ),
                Some(target) => check_condition(c, path, &at, &format!("question `{}`", q.id), condition, target),
            }
        }
    }
}

/// What the menus rely on: a choice question's choices fit one select menu, each label fits an
/// option, the answers menu's "N. <short>" fits an option's label, and a question id fits the
/// buttons and menus that carry it (the answers menu opens a question by it).
pub(super) fn check_menu_limits(c: &mut Checker, content: &Content) {
    let path = ContentFiles::QUESTIONS;
    let MenuLimits {
        options: menu_options,
        text: menu_text,
        question_id: question_id_max,
    } = c.menus;
    let widest_number = content.questions.len().max(content.brief_questions.len()).to_string();
    for q in content.questions.iter().chain(&content.brief_questions) {
        let at = format!("id = \"{}\"", q.id);
        let id_fits = q.id.len() <= question_id_max
            && q.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !q.id.is_empty() && !id_fits {
            c.at(
                path,
                &at,
                format!(
                    "question id `{}` must be at most {question_id_max} lowercase letters, digits or `_`: buttons and menus carry it",
                    q.id
                ),
            );
        }
        let label = format!("{widest_number}. {}", q.short);
        if label.chars().count() > menu_text {
            c.at(
                path,
                &at,
                format!(
                    "question `{}` has a `short` too long for the answers menu: \"N. short\" must fit {menu_text} characters",
                    q.id
                ),
            );
        }
        if q.kind.has_choices() && q.choices.len() > menu_options {
            c.at(
                path,
                &at,
                format!(
                    "question `{}` has {} choices; a select menu holds {menu_options}",
                    q.id,
                    q.choices.len()
                ),
            );
        }
        for choice in &q.choices {
            for (what, text) in [("label", &choice.label), ("id", &choice.id)] {
                if text.chars().count() > menu_text {
                    c.at(
                        path,
                        &at,
                        format!(
                            "question `{}` has a choice {what} longer than a menu option's {menu_text} characters: `{text}`",
                            q.id
                        ),
                    );
                }
            }
        }
    }
}

/// An alias (or id or label) that two choices of one question share picks both, so neither is
/// picked the way its owner meant: each phrase must belong to one choice.
pub(super) fn check_aliases(c: &mut Checker, path: &str, at: &str, q: &Question) {
    let key = |text: &str| crate::advisor::read::phrase_words(text);
    let mut owners: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for choice in &q.choices {
        let mut own = BTreeSet::new();
        let phrases = std::iter::once(choice.id.as_str())
            .chain(std::iter::once(choice.label.as_str()))
            .chain(choice.aliases.iter().map(String::as_str));
        for phrase in phrases {
            let k = key(phrase);
            if k.is_empty() || !own.insert(k.clone()) {
                continue;
            }
            match owners.get(&k) {
                Some(other) => c.at(
                    path,
                    at,
                    format!(
                        "question `{}`: alias `{phrase}` belongs to both choice `{other}` and choice `{}`",
                        q.id, choice.id
                    ),
                ),
                None => {
                    owners.insert(k, choice.id.as_str());
                }
            }
        }
    }
}

/// A pick is stored as its reader reads it, so each must read surely (no "Did you mean …?" on a
/// click), fit a select menu, and name a range of its own: two picks that overlap would store
/// different answers for the same figure.
pub(super) fn check_picks(c: &mut Checker, path: &str, at: &str, q: &Question) {
    if q.picks.is_empty() {
        return;
    }
    if q.kind.has_choices() || matches!(q.kind, AnswerKind::YesNo | AnswerKind::Scale) {
        c.at(
            path,
            at,
            format!(
                "question `{}` is a {} question: its buttons or choices are its picks",
                q.id,
                q.kind.name()
            ),
        );
        return;
    }
    let MenuLimits {
        options: max_picks,
        text: max_pick_chars,
        ..
    } = c.menus;
    if q.picks.len() > max_picks {
        c.at(
            path,
            at,
            format!(
                "question `{}` has {} picks; a select menu holds at most {max_picks}",
                q.id,
                q.picks.len()
            ),
        );
    }
    // Each pick read so far: its label, the figures it covers, its reading.
    type Seen<'a> = (&'a str, Option<(f64, f64)>, crate::advisor::read::Reading);
    let mut spans: Vec<Seen> = Vec::new();
    for pick in &q.picks {
        if pick.chars().count() > max_pick_chars || pick.trim().is_empty() {
            c.at(
                path,
                at,
                format!(
                    "question `{}`: pick `{pick}` must be 1 to {max_pick_chars} characters",
                    q.id
                ),
            );
        }
        let reading = match crate::advisor::read::understand(q, pick) {
            Ok(u) if u.doubt.is_none() && u.reading != crate::advisor::read::Reading::Unsure => u.reading,
            _ => {
                c.at(
                    path,
                    at,
                    format!(
                        "question `{}`: pick `{pick}` does not read back surely as an answer",
                        q.id
                    ),
                );
                continue;
            }
        };
        let span = pick_span(&reading);
        for (other, other_span, other_reading) in &spans {
            let overlap = match (span, *other_span) {
                (Some(a), Some(b)) => spans_overlap(a, b),
                _ => reading == *other_reading,
            };
            if overlap {
                c.at(
                    path,
                    at,
                    format!("question `{}`: picks `{other}` and `{pick}` overlap", q.id),
                );
            }
        }
        spans.push((pick.as_str(), span, reading));
    }
}

/// The figures a numeric reading covers: a range from its ends, a bound from it to nothing or to
/// no end, a single figure as a point.
pub(super) fn pick_span(reading: &crate::advisor::read::Reading) -> Option<(f64, f64)> {
    use crate::advisor::read::Reading;
    match reading {
        Reading::Money { amount, min, max, .. } => Some((
            min.unwrap_or(0.0).min(*amount),
            max.unwrap_or(f64::INFINITY).max(*amount),
        )),
        Reading::Hours {
            hours_per_week: v,
            min,
            max,
        }
        | Reading::Number { value: v, min, max } => Some(match (min, max) {
            (None, None) => (*v, *v),
            // A bound is open on its other side: "under 2" runs from nothing (hours and numbers
            // are never negative), "11 or more" has no top.
            _ => (min.unwrap_or(0.0).min(*v), max.unwrap_or(f64::INFINITY).max(*v)),
        }),
        _ => None,
    }
}

/// Ranges that share more than an end ("under $300" and "$300–1,000" meet at $300 but do not
/// overlap); two equal points overlap, as does a point inside a range.
pub(super) fn spans_overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    if a.0 == a.1 || b.0 == b.1 {
        let (point, span) = if a.0 == a.1 { (a.0, b) } else { (b.0, a) };
        return if span.0 == span.1 {
            point == span.0
        } else {
            point > span.0 && point < span.1
        };
    }
    a.0 < b.1 && b.0 < a.1
}

/// The answer ids a condition or factor may name for `question`.
pub(super) fn answer_ids(question: &Question) -> Vec<String> {
    match question.kind {
        AnswerKind::YesNo => ["yes", "no", "unsure"].map(String::from).to_vec(),
        AnswerKind::Scale => (1..=5).map(|n: u8| n.to_string()).collect(),
        AnswerKind::Choice | AnswerKind::Choices => question.choices.iter().map(|c| c.id.clone()).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn is_numeric(kind: AnswerKind) -> bool {
    matches!(
        kind,
        AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number | AnswerKind::Scale | AnswerKind::FailurePoint
    )
}

pub(super) fn check_condition(
    c: &mut Checker,
    path: &str,
    at: &str,
    what: &str,
    condition: &Condition,
    target: &Question,
) {
    let ids = answer_ids(target);
    for value in &condition.is_any {
        if !ids.contains(value) {
            c.at(
                path,
                at,
                format!(
                    "{what} tests `{}` for `{value}`, which that question cannot answer (it takes: {})",
                    target.id,
                    ids.join(", ")
                ),
            );
        }
    }
    if (condition.at_least.is_some() || condition.at_most.is_some()) && !is_numeric(target.kind) {
        c.at(
            path,
            at,
            format!(
                "{what} compares `{}` with a number, but it is a {} question",
                target.id,
                target.kind.name()
            ),
        );
    }
    if condition.is_any.is_empty() && condition.at_least.is_none() && condition.at_most.is_none() {
        c.at(
            path,
            at,
            format!("{what} has a condition on `{}` that tests nothing", target.id),
        );
    }
}
