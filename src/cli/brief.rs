//! `outsource-advisor brief [--out FILE]`: the brief to hand to a provider, as Markdown.

use crate::store::Wait;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::session::Session;

#[derive(Debug, Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Write the brief to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(global: &Global, args: &BriefArgs) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let (interview, advice) = Session::new(&content, &*store, &*clock)
        .advice(&args.user.id())
        .wait()?;
    let Some(brief) = crate::brief::from_answers(&content, &interview, &advice) else {
        eprintln!("{}", content.messages.get("brief.no_answers"));
        return Ok(ExitCode::FAILURE);
    };
    let markdown = brief.markdown();
    match &args.out {
        Some(path) => super::chart::write_whole(path, markdown.as_bytes())?,
        None => std::io::stdout()
            .write_all(markdown.as_bytes())
            .map_err(|err| format!("cannot write to standard output: {err}"))?,
    }
    Ok(ExitCode::SUCCESS)
}
