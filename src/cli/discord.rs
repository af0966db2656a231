//! `outsource-advisor discord`, and the bare command when DISCORD_TOKEN is set.

use std::process::ExitCode;
use std::sync::Arc;

use super::{CliResult, Global};
use crate::discord::bot::{self, Settings};
use crate::discord::Data;

pub fn run(global: &Global) -> CliResult {
    let settings = Settings::from_env().map_err(|err| err.to_string())?;
    init_logging();
    let content = super::content(global)?;
    let store = super::store(global)?;
    let data = Arc::new(Data::new(content, store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| err.to_string())?;
    tracing::info!(settings = ?settings, "starting the Discord bot");
    runtime
        .block_on(bot::run(settings, data, bot::shutdown_signal()))
        .map_err(|err| err.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// Logs to stderr, filtered by RUST_LOG (default: info for this crate, warnings for the rest).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,outsource_advisor=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
