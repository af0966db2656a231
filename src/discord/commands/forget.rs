//! `/forget`: a confirm button; the deleting happens when it is pressed (see `components`).

use crate::advisor::content::Messages;
use crate::discord::custom_id::Action;
use crate::discord::render::{button, notice};
use serenity::all::ResolvedOption;
use serenity::all::{ButtonStyle, CreateActionRow, CreateInteractionResponseMessage};

use super::{CommandError, Invocation, Reply, SlashCommand};
use crate::discord::Data;
use crate::discord::DiscordUserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forget;

impl SlashCommand for Forget {
    const NAME: &'static str = "forget";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Forget
    }

    async fn run(self, data: &Data, at: &Invocation) -> Result<Reply, CommandError> {
        let owner = at.owner;
        Ok(Reply::Message(confirm_screen(&data.content.messages, owner)))
    }
}

/// /forget's confirmation.
pub(crate) fn confirm_screen(messages: &Messages, owner: DiscordUserId) -> CreateInteractionResponseMessage {
    notice(messages.get("discord.forget_confirm")).components(vec![CreateActionRow::Buttons(vec![
        button(
            owner,
            Action::ForgetConfirm,
            messages.get("discord.forget_yes"),
            ButtonStyle::Danger,
        ),
        button(
            owner,
            Action::ForgetCancel,
            messages.get("discord.forget_no"),
            ButtonStyle::Secondary,
        ),
    ])])
}
