//! `outsource-advisor discord`, and the bare command when DISCORD_TOKEN is set.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use tracing_subscriber::filter::{EnvFilter, LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

use super::{CliResult, Global};
use crate::discord::bot::{self, BotConfig, ShardRange};
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

pub(crate) fn run(global: &Global, args: &DiscordArgs) -> CliResult {
    let mut settings = BotConfig::from_env()?;
    if let (Some(range), Some(total)) = (&args.shards, args.shard_total) {
        settings.shards = Some(ShardRange::parse(range, total)?);
    }
    init_logging("warn,outsource_advisor=info");
    let content = super::content(global)?;
    let store = super::store(global)?;
    // `ADVISOR_NOW` sets the scheduler's clock too (fixed), as it sets the CLI's.
    let clock: Arc<dyn crate::clock::Clock> = Arc::from(crate::clock::from_env()?);
    let data = Arc::new(Data::new(content, store).with_clock(clock));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    tracing::info!(settings = ?settings, "starting the Discord bot");
    runtime.block_on(bot::run(settings, data, bot::shutdown_signal()))?;
    Ok(ExitCode::SUCCESS)
}

/// Lets the websocket, HTTP and database crates log what they carry. Unsafe: their frames and
/// pages hold the bot token (IDENTIFY, RESUME), interaction tokens and users' words.
pub(crate) const WIRE_LOG_OPT_IN: &str = "ADVISOR_UNSAFE_WIRE_LOG";

/// The most each target that logs wire content may log, whatever RUST_LOG says. tungstenite logs
/// every frame's payload at trace (`Sending frame: {:?}` as a decimal byte list, `writing frame`
/// in hex), the HTTP stack its bytes at trace, sled the pages it links (users' stored answers) at
/// trace and some at debug; serenity's gateway and HTTP client open spans at
/// info whose fields are the whole event (a message's text, an interaction's token) or request
/// (its body, a route with an interaction token), printed with every event inside them.
const WIRE_TARGETS: &[(&str, LevelFilter)] = &[
    ("tungstenite", LevelFilter::DEBUG),
    ("tokio_tungstenite", LevelFilter::DEBUG),
    ("async_tungstenite", LevelFilter::DEBUG),
    ("hyper", LevelFilter::DEBUG),
    ("hyper_util", LevelFilter::DEBUG),
    ("hyper_rustls", LevelFilter::DEBUG),
    ("h2", LevelFilter::DEBUG),
    ("reqwest", LevelFilter::DEBUG),
    ("rustls", LevelFilter::DEBUG),
    ("tokio_rustls", LevelFilter::DEBUG),
    ("sled", LevelFilter::INFO),
    ("serenity::gateway", LevelFilter::WARN),
    ("serenity::http", LevelFilter::WARN),
];

/// The cap on [`WIRE_TARGETS`], everything else let through to RUST_LOG's filter.
pub(crate) fn wire_cap() -> Targets {
    Targets::new()
        .with_default(LevelFilter::TRACE)
        .with_targets(WIRE_TARGETS.iter().copied())
}

/// Logs to stderr, filtered by RUST_LOG (default: `default`; the bot's is info for this crate,
/// warnings for the rest), with the wire kept out of it unless [`WIRE_LOG_OPT_IN`] is set.
pub(crate) fn init_logging(default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let opted_in = std::env::var_os(WIRE_LOG_OPT_IN).is_some_and(|v| !v.is_empty() && v != "0");
    let _ = tracing_subscriber::registry()
        .with((!opted_in).then(wire_cap))
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                // Colours only for a person at a terminal: a log file or a journal gets plain text.
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .with_filter(filter),
        )
        .try_init();
    if opted_in {
        tracing::warn!("{WIRE_LOG_OPT_IN} is set: the log may carry the bot token and users' words");
    }
}
