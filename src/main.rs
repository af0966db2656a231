//! The `outsource-advisor` binary: everything lives in the library; this only parses arguments.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    outsource_advisor::cli::run(outsource_advisor::cli::Cli::parse())
}
