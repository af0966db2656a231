//! Running the bot: settings from the environment, the serenity client, and a graceful stop.
//!
//! REST goes to Discord unless `DISCORD_API_BASE` names another base URL. That is a real feature
//! for bots that send REST through a shared rate-limit proxy (nirn-proxy, twilight-http-proxy),
//! and it is how the tests point the real client at a local stand-in for Discord. The gateway URL
//! comes, as always, from `GET /gateway/bot`. With a base set, serenity's own rate limiter is off
//! (the proxy does that job), and the bot itself honours any 429's `retry_after`.

use std::future::Future;
use std::sync::Arc;

use serenity::all::{ClientBuilder, GatewayIntents, HttpBuilder};

use super::gate::Gate;
use super::handler::Handler;
use super::throttle::Throttle;
use super::Data;
use serenity::all::GuildId;

/// What the bot needs to connect. The token is never printed: `Debug` hides it.
#[derive(Clone)]
pub struct BotConfig {
    pub token: String,
    /// Send REST here instead of to Discord (a rate-limit proxy, or a test's stand-in).
    pub api_base: Option<String>,
    /// Register the slash commands in this guild only (they appear at once; global ones can take
    /// up to an hour).
    pub guild_id: Option<GuildId>,
    /// How many events a user may send at once, and how many a second after that.
    pub flood_limit: FloodLimit,
    /// The shards this process runs; None shards automatically (Discord's recommended count, all
    /// in this process).
    pub shards: Option<ShardRange>,
}

/// Shards `first` through `last` (inclusive) of `total`: one process's share when several
/// processes on one database (PostgreSQL) split the bot's guilds between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    pub first: u32,
    pub last: u32,
    pub total: u32,
}

impl ShardRange {
    /// From `--shards FIRST-LAST` (or a single `N`) and `--shard-total TOTAL`.
    pub(crate) fn parse(range: &str, total: u32) -> Result<ShardRange, String> {
        let number = |text: &str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| format!("--shards takes FIRST-LAST, such as 0-3, got {range:?}"))
        };
        let (first, last) = match range.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => (number(range)?, number(range)?),
        };
        if first > last {
            return Err(format!("--shards {range}: the first shard comes after the last"));
        }
        if last >= total {
            return Err(format!(
                "--shards {range}: shard ids run from 0 to {} when --shard-total is {total}",
                total.saturating_sub(1)
            ));
        }
        Ok(ShardRange { first, last, total })
    }
}

/// The per-user flood limit: a burst, then a steady rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloodLimit {
    pub burst: f64,
    pub per_second: f64,
}

impl Default for FloodLimit {
    /// A burst of 10, then 2 a second: more than anyone clicks through an interview, far less than
    /// Discord's limits.
    fn default() -> Self {
        FloodLimit {
            burst: 10.0,
            per_second: 2.0,
        }
    }
}

impl std::fmt::Debug for BotConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotConfig")
            .field("token", &"<hidden>")
            .field("api_base", &self.api_base)
            .field("guild_id", &self.guild_id)
            .field("flood_limit", &self.flood_limit)
            .field("shards", &self.shards)
            .finish()
    }
}

/// Why the bot could not run. Never carries the token.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("DISCORD_TOKEN is not set (put it in the environment or in a .env file)")]
    NoToken,
    #[error("DISCORD_GUILD_ID must be a number, got {0:?}")]
    BadGuild(String),
    #[error("could not connect to Discord: {0}")]
    Connect(String),
}

impl BotConfig {
    /// Reads DISCORD_TOKEN, DISCORD_API_BASE and DISCORD_GUILD_ID (after loading a `.env` file, if
    /// there is one, without overriding the environment).
    pub(crate) fn from_env() -> Result<BotConfig, BotError> {
        let _ = dotenvy::dotenv();
        let token = std::env::var("DISCORD_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or(BotError::NoToken)?;
        let api_base = std::env::var("DISCORD_API_BASE").ok().filter(|b| !b.trim().is_empty());
        let guild_id = match std::env::var("DISCORD_GUILD_ID") {
            Ok(text) if !text.trim().is_empty() => Some(text.trim().parse().map_err(|_| BotError::BadGuild(text))?),
            _ => None,
        };
        Ok(BotConfig {
            token: token.trim().to_owned(),
            api_base,
            guild_id,
            flood_limit: FloodLimit::default(),
            shards: None,
        })
    }
}

/// The fewest intents that serve: slash commands and components need none; chat needs DMs, and
/// guild messages for mentions (Discord sends the content of a message that mentions the bot
/// without the privileged message-content intent).
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES
}

