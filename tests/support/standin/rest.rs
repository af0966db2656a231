//! REST under /api/v10: the routes the bot uses, answering with the status and body Discord
//! documents, with per-route fault injection. Every request is recorded and judged.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::{limits, message_json, user_json, Fault, Recorded, Shared, Stored, APP_ID, BOT_ID};

/// The route key of a path: ids replaced by `{}` ("POST /interactions/{}/{}/callback").
pub fn route_key(method: &str, path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .map(|s| {
            if s.chars().next().is_some_and(|c| c.is_ascii_digit()) || s.starts_with("tok") {
                "{}".to_owned()
            } else {
                s.to_owned()
            }
        })
        .collect();
    format!("{method} {}", segments.join("/"))
}

pub async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let uri_path = request.uri().path().to_owned();
    let Some(path) = uri_path.strip_prefix("/api/v10") else {
        return (StatusCode::NOT_FOUND, "not under /api/v10").into_response();
    };
    let path = path.to_owned();
    let headers = request.headers().clone();
    let is_multipart = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));

    let (body, files, parts) = if is_multipart {
        match Multipart::from_request(request, &()).await {
            Ok(multipart) => read_multipart(multipart).await,
            Err(err) => {
                shared.violation(format!("{method} {path}: an unreadable multipart body: {err}"));
                (None, Vec::new(), Vec::new())
            }
        }
    } else {
        let bytes = Bytes::from_request(request, &()).await.unwrap_or_default();
        (serde_json::from_slice::<Value>(&bytes).ok(), Vec::new(), Vec::new())
    };

    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&format!("Bot {}", shared.token)) {
        shared.violation(format!(
            "{method} {path}: the Authorization header is not `Bot <token>`"
        ));
    }

    let recorded = Recorded {
        method: method.to_string(),
        path: path.clone(),
        body: body.clone(),
        files: files.clone(),
        parts,
        at: Instant::now(),
    };
    if let Some(spec) = &shared.spec {
        if let Err(problem) = spec.check_request(&recorded) {
            shared.violation(format!(
                "{} {}: {problem}\nbody: {}",
                recorded.method,
                recorded.path,
                pretty(&recorded.body)
            ));
        }
    }
    let problems = if shared.judged {
        limits::check(&recorded)
    } else {
        Vec::new()
    };
    for problem in problems {
        shared.violation(format!(
            "{} {}: {problem}\nbody: {}",
            recorded.method,
            recorded.path,
            pretty(&recorded.body)
        ));
    }

    let key = route_key(method.as_str(), &path);
    let fault = shared.lock().faults.get_mut(&key).and_then(|queue| queue.pop_front());
    shared.lock().requests.push(recorded.clone());
    shared.changed.notify_waiters();
    match fault {
        Some(Fault::ServerError) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                axum::Json(json!({"message": "500: Internal Server Error", "code": 0})),
            )
                .into_response();
        }
        Some(Fault::RateLimited(retry_after)) => return rate_limited(retry_after),
        Some(Fault::Slow(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Refused(status, body)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, axum::Json(body)).into_response();
        }
        None => {}
    }

    let response = route(&shared, &method, &path, &recorded);
    shared.changed.notify_waiters();
    response
}

fn pretty(body: &Option<Value>) -> String {
    body.as_ref().map_or_else(
        || "(none)".to_owned(),
        |b| serde_json::to_string_pretty(b).unwrap_or_default(),
    )
}

type Parts = (Option<Value>, Vec<(String, Vec<u8>)>, Vec<String>);

async fn read_multipart(mut multipart: Multipart) -> Parts {
    let mut payload = None;
    let mut files = Vec::new();
    let mut parts = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let Ok(bytes) = field.bytes().await else { break };
        if name == "payload_json" {
            payload = serde_json::from_slice(&bytes).ok();
        } else {
            files.push((file_name.unwrap_or_else(|| name.clone()), bytes.to_vec()));
            parts.push(name);
        }
    }
    (payload, files, parts)
}

fn rate_limited(retry_after: f64) -> Response {
    let mut headers = HeaderMap::new();
    let text = |v: String| HeaderValue::from_str(&v).expect("header value");
    headers.insert("retry-after", text(format!("{}", retry_after.ceil() as u64)));
    headers.insert("x-ratelimit-limit", text("5".into()));
    headers.insert("x-ratelimit-remaining", text("0".into()));
    headers.insert("x-ratelimit-reset-after", text(format!("{retry_after:.3}")));
    headers.insert("x-ratelimit-bucket", text("standin-bucket".into()));
    headers.insert("x-ratelimit-scope", text("user".into()));
    let body = json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": false});
    (StatusCode::TOO_MANY_REQUESTS, headers, axum::Json(body)).into_response()
}

