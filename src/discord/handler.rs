//! The event handler: turns Discord events into calls of the commands, components and
//! conversation, and their replies into Discord messages. It holds no interview state: everything
//! lives in the store, so a restart loses nothing and any old button still works.

use std::sync::{Arc, OnceLock};

use serde_json::json;
use serenity::all::{
    ActionRowComponent, AuthorizingIntegrationOwner, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, Context, CreateAttachment, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, EventHandler, GuildId, Http, HttpError, Interaction,
    InteractionContext, InteractionId, Message, ModalInteraction, Ready,
};
use serenity::async_trait;
use tracing::Instrument;

use super::commands::{self, Invocation, Reply, Where};
use super::conversation::{self, Destination};
use super::gate::Gate;
use super::registration::{self, Registered};
use super::throttle::{Admission, GlobalBudget, Throttle};
use super::{components, render, Data};
use crate::discord::DiscordUserId;

pub(crate) struct Handler {
    pub data: Arc<Data>,
    /// Register commands for this guild only (instant, for testing) instead of globally.
    pub guild_id: Option<GuildId>,
    pub gate: Arc<Gate>,
    throttle: Throttle,
    /// The bot-wide budget of requests that count against Discord's global limit.
    outgoing: GlobalBudget,
    bot_id: OnceLock<DiscordUserId>,
    /// True once the slash commands are registered (or found registered) by this process.
    registered: tokio::sync::Mutex<bool>,
    /// Dropped with the handler: `bot::run` waits for that before it flushes the store.
    _alive: tokio::sync::mpsc::Sender<()>,
}

impl Handler {
    pub(crate) fn new(
        data: Arc<Data>,
        guild_id: Option<GuildId>,
        gate: Arc<Gate>,
        throttle: Throttle,
        alive: tokio::sync::mpsc::Sender<()>,
    ) -> Self {
        Handler {
            data,
            guild_id,
            gate,
            throttle,
            outgoing: GlobalBudget::default(),
            bot_id: OnceLock::new(),
            registered: tokio::sync::Mutex::new(false),
            _alive: alive,
        }
    }

    /// The bot's own user id. READY sets it, but serenity runs each event's handler as its own
    /// task, so a message that arrives right behind READY can get here first: then it is asked
    /// of Discord once, rather than the message being dropped.
    async fn bot_id(&self, ctx: &Context) -> Option<DiscordUserId> {
        if let Some(&id) = self.bot_id.get() {
            return Some(id);
        }
        match ctx.http.get_current_user().await {
            Ok(me) => Some(*self.bot_id.get_or_init(|| me.id)),
            Err(err) => {
                tracing::warn!(error = %err, "could not learn the bot's own id; message ignored");
                None
            }
        }
    }

    /// A short notice in the message's channel, paid from the budget's reserve; when even that is
    /// spent it is left unsent (logged), as sending it would only add to the overload.
    async fn notice(&self, ctx: &Context, message: &Message, key: &str) {
        if !self.outgoing.take_for_notice(std::time::Instant::now()) {
            tracing::warn!(notice = key, "no request budget left for a notice; not sent");
            return;
        }
        let notice = CreateMessage::new()
            .content(self.data.content.messages.get(key))
            .allowed_mentions(render::no_pings());
        if let Err(err) = message.channel_id.send_message(&ctx.http, notice).await {
            tracing::warn!(error = %err, notice = key, "could not send a notice");
        }
    }

    async fn command(&self, ctx: &Context, interaction: &CommandInteraction) {
        let at = invocation(interaction);
        let Some(command) = commands::Command::parse(&interaction.data.name, &interaction.data.options()) else {
            tracing::warn!(command = %interaction.data.name, "a slash command this bot does not have");
            let notice = render::notice(self.data.content.messages.get("discord.unknown_command"));
            send(&ctx.http, interaction.id, &interaction.token, Reply::Message(notice)).await;
            return;
        };
        tracing::debug!(command = command.name(), "slash command");
        // Answered "thinking…" first, so Discord's 3 s never runs out, then the reply replaces it.
        let deferred = command.deferred();
        if !deferred {
            return self.quick_command(ctx, interaction, command, &at).await;
        }
        if deferred {
            let defer = CreateInteractionResponse::Defer(render::private());
            if let Err(err) = respond(&ctx.http, interaction.id, &interaction.token, defer).await {
                tracing::warn!(error = %err, "could not defer an interaction");
                return;
            }
        }
        // On this task: the store applies the write inline and awaits the flush thread.
        let reply = command.run(&self.data, &at).await;
        if deferred {
            edit_original(&ctx.http, &interaction.token, reply).await;
        } else {
            send(&ctx.http, interaction.id, &interaction.token, reply).await;
        }
    }

