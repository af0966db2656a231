//! `outsource-advisor check`: everything in prompts/ and data/ that parsing alone cannot catch.
//!
//! Each problem names the file and line, so someone editing the TOML can go straight to it.

use std::collections::BTreeSet;

use super::advice::Figures;
use super::checkin::CheckinRules;
use super::content::{AnswerKind, Condition, Content, ContentFiles, Factor, Outcome, Question, Roles};
use super::read::Unreadable;
use super::template;

mod checklist;
mod facts;
mod lines;
mod messages;
mod questions;
mod roles;
mod rules;

use checklist::*;
use facts::*;
use lines::*;
use messages::*;
use questions::*;
use roles::*;
use rules::*;

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
    "words.brief",
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
    "failure.basis_provider_fee",
    "failure.from_today",
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
    /// The narrowest menus a front declared (unbounded when none did).
    menus: MenuLimits,
}

/// What a front's menus and component ids hold, as that front declares it: content that one
/// front could not show whole (a choice cut away, a label cut short) is reported by `check`,
/// without the core knowing what fronts there are or what their platforms allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuLimits {
    /// Options in one select menu.
    pub options: usize,
    /// Characters in an option's label, description or value.
    pub text: usize,
    /// Characters of a question id inside a component's id.
    pub question_id: usize,
}

impl MenuLimits {
    /// No front with menus: nothing to fit.
    const NONE: MenuLimits = MenuLimits {
        options: usize::MAX,
        text: usize::MAX,
        question_id: usize::MAX,
    };

    fn narrowest(self, other: MenuLimits) -> MenuLimits {
        MenuLimits {
            options: self.options.min(other.options),
            text: self.text.min(other.text),
            question_id: self.question_id.min(other.question_id),
        }
    }
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
    /// What its menus hold, when it has any.
    pub menus: Option<MenuLimits>,
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
        menus: fronts
            .iter()
            .filter_map(|front| front.menus)
            .fold(MenuLimits::NONE, MenuLimits::narrowest),
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
