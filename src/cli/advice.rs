//! `outsource-advisor advice`: the recommendation from the saved answers.

use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use serde_json::Value;

use crate::advisor::advice::Advice;
use crate::advisor::Content;
use crate::app::interview::Session;
use crate::chat::text;
use crate::view::advice as words;

#[derive(Debug, Args)]
pub struct AdviceArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Print JSON: the advice's data with each part's words (see docs/terminal.md).
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(global: &Global, args: &AdviceArgs) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let (interview, advice) = crate::store::block_on(Session::new(&content, &*store, &*clock).advice(&args.user.id()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json(&content, &advice))?);
        return Ok(ExitCode::SUCCESS);
    }
    if interview.answers.is_empty() {
        println!("{}\n", content.messages.get("advice.no_answers"));
    }
    println!("{}", text::advice(&content, &advice));
    Ok(ExitCode::SUCCESS)
}

/// The advice's data, each reason, change, line and checklist entry with its words beside it
/// (`text`; `metric`, `target`, `why` for the checklist), rendered from the data as the chat does.
pub(crate) fn json(content: &Content, advice: &Advice) -> Value {
    let reasons: Vec<Value> = advice
        .reasons
        .iter()
        .map(|r| {
            json_with_words(
                r,
                &[
                    ("text", words::reason(content, advice, r)),
                    ("source", r.sources.first().cloned().unwrap_or_default()),
                ],
            )
        })
        .collect();
    let lines: Vec<Value> = advice
        .lines
        .iter()
        .map(|line| {
            let reason = advice.reasons.iter().find(|r| r.id == line.id);
            let words = reason.map(|r| words::reason(content, advice, r)).unwrap_or_default();
            json_with_words(line, &[("text", words)])
        })
        .collect();
    let changes: Vec<Value> = advice
        .would_change
        .iter()
        .map(|c| json_with_words(c, &[("text", words::change(content, c))]))
        .collect();
    let words = words::checklist_lines(content, advice);
    let checklist: Vec<Value> = advice
        .checklist
        .iter()
        .zip(words)
        .map(|(entry, line)| {
            json_with_words(
                entry,
                &[("metric", line.metric), ("target", line.target), ("why", line.why)],
            )
        })
        .collect();
    let mut out = serde_json::to_value(advice).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut out {
        map.insert("reasons".into(), Value::Array(reasons));
        map.insert("lines".into(), Value::Array(lines));
        map.insert("would_change".into(), Value::Array(changes));
        map.insert("checklist".into(), Value::Array(checklist));
        map.insert("text".into(), Value::String(text::advice(content, advice)));
    }
    out
}

/// `value` as JSON with `words` added beside its fields.
fn json_with_words(value: &impl serde::Serialize, words: &[(&str, String)]) -> Value {
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (key, text) in words {
            map.insert((*key).to_owned(), Value::String(text.clone()));
        }
    }
    value
}
