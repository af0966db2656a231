//! `outsource-advisor due`: the check-ins due now (`ADVISOR_NOW` sets now), for every user.

use crate::store::Wait;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use super::{CliResult, Global};
use crate::chat::text;
use crate::clock;

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Print JSON: [{"user": ID, "due_at": SECONDS}], earliest first.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(global: &Global, args: &DueArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let now = clock::from_env()?.now();
    let store = super::store(global)?;
    let due = store.due(now).wait()?;
    if args.json {
        let list: Vec<_> = due
            .iter()
            .map(|(user, at)| json!({ "user": user.0, "due_at": at }))
            .collect();
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(ExitCode::SUCCESS);
    }
    if due.is_empty() {
        println!("{}", m.fill("checkin.due_none", &[("now", &text::when(now))]));
    }
    for (user, at) in &due {
        println!(
            "{}",
            m.fill("checkin.due_line", &[("user", &user.0), ("when", &text::when(*at))])
        );
    }
    Ok(ExitCode::SUCCESS)
}
