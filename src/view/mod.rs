//! The screens as view models: what each screen says, built once from the core's data and the
//! prompts. Each front lays a view out its own way (the terminal's text in `text`,
//! Discord's embeds and components in [`crate::discord::render`]); escaping what the user typed
//! is the layout's business, so a view carries it apart ([`spans::Words`]).

pub mod advice;
pub mod checkin;
pub(crate) mod help;
pub(crate) mod history;
pub(crate) mod offer;
pub(crate) mod question;
pub(crate) mod review;
pub(crate) mod spans;
pub mod verdict;

use crate::advisor::content::Outcome;
use crate::advisor::Content;

/// The title of `outcome`, or the need-more heading when there is none: the one lookup every
/// screen that names an outcome uses.
pub(crate) fn outcome_title(content: &Content, outcome: Option<Outcome>) -> String {
    let m = &content.messages;
    match outcome {
        Some(outcome) => m.get(&format!("outcome.{}.title", outcome.id())).to_owned(),
        None => m.get("advice.need_more_heading").to_owned(),
    }
}

/// The sentences of prompts/messages.toml the charts' views (the advice's bars, the check-ins'
/// progress) look up by name; each front that draws the charts declares them for `check`.
pub(crate) const CHART_KEYS: &[&str] = &[
    "chart.title",
    "chart.subtitle",
    "chart.recommended",
    "chart.ruled_out",
    "chart.towards",
    "chart.against",
    "chart.need_more",
    "chart.progress_title",
    "chart.progress_subtitle",
    "chart.progress_pace",
    "chart.progress_end",
    "chart.progress_failure",
];