    /// Answers a command that is not deferred up front: at once when the work is quick, else
    /// deferred ("thinking…", private) in time and edited when done.
    async fn quick_command(
        &self,
        ctx: &Context,
        interaction: &CommandInteraction,
        command: commands::Command,
        at: &Invocation,
    ) {
        let work = command.run(&self.data, at);
        let defer = CreateInteractionResponse::Defer(render::private());
        in_time(&ctx.http, interaction.id, &interaction.token, defer, work).await;
    }

    async fn component(&self, ctx: &Context, component: &ComponentInteraction) {
        let clicker = component.user.id;
        let custom_id = component.data.custom_id.clone();
        let values = match &component.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.clone(),
            _ => Vec::new(),
        };
        let work = components::run(&self.data, clicker, &custom_id, &values);
        in_time(
            &ctx.http,
            component.id,
            &component.token,
            CreateInteractionResponse::Acknowledge,
            work,
        )
        .await;
    }

    async fn modal(&self, ctx: &Context, modal: &ModalInteraction) {
        let clicker = modal.user.id;
        let custom_id = modal.data.custom_id.clone();
        let text: Vec<String> = modal
            .data
            .components
            .iter()
            .flat_map(|row| row.components.iter())
            // An input left empty still takes its place, so a form's values keep their order.
            .filter_map(|component| match component {
                ActionRowComponent::InputText(input) => Some(input.value.clone().unwrap_or_default()),
                _ => None,
            })
            .collect();
        let work = components::run(&self.data, clicker, &custom_id, &text);
        in_time(
            &ctx.http,
            modal.id,
            &modal.token,
            CreateInteractionResponse::Acknowledge,
            work,
        )
        .await;
    }

    /// Whether a chat message is read at all, and the bot's id when it is: not a bot's, a
    /// mention in a server, the author within their rate, and a request from
    /// the bot-wide budget. Anything refused is left unread (nothing is stored) and, where the
    /// author should know, said so.
    async fn admit(&self, ctx: &Context, message: &Message) -> Option<DiscordUserId> {
        if message.author.bot {
            return None;
        }
        let bot = self.bot_id(ctx).await?;
        if message.guild_id.is_some() && !message.mentions_user_id(bot) {
            return None;
        }
        match self.throttle.check(message.author.id, std::time::Instant::now()) {
            Admission::Allow => {}
            Admission::Drop => return None,
            Admission::SlowDown => {
                self.notice(ctx, message, "discord.slow_down").await;
                return None;
            }
        }
        // Too many people at once for Discord's global limit: wait briefly for room, else leave
        // the message unread and say so. Interaction responses don't count against that limit,
        // so only chat needs this.
        if !self.outgoing.acquire().await {
            tracing::warn!("bot-wide request budget spent; a chat message was shed");
            self.notice(ctx, message, "discord.busy").await;
            return None;
        }
        Some(bot)
    }

    /// Sends a reply's messages in order, opening the author's DM channel once for those that
    /// are private. The token `admit` took pays for the first request; the rest wait their turn
    /// (the work is done and stored, so it is never shed).
    async fn deliver(&self, ctx: &Context, message: &Message, outgoing: Vec<conversation::ChatReply>) {
        let mut paid = true;
        let mut pay = || std::mem::replace(&mut paid, false);
        let mut dm = None;
        for out in outgoing {
            let channel = match (&out.to, dm) {
                (Destination::Here, _) => message.channel_id,
                (Destination::Private, Some(channel)) => channel,
                (Destination::Private, None) => {
                    if !pay() {
                        self.outgoing.acquire_always().await;
                    }
                    match message.author.id.create_dm_channel(&ctx.http).await {
                        Ok(channel) => *dm.insert(channel.id),
                        Err(err) => {
                            tracing::warn!(error = %err, "could not open a DM channel");
                            return;
                        }
                    }
                }
            };
            let reply = CreateMessage::new()
                .content(out.text)
                .allowed_mentions(render::no_pings());
            if !pay() {
                self.outgoing.acquire_always().await;
            }
            if let Err(err) = with_retry(|| channel.send_message(&ctx.http, reply.clone())).await {
                tracing::warn!(error = %err, "could not send a chat reply");
                return;
            }
        }
    }
}

