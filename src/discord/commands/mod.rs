//! The slash commands, one file each, as one exhaustive list, and what they share: the [`Reply`]
//! a handler turns into Discord's interaction callback, the one [`CommandError`] a command may
//! fail with, the one place ([`failed`]) that turns it into a friendly private reply, and the
//! rendering of an interview's screen.
//!
//! ```text
//! handler ──parse(name, options)──> Command ──run──> <file>::run ──> Result<Reply, CommandError>
//!    │                                 │                                   │
//!    └─ registers Command::register ───┘                 failed(): a private notice, logged
//! ```
//!
//! Each command is a struct of its typed options implementing [`SlashCommand`] in its own file;
//! [`slash_commands!`] lists them once, and everything else (registration, parsing, deferral,
//! dispatch, the names the tests and `check` see) is derived from that list. Adding a command is
//! one file and one line there; the compiler finds the rest. A command runs on the interaction's
//! own task (a store call awaits the flush thread, it holds no thread), and the handler does the
//! sending.

pub mod advice;
pub(crate) mod answers;
pub(crate) mod assess;
pub(crate) mod brief;
pub(crate) mod checkins;
pub mod checklist;
pub(crate) mod export;
pub(crate) mod forget;
pub mod help;
pub(crate) mod history;
pub(crate) mod privacy;
pub(crate) mod progress;

use serenity::all::{
    CreateCommand, CreateCommandOption, CreateEmbed, CreateInteractionResponseMessage, CreateModal,
    InstallationContext, InteractionContext, ResolvedOption, ResolvedValue,
};

use super::custom_id::Section;
use super::render;
use super::Data;
use crate::advisor::content::Messages;
use crate::advisor::interview::Screen;
use crate::app::interview::Applied;
use crate::chat::text;
use crate::discord::DiscordUserId;
use crate::store::StoreError;
use crate::view;

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
    /// A private message with several files (issue 31: the brief as `.md` and `.pdf`): the first
    /// attached to the reply, each other one in a private follow-up of its own, as serenity names
    /// every part of a hand-built request `files[0]`.
    Files {
        text: String,
        files: Vec<(String, Vec<u8>)>,
    },
    /// A message with one file attached, which its embeds may show (`attachment://NAME`).
    /// One file only: serenity names every part `files[0]` when the request is built by hand.
    Attached {
        message: CreateInteractionResponseMessage,
        name: String,
        bytes: Vec<u8>,
    },
}

/// Everything a command (or a component) can fail with. The user sees one friendly private
/// notice for any of them ([`failed`]); the log gets the details.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The export could not be encoded as JSON (nothing to do with the disk).
    #[error("could not encode the export as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// One slash command: its name, its typed options, and what it does.
///
/// The description Discord shows is the sentence `discord.commands.NAME` in prompts/messages.toml,
/// and an option's is `discord.commands.NAME_OPTION`; [`message_keys`] lists them for `check`.
pub(crate) trait SlashCommand: Sized {
    /// The name Discord shows after the slash.
    const NAME: &'static str;
    /// True for a command answered "thinking…" first: it reads the whole history, which may take
    /// longer than the 3 s Discord gives the first answer.
    const DEFERRED: bool = false;
    /// Its options for registration, described by `describe(option)` (the sentence
    /// `discord.commands.NAME_OPTION`). The options are named here alone: the sentence keys `check`
    /// asks for are read from what this asks `describe` for.
    fn options(_describe: &dyn Fn(&str) -> String) -> Vec<CreateCommandOption> {
        Vec::new()
    }
    /// The command with its options read from what Discord sent (an option left out takes its
    /// default).
    fn parse(options: &[ResolvedOption<'_>]) -> Self;
    /// Runs it for the Discord user `at.owner`, where `at` says.
    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError>;
}

/// Who ran a command, and where: what works there depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Invocation {
    pub owner: DiscordUserId,
    pub place: Where,
    /// The largest file Discord takes in a reply here (`attachment_size_limit`; a boosted server
    /// takes more than the 10 MiB of any other).
    pub attachment_max: usize,
}

/// Where a command ran, as the interaction's `context` and `authorizing_integration_owners` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Where {
    /// A server the bot is a member of: chat by mention works too.
    Server,
    /// The bot's DMs.
    BotDm,
    /// Installed by the owner for themselves, in a server the bot is not in, or a group DM or
    /// another user's DM: it answers commands and buttons there, but cannot read the channel.
    OnlyCommands,
}

