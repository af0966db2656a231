//! The PostgreSQL backend, for more than one process (shard ranges) on one database.
//!
//! The records are sled's, row for row: `advisor_records` keeps each record's key (the bytes sled
//! keeps after the user's prefix, see [`super::record`]) and its JSON envelope, byte for byte. So
//! the export, the decoding and the refusal of newer records are the same code as sled's.
//!
//! Each write is one transaction that first locks the user's row in `advisor_users`
//! (`SELECT ... FOR UPDATE`): writers of one user take turns across every process, and each answer
//! is atomic. A commit returns once PostgreSQL has flushed its WAL (`synchronous_commit` on, its
//! default), so a returned `Ok` is durable, as the store promises.
//!
//! Check-ins are a record row like the others (`checkins`); their due index is the table
//! `advisor_checkin_due`, one row per user while check-ins are on, indexed by due time for the
//! scheduler's scan, changed in the same transaction as the record. The export shows each due row
//! as sled keeps it (`checkins/due/AT` with `{"claimed": ...}`), so both backends export alike.
//!
//! The operations are async ([`PgStore`]'s inherent methods, crate-private, in `records.rs`,
//! `checkins.rs` and `migrations.rs`, as sled's are split): callers reach them
//! through the [`Store`] trait, whose every call runs within [`OPERATION_TIMEOUT`] on the
//! caller's runtime, or on the store's own small one for a caller with none (`on_runtime`).

use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, PoolError, RecyclingMethod};
use serde_json::json;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row};
use tracing::{debug, info, warn};

use super::record::{self, DueEntry, Kind};
use super::{Assessment, Seen, Settings, Store, StoreError, Update, UserData, UserId, MAX_ASSESSMENTS};
use crate::advisor::checkin::CheckinRecord;
use crate::advisor::Interview;

mod checkins;
mod migrations;
mod records;

/// Connections kept by one process. A write holds one for a few round trips; the bot's handlers
/// beyond this many wait their turn rather than open more (PostgreSQL's default allows 100 in all).
const POOL_SIZE: usize = 16;

/// How long to wait for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long one operation (an answer: a connection from the pool, its statements and its commit)
/// may take before it is given up and reported as [`StoreError::TimedOut`]. A locked row or a
/// frozen server otherwise held an answer for as long as it lasted (29.6 s and 45 s in the probes);
/// a Discord interaction has 3 s before it must be deferred. The server's own limits below end a
/// stuck statement sooner, with its transaction rolled back.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(4);

/// The server's limits, set on every connection (`-c` options at connect): a statement waiting
/// for a row lock this long fails (`lock_timeout`), any statement running this long fails
/// (`statement_timeout`), and a transaction left idle (its client gone) is ended.
const SERVER_LIMITS: &str =
    "-c lock_timeout=2000 -c statement_timeout=3000 -c idle_in_transaction_session_timeout=10000";

/// How long an operation waits for a pooled connection (all in use) or for a new one to be made.
const POOL_WAIT: Duration = Duration::from_secs(3);

/// TCP keepalives on every connection: a server gone without a word (a cut network, a host
/// powered off) is noticed after idle + interval × retries (16 s) instead of the kernel's two
/// hours, and unacknowledged data gives up after [`UNACKED_LIMIT`].
const KEEPALIVE_IDLE: Duration = Duration::from_secs(10);
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(2);
const KEEPALIVE_RETRIES: u32 = 3;
const UNACKED_LIMIT: Duration = Duration::from_secs(10);