/// How long the work behind an interaction may run before the interaction is deferred: Discord
/// drops an interaction not answered within 3 s, and a slow store (a database that is frozen, or
/// waiting for a lock) may take up to its own limit (4 s) to answer or give up.
const DEFER_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

/// Answers interaction `id` with what `work` replies: as its callback when the work is done within
/// [`DEFER_AFTER`], else with `defer` first (so the 3 s never run out) and the reply as an edit
/// of the original response once the work is done, stored or failed.
async fn in_time(
    http: &Http,
    id: InteractionId,
    token: &str,
    defer: CreateInteractionResponse,
    work: impl std::future::Future<Output = Reply>,
) {
    let mut work = std::pin::pin!(work);
    tokio::select! {
        reply = &mut work => return send(http, id, token, reply).await,
        () = tokio::time::sleep(DEFER_AFTER) => {}
    }
    tracing::info!("the store is slow; deferring the interaction");
    let deferred = respond(http, id, token, defer).await;
    let reply = work.await;
    match deferred {
        Ok(()) => edit_original(http, token, reply).await,
        Err(err) => tracing::warn!(error = %err, "could not defer an interaction"),
    }
}

/// Sends a reply as the callback of interaction `id` (with `token`), logging (not showing) a
/// failure.
async fn send(http: &Http, id: InteractionId, token: &str, reply: Reply) {
    let result = match reply {
        Reply::Message(message) => respond(http, id, token, CreateInteractionResponse::Message(message)).await,
        Reply::Update(message) => respond(http, id, token, CreateInteractionResponse::UpdateMessage(message)).await,
        Reply::Modal(modal) => respond(http, id, token, CreateInteractionResponse::Modal(modal)).await,
        Reply::File { text, name, bytes } => {
            let message = render::private().content(render::fit(&text, render::CONTENT_MAX));
            send_file(http, id, token, message, name, bytes).await
        }
        Reply::Attached { message, name, bytes } => send_file(http, id, token, message, name, bytes).await,
        Reply::Files { text, mut files } => {
            let rest = files.split_off(files.len().min(1));
            let message = render::private().content(render::fit(&text, render::CONTENT_MAX));
            let first = match files.pop() {
                Some((name, bytes)) => send_file(http, id, token, message, name, bytes).await,
                None => respond(http, id, token, CreateInteractionResponse::Message(message)).await,
            };
            match first {
                Ok(()) => follow_up_files(http, token, rest).await,
                Err(err) => Err(err),
            }
        }
    };
    if let Err(err) = result {
        tracing::warn!(error = %err, "could not answer an interaction");
    }
}

/// Each file in a private follow-up of its own, after the reply (see [`Reply::Files`]).
async fn follow_up_files(http: &Http, token: &str, files: Vec<(String, Vec<u8>)>) -> serenity::Result<()> {
    for (name, bytes) in files {
        let body = json!({
            "flags": 64,
            "allowed_mentions": {"parse": []},
            "attachments": [{"id": "0", "filename": name}],
        });
        let file = CreateAttachment::bytes(bytes, name);
        with_retry(|| http.create_followup_message(token, &body, vec![file.clone()])).await?;
    }
    Ok(())
}

