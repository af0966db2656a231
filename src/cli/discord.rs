//! `outsource-advisor discord`, and the bare command when DISCORD_TOKEN is set.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::{CliResult, Global};
use crate::discord::bot::{self, Settings, ShardRange};
use crate::discord::Data;

/// Which shards this process runs.
#[derive(Debug, Args, Clone, Default)]
pub struct DiscordArgs {
    /// Run only shards FIRST through LAST (inclusive), such as 0-3, of --shard-total; start each
    /// further process once the previous one's shards have identified (5 s per shard). Needs a
    /// postgres:// --db shared by the processes. Without it, the bot shards automatically.
    #[arg(long, value_name = "FIRST-LAST", requires = "shard_total")]
    pub shards: Option<String>,
    /// How many shards the bot has across all its processes.
    #[arg(long, value_name = "TOTAL", requires = "shards", value_parser = clap::value_parser!(u32).range(1..))]
    pub shard_total: Option<u32>,
}

pub fn run(global: &Global, args: &DiscordArgs) -> CliResult {
    let mut settings = Settings::from_env().map_err(|err| err.to_string())?;
    if let (Some(range), Some(total)) = (&args.shards, args.shard_total) {
        settings.shards = Some(ShardRange::parse(range, total)?);
    }
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
