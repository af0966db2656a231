//! `outsource-advisor check`: everything in prompts/ and data/ that parsing alone cannot catch.
//!
//! Each problem names the file and line, so someone editing the TOML can go straight to it.

use std::collections::BTreeSet;

use super::advice::Figures;
use super::checkin::CheckinRules;
use super::content::{AnswerKind, Condition, Content, ContentFiles, Factor, Outcome, Question, Roles};
use super::read::Unreadable;
use super::template;

/// One thing wrong with the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Message keys the core and the shared views look up by name (keys built from ids are checked
/// separately). The fronts' own, and those of the layouts they share (the chat, the brief, the
/// charts), each front declares ([`FrontKeys`]).
pub const MESSAGE_KEYS: &[&str] = &[
    "words.back",
    "words.skip",
    "words.answers",
    "words.restart",
    "words.help",
    "words.quit",
    "words.advice",
    "words.start",
    "words.edit",
    "review.heading",
    "review.line",
    "review.read_as",
    "review.skipped",
    "review.open",
    "review.not_asked",
    "review.removed",
    "review.empty",
    "review.when",
    "display.source_title",
    "display.yes",
    "display.no",
    "display.unsure",
    "display.scale",
    "display.range",
    "display.at_most",
    "display.at_least",
    "display.per_month",
    "display.money_converted",
    "display.hours",
    "display.hours_one",
    "display.number",
    "display.failure_months",
    "display.failure_below",
    "display.metric_followers",
    "display.metric_leads",
    "display.metric_sales",
    "display.unanswered",
    "advice.heading",
    "advice.confidence",
    "advice.reasons",
    "advice.reason_line",
    "advice.would_change",
    "advice.would_change_line",
    "advice.would_change_none",
    "advice.checklist",
    "advice.checklist_line",
    "advice.missing",
    "advice.no_answers",
    "advice.need_more_heading",
    "advice.need_more",
    "display.result_followers",
    "display.result_leads",
    "display.result_sales",
    "failure.given_none",
    "failure.given",
    "failure.proposal",
    "failure.and",
    "failure.comma",
    "failure.part_spend",
    "failure.part_months",
    "failure.part_result",
    "failure.given_result",
    "failure.basis_budget",
    "failure.basis_sale_value",
    "failure.basis_success_metric",
    "failure.basis_example",
    "basis.range_middle",
    "basis.read",
    "basis.period_assumed",
    "basis.result_period",
    "basis.default_months",
    "basis.assumed_hours",
    "basis.followers_target",
    "basis.target_sales",
    "basis.targets_cross",
    "checkin.on",
    "checkin.every_month",
    "checkin.every_two_weeks",
    "checkin.rule",
    "checkin.proposed",
    "checkin.rule_followers",
    "checkin.rule_leads",
    "checkin.rule_sales",
    "checkin.part_per_month",
    "checkin.part_months",
    "checkin.part_below",
    "checkin.part_metric",
    "checkin.list_separator",
    "checkin.off",
    "checkin.no_plan",
    "checkin.no_spend",
    "checkin.not_set_up",
    "checkin.nothing_to_log",
    "checkin.ask_spend",
    "checkin.ask_followers",
    "checkin.ask_leads",
    "checkin.ask_sales",
    "checkin.unreadable_option",
    "checkin.example_money",
    "checkin.example_count",
    "checkin.logged",
    "checkin.heading",
    "checkin.status_on_track",
    "checkin.status_too_early",
    "checkin.logged_none",
    "checkin.logged_one",
    "checkin.logged_many",
    "checkin.status_behind",
    "checkin.status_failure_point_reached",
    "checkin.status_passed",
    "checkin.status_no_plan",
    "checkin.spend_within",
    "checkin.spend_over",
    "checkin.returned",
    "checkin.back_rise",
    "checkin.back_spend",
    "checkin.log_heading",
    "checkin.log_line",
    "checkin.log_empty",
    "checkin.not_logged",
    "checkin.next",
    "checkin.finished",
    "checkin.off_now",
    "checkin.due_none",
    "checkin.due_line",
    "history.empty",
    "history.line",
    "history.line_need_more",
    "history.moved",
    "history.same",
    "history.earlier",
    "history.earlier_outcome",
    "parse_examples.money",
    "parse_examples.hours",
    "parse_examples.number",
    "parse_examples.yes_no",
    "parse_examples.scale",
];