impl Invocation {
    /// For `owner` in the bot's DMs with Discord's default limit (tests, and the buttons, which
    /// carry no limit of their own to the commands they run).
    pub(crate) fn dm(owner: DiscordUserId) -> Invocation {
        Invocation {
            owner,
            place: Where::BotDm,
            attachment_max: export::ATTACHMENT_MAX,
        }
    }
}

/// `message` with a line on what works where it ran, where that is not everything: in a place
/// the bot reaches only through the owner's own install it cannot read the channel, so there is
/// no chat by mention there.
pub(crate) fn where_note(
    data: &Data,
    at: &Invocation,
    message: CreateInteractionResponseMessage,
) -> CreateInteractionResponseMessage {
    match at.place {
        Where::Server | Where::BotDm => message,
        Where::OnlyCommands => message.add_embed(
            CreateEmbed::new()
                .description(render::fit(
                    data.content.messages.get("discord.card.only_commands_here"),
                    render::DESCRIPTION_MAX,
                ))
                .colour(render::COLOUR),
        ),
    }
}

/// The boolean option `name`, false when left out.
pub(crate) fn flag(options: &[ResolvedOption<'_>], name: &str) -> bool {
    options
        .iter()
        .any(|o| o.name == name && matches!(o.value, ResolvedValue::Boolean(true)))
}

/// The string option `name`, if given.
pub(crate) fn string<'a>(options: &'a [ResolvedOption<'_>], name: &str) -> Option<&'a str> {
    options.iter().find_map(|o| match o.value {
        ResolvedValue::String(value) if o.name == name => Some(value),
        _ => None,
    })
}

/// The sentence key of a command's description, or of one of its options.
fn description_key(command: &str, option: Option<&str>) -> String {
    match option {
        Some(option) => format!("discord.commands.{command}_{option}"),
        None => format!("discord.commands.{command}"),
    }
}

/// The sentence keys of `C`'s options (and their choices), as its `options` asks for them.
fn option_keys<C: SlashCommand>() -> Vec<String> {
    let asked = std::cell::RefCell::new(Vec::new());
    C::options(&|option: &str| {
        asked.borrow_mut().push(description_key(C::NAME, Some(option)));
        String::new()
    });
    asked.into_inner()
}

fn describe<C: SlashCommand>(m: &Messages) -> CreateCommand {
    let option = |option: &str| render::fit(m.get(&description_key(C::NAME, Some(option))), 100);
    // Installable by a server and by an owner for themselves; usable in a server, in the bot's
    // DMs and in other private channels (a user install).
    let command = CreateCommand::new(C::NAME)
        .description(render::fit(m.get(&description_key(C::NAME, None)), 100))
        .integration_types(vec![InstallationContext::Guild, InstallationContext::User])
        .contexts(vec![
            InteractionContext::Guild,
            InteractionContext::BotDm,
            InteractionContext::PrivateChannel,
        ]);
    C::options(&option)
        .into_iter()
        .fold(command, |command, option| command.add_option(option))
}

/// Lists every slash command once; everything about the set of commands derives from here.
macro_rules! slash_commands {
    ($($variant:ident($file:ident::$command:ident)),+ $(,)?) => {
        /// A slash command with its typed options.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub(crate) enum Command {
            $($variant($file::$command)),+
        }

        /// Every slash command's name, in the order Discord lists them.
        pub const NAMES: &[&str] = &[$(<$file::$command as SlashCommand>::NAME),+];

        /// The sentence keys the commands are described with, for `check`.
        pub(crate) fn message_keys() -> Vec<String> {
            let mut keys = Vec::new();
            $(
                keys.push(description_key(<$file::$command as SlashCommand>::NAME, None));
                keys.extend(option_keys::<$file::$command>());
            )+
            keys
        }

        impl Command {
            /// Every command as Discord registers it, in prompts/' words.
            pub(crate) fn register(m: &Messages) -> Vec<CreateCommand> {
                vec![$(describe::<$file::$command>(m)),+]
            }

            /// The command Discord named, with its options read; None for a name this bot never
            /// registered (one left over from an older version, say).
            pub(crate) fn parse(name: &str, options: &[ResolvedOption<'_>]) -> Option<Command> {
                $(
                    if name == <$file::$command as SlashCommand>::NAME {
                        return Some(Command::$variant(<$file::$command as SlashCommand>::parse(options)));
                    }
                )+
                None
            }

            pub(crate) fn name(&self) -> &'static str {
                match self {
                    $(Command::$variant(_) => <$file::$command as SlashCommand>::NAME),+
                }
            }

            /// See [`SlashCommand::DEFERRED`].
            pub(crate) fn deferred(&self) -> bool {
                match self {
                    $(Command::$variant(_) => <$file::$command as SlashCommand>::DEFERRED),+
                }
            }

            async fn dispatch(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
                match self {
                    $(Command::$variant(command) => command.run(data, at).await),+
                }
            }
        }
    };
}

slash_commands! {
    Assess(assess::Assess),
    Answers(answers::Answers),
    Advice(advice::Advice),
    Checklist(checklist::Checklist),
    History(history::History),
    Brief(brief::Brief),
    Export(export::Export),
    Checkins(checkins::Checkins),
    Progress(progress::ProgressCommand),
    Forget(forget::Forget),
    Help(help::Help),
    Privacy(privacy::Privacy),
}

impl Command {
    /// Runs the command for `owner`; a failure becomes the friendly private notice.
    pub(crate) async fn run(self, data: &Data, at: &Invocation) -> Reply {
        match self.dispatch(data, at).await {
            Ok(reply) => reply,
            Err(err) => Reply::Message(failed(data, err)),
        }
    }
}

/// The one place an error becomes what the user sees: a friendly private notice. The details go
/// to the log, not to the user.
pub(crate) fn failed(data: &Data, err: impl Into<CommandError>) -> CreateInteractionResponseMessage {
    let err = err.into();
    tracing::error!(error = %err, "error while answering an interaction");
    render::notice(data.content.messages.get("discord.error"))
}

/// The message for what an input led to: the question (with any note), or the advice.
pub fn screen(data: &Data, owner: DiscordUserId, applied: &Applied) -> CreateInteractionResponseMessage {
    screen_typed(data, owner, applied, None)
}

/// [`screen`], for an input the owner `typed`: an answer that could not be read quotes it.
pub(crate) fn screen_typed(
    data: &Data,
    owner: DiscordUserId,
    applied: &Applied,
    typed: Option<&str>,
) -> CreateInteractionResponseMessage {
    let content = &data.content;
    let turn = &applied.turn;
    let echo = echo(content, applied);
    // The echo, then the turn's own note, each on its own line.
    let with_echo = |note: Option<String>| match (&echo, note) {
        (Some(echo), Some(note)) => Some(format!("{echo}\n{note}")),
        (Some(echo), None) => Some(echo.clone()),
        (None, note) => note,
    };
    match &turn.screen {
        Screen::Ask(ask) => {
            let note = with_echo(render::note_text(content, ask, None, turn.note));
            let offer = crate::view::offer::FinishOffer::of(content, turn);
            render::question_offering(content, owner, ask, note.as_deref(), offer.as_ref())
        }
        Screen::Reask { ask, problem } => {
            let note = render::note_text(content, ask, Some(problem), None);
            let note = match (typed.filter(|t| !t.trim().is_empty()), note) {
                (Some(typed), Some(note)) => Some(format!("{}\n{note}", you_wrote(content, typed))),
                (_, note) => note,
            };
            render::question(content, owner, ask, note.as_deref())
        }
        Screen::Confirm { ask, reading, doubt } => {
            let message = render::confirm(content, owner, ask, reading, *doubt);
            // "Did you mean 20 hours a week?" under the words it was read from.
            match turn.interview.pending.as_ref() {
                Some(pending) => message.content(render::fit(&you_wrote(content, &pending.raw), render::CONTENT_MAX)),
                None => message,
            }
        }
        Screen::Review(lines) => answers::screen(content, owner, lines, 0),
        Screen::Done => {
            let note = if applied.advice.is_some() {
                content.messages.get("chat.finished").to_owned()
            } else {
                text::all_done(content, &turn.interview, "discord")
            };
            // The advice card, with the check-in offer under advice that pays someone.
            let card = match applied.end_advice(content) {
                Some(advice) => advice::card(data, owner, &advice, Section::Summary, advice::Below::CheckinOffer),
                None => render::private().embeds(Vec::new()).components(Vec::new()),
            };
            let note = with_echo(Some(note)).unwrap_or_default();
            card.content(render::fit(&note, render::CONTENT_MAX))
        }
    }
}

/// "You wrote: “part time”", the owner's words escaped.
fn you_wrote(content: &crate::advisor::Content, typed: &str) -> String {
    content.messages.fill(
        "discord.card.you_wrote",
        &[("typed", &render::escape(&render::fit(typed.trim(), 200)))],
    )
}

/// "✓ Budget: $1,500 a month": what this input stored, as read, after every answer (a typed
/// answer's words escaped); None when it answered nothing.
fn echo(content: &crate::advisor::Content, applied: &Applied) -> Option<String> {
    let turn = &applied.turn;
    let id = turn.answered.as_ref()?;
    let answer = turn.interview.answers.get(id)?;
    let question = content.question(id);
    let shown = view::spans::read_as(content, question, &answer.reading);
    let name = view::spans::Words::said(question.map_or(id.as_str(), |q| q.short.as_str()));
    Some(
        view::spans::Words::fill(
            content.messages.get("discord.card.echo"),
            &[("question", &name), ("answer", &shown)],
        )
        .layout(render::escape),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_to_its_own_command_and_no_other_name_does() {
        let mut seen = std::collections::BTreeSet::new();
        for name in NAMES {
            assert!(seen.insert(name), "`{name}` is listed twice");
            let command = Command::parse(name, &[]).expect(name);
            assert_eq!(command.name(), *name);
        }
        assert_eq!(Command::parse("unknown", &[]), None);
        assert_eq!(Command::parse("Assess", &[]), None, "names are matched exactly");
    }

    #[test]
    fn options_left_out_take_their_defaults_and_only_history_and_export_are_deferred() {
        assert_eq!(
            Command::parse("advice", &[]),
            Some(Command::Advice(advice::Advice { share: false }))
        );
        assert_eq!(
            Command::parse("export", &[]),
            Some(Command::Export(export::Export {
                format: export::Format::Json
            }))
        );
        let deferred: Vec<&str> = NAMES
            .iter()
            .filter(|n| Command::parse(n, &[]).is_some_and(|c| c.deferred()))
            .copied()
            .collect();
        assert_eq!(deferred, ["history", "export"]);
    }

    #[test]
    fn each_command_and_option_is_described_by_its_own_sentence() {
        let keys = message_keys();
        assert!(keys.contains(&"discord.commands.assess".to_owned()));
        assert!(keys.contains(&"discord.commands.advice_share".to_owned()));
        assert!(keys.contains(&"discord.commands.export_format".to_owned()));
        assert!(keys.contains(&"discord.commands.brief_questions".to_owned()));
        // advice's share, export's format, brief's questions, and checkins' set with its three choices.
        assert!(keys.contains(&"discord.commands.checkins_two_weeks".to_owned()));
        assert_eq!(keys.len(), NAMES.len() + 7);
    }
}
