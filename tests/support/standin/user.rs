//! Simulated Discord users: each call dispatches what a person's client would cause and returns
//! what the bot answered, waiting on the stand-in's records with a timeout, never a fixed sleep.

use std::time::Instant;

use outsource_advisor::advisor::content::AnswerKind;
use outsource_advisor::advisor::read::{self, Reading};
use outsource_advisor::discord::custom_id::{Action, CustomId};
use serde_json::{json, Value};

use super::{message_json, user_json, StandIn, Stored, APP_ID, BOT_ID, GUILD_CHANNEL_ID, GUILD_ID};

/// Where the user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A DM with the bot.
    Dm,
    /// The test guild's channel.
    Guild,
    /// A channel of a server the bot is not a member of, through the user's own install of the
    /// app (Discord's user-installable apps: `context` 0, owned by the user alone).
    OtherServer,
    /// A group DM, through the user's own install (`context` 2).
    GroupDm,
}

/// A server the bot is not in, and one of its channels; a group DM's channel.
pub const OTHER_GUILD_ID: u64 = 900_000_000_000_000_101;
pub const OTHER_CHANNEL_ID: u64 = 900_000_000_000_000_102;
pub const GROUP_DM_ID: u64 = 900_000_000_000_000_103;

/// What the bot answered to an interaction.
#[derive(Debug, Clone)]
pub struct Answer {
    pub interaction_id: u64,
    pub token: String,
    /// The callback body (`type` and `data`).
    pub callback: Value,
}

impl Answer {
    pub fn kind(&self) -> u64 {
        self.callback["type"].as_u64().unwrap_or(0)
    }

    pub fn data(&self) -> &Value {
        &self.callback["data"]
    }

    /// All text of the answer: content, embed titles, descriptions and fields.
    pub fn text(&self) -> String {
        message_text(self.data())
    }

    /// Every custom_id of its components.
    pub fn custom_ids(&self) -> Vec<String> {
        custom_ids(self.data())
    }

    /// Every custom_id of its components with what it decodes to, as the bot decodes it
    /// ([`CustomId::decode`]): tests read what a component does, never the format by hand.
    pub fn decoded(&self) -> Vec<(String, CustomId)> {
        decoded(self.data())
    }

    /// The custom_id of its first component whose action passes `pick`.
    pub fn find(&self, pick: impl Fn(&Action) -> bool) -> Option<String> {
        find(self.data(), pick)
    }

    /// The question it asks: the one its Skip button is for.
    pub fn asked(&self) -> Option<String> {
        self.decoded().into_iter().find_map(|(_, id)| match id.action {
            Action::Skip { expect } => Some(expect.question),
            _ => None,
        })
    }

    pub fn is_ephemeral(&self) -> bool {
        self.data()["flags"].as_u64().is_some_and(|f| f & 64 != 0)
    }
}

/// All text of a message body.
pub fn message_text(message: &Value) -> String {
    let mut out = vec![message["content"].as_str().unwrap_or_default().to_owned()];
    for embed in message["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.push(embed[key].as_str().unwrap_or_default().to_owned());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            out.push(field["name"].as_str().unwrap_or_default().to_owned());
            out.push(field["value"].as_str().unwrap_or_default().to_owned());
        }
        out.push(embed["footer"]["text"].as_str().unwrap_or_default().to_owned());
    }
    out.join("\n")
}