struct Checker<'a> {
    files: &'a ContentFiles,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Reports a problem at the line where `needle` (e.g. `id = "budget"`) first appears in the
    /// file, or line 1 when it cannot be found.
    fn at(&mut self, path: &str, needle: &str, message: String) {
        let text = self
            .files
            .all()
            .into_iter()
            .find(|f| f.path == path)
            .map_or("", |f| f.text.as_str());
        let line = text
            .find(needle)
            .map_or(1, |offset| super::content::line_of(text, offset));
        self.problems.push(Problem {
            path: path.to_owned(),
            line,
            message,
        });
    }
}

/// The sentences one front looks up by name, as that front declares them, so `check` validates
/// them without the core knowing what fronts there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontKeys {
    /// The front's name, told with a missing sentence ("discord", "cli").
    pub front: &'static str,
    pub keys: Vec<String>,
}

/// Checks parsed content against itself and the core's expectations (the fronts' sentences
/// aside: see [`check_with`]).
pub fn check(files: &ContentFiles, content: &Content) -> Vec<Problem> {
    check_with(files, content, &[])
}

/// Checks parsed content against itself, the core's expectations and the sentences each of
/// `fronts` declares it needs.
pub fn check_with(files: &ContentFiles, content: &Content, fronts: &[FrontKeys]) -> Vec<Problem> {
    let mut c = Checker {
        files,
        problems: Vec::new(),
    };
    let articles: BTreeSet<&str> = content.articles.iter().map(|a| a.id.as_str()).collect();
    check_questions(&mut c, content, &articles);
    check_menu_limits(&mut c, content);
    check_rules(&mut c, content, &articles);
    check_checklist(&mut c, content, &articles);
    check_roles(&mut c, content);
    check_messages(&mut c, content);
    check_front_keys(&mut c, content, fronts);
    check_facts(&mut c, content, &articles);
    c.problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    c.problems
}

