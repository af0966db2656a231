//! `check`'s linter of the advice lines: tests that can hold together, and their sources.

use super::*;

/// What a set of line tests allows for one question: the answer ids left (None: any), and the
/// numbers left, as an interval.
pub(super) struct Allowed {
    ids: Option<BTreeSet<String>>,
    low: f64,
    high: f64,
    /// False once a test needs an answer (is_any or a bound): unanswered no longer passes.
    may_be_unanswered: bool,
}

impl Allowed {
    fn possible(&self) -> bool {
        self.ids.as_ref().is_none_or(|ids| !ids.is_empty()) && self.low <= self.high
    }
}

/// True when every test of these lines can hold for one set of answers.
pub(super) fn can_all_hold(content: &Content, lines: &[&crate::advisor::content::Line]) -> bool {
    let mut by_question: std::collections::BTreeMap<&str, Allowed> = std::collections::BTreeMap::new();
    for test in lines.iter().flat_map(|l| &l.tests) {
        let Some(question) = content.question(&test.question) else {
            return false;
        };
        let universe: BTreeSet<String> = answer_ids(question).into_iter().collect();
        let entry = by_question.entry(test.question.as_str()).or_insert(Allowed {
            ids: None,
            low: f64::NEG_INFINITY,
            high: f64::INFINITY,
            may_be_unanswered: true,
        });
        if !test.is_any.is_empty() || !test.none_of.is_empty() {
            let base = entry.ids.take().unwrap_or_else(|| universe.clone());
            let mut ids: BTreeSet<String> = base
                .into_iter()
                .filter(|id| test.is_any.is_empty() || test.is_any.contains(id))
                .collect();
            ids.retain(|id| !test.none_of.contains(id));
            entry.ids = Some(ids);
        }
        if !test.is_any.is_empty() || test.bounds().next().is_some() {
            entry.may_be_unanswered = false;
        }
        if let Some(low) = test.at_least.as_ref().and_then(|b| content.bound(b)) {
            entry.low = entry.low.max(low);
        }
        if let Some(high) = test.at_most.as_ref().and_then(|b| content.bound(b)) {
            entry.high = entry.high.min(high);
        }
        if let Some(low) = test.above.as_ref().and_then(|b| content.bound(b)) {
            entry.low = entry.low.max(low + 1e-9);
        }
        if let Some(high) = test.below.as_ref().and_then(|b| content.bound(b)) {
            // Below a number: the interval is open at the top; a hair under it is still possible.
            entry.high = entry.high.min(high - 1e-9);
        }
    }
    by_question.values().all(|a| a.possible() || a.may_be_unanswered)
}

pub(super) fn check_lines(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::RULES;
    let lines = &content.rules.line;
    let mut seen = BTreeSet::new();
    for line in lines {
        let at = format!("id = \"{}\"", line.id);
        if line.id.trim().is_empty() {
            c.at(path, "[[line]]", "a line has an empty id".to_owned());
        }
        if !seen.insert(line.id.as_str()) {
            c.at(path, &at, format!("line id `{}` is used twice", line.id));
        }
        if line.sources.is_empty() {
            c.at(path, &at, format!("line `{}` cites no article", line.id));
        }
        for source in &line.sources {
            if !articles.contains(source.as_str()) {
                c.at(
                    path,
                    &at,
                    format!(
                        "line `{}` cites `{source}`, which is not an article in data/facts.toml",
                        line.id
                    ),
                );
            }
        }
        if line.tests.is_empty() {
            c.at(path, &at, format!("line `{}` tests no answer", line.id));
        }
        if line.rules_out.is_empty() {
            c.at(path, &at, format!("line `{}` rules out no outcome", line.id));
        }
        check_tests(c, content, &at, &format!("line `{}`", line.id), &line.tests);
    }
    // Lines that can all apply at once must leave an outcome open. Few lines: try every set.
    if lines.len() <= 12 {
        // Every subset comes before its supersets, so only the smallest contradicting sets are told.
        let mut reported: Vec<u32> = Vec::new();
        for mask in 1u32..(1 << lines.len()) {
            if reported.iter().any(|r| mask & r == *r) {
                continue;
            }
            let set: Vec<&crate::advisor::content::Line> = (0..lines.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &lines[i])
                .collect();
            let covered: BTreeSet<Outcome> = set.iter().flat_map(|l| l.rules_out.iter().copied()).collect();
            if covered.len() == Outcome::ALL.len() && can_all_hold(content, &set) {
                reported.push(mask);
                let ids: Vec<&str> = set.iter().map(|l| l.id.as_str()).collect();
                c.at(
                    path,
                    &format!("id = \"{}\"", ids[0]),
                    format!(
                        "lines {} contradict each other: they can all apply to one set of answers and together rule out every outcome",
                        ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    } else {
        c.at(
            path,
            "[[line]]",
            format!("{} lines are more than `check` can compare (12)", lines.len()),
        );
    }
}

/// Each test of a line or a situation (`what` names it) against the question it names.
fn check_tests(c: &mut Checker, content: &Content, at: &str, what: &str, tests: &[crate::advisor::content::LineTest]) {
    let path = ContentFiles::RULES;
    for test in tests {
        let Some(question) = content.question(&test.question) else {
            c.at(
                path,
                at,
                format!("{what} tests question `{}`, which does not exist", test.question),
            );
            continue;
        };
        let ids = answer_ids(question);
        for id in test.is_any.iter().chain(&test.none_of) {
            if !ids.contains(id) {
                c.at(
                    path,
                    at,
                    format!(
                        "{what} tests `{}` for `{id}`, which that question cannot answer (it takes: {})",
                        question.id,
                        ids.join(", ")
                    ),
                );
            }
        }
        for bound in test.bounds() {
            if !is_numeric(question.kind) {
                c.at(
                    path,
                    at,
                    format!(
                        "{what} compares `{}` with a number, but it is a {} question",
                        question.id,
                        question.kind.name()
                    ),
                );
            }
            if let crate::advisor::content::Bound::Fact(id) = bound {
                if content.bound(bound).is_none() {
                    c.at(
                        path,
                        at,
                        format!(
                            "{what} compares with fact `{id}`, which is not a fact with a value in data/facts.toml"
                        ),
                    );
                }
            }
        }
        if test.is_any.is_empty() && test.none_of.is_empty() && test.bounds().next().is_none() {
            c.at(
                path,
                at,
                format!("{what} has a test on `{}` that tests nothing", question.id),
            );
        }
    }
}

/// Each situation of data/rules.toml: a unique id, tests that test something, an outcome to word.
pub(super) fn check_situations(c: &mut Checker, content: &Content) {
    let path = ContentFiles::RULES;
    let mut seen = BTreeSet::new();
    for situation in &content.rules.situation {
        let at = format!("id = \"{}\"", situation.id);
        if !seen.insert(situation.id.as_str()) {
            c.at(path, &at, format!("situation id `{}` is used twice", situation.id));
        }
        if situation.tests.is_empty() {
            c.at(path, &at, format!("situation `{}` tests no answer", situation.id));
        }
        if situation.outcomes.is_empty() {
            c.at(path, &at, format!("situation `{}` words no outcome", situation.id));
        }
        check_tests(
            c,
            content,
            &at,
            &format!("situation `{}`", situation.id),
            &situation.tests,
        );
    }
}
