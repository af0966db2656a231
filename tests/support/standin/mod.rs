//! A stand-in for Discord's API v10 on 127.0.0.1: REST and the WebSocket gateway on one port the
//! OS picks. The real serenity client connects to it exactly as it would to Discord.
//!
//! Every request the bot sends is recorded and judged: against Discord's own OpenAPI spec (see
//! [`spec`]) and against the limits the spec leaves out (see [`limits`]). Violations are collected;
//! [`StandIn::assert_clean`] fails the test with each request and the rule it broke.

pub mod gateway;
pub mod limits;
pub mod rest;
pub mod spec;
pub mod user;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::Notify;

pub use user::{Place, SimUser};

pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const APP_ID: u64 = 900_000_000_000_000_002;
pub const GUILD_ID: u64 = 900_000_000_000_000_003;
pub const GUILD_CHANNEL_ID: u64 = 900_000_000_000_000_004;

/// How long a test waits for the bot before it fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// One request the bot sent.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub body: Option<Value>,
    /// Files of a multipart body: (file name, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// The form field name of each file, in the same order (`files[0]`).
    pub parts: Vec<String>,
    pub at: Instant,
}

/// A fault to inject on a route.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer 500.
    ServerError,
    /// Answer 429 with this `retry_after`, in seconds.
    RateLimited(f64),
    /// Answer normally after this delay.
    Slow(Duration),
    /// Answer with this status and JSON error body (a 403 with code 50007: DMs closed).
    Refused(u16, Value),
}

/// A message the bot created or edited, as the stand-in keeps it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: u64,
    pub channel_id: u64,
    pub body: Value,
}

#[derive(Default)]
pub struct Inner {
    pub requests: Vec<Recorded>,
    pub violations: Vec<String>,
    /// Faults by route key ("POST /interactions/{}/{}/callback"), consumed in order.
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// IDENTIFY payloads received.
    pub identifies: Vec<Value>,
    /// RESUME payloads received.
    pub resumes: Vec<Value>,
    /// Each shard's gateway session, by shard id (a bot of one shard has only shard 0).
    pub shards: std::collections::BTreeMap<u32, gateway::Session>,
    /// The shard total the sessions identified with (1 until one says otherwise).
    pub shard_total: u32,
    /// Which shard each session id was given to, for RESUME.
    pub session_shards: HashMap<String, u32>,
    pub connections: u64,
    pub ready_count: u64,
    /// Interactions dispatched: id → (token, dispatched at, first response at).
    pub interactions: HashMap<u64, (String, Instant, Option<Instant>)>,
    /// Callback bodies by interaction id.
    pub callbacks: HashMap<u64, Value>,
    /// The original response message of each interaction token.
    pub originals: HashMap<String, Stored>,
    /// Follow-up messages by interaction token.
    pub followups: HashMap<String, Vec<Stored>>,
    /// Messages created in channels.
    pub channel_messages: Vec<Stored>,
    /// DM channel of each user.
    pub dm_channels: HashMap<u64, u64>,
    pub commands: Vec<Value>,
    pub guild_commands: Vec<Value>,
    pub next_id: u64,
}

pub struct Shared {
    pub inner: Mutex<Inner>,
    /// Woken on every change, so waiters re-check their condition.
    pub changed: Notify,
    pub addr: SocketAddr,
    pub spec: Option<spec::Spec>,
    /// Whether requests are judged (spec and limits). Only benchmarks turn it off, so that they
    /// time the bot rather than the judge; every test keeps it on.
    pub judged: bool,
    pub token: String,
}

impl Shared {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn next_id(&self) -> u64 {
        let mut inner = self.lock();
        inner.next_id += 1;
        1_000_000_000_000_000_000 + inner.next_id
    }

    pub fn violation(&self, text: String) {
        eprintln!("stand-in: {text}");
        self.lock().violations.push(text);
    }
}

/// The running stand-in. Dropping it stops the server.
#[derive(Clone)]
pub struct StandIn {
    pub shared: Arc<Shared>,
    server: Arc<tokio::task::JoinHandle<()>>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if Arc::strong_count(&self.server) == 1 {
            self.server.abort();
        }
    }
}

impl StandIn {
    /// Starts the stand-in on 127.0.0.1 with an OS-picked port. `token` is the bot token it
    /// expects in IDENTIFY and REST's Authorization header.
    pub async fn start(token: &str) -> StandIn {
        Self::start_with(token, true).await
    }