/// Replaces a deferred response with `reply` (a message or a file; never a modal or an update).
async fn edit_original(http: &Http, token: &str, reply: Reply) {
    // Several files: the first in the edit, the others in follow-ups (see [`Reply::Files`]).
    let (reply, rest) = match reply {
        Reply::Files { text, mut files } => {
            let rest = files.split_off(files.len().min(1));
            match files.pop() {
                Some((name, bytes)) => (Reply::File { text, name, bytes }, rest),
                None => (Reply::Message(render::private().content(text)), rest),
            }
        }
        reply => (reply, Vec::new()),
    };
    let (body, files) = match reply {
        Reply::Message(message) | Reply::Update(message) => {
            let mut body = serde_json::to_value(&message).unwrap_or_else(|_| json!({}));
            // An edit keeps the deferred response's flags (private); the edit may not set them.
            if let Some(object) = body.as_object_mut() {
                object.remove("flags");
            }
            (body, Vec::new())
        }
        Reply::File { text, name, bytes } => (
            json!({
                "content": text,
                "allowed_mentions": {"parse": []},
                "attachments": [{"id": "0", "filename": name}],
            }),
            vec![CreateAttachment::bytes(bytes, name)],
        ),
        Reply::Attached { message, name, bytes } => {
            let mut body = serde_json::to_value(&message).unwrap_or_else(|_| json!({}));
            if let Some(object) = body.as_object_mut() {
                object.remove("flags");
                object.insert("attachments".to_owned(), json!([{"id": "0", "filename": name}]));
            }
            (body, vec![CreateAttachment::bytes(bytes, name)])
        }
        Reply::Modal(_) => {
            tracing::error!("a deferred command answered with a modal");
            return;
        }
        Reply::Files { .. } => {
            tracing::error!("several files were not split before the edit");
            return;
        }
    };
    let result = with_retry(|| http.edit_original_interaction_response(token, &body, files.clone())).await;
    let result = match result {
        Ok(_) => follow_up_files(http, token, rest).await,
        Err(err) => Err(err),
    };
    if let Err(err) = result {
        tracing::warn!(error = %err, "could not send a deferred reply");
    }
}

/// A callback with one file, as multipart with a JSON payload.
///
/// The attachment list is written here, not by serenity's builder: Discord's spec wants an
/// attachment's id as a snowflake string, and the builder writes a number.
async fn send_file(
    http: &Http,
    id: InteractionId,
    token: &str,
    message: CreateInteractionResponseMessage,
    name: String,
    bytes: Vec<u8>,
) -> serenity::Result<()> {
    let mut data = serde_json::to_value(&message)?;
    data["attachments"] = json!([{"id": "0", "filename": name}]);
    let body = json!({"type": 4, "data": data});
    let file = CreateAttachment::bytes(bytes, name);
    with_retry(|| http.create_interaction_response(id, token, &body, vec![file.clone()])).await
}

/// Sends `response` as interaction `id`'s callback, serialised from the reply itself on each
/// attempt. serenity's `execute` consumes its builder, so a retryable send cloned the whole reply
/// (its embeds, buttons and menus: a tree of strings) for every interaction; the load bench's
/// profile had that clone and its drop beside our own render. What `execute` adds is done here
/// once: its length checks (the layouts already fit every text), no files (a reply with a file
/// goes through [`send_file`]), and allowed mentions from the `Http`'s default, which this bot's
/// `Http` does not have (every layout sets its own, `render::no_pings`).
async fn respond(
    http: &Http,
    id: InteractionId,
    token: &str,
    response: CreateInteractionResponse,
) -> serenity::Result<()> {
    with_retry(|| http.create_interaction_response(id, token, &response, Vec::new())).await
}

/// Who ran `interaction`, and where: a server the bot is in, its DMs, or a place it reaches only
/// through a user install (the interaction's `context` and `authorizing_integration_owners`).
fn invocation(interaction: &CommandInteraction) -> Invocation {
    let installed_here = interaction
        .authorizing_integration_owners
        .0
        .iter()
        .any(|owner| matches!(owner, AuthorizingIntegrationOwner::GuildInstall(_)));
    let place = match interaction.context {
        Some(InteractionContext::BotDm) => Where::BotDm,
        Some(InteractionContext::Guild) if installed_here => Where::Server,
        Some(InteractionContext::Guild | InteractionContext::PrivateChannel) => Where::OnlyCommands,
        // An older payload without a context: a server when it names one.
        _ if interaction.guild_id.is_some() => Where::Server,
        _ => Where::BotDm,
    };
    Invocation {
        owner: interaction.user.id,
        place,
        attachment_max: usize::try_from(interaction.attachment_size_limit)
            .ok()
            .filter(|&limit| limit > 0)
            .unwrap_or(commands::export::ATTACHMENT_MAX),
    }
}

