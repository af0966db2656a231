//! `outsource-advisor parse KIND TEXT`: how an answer would be read.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{CliResult, Global};
use crate::advisor::read::{self, Reading, Unreadable};

#[derive(Debug, Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum ParseKind {
    Money,
    Hours,
    Number,
    YesNo,
    Scale,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The kind of answer.
    pub kind: ParseKind,
    /// The answer as typed (quote it).
    pub text: String,
}

pub fn run(global: &Global, args: &ParseArgs) -> CliResult {
    let reading: Result<Reading, Unreadable> = match args.kind {
        ParseKind::Money => read::read_money(&args.text),
        ParseKind::Hours => read::read_hours(&args.text),
        ParseKind::Number => read::read_number(&args.text, None),
        ParseKind::YesNo => read::read_yes_no(&args.text),
        ParseKind::Scale => read::read_scale(&args.text),
    };
    match reading {
        Ok(reading) => {
            let line = serde_json::to_string(&reading).map_err(|err| err.to_string())?;
            println!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        Err(problem) => {
            let content = super::content(global)?;
            let kind = args
                .kind
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            let key = format!("parse_examples.{kind}");
            let example = content.messages.get(&key);
            let reason = content.messages.fill(&problem.message_key(), &[("example", example)]);
            eprintln!(
                "{}",
                content.messages.fill("cli.parse_unreadable", &[("reason", &reason)])
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
