//! `outsource-advisor history`: past assessments and how the advice moved between them.

use std::process::ExitCode;

use super::{CliResult, Global, UserArg};
use crate::store::block_on;
use crate::text;

pub fn run(global: &Global, user: &UserArg) -> CliResult {
    let content = super::content(global)?;
    let store = super::store(global)?;
    let data = block_on(store.load(&user.id()))?;
    println!("{}", text::history(&content, &data.assessments, &user.user));
    Ok(ExitCode::SUCCESS)
}
