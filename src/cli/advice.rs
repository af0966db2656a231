//! `outsource-advisor advice`: the recommendation from the saved answers.

use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::session::Session;
use crate::text;

#[derive(Debug, Args)]
pub struct AdviceArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Print JSON (outcome, confidence, reasons, would_change, checklist, missing).
    #[arg(long)]
    pub json: bool,
}

pub fn run(global: &Global, args: &AdviceArgs) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let (interview, advice) = Session::new(&content, &*store)
        .advice(&args.user.id())
        .map_err(|err| err.to_string())?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&advice).map_err(|err| err.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if interview.answers.is_empty() {
        println!("{}\n", content.messages.get("advice.no_answers"));
    }
    println!("{}", text::advice(&content, &advice));
    Ok(ExitCode::SUCCESS)
}
