//! `outsource-advisor export [--csv]`: everything stored about a user, as JSON on stdout; with
//! `--csv`, the answers alone, one row per question.

use crate::store::Wait;
use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::app::{App, NoScheduler};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// The answers as CSV (id, question, typed, read_as, answered_at) instead of the full JSON.
    #[arg(long)]
    pub csv: bool,
}

pub(crate) fn run(global: &Global, args: &ExportArgs) -> CliResult {
    let store = super::store(global)?;
    let content = super::content(global)?;
    let clock = crate::clock::from_env()?;
    let app = App {
        content: &content,
        store: &*store,
        clock: &*clock,
        wake: &NoScheduler,
    };
    let text = if args.csv {
        app.export_csv(&args.user.id()).wait()?
    } else {
        let export = app.export(&args.user.id()).wait()?;
        let mut json = serde_json::to_string_pretty(&export)?;
        json.push('\n');
        json
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|err| format!("cannot write to standard output: {err}"))?;
    Ok(ExitCode::SUCCESS)
}
