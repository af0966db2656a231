//! The gateway: HELLO, IDENTIFY → READY, heartbeats, sequenced dispatches, and on demand
//! RECONNECT → RESUME with replay, INVALID_SESSION, and a dropped connection.
//!
//! Shards, as Discord runs them: each session identifies as `[shard_id, shard_total]`, has its
//! own sequence and replay history, and gets the events of its guilds: a guild's events go to
//! shard `(guild_id >> 22) % shard_total`, DMs to shard 0. The faults (RECONNECT, INVALID_SESSION,
//! a dropped connection) go to shard 0, the only shard of a bot that runs one.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::{user_json, Shared, APP_ID, BOT_ID};

/// What the connection task is told to do.
#[derive(Debug)]
pub enum Out {
    Frame(Value),
    Drop,
}

pub async fn upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| connection(shared, socket))
}

/// One shard's session: its open connection (if any), sequence and history for replay.
#[derive(Default)]
pub struct Session {
    /// The open connection's number and outbox.
    pub connection: Option<(u64, mpsc::UnboundedSender<Out>)>,
    pub seq: u64,
    /// Dispatches sent, by sequence number, for replay on RESUME.
    pub history: Vec<(u64, Value)>,
}

/// The shard that Discord sends an event about `data` to.
pub fn shard_of(data: &Value, shard_total: u32) -> u32 {
    let guild = data["guild_id"].as_str().and_then(|g| g.parse::<u64>().ok());
    match guild {
        Some(guild) => ((guild >> 22) % u64::from(shard_total.max(1))) as u32,
        None => 0,
    }
}

/// Sends to shard 0's open connection, if any.
pub fn send(shared: &Shared, out: Out) {
    if let Some((_, outbox)) = shared.lock().shards.get(&0).and_then(|s| s.connection.as_ref()) {
        let _ = outbox.send(out);
    }
}

pub fn send_op(shared: &Shared, payload: Value) {
    send(shared, Out::Frame(payload));
}

/// Sends a dispatch to the shard it belongs to, with that shard's next sequence number, keeping
/// it for replay.
pub fn dispatch(shared: &Shared, event: &str, data: Value) {
    let mut inner = shared.lock();
    let shard = shard_of(&data, inner.shard_total);
    let session = inner.shards.entry(shard).or_default();
    session.seq += 1;
    let seq = session.seq;
    let payload = json!({"op": 0, "t": event, "s": seq, "d": data});
    session.history.push((seq, payload.clone()));
    if let Some((_, outbox)) = &session.connection {
        let _ = outbox.send(Out::Frame(payload));
    }
}

async fn connection(shared: Arc<Shared>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (outbox, mut outgoing) = mpsc::unbounded_channel::<Out>();
    // Which shard the connection serves is known at IDENTIFY (or RESUME).
    let mut shard = None;
    let number = {
        let mut inner = shared.lock();
        inner.connections += 1;
        inner.connections
    };
    let hello = json!({"op": 10, "d": {"heartbeat_interval": 41_250}});
    if sink.send(Message::Text(hello.to_string().into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            out = outgoing.recv() => match out {
                Some(Out::Frame(payload)) => {
                    if sink.send(Message::Text(payload.to_string().into())).await.is_err() {
                        break;
                    }
                }
                Some(Out::Drop) | None => break,
            },
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let Ok(payload) = serde_json::from_str::<Value>(text.as_str()) else { continue };
                    receive(&shared, &outbox, number, &mut shard, payload);
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let mut inner = shared.lock();
    if let Some(session) = shard.and_then(|shard| inner.shards.get_mut(&shard)) {
        if session.connection.as_ref().is_some_and(|(n, _)| *n == number) {
            session.connection = None;
        }
    }
    drop(inner);
    shared.changed.notify_waiters();
}

/// Discord accepts the token with or without serenity's "Bot " prefix.
fn token_ok(shared: &Shared, token: &Value) -> bool {
    token
        .as_str()
        .is_some_and(|t| t.trim_start_matches("Bot ") == shared.token)
}

fn receive(shared: &Shared, outbox: &mpsc::UnboundedSender<Out>, number: u64, shard: &mut Option<u32>, payload: Value) {
    match payload["op"].as_u64() {
        Some(1) => {
            let _ = outbox.send(Out::Frame(json!({"op": 11})));
        }
        Some(2) => {
            let d = &payload["d"];
            if !token_ok(shared, &d["token"]) {
                shared.violation("IDENTIFY with a wrong token".to_owned());
            }
            let ready = {
                let mut inner = shared.lock();
                inner.identifies.push(d.clone());
                let (id, total) = match d["shard"].as_array().map(|s| (s[0].as_u64(), s[1].as_u64())) {
                    Some((Some(id), Some(total))) => (id as u32, total as u32),
                    _ => (0, 1),
                };
                let others_open = inner
                    .shards
                    .iter()
                    .any(|(s, session)| *s != id && session.connection.is_some());
                if others_open && total != inner.shard_total {
                    let known = inner.shard_total;
                    drop(inner);
                    shared.violation(format!(
                        "IDENTIFY with shard total {total} beside open sessions of {known}"
                    ));
                    inner = shared.lock();
                }
                inner.shard_total = total;
                *shard = Some(id);
                let session_id = format!("session-{}", inner.identifies.len());
                inner.session_shards.insert(session_id.clone(), id);
                // A new session starts a new sequence; what the old one missed is gone.
                let session = inner.shards.entry(id).or_default();
                *session = Session::default();
                session.connection = Some((number, outbox.clone()));
                session.seq += 1;
                let seq = session.seq;
                let data = json!({
                    "v": 10,
                    "user": user_json(BOT_ID, true),
                    "guilds": [],
                    "session_id": session_id,
                    "resume_gateway_url": format!("ws://{}/gateway", shared.addr),
                    "shard": [id, total],
                    "application": {"id": APP_ID.to_string(), "flags": 0},
                });
                let payload = json!({"op": 0, "t": "READY", "s": seq, "d": data});
                session.history.push((seq, payload.clone()));
                inner.ready_count += 1;
                payload
            };
            let _ = outbox.send(Out::Frame(ready));
        }
        Some(6) => {
            let d = &payload["d"];
            if !token_ok(shared, &d["token"]) {
                shared.violation("RESUME with a wrong token".to_owned());
            }
            let since = d["seq"].as_u64().unwrap_or(0);
            let (replay, resumed) = {
                let mut inner = shared.lock();
                inner.resumes.push(d.clone());
                let id = d["session_id"]
                    .as_str()
                    .and_then(|s| inner.session_shards.get(s).copied())
                    .unwrap_or(0);
                *shard = Some(id);
                let session = inner.shards.entry(id).or_default();
                session.connection = Some((number, outbox.clone()));
                let replay: Vec<Value> = session
                    .history
                    .iter()
                    .filter(|(s, _)| *s > since)
                    .map(|(_, p)| p.clone())
                    .collect();
                session.seq += 1;
                let seq = session.seq;
                let resumed = json!({"op": 0, "t": "RESUMED", "s": seq, "d": {}});
                session.history.push((seq, resumed.clone()));
                (replay, resumed)
            };
            for event in replay {
                let _ = outbox.send(Out::Frame(event));
            }
            let _ = outbox.send(Out::Frame(resumed));
        }
        _ => {}
    }
    shared.changed.notify_waiters();
}
