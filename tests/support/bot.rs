//! The real bot, run in-process against the stand-in on a temporary store.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use outsource_advisor::advisor::Content;
use outsource_advisor::discord::bot::{self, BotConfig, BotError, FloodLimit};
use outsource_advisor::discord::Data;
use outsource_advisor::store::SledStore;
use tokio::sync::oneshot;

use super::standin::StandIn;

pub const TOKEN: &str = "standin.bot-token.secret-value";

pub struct RunningBot {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), BotError>>,
}

/// Starts the bot on the store at `db`, registering commands in `guild` if given, and waits
/// until it is READY and has registered them.
pub async fn start(standin: &StandIn, db: &Path, guild: Option<u64>) -> RunningBot {
    // Tests click far faster than people; the flood test sets its own limit.
    let flood_limit = FloodLimit {
        burst: 10_000.0,
        per_second: 10_000.0,
    };
    start_with_flood_limit(standin, db, guild, flood_limit).await
}

/// Starts the bot on `data` (its store and clock: a test's fake clock drives the check-in
/// scheduler) and waits until it is READY.
pub async fn start_with_data(standin: &StandIn, data: Data, guild: Option<u64>) -> RunningBot {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .try_init();
    let before = standin.shared.lock().ready_count;
    let settings = BotConfig {
        token: TOKEN.to_owned(),
        api_base: Some(standin.base_url()),
        guild_id: guild,
        flood_limit: FloodLimit {
            burst: 10_000.0,
            per_second: 10_000.0,
        },
        shards: None,
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot::run(settings, Arc::new(data), async move {
        let _ = stopped.await;
    }));
    standin.wait_ready(before + 1).await;
    RunningBot { stop: Some(stop), task }
}

/// [`start`] with the per-user flood limit a user has in production (or any other).
pub async fn start_with_flood_limit(
    standin: &StandIn,
    db: &Path,
    guild: Option<u64>,
    flood_limit: FloodLimit,
) -> RunningBot {
    // RUST_LOG=outsource_advisor=debug shows the bot's log in a failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .try_init();
    let before = standin.shared.lock().ready_count;
    let store = SledStore::open(db).expect("the store opens");
    let data = Arc::new(Data::new(Content::built_in(), Arc::new(store)));
    let settings = BotConfig {
        token: TOKEN.to_owned(),
        api_base: Some(standin.base_url()),
        guild_id: guild,
        flood_limit,
        shards: None,
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let mut task = tokio::spawn(bot::run(settings, data, async move {
        let _ = stopped.await;
    }));
    tokio::select! {
        () = standin.wait_ready(before + 1) => {}
        ended = &mut task => {
            let requests: Vec<String> = standin.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
            panic!("the bot stopped before READY: {ended:?}; requests {requests:?}; base {}", standin.base_url())
        }
    }
    RunningBot { stop: Some(stop), task }
}

impl RunningBot {
    /// Asks the bot to stop and waits until it has, with the store flushed and closed.
    pub async fn stop(mut self) -> Result<(), BotError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let result = tokio::time::timeout(Duration::from_secs(15), &mut self.task)
            .await
            .expect("the bot stops within 15 s")
            .expect("the bot task did not panic");
        result
    }
}