/// Per-user records in PostgreSQL.
pub struct PgStore {
    pool: Pool,
    /// The server as named in messages and logs: host, port, database and user, never the password.
    shown: String,
    /// Drives the sync [`Store`] methods (see [`PgStore::blocking`]); taken on drop.
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("server", &self.shown)
            .finish_non_exhaustive()
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // Dropping a runtime waits for its tasks, which panics inside another runtime (the bot's
        // data may be dropped there); the pool's connections need no goodbye.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The server named by `config`, for messages: `HOST:PORT/DATABASE as USER`.
fn describe_server(config: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().or(config.get_user()).unwrap_or("postgres");
    match config.get_user() {
        Some(user) => format!("{host}:{port}/{db} as {user}"),
        None => format!("{host}:{port}/{db}"),
    }
}

impl PgStore {
    /// Connects to the server at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`) and
    /// brings its schema up to this build's version.
    ///
    /// Errors, each one line without the password: [`StoreError::Unreachable`] (no server there),
    /// [`StoreError::Denied`] (wrong user or password), [`StoreError::NewerDatabase`] (migrated by a
    /// newer build; nothing is changed), [`StoreError::Backend`] for anything else.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let mut config = tokio_postgres::Config::from_str(url).map_err(|_| {
            StoreError::Backend(
                "the --db value is not a valid postgres:// URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)"
                    .to_owned(),
            )
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // The URL's own options (a search_path) are kept; the limits come after, so they win.
        let options = match config.get_options() {
            Some(given) if !given.trim().is_empty() => format!("{given} {SERVER_LIMITS}"),
            _ => SERVER_LIMITS.to_owned(),
        };
        config
            .options(options)
            .keepalives(true)
            .keepalives_idle(KEEPALIVE_IDLE)
            .keepalives_interval(KEEPALIVE_INTERVAL)
            .keepalives_retries(KEEPALIVE_RETRIES)
            .tcp_user_timeout(UNACKED_LIMIT);
        let shown = describe_server(&config);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("advisor-pg")
            .enable_all()
            .build()
            .map_err(|e| StoreError::Backend(format!("could not start the database thread: {e}")))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT))
            .create_timeout(Some(POOL_WAIT.max(CONNECT_TIMEOUT)))
            .recycle_timeout(Some(POOL_WAIT))
            .build()
            .map_err(|e| StoreError::Backend(e.to_string()))?;
        let store = PgStore {
            pool,
            shown,
            runtime: Some(runtime),
        };
        store.blocking(store.migrate())?;
        info!(server = %store.shown, "PostgreSQL store open");
        Ok(store)
    }

    /// Runs `operation` to its end on this store's own runtime, blocking the calling thread: for
    /// the callers with no runtime of their own (opening the store, a caller of the async
    /// [`Store`] trait outside any runtime, through `on_runtime`, and the tests' `put_raw_blocking`).
    /// Never called from an async task: tokio refuses to block a runtime's worker, and says so.
    fn blocking<F: Future>(&self, operation: F) -> F::Output {
        self.runtime
            .as_ref()
            .expect("the runtime lives until drop")
            .block_on(operation)
    }

    /// Runs `operation` on the caller's runtime when there is one (it must have I/O and timers
    /// enabled, as the bot's does), else on this store's own (blocking the caller's thread, which
    /// then has no runtime to block).
    ///
    /// The operation is given [`OPERATION_TIMEOUT`]: past it, it is dropped (its transaction,
    /// uncommitted, is rolled back by the server when the connection goes) and
    /// [`StoreError::TimedOut`] returned; the idle connections are closed, since one that did not
    /// answer may be stuck behind a frozen server, and the next operation connects afresh.
    async fn on_runtime<T: Send, F: Future<Output = Result<T, StoreError>> + Send>(
        &self,
        operation: F,
    ) -> Result<T, StoreError> {
        let limited = async {
            match tokio::time::timeout(OPERATION_TIMEOUT, operation).await {
                Ok(result) => result,
                Err(_) => {
                    let closed = self.pool.retain(|_, _| false).removed.len();
                    warn!(server = %self.shown, closed, "a database operation timed out; its change was given up");
                    Err(StoreError::TimedOut {
                        server: self.shown.clone(),
                        seconds: OPERATION_TIMEOUT.as_secs(),
                    })
                }
            }
        };
        if tokio::runtime::Handle::try_current().is_ok() {
            limited.await
        } else {
            self.blocking(limited)
        }
    }

    /// What a failure of the server or the pool means for the user.
    fn error(&self, err: impl Into<PgFailure>) -> StoreError {
        match err.into() {
            PgFailure::Pool(PoolError::Backend(e)) | PgFailure::Db(e) => self.db_error(&e),
            PgFailure::Pool(PoolError::Timeout(_)) => StoreError::Unreachable {
                server: self.shown.clone(),
                detail: "timed out".to_owned(),
            },
            PgFailure::Pool(other) => StoreError::Backend(other.to_string()),
        }
    }

    fn db_error(&self, err: &tokio_postgres::Error) -> StoreError {
        let server = self.shown.clone();
        if let Some(code) = err.code() {
            if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
                let detail = err
                    .as_db_error()
                    .map_or_else(|| "login refused".to_owned(), |db| db.message().to_owned());
                return StoreError::Denied { server, detail };
            }
        }
        if let Some(db) = err.as_db_error() {
            return StoreError::Backend(format!("{server}: {} ({})", db.message(), db.code().code()));
        }
        let io = std::error::Error::source(err).and_then(|s| s.downcast_ref::<std::io::Error>());
        match io {
            Some(io) => StoreError::Unreachable {
                server,
                detail: io.to_string(),
            },
            // A closed connection: tokio-postgres's own words carry no secrets. (A connect that
            // times out is an io error above, `TimedOut`; tokio-postgres's `Kind::Timeout` is its
            // sync client's, which this crate does not use: no error's text is read to find one.)
            None if err.is_closed() => StoreError::Unreachable {
                server,
                detail: err.to_string(),
            },
            None => StoreError::Backend(format!("{server}: {err}")),
        }
    }

    /// Writes `body` under `user`'s key `key` (the bytes after the user's prefix, as
    /// [`record`] lays them out) with no checks: for tests and repair tools that need a record
    /// this build would not write.
    #[cfg(feature = "testkit")]
    pub(crate) async fn put_raw(&self, user: &UserId, key: &[u8], body: &[u8]) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        self.lock_user(&tx, id).await?;
        exec(
            &tx,
            "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, key) DO UPDATE SET body = EXCLUDED.body",
            &[&id, &key, &body],
        )
        .await
        .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))
    }

    /// The sync face of [`PgStore::put_raw`].
    #[cfg(feature = "testkit")]
    pub fn put_raw_blocking(&self, user: &UserId, key: &[u8], body: &[u8]) -> Result<(), StoreError> {
        self.blocking(self.put_raw(user, key, body))
    }
}

