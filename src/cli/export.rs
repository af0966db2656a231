//! `outsource-advisor export`: everything stored about a user, as JSON on stdout.

use std::process::ExitCode;

use super::{CliResult, Global, UserArg};

pub fn run(global: &Global, user: &UserArg) -> CliResult {
    let store = super::store(global)?;
    let export = store.export(&user.id()).map_err(|err| err.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&export).map_err(|err| err.to_string())?
    );
    Ok(ExitCode::SUCCESS)
}
