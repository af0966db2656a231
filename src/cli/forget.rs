//! `outsource-advisor forget`: deletes every record of a user, after confirmation.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use super::{CliResult, Global, UserArg};
use crate::store::block_on;

#[derive(Debug, Args)]
pub struct ForgetArgs {
    #[command(flatten)]
    pub user: UserArg,
    /// Don't ask for confirmation (for scripts).
    #[arg(long)]
    pub yes: bool,
}

pub fn run(global: &Global, args: &ForgetArgs) -> CliResult {
    let content = super::content(global)?;
    let m = &content.messages;
    let name = args.user.user.as_str();
    if !args.yes {
        if !io::stdin().is_terminal() {
            eprintln!("{}", m.get("cli.forget_needs_yes"));
            return Ok(ExitCode::FAILURE);
        }
        print!("{}", m.fill("cli.forget_confirm", &[("user", name)]));
        io::stdout().flush().map_err(|err| err.to_string())?;
        let mut reply = String::new();
        io::stdin()
            .lock()
            .read_line(&mut reply)
            .map_err(|err| err.to_string())?;
        if !reply.trim().eq_ignore_ascii_case("yes") {
            println!("{}", m.get("cli.forget_cancelled"));
            return Ok(ExitCode::FAILURE);
        }
    }
    let store = super::store(global)?;
    let count = block_on(store.forget(&args.user.id())).map_err(|err| err.to_string())?;
    println!(
        "{}",
        m.fill("cli.forget_done", &[("user", name), ("count", &count.to_string())])
    );
    Ok(ExitCode::SUCCESS)
}