    /// A stand-in that records but does not judge requests: for benchmarks only.
    pub async fn start_unjudged(token: &str) -> StandIn {
        Self::start_with(token, false).await
    }

    async fn start_with(token: &str, judged: bool) -> StandIn {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            changed: Notify::new(),
            addr,
            spec: if judged { spec::Spec::load() } else { None },
            judged,
            token: token.to_owned(),
        });
        let app = axum::Router::new()
            .route("/gateway", axum::routing::get(gateway::upgrade))
            .fallback(rest::handle)
            // Discord takes requests up to its attachment limit and more; axum's default is 2 MB.
            .layer(axum::extract::DefaultBodyLimit::max(25 * 1024 * 1024))
            .with_state(Arc::clone(&shared));
        // Discord's edge answers without Nagle's delay; without this, a small gateway frame
        // written behind an unacknowledged one waits out the peer's delayed ACK (40 ms here),
        // which would show up as the stand-in's latency in every timing.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StandIn {
            shared,
            server: Arc::new(server),
        }
    }

    /// The base URL to give the bot as DISCORD_API_BASE.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    pub fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.shared.addr)
    }

    /// Waits until `check` finds what it looks for, re-checking on every change; panics with
    /// `what` after [`WAIT`].
    pub async fn wait_for<T>(&self, what: &str, mut check: impl FnMut(&Inner) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(found) = check(&self.shared.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let inner = self.shared.lock();
                let seen: Vec<String> = inner
                    .requests
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!(
                    "timed out waiting for {what}; gateway connections: {}, identifies: {}, requests: {seen:?}, violations: {:?}",
                    inner.connections,
                    inner.identifies.len(),
                    inner.violations
                );
            }
        }
    }

    /// Waits until the bot is connected and READY has been sent `count` times in all.
    pub async fn wait_ready(&self, count: u64) {
        self.wait_for("READY", |inner| (inner.ready_count >= count).then_some(()))
            .await;
    }

    /// Waits until the bot has registered its commands (globally, or in the guild).
    pub async fn wait_commands(&self, guild: bool) -> Vec<Value> {
        self.wait_for("command registration", |inner| {
            let commands = if guild { &inner.guild_commands } else { &inner.commands };
            (!commands.is_empty()).then(|| commands.clone())
        })
        .await
    }

    /// Injects `fault` on the next request to `route` (e.g. "POST /interactions/{}/{}/callback").
    pub fn inject(&self, route: &str, fault: Fault) {
        self.shared
            .lock()
            .faults
            .entry(route.to_owned())
            .or_default()
            .push_back(fault);
    }

    /// Sends a dispatch (op 0) with the next sequence number.
    pub fn dispatch(&self, event: &str, data: Value) {
        gateway::dispatch(&self.shared, event, data);
    }

    /// Asks the bot to reconnect (op 7); it should come back with RESUME.
    pub fn reconnect(&self) {
        gateway::send_op(&self.shared, json!({"op": 7, "d": null}));
    }

    /// Tells the bot its session is invalid (op 9, not resumable); it should IDENTIFY again.
    pub fn invalid_session(&self) {
        gateway::send_op(&self.shared, json!({"op": 9, "d": false}));
    }

    /// Drops the gateway connection without a word.
    pub fn drop_connection(&self) {
        gateway::send(&self.shared, gateway::Out::Drop);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    pub fn violations(&self) -> Vec<String> {
        self.shared.lock().violations.clone()
    }

    /// Fails the test if any request broke the spec or a limit.
    pub fn assert_clean(&self) {
        let violations = self.violations();
        assert!(
            violations.is_empty(),
            "requests that Discord would refuse:\n{}",
            violations.join("\n\n")
        );
    }

    /// A simulated Discord user.
    pub fn user(&self, id: u64) -> SimUser {
        SimUser::new(self.clone(), id)
    }
}

/// A user object as Discord sends it.
pub fn user_json(id: u64, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": format!("user{}", id % 100_000),
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
        "primary_guild": null,
    })
}

/// The bot's own user, as `GET /users/@me` returns it.
pub fn me_json() -> Value {
    let mut me = user_json(BOT_ID, true);
    me["flags"] = json!(0);
    me["mfa_enabled"] = json!(true);
    me["locale"] = json!("en-US");
    me["verified"] = json!(true);
    me["premium_type"] = json!(0);
    me
}

/// A message object as Discord returns it.
pub fn message_json(id: u64, channel_id: u64, author: Value, body: &Value) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "author": author,
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-22T00:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 0,
        "flags": body.get("flags").cloned().unwrap_or(json!(0)),
    })
}
