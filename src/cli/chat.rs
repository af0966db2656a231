//! `outsource-advisor chat` and the bare command.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use super::{CliResult, Global, UserArg};
use crate::app::interview::Session;

pub(crate) fn run(global: &Global, user: &UserArg) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    // After the store opened (a failure to open is the one line on stderr): from here a store
    // error is logged on stderr, with the user and the cause, while the chat says only that
    // something went wrong. Warnings and errors by default, so the operator sees it.
    super::discord::init_logging("warn");
    let session = Session::new(&content, &*store, &*clock);
    let prompt = io::stdin().is_terminal();
    crate::chat::run(session, &user.id(), io::stdin().lock(), io::stdout().lock(), prompt)?;
    Ok(ExitCode::SUCCESS)
}

/// No subcommand: the Discord bot when a token is set, otherwise the chat.
pub(crate) fn run_default(global: &Global) -> CliResult {
    let has_token = std::env::var_os("DISCORD_TOKEN").is_some_and(|t| !t.is_empty());
    if has_token {
        return super::discord::run(global, &super::discord::DiscordArgs::default());
    }
    run(
        global,
        &UserArg {
            user: "local".to_owned(),
        },
    )
}