fn check_questions(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::QUESTIONS;
    let mut seen = BTreeSet::new();
    for (index, q) in content.questions.iter().enumerate() {
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
            let earlier = &content.questions[..index];
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

/// Options a select menu holds, and characters in an option's label, description or value: the
/// chat platforms' menus (Discord's) allow no more, and a front cannot cut a choice away.
const MENU_OPTIONS_MAX: usize = 25;
const MENU_TEXT_MAX: usize = 100;
/// Characters of a question id inside a button's id (lowercase letters, digits and `_`).
const QUESTION_ID_MAX: usize = 40;

/// What the menus rely on: a choice question's choices fit one select menu, each label fits an
/// option, the answers menu's "N. <short>" fits an option's label, and a question id fits the
/// buttons and menus that carry it (the answers menu opens a question by it).
fn check_menu_limits(c: &mut Checker, content: &Content) {
    let path = ContentFiles::QUESTIONS;
    let widest_number = content.questions.len().to_string();
    for q in &content.questions {
        let at = format!("id = \"{}\"", q.id);
        let id_fits = q.id.len() <= QUESTION_ID_MAX
            && q.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !q.id.is_empty() && !id_fits {
            c.at(
                path,
                &at,
                format!(
                    "question id `{}` must be at most {QUESTION_ID_MAX} lowercase letters, digits or `_`: buttons and menus carry it",
                    q.id
                ),
            );
        }
        let label = format!("{widest_number}. {}", q.short);
        if label.chars().count() > MENU_TEXT_MAX {
            c.at(
                path,
                &at,
                format!(
                    "question `{}` has a `short` too long for the answers menu: \"N. short\" must fit {MENU_TEXT_MAX} characters",
                    q.id
                ),
            );
        }
        if q.kind.has_choices() && q.choices.len() > MENU_OPTIONS_MAX {
            c.at(
                path,
                &at,
                format!(
                    "question `{}` has {} choices; a select menu holds {MENU_OPTIONS_MAX}",
                    q.id,
                    q.choices.len()
                ),
            );
        }
        for choice in &q.choices {
            for (what, text) in [("label", &choice.label), ("id", &choice.id)] {
                if text.chars().count() > MENU_TEXT_MAX {
                    c.at(
                        path,
                        &at,
                        format!(
                            "question `{}` has a choice {what} longer than a menu option's {MENU_TEXT_MAX} characters: `{text}`",
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
fn check_aliases(c: &mut Checker, path: &str, at: &str, q: &Question) {
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

/// Discord's limits on a string select menu: options, and characters in a label or value.
pub const MAX_PICKS: usize = 25;
pub const MAX_PICK_CHARS: usize = 100;

/// A pick is stored as its reader reads it, so each must read surely (no "Did you mean …?" on a
/// click), fit a select menu, and name a range of its own: two picks that overlap would store
/// different answers for the same figure.
fn check_picks(c: &mut Checker, path: &str, at: &str, q: &Question) {
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
    if q.picks.len() > MAX_PICKS {
        c.at(
            path,
            at,
            format!(
                "question `{}` has {} picks; a select menu holds at most {MAX_PICKS}",
                q.id,
                q.picks.len()
            ),
        );
    }
    // Each pick read so far: its label, the figures it covers, its reading.
    type Seen<'a> = (&'a str, Option<(f64, f64)>, super::read::Reading);
    let mut spans: Vec<Seen> = Vec::new();
    for pick in &q.picks {
        if pick.chars().count() > MAX_PICK_CHARS || pick.trim().is_empty() {
            c.at(
                path,
                at,
                format!(
                    "question `{}`: pick `{pick}` must be 1 to {MAX_PICK_CHARS} characters",
                    q.id
                ),
            );
        }
        let reading = match super::read::understand(q, pick) {
            Ok(u) if u.doubt.is_none() && u.reading != super::read::Reading::Unsure => u.reading,
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
fn pick_span(reading: &super::read::Reading) -> Option<(f64, f64)> {
    use super::read::Reading;
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
fn spans_overlap(a: (f64, f64), b: (f64, f64)) -> bool {
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
fn answer_ids(question: &Question) -> Vec<String> {
    match question.kind {
        AnswerKind::YesNo => ["yes", "no", "unsure"].map(String::from).to_vec(),
        AnswerKind::Scale => (1..=5).map(|n: u8| n.to_string()).collect(),
        AnswerKind::Choice | AnswerKind::Choices => question.choices.iter().map(|c| c.id.clone()).collect(),
        _ => Vec::new(),
    }
}

fn is_numeric(kind: AnswerKind) -> bool {
    matches!(
        kind,
        AnswerKind::Money | AnswerKind::Hours | AnswerKind::Number | AnswerKind::Scale | AnswerKind::FailurePoint
    )
}

fn check_condition(c: &mut Checker, path: &str, at: &str, what: &str, condition: &Condition, target: &Question) {
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

fn check_rules(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
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
}

/// One `[[factor]]`: its source, its bounds, the question it reads and the answers it maps.
fn check_factor(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>, factor: &Factor) {
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
fn check_monotone(c: &mut Checker, content: &Content, factor: &Factor) {
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
fn check_outcomes(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>, factor_ids: &BTreeSet<&str>) {
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

fn check_what_if(c: &mut Checker, content: &Content) {
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

fn check_need_more(c: &mut Checker, content: &Content) {
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

/// What a set of line tests allows for one question: the answer ids left (None: any), and the
/// numbers left, as an interval.
struct Allowed {
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
fn can_all_hold(content: &Content, lines: &[&super::content::Line]) -> bool {
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

fn check_lines(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
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
        for test in &line.tests {
            let what = format!("line `{}`", line.id);
            let Some(question) = content.question(&test.question) else {
                c.at(
                    path,
                    &at,
                    format!("{what} tests question `{}`, which does not exist", test.question),
                );
                continue;
            };
            let ids = answer_ids(question);
            for id in test.is_any.iter().chain(&test.none_of) {
                if !ids.contains(id) {
                    c.at(
                        path,
                        &at,
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
                        &at,
                        format!(
                            "{what} compares `{}` with a number, but it is a {} question",
                            question.id,
                            question.kind.name()
                        ),
                    );
                }
                if let super::content::Bound::Fact(id) = bound {
                    if content.bound(bound).is_none() {
                        c.at(
                            path,
                            &at,
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
                    &at,
                    format!("{what} has a test on `{}` that tests nothing", question.id),
                );
            }
        }
    }
    // Lines that can all apply at once must leave an outcome open. Few lines: try every set.
    if lines.len() <= 12 {
        // Every subset comes before its supersets, so only the smallest contradicting sets are told.
        let mut reported: Vec<u32> = Vec::new();
        for mask in 1u32..(1 << lines.len()) {
            if reported.iter().any(|r| mask & r == *r) {
                continue;
            }
            let set: Vec<&super::content::Line> = (0..lines.len())
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

fn check_checklist(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::CHECKLIST;
    let mut seen = BTreeSet::new();
    for item in &content.checklist {
        let at = format!("id = \"{}\"", item.id);
        if !seen.insert(item.id.as_str()) {
            c.at(path, &at, format!("checklist item id `{}` is used twice", item.id));
        }
        if !articles.contains(item.source.as_str()) {
            c.at(
                path,
                &at,
                format!(
                    "checklist item `{}` cites `{}`, which is not an article",
                    item.id, item.source
                ),
            );
        }
        let mut texts = vec![&item.metric, &item.target, &item.why];
        if let Some(fallback) = &item.otherwise {
            texts.extend([&fallback.metric, &fallback.target, &fallback.why]);
        }
        let names = texts.into_iter().flat_map(|t| template::placeholders(t));
        for name in names
            .chain(item.needs.iter().map(String::as_str))
            .chain(item.unless.iter().map(String::as_str))
        {
            if !Figures::NAMES.contains(&name) {
                c.at(
                    path,
                    &at,
                    format!(
                        "checklist item `{}` uses figure `{{{name}}}`, which is not one of: {}",
                        item.id,
                        Figures::NAMES.join(", ")
                    ),
                );
            }
        }
        if let Some(condition) = &item.when {
            match content.question(&condition.question) {
                None => c.at(
                    path,
                    &at,
                    format!(
                        "checklist item `{}` depends on question `{}`, which does not exist",
                        item.id, condition.question
                    ),
                ),
                Some(q) => check_condition(c, path, &at, &format!("checklist item `{}`", item.id), condition, q),
            }
        }
    }
    if !content.checklist.iter().any(|i| i.id == super::advice::FAILURE_ITEM) {
        c.at(
            path,
            "[[item]]",
            format!(
                "checklist item `{}` is missing; the failure point is told with it",
                super::advice::FAILURE_ITEM
            ),
        );
    }
    for name in Figures::ASSUMPTIONS.into_iter().chain(CheckinRules::ASSUMPTIONS) {
        if !content.assumptions.contains_key(name) {
            c.at(path, "[assumptions]", format!("assumption `{name}` is missing"));
        }
    }
}

/// Every role of data/checklist.toml's `[answers]` must name a question of a kind it can work
/// with, or the figures it feeds would go missing from every checklist without a word.
fn check_roles(c: &mut Checker, content: &Content) {
    let path = ContentFiles::CHECKLIST;
    for (role, id, kinds) in content.roles.all() {
        let at = format!("{role} = \"{id}\"");
        let Some(question) = content.question(id) else {
            c.at(
                path,
                &at,
                format!("answers.{role} reads question `{id}`, which is not a question in prompts/questions.toml"),
            );
            continue;
        };
        if !kinds.contains(&question.kind) {
            let wanted: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            c.at(
                path,
                &at,
                format!(
                    "answers.{role} reads question `{id}`, a {} question; it needs a {} question",
                    question.kind.name(),
                    wanted.join(" or ")
                ),
            );
        }
        if role == "success_metric" {
            for choice in [Roles::FOLLOWERS, Roles::LEADS_SALES] {
                if !question.choices.iter().any(|c| c.id == choice) {
                    c.at(
                        path,
                        &at,
                        format!("answers.{role} reads question `{id}`, which has no choice `{choice}`"),
                    );
                }
            }
        }
    }
}

fn check_messages(c: &mut Checker, content: &Content) {
    let path = ContentFiles::MESSAGES;
    let m = &content.messages;
    let mut required: Vec<String> = MESSAGE_KEYS.iter().map(|k| (*k).to_owned()).collect();
    required.extend(Unreadable::ALL.iter().map(Unreadable::message_key));
    required.extend(
        crate::advisor::read::Dimension::ALL
            .iter()
            .map(|d| format!("dimension.{}", d.id())),
    );
    required.extend(AnswerKind::ALL.iter().map(|k| format!("needs.{}", k.name())));
    required.extend(
        [
            "confirm.ask",
            "confirm.no_period_money",
            "confirm.no_period_hours",
            "confirm.no_period_hours_one",
            "confirm.no_period_money_month",
            "display.failure_below_period",
            "display.result_period_month",
            "display.result_period_in_all",
            "confirm.unexplained",
            "confirm.negation",
            "confirm.shared",
            "confirm.result_period",
            "confirm.hint",
            "confirm.yes",
            "confirm.no",
            "confirm.none_of_these",
        ]
        .map(String::from),
    );
    for outcome in Outcome::ALL {
        required.push(format!("outcome.{}.title", outcome.id()));
        required.push(format!("outcome.{}.summary", outcome.id()));
    }
    for factor in &content.rules.factor {
        required.push(format!("reason.{}.high", factor.id));
        required.push(format!("reason.{}.low", factor.id));
    }
    for line in &content.rules.line {
        required.push(format!("line.{}", line.id));
    }
    for key in required {
        if !m.has(&key) {
            let table = key.rsplit_once('.').map_or(key.as_str(), |(t, _)| t);
            c.at(path, &format!("[{table}]"), format!("sentence `{key}` is missing"));
        }
    }
    for (key, text) in m.entries() {
        // Sentences filled with figures (`failure.given` and `failure.proposal` take the parts).
        let figured = key.starts_with("reason.")
            || key.starts_with("line.")
            || (key.starts_with("failure.") && !matches!(key, "failure.given" | "failure.proposal"));
        if figured {
            for name in template::placeholders(text) {
                if !Figures::NAMES.contains(&name) {
                    c.at(
                        path,
                        text,
                        format!(
                            "sentence `{key}` uses figure `{{{name}}}`, which is not one of: {}",
                            Figures::NAMES.join(", ")
                        ),
                    );
                }
            }
        }
    }
}

fn check_front_keys(c: &mut Checker, content: &Content, fronts: &[FrontKeys]) {
    let path = ContentFiles::MESSAGES;
    // A sentence of a shared layout (the chat, the brief, the charts) is declared by every front
    // that shows it, and reported once, naming them all.
    let mut missing: Vec<(&str, Vec<&str>)> = Vec::new();
    for front in fronts {
        for key in front.keys.iter().filter(|key| !content.messages.has(key)) {
            match missing.iter_mut().find(|(k, _)| k == key) {
                Some((_, users)) => users.push(front.front),
                None => missing.push((key, vec![front.front])),
            }
        }
    }
    for (key, users) in missing {
        let table = key.rsplit_once('.').map_or(key, |(t, _)| t);
        let who = match users.as_slice() {
            [one] => format!("the {one} front uses it"),
            many => format!("the {} fronts use it", many.join(" and ")),
        };
        c.at(
            path,
            &format!("[{table}]"),
            format!("sentence `{key}` is missing ({who})"),
        );
    }
}

/// The longest article title: it is cited in question footers and after every reason.
const TITLE_MAX: usize = 64;
/// The longest short title: it follows "ruled out" beside a bar of the advice chart.
const SHORT_MAX: usize = 24;

fn check_facts(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::FACTS;
    if content.articles.len() != articles.len() {
        c.at(path, "[[article]]", "an article id is listed twice".to_owned());
    }
    for article in &content.articles {
        // Its own words that fit where they are shown: neither empty, nor too long, nor the file name.
        let readable = |text: &str, max: usize| {
            let text = text.trim();
            !text.is_empty() && text.chars().count() <= max && !text.contains(article.id.as_str())
        };
        let at = format!("id = \"{}\"", article.id);
        if !readable(&article.short, SHORT_MAX) {
            c.at(
                path,
                &at,
                format!(
                    "article `{}` needs a `short` title for chart labels: its own words, at most \
                     {SHORT_MAX} characters, not its file name",
                    article.id
                ),
            );
        }
        if !readable(&article.title, TITLE_MAX) {
            c.at(
                path,
                &at,
                format!(
                    "article `{}` needs a title people can read where it is cited: its own words, at most \
                     {TITLE_MAX} characters, not its file name",
                    article.id
                ),
            );
        }
    }
    for fact in &content.facts {
        if !articles.contains(fact.source.as_str()) {
            c.at(
                path,
                &format!("id = \"{}\"", fact.id),
                format!("fact `{}` cites `{}`, which is not an article", fact.id, fact.source),
            );
        }
    }
}
