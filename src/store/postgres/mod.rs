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
//! The operations are async ([`PgStore`]'s inherent methods, crate-private): callers reach them
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

/// The migrations, in order; the version of each is its place in this list, from 1. A database
/// whose newest applied version is above the last here was set up by a newer build and is refused.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_records.sql")];

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

    /// The one bridge from the sync [`Store`] trait to the async methods: runs `operation` to its
    /// end on this store's runtime, blocking the calling thread. Callers are blocking threads (the
    /// terminal's main thread, the bot's `spawn_blocking` tasks), never an async task: tokio
    /// refuses to block a runtime's worker, and says so.
    fn blocking<F: Future>(&self, operation: F) -> F::Output {
        self.runtime
            .as_ref()
            .expect("the runtime lives until drop")
            .block_on(operation)
    }

    /// The stored body of one record row of the user, in the caller's transaction.
    async fn record_body(&self, tx: &impl GenericClient, id: &[u8], key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(row_opt(
            tx,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &key],
        )
        .await
        .map_err(|e| self.error(e))?
        .map(|row| row.get(0)))
    }

    /// Writes one record row of the user (None deletes it), in the caller's transaction.
    async fn put_record(
        &self,
        tx: &impl GenericClient,
        id: &[u8],
        key: &[u8],
        body: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let written = match body {
            Some(body) => {
                exec(
                    tx,
                    "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)
                     ON CONFLICT (user_id, key) DO UPDATE SET body = EXCLUDED.body",
                    &[&id, &key, &body],
                )
                .await
            }
            None => {
                exec(
                    tx,
                    "DELETE FROM advisor_records WHERE user_id = $1 AND key = $2",
                    &[&id, &key],
                )
                .await
            }
        };
        written.map(|_| ()).map_err(|e| self.error(e))
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
            // Closed connections and timeouts: tokio-postgres's own words carry no secrets.
            None if err.is_closed() || err.to_string().contains("timeout") => StoreError::Unreachable {
                server,
                detail: err.to_string(),
            },
            None => StoreError::Backend(format!("{server}: {err}")),
        }
    }

    /// Applies the migrations this database lacks, one transaction each, under a lock that makes
    /// processes starting together take turns.
    async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        // One lock per schema: tests in schemas of their own do not wait for each other.
        exec(&tx, "SELECT pg_advisory_xact_lock(hashtext(current_schema()))", &[])
            .await
            .map_err(|e| self.error(e))?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
        )
        .await
        .map_err(|e| self.error(e))?;
        let row = row_one(&tx, "SELECT coalesce(max(version), 0) FROM schema_migrations", &[])
            .await
            .map_err(|e| self.error(e))?;
        let found: i32 = row.get(0);
        let known = MIGRATIONS.len() as i32;
        if found > known {
            return Err(StoreError::NewerDatabase {
                server: self.shown.clone(),
                found: found as u32,
                supported: known as u32,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = index as i32 + 1;
            tx.batch_execute(sql).await.map_err(|e| self.error(e))?;
            exec(&tx, "INSERT INTO schema_migrations (version) VALUES ($1)", &[&version])
                .await
                .map_err(|e| self.error(e))?;
            info!(version, "applied a database migration");
        }
        tx.commit().await.map_err(|e| self.error(e))
    }

    /// Makes sure `user` has a row and locks it until the transaction ends, in one statement:
    /// an upsert that updates takes the row lock, as `SELECT ... FOR UPDATE` would, and one that
    /// inserts holds the new row (also after a `forget` deleted it meanwhile).
    async fn lock_user(&self, tx: &impl GenericClient, id: &[u8]) -> Result<(), StoreError> {
        exec(
            tx,
            "INSERT INTO advisor_users (user_id) VALUES ($1)
             ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Every record of `user` as (key after the user's prefix, body), in key order.
    async fn rows(&self, user: &UserId) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let rows = rows_of(
            &client,
            "SELECT key, body FROM advisor_records WHERE user_id = $1 ORDER BY key",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(|row| (row.get(0), row.get(1))).collect())
    }

    /// As [`SledStore::load_with_skipped`](super::SledStore::load_with_skipped), on the caller's
    /// runtime or this store's, within the operation's time limit (as every [`Store`] call).
    pub async fn load_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        self.on_runtime(self.read_with_skipped(user)).await
    }

    async fn read_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        let mut data = UserData::default();
        let mut skipped = Vec::new();
        for (key, value) in self.rows(user).await? {
            let kind = Kind::of(&[], &key);
            match &kind {
                Kind::Interview => match record::decode(user, &kind.label(), &value) {
                    Ok(interview) => data.interview = Some(interview),
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Settings => match record::decode(user, &kind.label(), &value) {
                    Ok(settings) => data.settings = settings,
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Assessment { .. } => match record::decode::<Assessment>(user, &kind.label(), &value) {
                    Ok(assessment) => data.assessments.push(assessment),
                    Err(e) => skipped.push(e),
                },
                Kind::Checkins | Kind::CheckinDue { .. } | Kind::SetAside { .. } => {}
                Kind::Other(_) => debug!(user = %user, key = %kind.label(), "ignoring a record of unknown kind"),
            }
        }
        Ok((data, skipped))
    }

    async fn load_op(&self, user: &UserId) -> Result<UserData, StoreError> {
        let (data, skipped) = self.read_with_skipped(user).await?;
        for err in &skipped {
            warn!(user = %user, error = %err, "skipped a record that could not be read");
        }
        Ok(data)
    }

    async fn interview_op(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        Ok(self.interview_seen_op(user).await?.0)
    }

    /// As [`Store::interview_seen`]: the interview with a copy of the bytes it was decoded from.
    async fn interview_seen_op(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let key = suffix(user, record::interview_key(user));
        let id = user.0.as_bytes();
        match self.record_body(&client, id, &key).await? {
            Some(bytes) => match record::decode(user, &Kind::Interview.label(), &bytes) {
                Ok(interview) => Ok((Some(interview), Seen(Some(bytes.into())))),
                // As sled's: read as none, and set aside by the next answer.
                Err(err) if record::is_damaged(&err) => {
                    warn!(user = %user, error = %err, "an interview that cannot be read is passed over; the next answer sets it aside");
                    Ok((None, Seen::default()))
                }
                Err(err) => Err(err),
            },
            None => Ok((None, Seen::default())),
        }
    }

    /// As [`Store::update`]; `change` runs once, with the user's row locked, and the interview
    /// and the assessment it completes are committed in one transaction.
    async fn update_op(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send + '_),
    ) -> Result<Option<Interview>, StoreError> {
        self.update_seen_op(user, &None, &Seen::default(), change).await
    }

    /// As [`Store::update_seen`]: while the locked row still holds the bytes `seen` names, `change`
    /// is shown a clone of `read` instead of the row decoded a second time.
    async fn update_seen_op(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send + '_),
    ) -> Result<Option<Interview>, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = suffix(user, record::interview_key(user));
        self.lock_user(&tx, id).await?;
        let stored = self.record_body(&tx, id, &key).await?;
        // A record this build cannot read (newer or damaged) is never written over.
        // The same bytes decode to the same interview: the caller's copy serves.
        // A damaged one is set aside, under a key of its own, before it is written over.
        let mut damaged = None;
        let current: Option<Interview> = match &stored {
            Some(bytes) if seen.0.as_deref() == Some(bytes.as_slice()) => read.clone(),
            Some(bytes) => match record::decode(user, &Kind::Interview.label(), bytes) {
                Ok(interview) => Some(interview),
                Err(err) if record::is_damaged(&err) => {
                    damaged = Some((err, bytes));
                    None
                }
                Err(err) => return Err(err),
            },
            None => None,
        };
        let update = change(current);
        let next = update.interview;
        let new_bytes = next.as_ref().map(record::encode);
        if new_bytes != stored {
            if let Some((err, bytes)) = damaged {
                self.set_aside(&tx, user, &Kind::Interview, bytes, &err).await?;
            }
            self.put_record(&tx, id, &key, new_bytes.as_deref()).await?;
        }
        if let Some(assessment) = &update.assessment {
            self.insert_assessment(&tx, user, assessment).await?;
        }
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, deleted = next.is_none(), "interview updated");
        Ok(next)
    }

    /// As sled's: keeps the damaged record `bytes` of `user`'s `kind` under a set-aside key of its
    /// own, in the caller's transaction (which holds the user's row lock), and logs where.
    async fn set_aside(
        &self,
        tx: &impl GenericClient,
        user: &UserId,
        kind: &Kind,
        bytes: &[u8],
        why: &StoreError,
    ) -> Result<(), StoreError> {
        let seq: i64 = row_one(tx, "SELECT nextval('advisor_assessment_seq')", &[])
            .await
            .map_err(|e| self.error(e))?
            .get(0);
        let aside = suffix(user, record::set_aside_key(user, kind, super::now(), seq as u64));
        self.put_record(tx, user.0.as_bytes(), &aside, Some(bytes)).await?;
        let label = Kind::of(&[], &aside).label();
        warn!(user = %user, error = %why, set_aside_as = %label, "a record that could not be read was set aside; export shows it");
        Ok(())
    }

    async fn add_assessment_op(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        self.lock_user(&tx, id).await?;
        self.insert_assessment(&tx, user, assessment).await?;
        tx.commit().await.map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Inserts `assessment` and folds the oldest past the cap, in the caller's transaction (which
    /// holds the user's row lock).
    async fn insert_assessment(
        &self,
        tx: &impl GenericClient,
        user: &UserId,
        assessment: &Assessment,
    ) -> Result<(), StoreError> {
        let id = user.0.as_bytes();
        let seq: i64 = row_one(tx, "SELECT nextval('advisor_assessment_seq')", &[])
            .await
            .map_err(|e| self.error(e))?
            .get(0);
        let key = suffix(user, record::assessment_key(user, assessment.at, seq as u64));
        exec(
            tx,
            "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)",
            &[&id, &key, &record::encode(assessment)],
        )
        .await
        .map_err(|e| self.error(e))?;
        self.fold_oldest(tx, user).await?;
        debug!(user = %user, at = assessment.at, seq, "assessment added");
        Ok(())
    }

    /// As sled's: while more than [`MAX_ASSESSMENTS`] are kept, the oldest is folded into the next
    /// (see [`super::fold_into`]), in the caller's transaction, so the summary lands with the
    /// removal or not at all. An oldest that cannot be read is left where it is rather than lost.
    async fn fold_oldest(&self, tx: &impl GenericClient, user: &UserId) -> Result<(), StoreError> {
        let id = user.0.as_bytes();
        let from = suffix(user, record::assessments_prefix(user));
        let mut until = from.clone();
        // `assessment\0` becomes `assessment\x01`: every assessment key sorts before it.
        if let Some(last) = until.last_mut() {
            *last += 1;
        }
        let rows = rows_of(
            tx,
            "SELECT key, body FROM advisor_records WHERE user_id = $1 AND key >= $2 AND key < $3 ORDER BY key",
            &[&id, &from, &until],
        )
        .await
        .map_err(|e| self.error(e))?;
        let mut kept: Vec<(Vec<u8>, Vec<u8>)> = rows.into_iter().map(|row| (row.get(0), row.get(1))).collect();
        while kept.len() > MAX_ASSESSMENTS {
            let (first_key, first_value) = &kept[0];
            let (second_key, second_value) = &kept[1];
            let label = Kind::of(&[], first_key).label();
            let decoded = record::decode::<Assessment>(user, &label, first_value)
                .and_then(|a| Ok((a, record::decode::<Assessment>(user, &label, second_value)?)));
            let (folded, mut next) = match decoded {
                Ok(pair) => pair,
                Err(err) => {
                    warn!(user = %user, error = %err, "an old assessment could not be read; kept, not folded");
                    break;
                }
            };
            super::fold_into(&folded, &mut next);
            let body = record::encode(&next);
            exec(
                tx,
                "DELETE FROM advisor_records WHERE user_id = $1 AND key = $2",
                &[&id, first_key],
            )
            .await
            .map_err(|e| self.error(e))?;
            exec(
                tx,
                "UPDATE advisor_records SET body = $3 WHERE user_id = $1 AND key = $2",
                &[&id, second_key, &body],
            )
            .await
            .map_err(|e| self.error(e))?;
            kept[1].1 = body;
            kept.remove(0);
        }
        Ok(())
    }

    /// As sled's: settings of a newer version are refused and kept; damaged ones are set aside and
    /// replaced.
    async fn save_settings_op(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = suffix(user, record::settings_key(user));
        self.lock_user(&tx, id).await?;
        let stored = row_opt(
            &tx,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &key],
        )
        .await
        .map_err(|e| self.error(e))?;
        if let Some(row) = stored {
            let bytes: &[u8] = row.get(0);
            match record::decode::<Settings>(user, &Kind::Settings.label(), bytes) {
                Ok(_) => {}
                Err(e) if record::is_damaged(&e) => self.set_aside(&tx, user, &Kind::Settings, bytes, &e).await?,
                Err(e) => return Err(e),
            }
        }
        exec(
            &tx,
            "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, key) DO UPDATE SET body = EXCLUDED.body",
            &[&id, &key, &record::encode(settings)],
        )
        .await
        .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, "settings saved");
        Ok(())
    }

    /// The same document as [`SledStore`](super::SledStore)'s export, in the same order.
    async fn export_op(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        let mut rows = self.rows(user).await?;
        rows.extend(self.due_rows(user).await?);
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut records = Vec::new();
        for (key, value) in rows {
            let label = Kind::of(&[], &key).label();
            records.push(record::export_entry(&label, &value));
        }
        Ok(json!({ "user": user.0, "schema_version": record::SCHEMA_VERSION, "records": records }))
    }

    /// `user`'s due check-in entry, as sled keeps it: (key after the user's prefix, envelope).
    async fn due_rows(&self, user: &UserId) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let rows = rows_of(
            &client,
            "SELECT due_at, claimed_at IS NOT NULL FROM advisor_checkin_due WHERE user_id = $1",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let due: i64 = row.get(0);
                let claimed: bool = row.get(1);
                (record::due_suffix(due as u64), record::encode(&DueEntry { claimed }))
            })
            .collect())
    }

    /// Deletes every record of `user` (and its check-in entry) under the user's lock, so no write
    /// of that user is half before and half after it. The due entry counts as one, as in sled.
    async fn forget_op(&self, user: &UserId) -> Result<usize, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        row_opt(&tx, "SELECT 1 FROM advisor_users WHERE user_id = $1 FOR UPDATE", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let records = exec(&tx, "DELETE FROM advisor_records WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let due = exec(&tx, "DELETE FROM advisor_checkin_due WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let count = records + due;
        exec(&tx, "DELETE FROM advisor_users WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, records = count, "forgotten");
        Ok(count as usize)
    }

    async fn users_op(&self) -> Result<Vec<UserId>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let rows = rows_of(&client, "SELECT DISTINCT user_id FROM advisor_records", &[])
            .await
            .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| String::from_utf8(row.get(0)).ok().map(UserId))
            .collect())
    }

    async fn checkins_op(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let row = row_opt(
            &client,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &record::CHECKINS],
        )
        .await
        .map_err(|e| self.error(e))?;
        match row {
            Some(row) => Ok(Some(record::decode(user, &Kind::Checkins.label(), row.get(0))?)),
            None => Ok(None),
        }
    }

    /// As [`Store::update_checkins`]; `change` runs once, with the user's row locked. The record
    /// and its due row change in one transaction: while check-ins are on, the row holds the
    /// record's `next_due`; a row whose time is unchanged keeps its claim, a new time starts
    /// unclaimed; off (or deleted) removes it.
    async fn update_checkins_op(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord> + Send + '_),
    ) -> Result<Option<CheckinRecord>, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = record::CHECKINS;
        self.lock_user(&tx, id).await?;
        let stored = self.record_body(&tx, id, key).await?;
        // A record this build cannot read (newer or damaged) is never written over.
        let current: Option<CheckinRecord> = match &stored {
            Some(bytes) => Some(record::decode(user, &Kind::Checkins.label(), bytes)?),
            None => None,
        };
        let next = change(current);
        let new_bytes = next.as_ref().map(record::encode);
        if new_bytes != stored {
            self.put_record(&tx, id, key, new_bytes.as_deref()).await?;
        }
        let due = match next.as_ref().and_then(|r| r.next_due.filter(|_| r.on)) {
            Some(at) => {
                let at = i64::try_from(at).map_err(|_| StoreError::BadRecord {
                    user: user.clone(),
                    key: Kind::Checkins.label(),
                    detail: format!("a due time out of range ({at})"),
                })?;
                exec(
                    &tx,
                    "INSERT INTO advisor_checkin_due (user_id, due_at) VALUES ($1, $2)
                     ON CONFLICT (user_id) DO UPDATE SET due_at = EXCLUDED.due_at,
                         claimed_at = CASE WHEN advisor_checkin_due.due_at = EXCLUDED.due_at
                                           THEN advisor_checkin_due.claimed_at END",
                    &[&id, &at],
                )
                .await
            }
            None => exec(&tx, "DELETE FROM advisor_checkin_due WHERE user_id = $1", &[&id]).await,
        };
        due.map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, on = next.as_ref().is_some_and(|r| r.on), "check-ins updated");
        Ok(next)
    }

    /// Every unclaimed check-in due at or before `at`, as (user, due time), earliest first.
    async fn due_op(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let rows = rows_of(
            &client,
            "SELECT user_id, due_at FROM advisor_checkin_due
                 WHERE due_at <= $1 AND claimed_at IS NULL ORDER BY due_at, user_id",
            &[&i64::try_from(at).unwrap_or(i64::MAX)],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let due: i64 = row.get(1);
                String::from_utf8(row.get(0)).ok().map(|id| (UserId(id), due as u64))
            })
            .collect())
    }

    /// Claims `user`'s check-in due at `due_at`: true for exactly one caller across every process.
    /// One conditional UPDATE: racing claimers queue on the row's lock, and each one after the
    /// first re-reads the row it waited for, finds it claimed and updates nothing. (A `SELECT ...
    /// FOR UPDATE SKIP LOCKED` first would also report false while a reschedule holds the row,
    /// for an entry nobody has claimed.)
    async fn claim_op(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        let Ok(due) = i64::try_from(due_at) else {
            return Ok(false);
        };
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let claimed = exec(
            &client,
            "UPDATE advisor_checkin_due SET claimed_at = extract(epoch FROM now())::bigint
             WHERE user_id = $1 AND due_at = $2 AND claimed_at IS NULL",
            &[&id, &due],
        )
        .await
        .map_err(|e| self.error(e))?;
        if claimed == 1 {
            debug!(user = %user, due_at, "check-in claimed");
        }
        Ok(claimed == 1)
    }

    /// Writes `body` under `user`'s key `key` (the bytes after the user's prefix, as
    /// [`record`] lays them out) with no checks: for tests and repair tools that need a record
    /// this build would not write.
    #[doc(hidden)]
    pub async fn put_raw(&self, user: &UserId, key: &[u8], body: &[u8]) -> Result<(), StoreError> {
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
    #[doc(hidden)]
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
