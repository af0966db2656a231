//! The command line: one file per subcommand, dispatched from here.

mod advice;
mod answers;
mod brief;
mod chart;
mod chat;
mod check;
mod checkin;
mod checkins;
mod discord;
mod due;
mod export;
mod forget;
mod history;
mod parse;
mod progress;
mod salvage;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::advisor::check::FrontKeys;
use crate::advisor::content::{ContentFiles, SourceFile};
use crate::advisor::Content;
use crate::store::{Location, PgStore, Reopening, Store, StoreError, UserId};

/// The sentences of prompts/messages.toml the terminal's subcommands look up by name.
const MESSAGE_KEYS: &[&str] = &[
    "cli.parse_unreadable",
    "cli.parse_no_such_target",
    "cli.check_ok",
    "cli.check_problems",
    "cli.forget_confirm",
    "cli.forget_done",
    "cli.forget_cancelled",
    "cli.forget_needs_yes",
    "cli.no_answers",
    "cli.progress_no_chart",
    "cli.chat_not_text",
    "cli.salvage_saved",
    "cli.salvage_read",
];

/// Every sentence the terminal front needs, for `check`.
pub(crate) fn message_keys() -> FrontKeys {
    FrontKeys {
        front: "cli",
        keys: MESSAGE_KEYS
            .iter()
            .chain(crate::chat::MESSAGE_KEYS)
            .chain(crate::brief::MESSAGE_KEYS)
            .chain(crate::view::CHART_KEYS)
            .chain(crate::view::offer::OFFER_KEYS)
            .map(|k| (*k).to_owned())
            .collect(),
        menus: None,
    }
}

/// Every front's sentences: what `check` validates besides the core's.
pub fn front_keys() -> Vec<FrontKeys> {
    vec![message_keys(), crate::discord::message_keys()]
}

impl UserId {
    /// The records of the terminal user `name` (`--user`).
    pub fn local(name: &str) -> Self {
        UserId(format!("local:{name}"))
    }
}

/// Helps a small-business owner decide whether to outsource their social media marketing.
///
/// With no subcommand: runs the Discord bot when DISCORD_TOKEN is set, otherwise the terminal chat.
#[derive(Debug, Parser)]
#[command(name = "outsource-advisor", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// The database: a folder (sled, one process), or a postgres:// URL (several processes).
    #[arg(long, global = true, env = "ADVISOR_DB", default_value = "advisor-db")]
    pub db: PathBuf,
    /// A folder holding prompts/ and data/ to use instead of the built-in copy.
    #[arg(long, global = true, env = "ADVISOR_CONTENT")]
    pub content: Option<PathBuf>,
}

/// Which user's records a command works on.
#[derive(Debug, Args, Clone)]
pub struct UserArg {
    /// The local user name (each name has its own answers).
    #[arg(long, default_value = "local")]
    pub user: String,
}

