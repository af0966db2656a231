//! `/assess`: start the interview, or resume it at the question it stands at. The first time, a
//! welcome card says what the owner will get, about how long it takes and how private it is,
//! with a *Start* button.

use serenity::all::{ButtonStyle, CreateActionRow, CreateEmbed, CreateInteractionResponseMessage, ResolvedOption};

use super::{screen, CommandError, Invocation, Reply, SlashCommand};
use crate::advisor::interview::{step, Input, Interview, Screen};
use crate::advisor::Content;
use crate::discord::custom_id::Action;
use crate::discord::render::{self, fit, COLOUR, DESCRIPTION_MAX, TITLE_MAX};
use crate::discord::Data;
use crate::discord::DiscordUserId;
use crate::store::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assess;

impl SlashCommand for Assess {
    const NAME: &'static str = "assess";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Assess
    }

    /// A check-in that could not be sent for closed DMs is told here too (see `/progress`).
    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        let user = UserId::discord(owner);
        let notice = super::progress::dms_closed_notice(data, &user).await?;
        // One read, as before the welcome: starting an interview nobody has answered or skipped
        // anything in stores nothing, and is the first run.
        let applied = data.session().apply(&user, Input::Start, None).await?;
        let fresh = &applied.turn.interview;
        let message = if !applied.turn.changed && fresh.answers.is_empty() && fresh.skipped.is_empty() {
            welcome(data, owner)
        } else {
            screen(data, owner, &applied)
        };
        let message = super::where_note(data, at, message);
        Ok(Reply::Message(match notice {
            Some(notice) => message.add_embed(notice),
            None => message,
        }))
    }
}

/// About how many questions a new interview asks, and about how many minutes that takes.
pub(crate) fn length(content: &Content) -> (usize, usize) {
    // The interview's own "of about N" for its first question, so the welcome and the question
    // say the same number.
    let questions = match step(content, None, Input::Start, None, 0).screen {
        Screen::Ask(ask) => ask.total,
        _ => Interview::default().applicable(content).len(),
    };
    // About twenty seconds a question, by clicks or a short sentence.
    (questions, questions.div_ceil(3).max(1))
}

/// The welcome card of a first `/assess`: what the owner gets, how long, privacy, *Start*.
pub(crate) fn welcome(data: &Data, owner: DiscordUserId) -> CreateInteractionResponseMessage {
    let m = &data.content.messages;
    let (questions, minutes) = *data.length.get_or_init(|| length(&data.content));
    let text = m.fill(
        "discord.card.welcome",
        &[("questions", &questions.to_string()), ("minutes", &minutes.to_string())],
    );
    let embed = CreateEmbed::new()
        .title(fit(m.get("discord.card.welcome_title"), TITLE_MAX))
        .description(fit(&data.mention_commands(&text), DESCRIPTION_MAX))
        .colour(COLOUR);
    render::private()
        .embed(embed)
        .components(vec![CreateActionRow::Buttons(vec![render::button(
            owner,
            Action::Resume,
            m.get("discord.card.start"),
            ButtonStyle::Primary,
        )])])
}
