//! `outsource-advisor answers`: each question, the words typed, how they were read, and when.

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::{CliResult, Global, UserArg};
use crate::advisor::interview::{ReviewLine, ReviewStatus};
use crate::chat::text;
use crate::view::review::ReviewView;

#[derive(Debug, Args)]
pub struct AnswersArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One answer as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonLine<'a> {
    question: &'a str,
    /// The question as asked; None when it has been removed from prompts/.
    text: Option<&'a str>,
    status: ReviewStatus,
    raw: Option<&'a str>,
    reading: Option<&'a crate::advisor::Reading>,
    at: Option<u64>,
}

pub(crate) fn run(global: &Global, args: &AnswersArgs) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let user = args.user.id();
    let interview =
        crate::store::block_on(crate::app::interview::Session::new(&content, &*store, &*clock).interview(&user))?
            .unwrap_or_default();
    let lines: Vec<ReviewLine> = interview.review(&content);
    if args.json {
        let json: Vec<JsonLine> = lines
            .iter()
            .map(|line| JsonLine {
                question: &line.question,
                text: content.question(&line.question).map(|q| q.text.as_str()),
                status: line.status,
                raw: line.answer.as_ref().map(|a| a.raw.as_str()),
                reading: line.answer.as_ref().map(|a| &a.reading),
                at: line.answer.as_ref().map(|a| a.at),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else if interview.answers.is_empty() {
        println!(
            "{}",
            content.messages.fill("cli.no_answers", &[("user", &args.user.user)])
        );
    } else {
        println!(
            "{}",
            text::review(&ReviewView::of(&content, &lines)).layout(text::plain)
        );
    }
    Ok(ExitCode::SUCCESS)
}