impl UserArg {
    pub(crate) fn id(&self) -> UserId {
        UserId::local(&self.user)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interview in the terminal, one question at a time (works with piped input too).
    Chat(UserArg),
    /// Each saved answer: your words, how they were read, and when.
    Answers(answers::AnswersArgs),
    /// The recommendation from the saved answers.
    Advice(advice::AdviceArgs),
    /// Past assessments and how the advice changed between them.
    History(UserArg),
    /// Everything stored about a user, as JSON (or the answers alone as CSV).
    Export(export::ExportArgs),
    /// A brief made from the answers and the advice, to hand to a provider (Markdown).
    Brief(brief::BriefArgs),
    /// The advice as a PNG chart: the five outcomes' scores and what pushed hardest.
    Chart(chart::ChartArgs),
    /// Delete every record of a user.
    Forget(forget::ForgetArgs),
    /// How an answer would be read, as one JSON line.
    Parse(parse::ParseArgs),
    /// Turn check-ins at the failure point on or off (`--on [--every 2w]`, `--off`).
    Checkins(checkins::CheckinsArgs),
    /// Log a check-in (spend, followers, leads, sales) and see the verdict.
    Checkin(checkin::CheckinArgs),
    /// Every check-in logged, the verdict from your failure point, and the figures behind it.
    Progress(progress::ProgressArgs),
    /// The check-ins due now, for every user (ADVISOR_NOW sets now).
    Due(due::DueArgs),
    /// Save every record still readable from a damaged sled store (--db) into a new one, or as JSON.
    Salvage(salvage::SalvageArgs),
    /// Validate prompts/ and data/.
    Check,
    /// The Discord bot (reads DISCORD_TOKEN, DISCORD_GUILD_ID and DISCORD_API_BASE).
    Discord(discord::DiscordArgs),
}

/// Runs the command line and returns the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => chat::run_default(&cli.global),
        Some(Command::Chat(user)) => chat::run(&cli.global, &user),
        Some(Command::Answers(args)) => answers::run(&cli.global, &args),
        Some(Command::Advice(args)) => advice::run(&cli.global, &args),
        Some(Command::History(user)) => history::run(&cli.global, &user),
        Some(Command::Export(args)) => export::run(&cli.global, &args),
        Some(Command::Brief(args)) => brief::run(&cli.global, &args),
        Some(Command::Chart(args)) => chart::run(&cli.global, &args),
        Some(Command::Forget(args)) => forget::run(&cli.global, &args),
        Some(Command::Parse(args)) => parse::run(&cli.global, &args),
        Some(Command::Checkins(args)) => checkins::run(&cli.global, &args),
        Some(Command::Checkin(args)) => checkin::run(&cli.global, &args),
        Some(Command::Progress(args)) => progress::run(&cli.global, &args),
        Some(Command::Due(args)) => due::run(&cli.global, &args),
        Some(Command::Salvage(args)) => salvage::run(&cli.global, &args),
        Some(Command::Check) => check::run(&cli.global),
        Some(Command::Discord(args)) => discord::run(&cli.global, &args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("outsource-advisor: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A failure worth one line on stderr.
pub(crate) type CliResult = Result<ExitCode, CliError>;

/// Why a command failed, kept typed until the one place that prints it ([`run`]): a store's
/// error stays a [`StoreError`] across the layers, never matched by its text.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Chart(#[from] crate::chart::ChartError),
    #[error(transparent)]
    Bot(#[from] crate::discord::bot::BotError),
    /// A setting, a file or the content, in words that name it.
    #[error("{0}")]
    Said(String),
}

impl From<String> for CliError {
    fn from(said: String) -> Self {
        CliError::Said(said)
    }
}

impl From<&str> for CliError {
    fn from(said: &str) -> Self {
        CliError::Said(said.to_owned())
    }
}

/// Reads prompts/ and data/ from `dir`.
pub fn read_content_dir(dir: &Path) -> Result<ContentFiles, String> {
    let read = |relative: &str| -> Result<SourceFile, String> {
        let path = dir.join(relative);
        std::fs::read_to_string(&path)
            .map(|text| SourceFile {
                path: relative.to_owned(),
                text,
            })
            .map_err(|err| format!("cannot read {}: {err}", path.display()))
    };
    Ok(ContentFiles {
        questions: read(ContentFiles::QUESTIONS)?,
        messages: read(ContentFiles::MESSAGES)?,
        rules: read(ContentFiles::RULES)?,
        checklist: read(ContentFiles::CHECKLIST)?,
        facts: read(ContentFiles::FACTS)?,
    })
}

/// The content files in use: `--content DIR` (or ADVISOR_CONTENT), else the built-in copy.
pub(crate) fn content_files(global: &Global) -> Result<ContentFiles, String> {
    match &global.content {
        Some(dir) => read_content_dir(dir),
        None => Ok(ContentFiles::built_in()),
    }
}

/// The parsed content in use.
pub(crate) fn content(global: &Global) -> Result<Content, String> {
    let files = content_files(global)?;
    Content::load(&files).map_err(|err| format!("{err} (run `outsource-advisor check` for details)"))
}

/// Opens the database: PostgreSQL for a `postgres://` (or `postgresql://`) URL, else the sled
/// folder at that path; a URL of any other scheme is refused ([`crate::store::locate`]).
pub(crate) fn store(global: &Global) -> Result<Arc<dyn Store>, CliError> {
    match crate::store::locate(global.db.as_os_str()).map_err(|err| format!("--db: {err}"))? {
        Location::Postgres(url) => Ok(Arc::new(PgStore::open(&url)?)),
        // A store that opens itself again after a failed write (a full disk), without a restart.
        Location::Sled(path) => Ok(Arc::new(Reopening::open(&path).map_err(|err| {
            match err {
                // Another store is named on the command line; the store does not know how.
                StoreError::Locked { .. } => format!("{err} (or pass --db with another folder)"),
                // The way out of a damaged store: what is still readable, saved elsewhere.
                StoreError::Corrupt { .. } => {
                    format!("{err}; `outsource-advisor salvage --to NEW-FOLDER` saves every record still readable")
                }
                err => return CliError::Store(err),
            }
            .into()
        })?)),
    }
}
