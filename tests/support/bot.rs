//! The real bot, run in-process against the stand-in on a temporary store.

use std::path::Path;
use std::process::{Child, Command, Stdio};
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
        guild_id: guild.map(Into::into),
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
        guild_id: guild.map(Into::into),
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

/// The real binary's `discord` command on the database `db` against the stand-in, as each
/// process test starts it: `token`, warnings logged, no guild of the developer's environment, no
/// stdin. Tests add their arguments, variables and pipes.
pub fn command(standin: &StandIn, token: &str, db: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(exe());
    command
        .arg("discord")
        .env("DISCORD_TOKEN", token)
        .env("DISCORD_API_BASE", standin.base_url())
        .env("ADVISOR_DB", db)
        .env("RUST_LOG", "warn")
        .env_remove("DISCORD_GUILD_ID")
        .stdin(Stdio::null());
    command
}

/// The real binary. `CARGO_BIN_EXE_*` is only given to the package's own tests, not to this
/// library, so it is found where cargo puts it for them: beside the test binary's `deps/`.
/// (Cargo always builds it before a package's integration tests and benchmarks.)
pub fn exe() -> std::path::PathBuf {
    let test = std::env::current_exe().expect("the test binary knows its path");
    let mut dir = test.parent().expect("the test binary is in a directory").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join(format!("outsource-advisor{}", std::env::consts::EXE_SUFFIX))
}

/// The real binary as a separate bot process, against the stand-in; killed when dropped, so a
/// failing assertion never leaves it running.
pub struct BotProcess(Child);

impl BotProcess {
    /// Starts `command` (from [`command`]).
    pub fn start(command: &mut Command) -> BotProcess {
        BotProcess(command.spawn().expect("the bot starts"))
    }

    /// Starts shards `range` of 4 with `token` on the database at `url`; `env` adds variables (a
    /// test's `ADVISOR_NOW`).
    pub fn spawn(standin: &StandIn, token: &str, url: &str, range: &str, env: &[(&str, &str)]) -> BotProcess {
        BotProcess::start(
            command(standin, token, url)
                .args(["--shards", range, "--shard-total", "4"])
                .envs(env.iter().copied())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit()),
        )
    }

    /// Asks it to stop as Ctrl-C or a service manager would (SIGTERM), and waits until it has:
    /// a DM it had started is sent (and recorded by the stand-in) before it exits.
    pub fn stop(mut self) {
        let stopped = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(stopped.success());
        let status = self.0.wait().expect("the bot exits");
        assert!(status.success(), "the bot stopped cleanly: {status}");
    }
}

impl std::ops::Deref for BotProcess {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for BotProcess {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