/// Every custom_id in a message's components (or a modal's).
pub fn custom_ids(message: &Value) -> Vec<String> {
    let mut ids: Vec<String> = message["custom_id"].as_str().map(str::to_owned).into_iter().collect();
    for row in message["components"].as_array().into_iter().flatten() {
        for component in row["components"].as_array().into_iter().flatten() {
            if let Some(id) = component["custom_id"].as_str() {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

/// Every custom_id in a message's components, decoded (a custom_id the bot could not decode
/// fails the test: the bot only sends its own).
pub fn decoded(message: &Value) -> Vec<(String, CustomId)> {
    custom_ids(message)
        .into_iter()
        .map(|text| {
            let id =
                CustomId::decode(&text).unwrap_or_else(|_| panic!("the bot sent a custom_id it cannot read: {text}"));
            (text, id)
        })
        .collect()
}

/// The custom_id of a message's first component whose action passes `pick`.
pub fn find(message: &Value, pick: impl Fn(&Action) -> bool) -> Option<String> {
    decoded(message)
        .into_iter()
        .find(|(_, id)| pick(&id.action))
        .map(|(text, _)| text)
}

/// The question an action answers, skips or goes back from, if it is about one.
pub fn question(action: &Action) -> Option<&str> {
    match action {
        Action::Answer { expect, .. }
        | Action::Select { expect }
        | Action::Pick { expect }
        | Action::Type { expect }
        | Action::Modal { expect }
        | Action::Back { expect }
        | Action::Skip { expect }
        | Action::Confirm { expect, .. } => Some(&expect.question),
        _ => None,
    }
}

/// True for a button answering with `value` ("yes", "no", "3").
pub fn answers_with(action: &Action, value: &str) -> bool {
    matches!(action, Action::Answer { value: v, .. } if v == value)
}

/// The question a message is asking, read from its components' decoded custom_ids.
pub fn asked(answer: &Answer) -> Option<String> {
    answer.asked()
}

/// The custom_id of the first component whose decoded action passes `pick`.
pub fn component(answer: &Answer, pick: impl Fn(&Action) -> bool) -> String {
    answer
        .find(pick)
        .unwrap_or_else(|| panic!("no such component in {:?}", answer.decoded()))
}

/// A simulated user.
#[derive(Clone)]
pub struct SimUser {
    pub standin: StandIn,
    pub id: u64,
    /// The `attachment_size_limit` its interactions carry (10 MiB unless a test says).
    pub attachment_limit: u64,
}

impl SimUser {
    pub fn new(standin: StandIn, id: u64) -> Self {
        SimUser {
            standin,
            id,
            attachment_limit: 10_485_760,
        }
    }

    /// The same user in a place whose attachments are limited to `bytes`.
    pub fn with_attachment_limit(mut self, bytes: u64) -> Self {
        self.attachment_limit = bytes;
        self
    }

    fn dm_channel(&self) -> u64 {
        // The DM channel id Discord would have: stable per user.
        self.id + 1
    }

    fn base(&self, kind: u64, place: Place, data: Value) -> (u64, String, Value) {
        let id = self.standin.shared.next_id();
        let token = format!("tok{id}");
        let mut interaction = json!({
            "id": id.to_string(),
            "application_id": APP_ID.to_string(),
            "type": kind,
            "token": token,
            "version": 1,
            "locale": "en-GB",
            "entitlements": [],
            "attachment_size_limit": self.attachment_limit,
            "app_permissions": "0",
            "data": data,
        });
        match place {
            Place::Dm => {
                interaction["channel_id"] = json!(self.dm_channel().to_string());
                interaction["channel"] = json!({"id": self.dm_channel().to_string(), "type": 1});
                interaction["user"] = user_json(self.id, false);
                interaction["context"] = json!(1);
                // The server install, used in the bot's DMs: Discord's "0" for no server.
                interaction["authorizing_integration_owners"] = json!({"0": "0"});
            }
            Place::OtherServer => {
                interaction["channel_id"] = json!(OTHER_CHANNEL_ID.to_string());
                interaction["channel"] =
                    json!({"id": OTHER_CHANNEL_ID.to_string(), "type": 0, "guild_id": OTHER_GUILD_ID.to_string()});
                interaction["guild_id"] = json!(OTHER_GUILD_ID.to_string());
                interaction["guild_locale"] = json!("en-GB");
                interaction["context"] = json!(0);
                interaction["authorizing_integration_owners"] = json!({"1": self.id.to_string()});
                interaction["member"] = json!({
                    "user": user_json(self.id, false),
                    "roles": [],
                    "joined_at": "2026-01-01T00:00:00.000000+00:00",
                    "deaf": false,
                    "mute": false,
                    "flags": 0,
                    "permissions": "0",
                });
            }
            Place::GroupDm => {
                interaction["channel_id"] = json!(GROUP_DM_ID.to_string());
                interaction["channel"] = json!({"id": GROUP_DM_ID.to_string(), "type": 3});
                interaction["user"] = user_json(self.id, false);
                interaction["context"] = json!(2);
                interaction["authorizing_integration_owners"] = json!({"1": self.id.to_string()});
            }
            Place::Guild => {
                interaction["authorizing_integration_owners"] = json!({"0": GUILD_ID.to_string()});
                interaction["channel_id"] = json!(GUILD_CHANNEL_ID.to_string());
                interaction["channel"] =
                    json!({"id": GUILD_CHANNEL_ID.to_string(), "type": 0, "guild_id": GUILD_ID.to_string()});
                interaction["guild_id"] = json!(GUILD_ID.to_string());
                interaction["guild_locale"] = json!("en-GB");
                interaction["context"] = json!(0);
                interaction["member"] = json!({
                    "user": user_json(self.id, false),
                    "roles": [],
                    "joined_at": "2026-01-01T00:00:00.000000+00:00",
                    "deaf": false,
                    "mute": false,
                    "flags": 0,
                    "permissions": "2147483647",
                });
            }
        }
        (id, token, interaction)
    }

    /// Dispatches an interaction and waits for its callback.
    async fn interact(&self, kind: u64, place: Place, data: Value, message: Option<Value>) -> Answer {
        let (id, token, mut interaction) = self.base(kind, place, data);
        if let Some(message) = message {
            interaction["message"] = message;
        }
        self.standin
            .shared
            .lock()
            .interactions
            .insert(id, (token.clone(), Instant::now(), None));
        self.standin.dispatch("INTERACTION_CREATE", interaction);
        let callback = self
            .standin
            .wait_for(&format!("the callback of interaction {id}"), |inner| {
                inner.callbacks.get(&id).cloned()
            })
            .await;
        Answer {
            interaction_id: id,
            token,
            callback,
        }
    }

    /// Runs a slash command with options (`[("share", json!(true))]`).
    pub async fn slash(&self, place: Place, name: &str, options: &[(&str, Value)]) -> Answer {
        let options: Vec<Value> = options
            .iter()
            .map(|(name, value)| {
                let kind = match value {
                    Value::Bool(_) => 5,
                    Value::Number(_) => 4,
                    _ => 3,
                };
                json!({"name": name, "type": kind, "value": value})
            })
            .collect();
        let data = json!({"id": "1", "name": name, "type": 1, "options": options});
        self.interact(2, place, data, None).await
    }

    /// `/assess`, then *Start* on the welcome card a first `/assess` shows: the first question
    /// (or whatever `/assess` answered when it showed no welcome).
    pub async fn start(&self, place: Place) -> Answer {
        let first = self.slash(place, "assess", &[]).await;
        match first.find(|a| matches!(a, Action::Resume)) {
            Some(start) if first.asked().is_none() => self.click(place, &first, &start).await,
            _ => first,
        }
    }

    /// The message an answer stands for, as a component interaction carries it.
    fn message_of(&self, answer: &Answer, place: Place) -> Value {
        let stored = self.standin.shared.lock().originals.get(&answer.token).cloned();
        let (id, body) = match stored {
            Some(Stored { id, body, .. }) => (id, body),
            None => (answer.interaction_id, answer.data().clone()),
        };
        let channel = match place {
            Place::Dm => self.dm_channel(),
            Place::Guild => GUILD_CHANNEL_ID,
            Place::OtherServer => OTHER_CHANNEL_ID,
            Place::GroupDm => GROUP_DM_ID,
        };
        let mut message = message_json(id, channel, user_json(BOT_ID, true), &body);
        message["interaction_metadata"] = json!({"id": answer.interaction_id.to_string(), "type": 2, "user": user_json(self.id, false), "authorizing_integration_owners": {}});
        message
    }

    /// Clicks the button `custom_id` on the message of `on`.
    pub async fn click(&self, place: Place, on: &Answer, custom_id: &str) -> Answer {
        let data = json!({"custom_id": custom_id, "component_type": 2});
        self.interact(3, place, data, Some(self.message_of(on, place))).await
    }

    /// Picks `values` in the select menu `custom_id` on the message of `on`.
    pub async fn select(&self, place: Place, on: &Answer, custom_id: &str, values: &[&str]) -> Answer {
        let data = json!({"custom_id": custom_id, "component_type": 3, "values": values});
        self.interact(3, place, data, Some(self.message_of(on, place))).await
    }

    /// Submits the modal `custom_id` with one text field's value.
    pub async fn submit_modal(&self, place: Place, on: &Answer, custom_id: &str, value: &str) -> Answer {
        let data = json!({
            "custom_id": custom_id,
            "components": [{"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": value}]}],
        });
        self.interact(5, place, data, Some(self.message_of(on, place))).await
    }

    /// Submits the modal `custom_id` with a value for each of its text inputs, by input id.
    pub async fn submit_form(&self, place: Place, on: &Answer, custom_id: &str, values: &[(&str, &str)]) -> Answer {
        let rows: Vec<Value> = values
            .iter()
            .map(|(id, value)| json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]}))
            .collect();
        let data = json!({"custom_id": custom_id, "components": rows});
        self.interact(5, place, data, Some(self.message_of(on, place))).await
    }

    /// Sends a message (a DM, or in the guild channel); returns the bot's messages to that
    /// channel and to the user's DMs once `done` is satisfied by them.
    pub async fn say(
        &self,
        place: Place,
        content: &str,
        mention: bool,
        done: impl Fn(&[Stored]) -> bool,
    ) -> Vec<Stored> {
        let id = self.standin.shared.next_id();
        let before = self.standin.shared.lock().channel_messages.len();
        let channel = match place {
            Place::Dm => self.dm_channel(),
            Place::Guild => GUILD_CHANNEL_ID,
            Place::OtherServer => OTHER_CHANNEL_ID,
            Place::GroupDm => GROUP_DM_ID,
        };
        let content = if mention {
            format!("<@{BOT_ID}> {content}")
        } else {
            content.to_owned()
        };
        let mut message = message_json(id, channel, user_json(self.id, false), &json!({"content": content}));
        if mention {
            message["mentions"] = json!([user_json(BOT_ID, true)]);
        }
        if place == Place::Guild {
            message["guild_id"] = json!(GUILD_ID.to_string());
            message["member"] = json!({"roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0});
        }
        self.standin.dispatch("MESSAGE_CREATE", message);
        self.standin
            .wait_for("the bot's chat reply", |inner| {
                let new: Vec<Stored> = inner.channel_messages[before..].to_vec();
                (!new.is_empty() && done(&new)).then_some(new)
            })
            .await
    }

    /// The reply that follows a deferred answer (callback type 5): the bot's edit of the original
    /// response, waited for, as the request it sent (its JSON body and files).
    pub async fn deferred_reply(&self, answer: &Answer) -> super::Recorded {
        let path = format!("/webhooks/{APP_ID}/{}/messages/@original", answer.token);
        self.standin
            .wait_for("the edit that follows a deferred reply", |inner| {
                inner
                    .requests
                    .iter()
                    .find(|r| r.method == "PATCH" && r.path.ends_with(&path))
                    .cloned()
            })
            .await
    }

    /// The DM channel the bot opened with this user, if any.
    pub fn dm_channel_opened(&self) -> Option<u64> {
        self.standin.shared.lock().dm_channels.get(&self.id).copied()
    }
}

impl SimUser {
    /// Answers the question `on` asks with `text` the way a person would with the components it
    /// offers: a yes/no or scale button, the choices' menu, or *Type my answer* and its form,
    /// whose placeholder is one of the question's examples (the one in the label's unit).
    pub async fn answer_by_components(&self, place: Place, on: &Answer, text: &str) -> Answer {
        let question = crate::common::content()
            .question(&asked(on).expect("a question is asked"))
            .expect("a known question")
            .clone();
        match question.kind {
            AnswerKind::YesNo => {
                let Ok(Reading::YesNo { value }) = read::read_yes_no(text) else {
                    panic!("{text}")
                };
                self.click(place, on, &component(on, |a| answers_with(a, value.id())))
                    .await
            }
            AnswerKind::Scale => {
                let Ok(Reading::Scale { value }) = read::read_scale(text) else {
                    panic!("{text}")
                };
                self.click(place, on, &component(on, |a| answers_with(a, &value.to_string())))
                    .await
            }
            AnswerKind::Choice | AnswerKind::Choices => {
                let many = question.kind == AnswerKind::Choices;
                let Ok(Reading::Choices { picks }) = read::read_choices(text, &question.choices, many) else {
                    panic!("{text}")
                };
                let picks: Vec<&str> = picks.iter().map(String::as_str).collect();
                self.select(
                    place,
                    on,
                    &component(on, |a| matches!(a, Action::Select { .. })),
                    &picks,
                )
                .await
            }
            _ => {
                let modal = self
                    .click(place, on, &component(on, |a| matches!(a, Action::Type { .. })))
                    .await;
                assert_eq!(modal.kind(), 9, "Type your answer opens a modal");
                let placeholder = &modal.data()["components"][0]["components"][0]["placeholder"];
                // One of the question's examples: the one in the label's unit (issue 30).
                assert!(
                    question
                        .examples
                        .iter()
                        .any(|e| placeholder == &Value::from(e.as_str())),
                    "an example is the placeholder: {placeholder}"
                );
                let modal_id = modal.custom_ids()[0].clone();
                self.submit_modal(place, on, &modal_id, text).await
            }
        }
    }
}
