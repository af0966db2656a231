//! `outsource-advisor forget`: deletes every record of a user, after confirmation.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::app::{App, NoScheduler};
use crate::store::block_on;

#[derive(Debug, Args)]
pub struct ForgetArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Don't ask for confirmation (for scripts).
    #[arg(long)]
    pub yes: bool,
}

pub(crate) fn run(global: &Global, args: &ForgetArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let name = args.user.user.as_str();
    if !args.yes {
        if !io::stdin().is_terminal() {
            eprintln!("{}", m.get("cli.forget_needs_yes"));
            return Ok(ExitCode::FAILURE);
        }
        print!("{}", m.fill("cli.forget_confirm", &[("user", name)]));
        io::stdout().flush()?;
        let mut reply = String::new();
        io::stdin().lock().read_line(&mut reply)?;
        if !reply.trim().eq_ignore_ascii_case("yes") {
            println!("{}", m.get("cli.forget_cancelled"));
            return Ok(ExitCode::FAILURE);
        }
    }
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let app = App {
        content: &content,
        store: &*store,
        clock: &*clock,
        wake: &NoScheduler,
    };
    let count = block_on(app.forget(&args.user.id()))?;
    println!(
        "{}",
        m.fill("cli.forget_done", &[("user", name), ("count", &count.to_string())])
    );
    Ok(ExitCode::SUCCESS)
}
