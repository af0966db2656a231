//! `outsource-advisor history`: past assessments and how the advice moved between them.

use std::process::ExitCode;

use super::{CliResult, Global, UserArg};
use crate::app::{App, NoScheduler};
use crate::chat::text;
use crate::store::block_on;

pub(crate) fn run(global: &Global, user: &UserArg) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let clock = crate::clock::from_env()?;
    let app = App {
        content: &content,
        store: &*store,
        clock: &*clock,
        wake: &NoScheduler,
    };
    let assessments = block_on(app.history(&user.id()))?;
    println!("{}", text::history(&content, &assessments, &user.user));
    Ok(ExitCode::SUCCESS)
}