fn ok(body: Value) -> Response {
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// The application object for `/applications/@me`.
pub fn application_json() -> Value {
    json!({
        "id": APP_ID.to_string(),
        "name": "outsource-advisor (stand-in)",
        "icon": null,
        "description": "",
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "0".repeat(64),
        "flags": 0,
        "flags_new": "0",
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "owner": user_json(1, false),
        "approximate_guild_count": 0,
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "eligible_oauth2_scopes": [],
        "team": null,
        "summary": "",
        "type": null,
    })
}

fn command_json(body: &Value, guild: Option<&str>, id: u64) -> Value {
    let mut command = body.clone();
    command["id"] = json!(id.to_string());
    command["application_id"] = json!(APP_ID.to_string());
    command["version"] = json!("1");
    command["default_member_permissions"] = command
        .get("default_member_permissions")
        .cloned()
        .unwrap_or(json!(null));
    command["type"] = command.get("type").cloned().unwrap_or(json!(1));
    command["dm_permission"] = json!(true);
    command["nsfw"] = json!(false);
    if let Some(guild) = guild {
        command["guild_id"] = json!(guild);
    }
    command
}

fn route(shared: &Shared, method: &Method, path: &str, recorded: &Recorded) -> Response {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let body = recorded.body.clone().unwrap_or(Value::Null);
    let bot = user_json(BOT_ID, true);
    match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": format!("ws://{}/gateway", shared.addr)})),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": format!("ws://{}/gateway", shared.addr),
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        })),
        ("GET", ["users", "@me"]) => ok(super::me_json()),
        ("GET", ["applications", "@me"]) | ("GET", ["oauth2", "applications", "@me"]) => ok(application_json()),
        // The commands registered, so a bot can tell whether its set changed.
        ("GET", ["applications", _, "commands"]) => ok(json!(shared.lock().commands.clone())),
        ("GET", ["applications", _, "guilds", _, "commands"]) => ok(json!(shared.lock().guild_commands.clone())),
        ("PUT", ["applications", _, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .map(|list| list.iter().map(|c| command_json(c, None, shared.next_id())).collect())
                .unwrap_or_default();
            shared.lock().commands = commands.clone();
            ok(json!(commands))
        }
        ("PUT", ["applications", _, "guilds", guild, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|c| command_json(c, Some(guild), shared.next_id()))
                        .collect()
                })
                .unwrap_or_default();
            shared.lock().guild_commands = commands.clone();
            ok(json!(commands))
        }
        ("POST", ["interactions", id, token, "callback"]) => {
            let id: u64 = id.parse().unwrap_or(0);
            let now = Instant::now();
            let message_id = shared.next_id();
            let mut inner = shared.lock();
            match inner.interactions.get_mut(&id) {
                Some((_, dispatched, responded)) => {
                    if responded.is_some() {
                        drop(inner);
                        shared.violation(format!("interaction {id} was answered twice"));
                        return (
                            StatusCode::BAD_REQUEST,
                            axum::Json(json!({"message": "Interaction has already been acknowledged.", "code": 40060})),
                        )
                            .into_response();
                    }
                    *responded = Some(now);
                    let elapsed = now.duration_since(*dispatched);
                    if elapsed > std::time::Duration::from_secs(3) {
                        let text = format!("interaction {id} first answered after {elapsed:?}; Discord allows 3 s");
                        inner.violations.push(text);
                    }
                }
                None => inner
                    .violations
                    .push(format!("callback for an interaction never dispatched: {id}")),
            }
            inner.callbacks.insert(id, body.clone());
            // A deferred response (5) shows as a message too ("thinking…"), which the edit replaces.
            if matches!(body["type"].as_u64(), Some(4 | 5 | 7)) {
                let data = body.get("data").cloned().unwrap_or(json!({}));
                let previous = inner.originals.get(*token).map(|s| s.id);
                let stored = Stored {
                    id: previous.unwrap_or(message_id),
                    channel_id: 0,
                    body: data,
                };
                inner.originals.insert((*token).to_owned(), stored);
            }
            StatusCode::NO_CONTENT.into_response()
        }
        ("GET", ["webhooks", _, token, "messages", "@original"]) => match shared.lock().originals.get(*token) {
            Some(stored) => ok(message_json(stored.id, stored.channel_id, bot, &stored.body)),
            None => (
                StatusCode::NOT_FOUND,
                axum::Json(json!({"message": "Unknown Message", "code": 10008})),
            )
                .into_response(),
        },
        ("PATCH", ["webhooks", _, token, "messages", "@original"]) => {
            let mut inner = shared.lock();
            let id = inner.originals.get(*token).map_or_else(|| 0, |s| s.id);
            let stored = Stored {
                id,
                channel_id: 0,
                body: body.clone(),
            };
            inner.originals.insert((*token).to_owned(), stored);
            ok(message_json(id, 0, bot, &body))
        }
        ("DELETE", ["webhooks", _, token, "messages", "@original"]) => {
            shared.lock().originals.remove(*token);
            StatusCode::NO_CONTENT.into_response()
        }
        ("POST", ["webhooks", _, token]) => {
            let id = shared.next_id();
            let stored = Stored {
                id,
                channel_id: 0,
                body: body.clone(),
            };
            shared
                .lock()
                .followups
                .entry((*token).to_owned())
                .or_default()
                .push(stored);
            ok(message_json(id, 0, bot, &body))
        }
        ("POST", ["users", "@me", "channels"]) => {
            let recipient: u64 = body["recipient_id"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .or_else(|| body["recipient_id"].as_u64())
                .unwrap_or(0);
            let channel = {
                let existing = shared.lock().dm_channels.get(&recipient).copied();
                existing.unwrap_or_else(|| {
                    let id = shared.next_id();
                    shared.lock().dm_channels.insert(recipient, id);
                    id
                })
            };
            ok(
                json!({"id": channel.to_string(), "type": 1, "last_message_id": null, "flags": 0, "recipients": [user_json(recipient, false)]}),
            )
        }
        ("POST", ["channels", channel, "messages"]) => {
            let channel_id: u64 = channel.parse().unwrap_or(0);
            let id = shared.next_id();
            let stored = Stored {
                id,
                channel_id,
                body: body.clone(),
            };
            shared.lock().channel_messages.push(stored);
            ok(message_json(id, channel_id, bot, &body))
        }
        _ => {
            shared.violation(format!("{method} {path}: a route the stand-in does not serve"));
            (
                StatusCode::NOT_FOUND,
                axum::Json(json!({"message": "404: Not Found", "code": 0})),
            )
                .into_response()
        }
    }
}
