//! `outsource-advisor brief [--out FILE] [--pdf FILE]`: the brief to hand to a provider, as
//! Markdown, and as a PDF with `--pdf`.

use crate::store::Wait;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::app::interview::Session;

#[derive(Debug, Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Write the brief to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write the brief as a PDF (A4) to this file; the Markdown then goes to --out only.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
}

pub(crate) fn run(global: &Global, args: &BriefArgs) -> CliResult {
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
    if let Some(path) = &args.pdf {
        let pdf = crate::brief::pdf::render(&content, &brief).map_err(|err| err.to_string())?;
        super::chart::write_whole(path, &pdf)?;
    }
    match (&args.out, &args.pdf) {
        (Some(path), _) => super::chart::write_whole(path, markdown.as_bytes())?,
        (None, Some(_)) => {}
        (None, None) => std::io::stdout()
            .write_all(markdown.as_bytes())
            .map_err(|err| format!("cannot write to standard output: {err}"))?,
    }
    Ok(ExitCode::SUCCESS)
}
