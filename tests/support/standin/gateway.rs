//! The gateway: HELLO, IDENTIFY → READY, heartbeats, sequenced dispatches, and on demand
//! RECONNECT → RESUME with replay, INVALID_SESSION, and a dropped connection.

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

/// Sends to the open connection, if any.
pub fn send(shared: &Shared, out: Out) {
    if let Some((_, outbox)) = &shared.lock().connection {
        let _ = outbox.send(out);
    }
}

pub fn send_op(shared: &Shared, payload: Value) {
    send(shared, Out::Frame(payload));
}

/// Sends a dispatch with the next sequence number, keeping it for replay.
pub fn dispatch(shared: &Shared, event: &str, data: Value) {
    let mut inner = shared.lock();
    inner.seq += 1;
    let seq = inner.seq;
    let payload = json!({"op": 0, "t": event, "s": seq, "d": data});
    inner.history.push((seq, payload.clone()));
    if let Some((_, outbox)) = &inner.connection {
        let _ = outbox.send(Out::Frame(payload));
    }
}

async fn connection(shared: Arc<Shared>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (outbox, mut outgoing) = mpsc::unbounded_channel::<Out>();
    let number = {
        let mut inner = shared.lock();
        inner.connections += 1;
        let number = inner.connections;
        inner.connection = Some((number, outbox.clone()));
        number
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
                    receive(&shared, &outbox, payload);
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let mut inner = shared.lock();
    if inner.connection.as_ref().is_some_and(|(n, _)| *n == number) {
        inner.connection = None;
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

fn receive(shared: &Shared, outbox: &mpsc::UnboundedSender<Out>, payload: Value) {
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
                inner.seq += 1;
                let seq = inner.seq;
                let data = json!({
                    "v": 10,
                    "user": user_json(BOT_ID, true),
                    "guilds": [],
                    "session_id": format!("session-{}", inner.identifies.len()),
                    "resume_gateway_url": format!("ws://{}/gateway", shared.addr),
                    "shard": d["shard"].clone().as_array().map_or(json!([0, 1]), |s| json!(s)),
                    "application": {"id": APP_ID.to_string(), "flags": 0},
                });
                let payload = json!({"op": 0, "t": "READY", "s": seq, "d": data});
                inner.history.push((seq, payload.clone()));
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
                let replay: Vec<Value> = inner
                    .history
                    .iter()
                    .filter(|(s, _)| *s > since)
                    .map(|(_, p)| p.clone())
                    .collect();
                inner.seq += 1;
                let seq = inner.seq;
                let resumed = json!({"op": 0, "t": "RESUMED", "s": seq, "d": {}});
                inner.history.push((seq, resumed.clone()));
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
