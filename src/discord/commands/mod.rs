//! The slash commands, one file each, and what they share: the [`Reply`] a handler turns into
//! Discord's interaction callback, and the rendering of an interview's screen.
//!
//! Every command is an async function of the [`Data`] and the Discord user that returns a reply;
//! it runs on the interaction's own task (a store call awaits the flush thread, it holds no
//! thread), and the handler does the sending.

pub mod advice;
pub mod answers;
pub mod assess;
pub mod brief;
pub mod checkins;
pub mod checklist;
pub mod export;
pub mod forget;
pub mod help;
pub mod history;
pub mod progress;

use serenity::all::{
    CommandOptionType, CreateCommand, CreateCommandOption, CreateInteractionResponseMessage, CreateModal,
};

use super::render;
use super::Data;
use crate::advisor::interview::Screen;
use crate::session::Applied;
use crate::store::StoreError;
use crate::text;

/// What to answer an interaction with.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A new message (callback type 4).
    Message(CreateInteractionResponseMessage),
    /// Replace the message the component is on (callback type 7).
    Update(CreateInteractionResponseMessage),
    /// Open a modal (callback type 9).
    Modal(CreateModal),
    /// A private message with one file attached.
    File { text: String, name: String, bytes: Vec<u8> },
    /// A message with one file attached, which its embeds may show (`attachment://NAME`).
    /// One file only: serenity names every part `files[0]` when the request is built by hand.
    Attached {
        message: CreateInteractionResponseMessage,
        name: String,
        bytes: Vec<u8>,
    },
}

/// The options a slash command was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// `/advice share: true`.
    pub share: bool,
    /// `/export format: csv`.
    pub csv: bool,
    /// `/checkins set:` (one of [`checkins::SET_CHOICES`]).
    pub set: Option<&'static str>,
}

/// The commands answered with a deferred response first: they read the whole history, which may
/// take longer than the 3 s Discord gives the first answer.
pub const DEFERRED: &[&str] = &["history", "export"];

/// The slash commands, for registration.
pub fn all(data: &Data) -> Vec<CreateCommand> {
    let m = &data.content.messages;
    let describe =
        |name: &str| CreateCommand::new(name).description(render::fit(m.get(&format!("discord.commands.{name}")), 100));
    vec![
        describe("assess"),
        describe("answers"),
        describe("advice").add_option(
            CreateCommandOption::new(
                CommandOptionType::Boolean,
                "share",
                render::fit(m.get("discord.commands.advice_share"), 100),
            )
            .required(false),
        ),
        describe("checklist"),
        describe("history"),
        describe("brief"),
        describe("export").add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "format",
                render::fit(m.get("discord.commands.export_format"), 100),
            )
            .add_string_choice("json", "json")
            .add_string_choice("csv", "csv")
            .required(false),
        ),
        describe("checkins").add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "set",
                render::fit(m.get("discord.commands.checkins_set"), 100),
            )
            .add_string_choice(render::fit(m.get("discord.commands.checkins_monthly"), 100), "monthly")
            .add_string_choice(
                render::fit(m.get("discord.commands.checkins_two_weeks"), 100),
                "two_weeks",
            )
            .add_string_choice(render::fit(m.get("discord.commands.checkins_off"), 100), "off")
            .required(false),
        ),
        describe("progress"),
        describe("forget"),
        describe("help"),
    ]
}

/// Runs the slash command `name` for `owner`.
pub async fn run(data: &Data, owner: u64, name: &str, options: Options) -> Reply {
    match name {
        "assess" => assess::run(data, owner).await,
        "answers" => answers::run(data, owner).await,
        "advice" => advice::run(data, owner, options.share).await,
        "brief" => brief::run(data, owner).await,
        "checklist" => checklist::run(data, owner).await,
        "history" => history::run(data, owner).await,
        "export" => export::run(data, owner, options.csv).await,
        "checkins" => checkins::run(data, owner, options.set).await,
        "progress" => progress::run(data, owner).await,
        "forget" => forget::run(data, owner),
        "help" => help::run(data),
        _ => Reply::Message(render::notice(data.content.messages.get("discord.unknown_command"))),
    }
}

/// A friendly private error; the details go to the log, not to the user.
pub fn failed(data: &Data, err: &StoreError) -> CreateInteractionResponseMessage {
    tracing::error!(error = %err, "store error while answering an interaction");
    render::notice(data.content.messages.get("discord.error"))
}

/// The message for what an input led to: the question (with any note), or the advice.
pub fn screen(data: &Data, owner: u64, applied: &Applied) -> CreateInteractionResponseMessage {
    let content = &data.content;
    let turn = &applied.turn;
    match &turn.screen {
        Screen::Ask(ask) => {
            let note = render::note_text(content, ask, None, turn.note);
            render::question(content, owner, ask, note.as_deref())
        }
        Screen::Reask { ask, problem } => {
            let note = render::note_text(content, ask, Some(problem), None);
            render::question(content, owner, ask, note.as_deref())
        }
        Screen::Confirm { ask, reading, doubt } => render::confirm(content, owner, ask, reading, *doubt),
        Screen::Review(lines) => render::answers(content, owner, &turn.interview, lines),
        Screen::Done => {
            let advice = applied
                .advice
                .clone()
                .unwrap_or_else(|| crate::advisor::advice::advise(content, &turn.interview));
            let note = if applied.advice.is_some() {
                content.messages.get("chat.finished").to_owned()
            } else {
                text::all_done(content, &turn.interview, "discord")
            };
            // Advice that pays someone has a failure point: check-ins are offered under it.
            let offer = advice.failure_point.is_some().then(|| checkins::offer(data, owner));
            render::private()
                .content(render::fit(&note, render::CONTENT_MAX))
                .embeds(render::advice_embeds(content, &advice))
                .components(offer.into_iter().collect())
        }
    }
}
