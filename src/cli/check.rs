//! `outsource-advisor check`: validates prompts/ and data/, printing each problem with file and
//! line; exits 1 if there is any.

use std::process::ExitCode;

use super::{CliResult, Global};
use crate::advisor::{check, Content};

pub(crate) fn run(global: &Global) -> CliResult {
    let files = super::content_files(global)?;
    let content = match Content::load(&files) {
        Ok(content) => content,
        Err(err) => {
            println!("{err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let problems = check::check_with(&files, &content, &super::front_keys());
    let m = &content.messages;
    if problems.is_empty() {
        println!(
            "{}",
            m.fill(
                "cli.check_ok",
                &[
                    ("questions", &content.questions.len().to_string()),
                    ("factors", &content.rules.factor.len().to_string()),
                    ("items", &content.checklist.len().to_string()),
                ],
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        println!("{problem}");
    }
    println!(
        "{}",
        m.fill("cli.check_problems", &[("count", &problems.len().to_string())])
    );
    Ok(ExitCode::FAILURE)
}