/// Runs `sql` as a statement prepared once per connection (tokio-postgres otherwise prepares
/// every query anew, a round trip more each time).
async fn exec(c: &impl GenericClient, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.execute(&statement, params).await
}

async fn rows_of(
    c: &impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Row>, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.query(&statement, params).await
}

async fn row_opt(
    c: &impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Option<Row>, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.query_opt(&statement, params).await
}

async fn row_one(
    c: &impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Row, tokio_postgres::Error> {
    let statement = c.prepare_cached(sql).await?;
    c.query_one(&statement, params).await
}

/// `key` without `user`'s prefix: what `advisor_records.key` holds.
fn suffix(user: &UserId, mut key: Vec<u8>) -> Vec<u8> {
    key.drain(..record::user_prefix(user).len());
    key
}

/// The two kinds of failure [`PgStore::error`] turns into a [`StoreError`].
enum PgFailure {
    Pool(PoolError),
    Db(tokio_postgres::Error),
}

impl From<PoolError> for PgFailure {
    fn from(e: PoolError) -> Self {
        PgFailure::Pool(e)
    }
}

impl From<tokio_postgres::Error> for PgFailure {
    fn from(e: tokio_postgres::Error) -> Self {
        PgFailure::Db(e)
    }
}

/// The store's trait. Inside a runtime (the bot, async tests) each call runs on the caller's
/// runtime; a caller with none (the terminal, which waits with [`super::block_on`]) has its call
/// run on this store's own runtime, which tokio-postgres needs to drive its connections.
#[async_trait::async_trait]
impl Store for PgStore {
    async fn load(&self, user: &UserId) -> Result<UserData, StoreError> {
        self.on_runtime(PgStore::load_op(self, user)).await
    }

    async fn interview(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        self.on_runtime(PgStore::interview_op(self, user)).await
    }

    async fn update(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        self.on_runtime(PgStore::update_op(self, user, change)).await
    }

    async fn interview_seen(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        self.on_runtime(PgStore::interview_seen_op(self, user)).await
    }

    async fn update_seen(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send),
    ) -> Result<Option<Interview>, StoreError> {
        self.on_runtime(PgStore::update_seen_op(self, user, read, seen, change))
            .await
    }

    async fn add_assessment(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        self.on_runtime(PgStore::add_assessment_op(self, user, assessment))
            .await
    }

    async fn save_settings(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        self.on_runtime(PgStore::save_settings_op(self, user, settings)).await
    }

    async fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        self.on_runtime(PgStore::export_op(self, user)).await
    }

    async fn forget(&self, user: &UserId) -> Result<usize, StoreError> {
        self.on_runtime(PgStore::forget_op(self, user)).await
    }

    /// Every commit is durable when it returns: nothing is left to flush.
    async fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }

    async fn users(&self) -> Result<Vec<UserId>, StoreError> {
        self.on_runtime(PgStore::users_op(self)).await
    }

    async fn checkins(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError> {
        self.on_runtime(PgStore::checkins_op(self, user)).await
    }

    async fn update_checkins(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord> + Send),
    ) -> Result<Option<CheckinRecord>, StoreError> {
        self.on_runtime(PgStore::update_checkins_op(self, user, change)).await
    }

    async fn due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        self.on_runtime(PgStore::due_op(self, at)).await
    }

    async fn claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        self.on_runtime(PgStore::claim_op(self, user, due_at)).await
    }
}
