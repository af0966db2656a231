//! `outsource-advisor check`: everything in prompts/ and data/ that parsing alone cannot catch.
//!
//! Each problem names the file and line, so someone editing the TOML can go straight to it.

use std::collections::BTreeSet;

use super::advice::Figures;
use super::content::{AnswerKind, Condition, Content, ContentFiles, Outcome, Question};
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

/// Message keys the code looks up by name (keys built from ids are checked separately).
/// The sentences of the chart, the brief, the CSV export and their commands (kept apart from
/// [`MESSAGE_KEYS`] so the two lists change independently).
pub const PICTURE_AND_BRIEF_KEYS: &[&str] = &[
    "chart.title",
    "chart.subtitle",
    "chart.recommended",
    "chart.ruled_out",
    "chart.towards",
    "chart.against",
    "chart.need_more_subtitle",
    "chart.need_more",
    "discord.commands.brief",
    "discord.commands.export_format",
    "discord.export_csv_text",
    "discord.brief_text",
    "brief.title",
    "brief.intro",
    "brief.no_answers",
    "brief.not_answered",
    "brief.fact_line",
    "brief.sourced_line",
    "brief.outcome",
    "brief.why",
    "brief.lines",
    "brief.no_lines",
    "brief.need_more",
    "brief.for_staff",
    "brief.hand_over",
    "brief.keep",
    "brief.nothing",
    "brief.keep_nothing",
    "brief.nothing_picked",
    "brief.touch_high",
    "brief.touch_low",
    "brief.checklist_line",
    "brief.failure_known",
    "brief.failure_unknown",
    "brief.open_line",
    "brief.nothing_open",
    "brief.would_change",
    "brief.heading.business",
    "brief.heading.recommendation",
    "brief.heading.handover",
    "brief.heading.targets",
    "brief.heading.provider",
    "brief.heading.open",
    "brief.ask.reply_times",
    "brief.ask.accounts",
    "brief.ask.reporting",
    "brief.ask.failure",
    "brief.ask.customers",
    "brief.metric.followers",
    "brief.metric.leads_sales",
    "brief.metric.undecided",
];

pub const MESSAGE_KEYS: &[&str] = &[
    "chat.greeting",
    "chat.resume",
    "chat.progress",
    "chat.choices_hint",
    "chat.choice_hint",
    "chat.example",
    "chat.current_answer",
    "chat.prompt",
    "chat.help",
    "chat.saved_and_left",
    "chat.finished",
    "chat.restart_done",
    "chat.nothing_before",
    "chat.stale",
    "chat.no_such_question",
    "chat.skipped",
    "chat.saved",
    "chat.unreadable",
    "chat.all_answered",
    "chat.store_error",
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
    "cli.parse_unreadable",
    "cli.check_ok",
    "cli.check_problems",
    "cli.forget_confirm",
    "cli.forget_done",
    "cli.forget_cancelled",
    "cli.forget_needs_yes",
    "cli.history_empty",
    "cli.history_line",
    "cli.history_moved",
    "cli.history_same",
    "cli.no_answers",
    "parse_examples.money",
    "parse_examples.hours",
    "parse_examples.number",
    "parse_examples.yes_no",
    "parse_examples.scale",
    "discord.type_answer",
    "discord.back",
    "discord.skip",
    "discord.exit",
    "discord.pick_one",
    "discord.pick_many",
    "discord.modal_title",
    "discord.edit_placeholder",
    "discord.not_yours",
    "discord.forged",
    "discord.saved_exit",
    "discord.all_answered",
    "discord.error",
    "discord.unknown_command",
    "discord.forget_confirm",
    "discord.forget_yes",
    "discord.forget_no",
    "discord.forget_done",
    "discord.forget_cancelled",
    "discord.export_text",
    "discord.you",
    "discord.dm_offer",
    "discord.sent_privately",
    "discord.slow_down",
    "discord.help_title",
    "discord.help_text",
    "discord.help_sources",
    "discord.help_stored_title",
    "discord.help_stored",
    "discord.commands.assess",
    "discord.commands.answers",
    "discord.commands.advice",
    "discord.commands.advice_share",
    "discord.commands.checklist",
    "discord.commands.history",
    "discord.commands.export",
    "discord.commands.forget",
    "discord.commands.help",
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

/// Checks parsed content against itself and the code's expectations.
pub fn check(files: &ContentFiles, content: &Content) -> Vec<Problem> {
    let mut c = Checker {
        files,
        problems: Vec::new(),
    };
    let articles: BTreeSet<&str> = content.articles.iter().map(|a| a.id.as_str()).collect();
    check_questions(&mut c, content, &articles);
    check_rules(&mut c, content, &articles);
    check_checklist(&mut c, content, &articles);
    check_messages(&mut c, content);
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
    let path = ContentFiles::RULES;
    let rules = &content.rules;
    let mut factor_ids = BTreeSet::new();
    for factor in &rules.factor {
        let at = format!("id = \"{}\"", factor.id);
        if !factor_ids.insert(factor.id.as_str()) {
            c.at(path, &at, format!("factor id `{}` is used twice", factor.id));
        }
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
            continue;
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
                    rules
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
                        "factor `{}` is marked monotone, so its weights must not fall from one outcome to the next (not_yet … full), but they are {:?}",
                        factor.id, weights
                    ),
                );
            }
        }
    }
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
    if rules.what_if.report == 0 {
        c.at(path, "[what_if]", "what_if.report must be at least 1".to_owned());
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
    for name in [
        "default_months",
        "reference_budget",
        "reference_months",
        "reference_followers",
        "target_return",
        "in_house_hours",
        "review_hours",
        "partial_hours",
    ] {
        if !content.assumptions.contains_key(name) {
            c.at(path, "[assumptions]", format!("assumption `{name}` is missing"));
        }
    }
}

fn check_messages(c: &mut Checker, content: &Content) {
    let path = ContentFiles::MESSAGES;
    let m = &content.messages;
    let mut required: Vec<String> = MESSAGE_KEYS.iter().map(|k| (*k).to_owned()).collect();
    required.extend(Unreadable::ALL.iter().map(Unreadable::message_key));
    required.extend(PICTURE_AND_BRIEF_KEYS.iter().map(|k| (*k).to_owned()));
    for outcome in Outcome::ALL {
        required.push(format!("outcome.{}.title", outcome.id()));
        required.push(format!("outcome.{}.summary", outcome.id()));
    }
    for factor in &content.rules.factor {
        required.push(format!("reason.{}.high", factor.id));
        required.push(format!("reason.{}.low", factor.id));
    }
    for key in required {
        if !m.has(&key) {
            let table = key.rsplit_once('.').map_or(key.as_str(), |(t, _)| t);
            c.at(path, &format!("[{table}]"), format!("sentence `{key}` is missing"));
        }
    }
    for (key, text) in m.entries() {
        if key.starts_with("reason.") {
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

fn check_facts(c: &mut Checker, content: &Content, articles: &BTreeSet<&str>) {
    let path = ContentFiles::FACTS;
    if content.articles.len() != articles.len() {
        c.at(path, "[[article]]", "an article id is listed twice".to_owned());
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