/// Runs the bot until `stop` completes, then stops taking work, lets the work in flight finish,
/// closes the gateway and flushes the store.
pub async fn run(
    settings: BotConfig,
    data: Arc<Data>,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BotError> {
    let mut http = HttpBuilder::new(&settings.token);
    if let Some(base) = &settings.api_base {
        // serenity sends through the proxy only with its own rate limiter off: the proxy is the
        // one that keeps to Discord's limits. A 429 that still comes back is retried by us after
        // its `retry_after` (see `handler::with_retry`).
        http = http.proxy(base.trim_end_matches('/')).ratelimiter_disabled(true);
    }
    // The readers' regexes compile on first use; done here, the first users are not kept waiting.
    crate::advisor::read::warm_up(&data.content.questions);
    let gate = Arc::new(Gate::default());
    let throttle = Throttle::new(settings.flood_limit.burst, settings.flood_limit.per_second);
    // The handler holds the only sender; serenity drops it once its last event task is done, and
    // `recv` then returns None (mini-redis's shutdown: wait for the senders to drop).
    let (alive, mut handler_gone) = tokio::sync::mpsc::channel::<()>(1);
    let handler = Handler::new(Arc::clone(&data), settings.guild_id, Arc::clone(&gate), throttle, alive);
    let mut client = ClientBuilder::new_with_http(http.build(), intents())
        .event_handler(handler)
        .await
        .map_err(|err| BotError::Connect(err.to_string()))?;

    // Check-ins go out from every process; the store's claim sends each once (see scheduler).
    let dms = super::checkin_dm::Dms::new(settings.api_base.as_deref(), &settings.token);
    let scheduler = super::scheduler::spawn(Arc::clone(&data), dms);
    let shards = Arc::clone(&client.shard_manager);
    let stopping = tokio::spawn(async move {
        stop.await;
        tracing::info!("stopping: finishing the work in flight");
        gate.close_and_drain().await;
        shards.shutdown_all().await;
    });
    let result = match settings.shards {
        // serenity 0.12 reads the range's end as the last shard to run (inclusive).
        Some(range) => client.start_shard_range(range.first..range.last, range.total).await,
        None => client.start_autosharded().await,
    };
    stopping.abort();
    drop(client);
    scheduler.stop().await;
    // The shards' last event tasks may still hold the handler for a moment; wait (at most 5 s)
    // for it to be dropped, so the store is closed, not just flushed, when this returns.
    let wait = std::time::Duration::from_secs(5);
    if tokio::time::timeout(wait, handler_gone.recv()).await.is_err() {
        tracing::warn!("an event task still holds the handler after 5 s; flushing the store anyway");
    }
    if let Err(err) = data.store.flush().await {
        tracing::error!(error = %err, "could not flush the store on the way out");
    }
    tracing::info!("stopped");
    result.map_err(|err| BotError::Connect(err.to_string()))
}

/// Completes on Ctrl-C or SIGTERM.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::ShardRange;

    #[test]
    fn shard_ranges_read_as_first_last_of_total_and_bad_ones_are_named() {
        let range = |first, last, total| Ok(ShardRange { first, last, total });
        let table: &[(&str, u32, Result<ShardRange, &str>)] = &[
            ("0-3", 8, range(0, 3, 8)),
            ("4-7", 8, range(4, 7, 8)),
            (" 2 - 2 ", 4, range(2, 2, 4)),
            ("5", 8, range(5, 5, 8)),
            ("3-1", 4, Err("comes after the last")),
            ("0-4", 4, Err("from 0 to 3")),
            ("0-3", 0, Err("from 0 to 0")),
            ("a-b", 4, Err("takes FIRST-LAST")),
            ("-1", 4, Err("takes FIRST-LAST")),
        ];
        for (text, total, expected) in table {
            match (ShardRange::parse(text, *total), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, *want, "{text}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text}: {got}"),
                (got, want) => panic!("{text} of {total}: got {got:?}, wanted {want:?}"),
            }
        }
    }
}