/// True for an HTTP answer worth trying again: a 429, or a 5xx from Discord's side.
fn is_transient(err: &serenity::Error) -> bool {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            response.status_code.as_u16() == 429 || response.status_code.is_server_error()
        }
        _ => false,
    }
}

/// Runs a request, trying again after a 429 or a 5xx with a growing pause (0.25, 0.5, 1, 2 s).
///
/// With a REST proxy serenity's own rate limiter is off, and its error does not carry the 429's
/// `retry_after`; the doubling pause outlasts any short `retry_after` within four tries, so no
/// reply is lost. Every attempt is the same request, so a retry never doubles a write: the store
/// was written before the reply was sent.
pub(crate) async fn with_retry<T, F, Fut>(mut attempt: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut pause = std::time::Duration::from_millis(250);
    for _ in 0..4 {
        match attempt().await {
            Err(err) if is_transient(&err) => {
                tracing::warn!(error = %err, pause_ms = pause.as_millis() as u64, "Discord asked us to wait; retrying");
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            other => return other,
        }
    }
    attempt().await
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let _ = self.bot_id.set(ready.user.id);
        tracing::info!(shard = ?ready.shard, guilds = ready.guilds.len(), "connected");
        // Once per process, not once per shard's READY; tried again at the next READY if it failed.
        let mut registered = self.registered.lock().await;
        if *registered {
            return;
        }
        let commands = commands::Command::register(&self.data.content.messages);
        match registration::register(&ctx.http, self.guild_id, commands, &self.data).await {
            Ok(Registered::Unchanged(count)) => {
                *registered = true;
                tracing::info!(count, guild = ?self.guild_id, "slash commands unchanged; not registered again");
            }
            Ok(Registered::Overwritten(count)) => {
                *registered = true;
                tracing::info!(count, guild = ?self.guild_id, "slash commands registered");
            }
            Err(err) => tracing::error!(error = %err, "could not register slash commands"),
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let Some(_pass) = self.gate.enter() else {
            return;
        };
        let user = match &interaction {
            Interaction::Command(c) => c.user.id,
            Interaction::Component(c) => c.user.id,
            Interaction::Modal(m) => m.user.id,
            _ => return,
        };
        match self.throttle.check(user, std::time::Instant::now()) {
            Admission::Allow => {}
            Admission::SlowDown | Admission::Drop => {
                // An interaction must be answered, or the user sees "interaction failed"; the
                // answer is a short private notice that costs no work.
                let reply = Reply::Message(render::notice(self.data.content.messages.get("discord.slow_down")));
                let (id, token) = match &interaction {
                    Interaction::Command(c) => (c.id, c.token.as_str()),
                    Interaction::Component(c) => (c.id, c.token.as_str()),
                    Interaction::Modal(m) => (m.id, m.token.as_str()),
                    _ => return,
                };
                send(&ctx.http, id, token, reply).await;
                return;
            }
        }
        // Everything logged while answering names the user (a store error above all), never
        // their words: the span carries the id alone.
        let span = tracing::error_span!("interaction", user = %user);
        async {
            match &interaction {
                Interaction::Command(command) => self.command(&ctx, command).await,
                Interaction::Component(component) => self.component(&ctx, component).await,
                Interaction::Modal(modal) => self.modal(&ctx, modal).await,
                _ => {}
            }
        }
        .instrument(span)
        .await
    }

    async fn message(&self, ctx: Context, message: Message) {
        // Held to the last reply sent, so shutting down never cuts a reply off.
        let Some(_pass) = self.gate.enter() else {
            return;
        };
        let Some(bot) = self.admit(&ctx, &message).await else {
            return;
        };
        let text = conversation::strip_mention(&message.content, bot);
        let span = tracing::error_span!("chat", user = %message.author.id);
        async {
            let outgoing =
                conversation::respond(&self.data, message.author.id, &text, message.guild_id.is_some()).await;
            self.deliver(&ctx, &message, outgoing).await;
        }
        .instrument(span)
        .await
    }
}
