//! `/forget`: a confirm button; the deleting happens when it is pressed (see `components`).

use serenity::all::ResolvedOption;

use super::{CommandError, Reply, SlashCommand};
use crate::discord::DiscordUserId;
use crate::discord::{render, Data};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Forget;

impl SlashCommand for Forget {
    const NAME: &'static str = "forget";

    fn parse(_: &[ResolvedOption<'_>]) -> Self {
        Forget
    }

    async fn run(self, data: &Data, owner: DiscordUserId) -> Result<Reply, CommandError> {
        Ok(Reply::Message(render::forget_confirm(&data.content.messages, owner)))
    }
}
