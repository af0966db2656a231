//! A check-in as a DM: the embed ("Month 2 of 6: $2,000 of $6,000 spent") with *Log this month*,
//! *Snooze a week* and *Stop check-ins*, and the REST calls that deliver it.
//!
//! The two calls (open the DM channel, post the message) are made here rather than through
//! serenity's `Http`, because serenity's error drops a 429's `retry_after` when its own rate
//! limiter is off (as it is behind a REST proxy, see [`super::bot`]), and a scheduled DM must
//! wait exactly as long as Discord asks. Each call is tried a bounded number of times: again after
//! a 429 (after its `retry_after`) or a 5xx (after a doubling pause); any other refusal is final.
//! Discord's errors 50007 (the owner takes no DMs from the bot) and 50278 (the owner shares no
//! server with it, as when they installed the app for themselves) both mean "can't DM this owner"
//! and come back as [`DmError::Closed`]: recorded, and told at their next `/assess` or `/progress`.

use std::time::Duration;

use serde_json::{json, Value};
use serenity::all::{ButtonStyle, CreateActionRow, CreateEmbed, CreateMessage};

use super::custom_id::Action;
use super::render;
use crate::advisor::checkin::ProgressReport;
use crate::advisor::Content;
use crate::discord::DiscordUserId;

/// Discord's "Cannot send messages to this user" (50007) and "Cannot send messages to this user
/// due to having no mutual guilds" (50278).
pub(crate) const DMS_CLOSED_CODES: [i64; 2] = [50_007, 50_278];
/// Tries of one call, the first included.
const ATTEMPTS: u32 = 5;
/// The first pause after a 5xx; it doubles each try.
const FIRST_PAUSE: Duration = Duration::from_millis(250);
/// The longest `retry_after` honoured; a longer one gives up this round's DM.
const MAX_RETRY_AFTER: f64 = 60.0;

/// Why a DM was not delivered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DmError {
    #[error("the bot cannot DM the owner (Discord error 50007 or 50278)")]
    Closed,
    #[error("{0}")]
    Failed(String),
}

/// Sends check-in DMs over Discord's REST API (or a proxy's, or the tests' stand-in's).
#[derive(Clone)]
pub struct Dms {
    client: reqwest::Client,
    /// `https://discord.com/api/v10`, or the proxy's base with `/api/v10`.
    api: String,
    authorization: String,
}

impl std::fmt::Debug for Dms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dms").field("api", &self.api).finish_non_exhaustive()
    }
}

impl Dms {
    /// REST to `api_base` (as `DISCORD_API_BASE`), else to Discord, with the bot's `token`.
    pub fn new(api_base: Option<&str>, token: &str) -> Dms {
        let base = api_base.unwrap_or("https://discord.com").trim_end_matches('/');
        Dms {
            client: reqwest::Client::new(),
            api: format!("{base}/api/v10"),
            authorization: format!("Bot {token}"),
        }
    }

    /// Sends `message` to Discord user `owner` by DM.
    pub(crate) async fn send(&self, owner: DiscordUserId, message: &CreateMessage) -> Result<(), DmError> {
        let channel = self
            .post("/users/@me/channels", &json!({ "recipient_id": owner.to_string() }))
            .await?;
        let channel = channel["id"]
            .as_str()
            .ok_or_else(|| DmError::Failed("Discord returned a DM channel without an id".to_owned()))?;
        let body = serde_json::to_value(message).map_err(|err| DmError::Failed(err.to_string()))?;
        self.post(&format!("/channels/{channel}/messages"), &body).await?;
        Ok(())
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, DmError> {
        let bytes = serde_json::to_vec(body).map_err(|err| DmError::Failed(err.to_string()))?;
        let mut pause = FIRST_PAUSE;
        let mut last = DmError::Failed("not tried".to_owned());
        for attempt in 1..=ATTEMPTS {
            let sent = self
                .client
                .post(format!("{}{path}", self.api))
                .header(reqwest::header::AUTHORIZATION, &self.authorization)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header(
                    reqwest::header::USER_AGENT,
                    concat!("DiscordBot (outsource-advisor, ", env!("CARGO_PKG_VERSION"), ")"),
                )
                .body(bytes.clone())
                .send()
                .await;
            let wait = match sent {
                Err(err) => {
                    last = DmError::Failed(err.without_url().to_string());
                    pause
                }
                Ok(response) => {
                    let status = response.status();
                    let header_retry = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse::<f64>().ok());
                    let answer: Value = response
                        .bytes()
                        .await
                        .ok()
                        .and_then(|b| serde_json::from_slice(&b).ok())
                        .unwrap_or(Value::Null);
                    if status.is_success() {
                        return Ok(answer);
                    }
                    if answer["code"]
                        .as_i64()
                        .is_some_and(|code| DMS_CLOSED_CODES.contains(&code))
                    {
                        return Err(DmError::Closed);
                    }
                    let message = answer["message"].as_str().unwrap_or_default();
                    last = DmError::Failed(format!("{status} {message}"));
                    if status.as_u16() == 429 {
                        let after = answer["retry_after"].as_f64().or(header_retry).unwrap_or(1.0);
                        if !(0.0..=MAX_RETRY_AFTER).contains(&after) {
                            return Err(last);
                        }
                        Duration::from_secs_f64(after)
                    } else if status.is_server_error() {
                        pause
                    } else {
                        return Err(last);
                    }
                }
            };
            if attempt < ATTEMPTS {
                tracing::warn!(%last, pause_ms = wait.as_millis() as u64, "a check-in DM must wait; retrying");
                tokio::time::sleep(wait).await;
                pause *= 2;
            }
        }
        Err(last)
    }
}

/// The check-in DM for `progress`, with its three buttons.
pub(crate) fn message(content: &Content, owner: DiscordUserId, progress: &ProgressReport) -> CreateMessage {
    let m = &content.messages;
    let buttons = vec![
        render::button(
            owner,
            Action::CheckinLog,
            m.get("discord.checkin_log"),
            ButtonStyle::Primary,
        ),
        render::button(
            owner,
            Action::CheckinSnooze,
            m.get("discord.checkin_snooze"),
            ButtonStyle::Secondary,
        ),
        render::button(
            owner,
            Action::CheckinsStop,
            m.get("discord.checkin_stop"),
            ButtonStyle::Danger,
        ),
    ];
    CreateMessage::new()
        .content(render::fit(m.get("discord.checkin_dm"), render::CONTENT_MAX))
        .embed(embed(content, progress, false))
        .components(vec![CreateActionRow::Buttons(buttons)])
        .allowed_mentions(render::no_pings())
}

/// The progress view model as an embed: its heading as the title; the verdict, spend and return
/// (and with `whole`, every check-in and what comes next) as the description. The sentences are
/// the terminal's `progress` (prompts' `[checkin]`).
pub(crate) fn embed(content: &Content, progress: &ProgressReport, whole: bool) -> CreateEmbed {
    let text = crate::view::checkin::render(content, progress, whole, render::when);
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default();
    let rest: Vec<&str> = if whole {
        lines.collect()
    } else {
        lines.take_while(|line| !line.is_empty()).collect()
    };
    CreateEmbed::new()
        .title(render::fit(title, 256))
        .description(render::fit(rest.join("\n").trim(), 4_096))
        .colour(0x2b_7a_78)
}
