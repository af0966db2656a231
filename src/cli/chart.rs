//! `outsource-advisor chart --out FILE.png`: the advice as a picture.

use crate::store::Wait;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{CliResult, Global, UserArg};
use crate::app::interview::Session;
use crate::chart::Theme;
use crate::view::verdict::{self, Verdict};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ThemeArg {
    Dark,
    Light,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// The PNG file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Colours for a dark or a light page.
    #[arg(long, value_enum, default_value = "dark")]
    pub theme: ThemeArg,
    /// Width and height in pixels.
    #[arg(long, default_value_t = 800)]
    pub width: u32,
    #[arg(long, default_value_t = 450)]
    pub height: u32,
}

pub(crate) fn run(global: &Global, args: &ChartArgs) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let (interview, advice) = Session::new(&content, &*store, &*clock)
        .advice(&args.user.id())
        .wait()?;
    let theme = match args.theme {
        ThemeArg::Dark => Theme::DARK,
        ThemeArg::Light => Theme::LIGHT,
    };
    let verdict = Verdict::of(&content, &interview, &advice);
    let Some(bars) = verdict::advice_chart(&content, &verdict) else {
        // Too little to go on: no picture of a sentence; say what is needed, write nothing.
        eprintln!("{}", verdict::need_more(&content, &verdict));
        return Ok(ExitCode::FAILURE);
    };
    let png = bars.render((args.width, args.height), &theme)?;
    write_whole(&args.out, &png)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so a failure never
/// leaves half a file under the name asked for.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let mut temporary = name.to_owned();
    temporary.push(".partial");
    let temporary = path.with_file_name(temporary);
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|err| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot write {}: {err}", path.display())
        })
}
